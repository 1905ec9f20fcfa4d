"""Feature transformers: deskewing and shifted copies of the images (chapter 11).

* :func:`deskew` straightens each digit by its second moments: the centre of mass and
  the covariance of the ink give a slant ``alpha = cov(row, col) / var(row)``, and an
  affine shear that removes the slant (and moves the centre of mass to the middle of
  the image) is applied with bilinear interpolation, all images at once.
* :class:`Deskew` wraps :func:`deskew` as a scikit-learn transformer, so it can be the
  first step of a :class:`~sklearn.pipeline.Pipeline` (see the model catalogue,
  :mod:`mnist_tutorial.models`) and one cached fit covers deskewing, scaling, PCA and
  the model.
* :func:`shift_images` and :func:`augment_shifted` make shifted copies of training
  images (data augmentation).
* :func:`deskew_alpha` returns the slant of each image (what :func:`deskew` removes).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ._validation import check_aligned, check_bool, check_images, check_int, check_labels

__all__ = ["Deskew", "augment_shifted", "deskew", "deskew_alpha", "shift_images"]

_CHUNK = 1000


def _moments(stack: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Centre of mass (rows, cols), var(row) and cov(row, col) of each image's ink."""
    _, h, w = stack.shape
    rows = np.arange(h, dtype=np.float64)
    cols = np.arange(w, dtype=np.float64)
    total = stack.sum(axis=(1, 2))
    safe = np.where(total > 0, total, 1.0)
    row_mass = stack.sum(axis=2)  # (n, h)
    col_mass = stack.sum(axis=1)  # (n, w)
    r0 = row_mass @ rows / safe
    c0 = col_mass @ cols / safe
    dr = rows[None, :] - r0[:, None]  # (n, h)
    dc = cols[None, :] - c0[:, None]  # (n, w)
    var_r = np.einsum("nh,nh->n", dr**2, row_mass) / safe
    cov_rc = np.einsum("nh,nhw,nw->n", dr, stack, dc) / safe
    # blank images: centre them, no shear
    r0 = np.where(total > 0, r0, (h - 1) / 2)
    c0 = np.where(total > 0, c0, (w - 1) / 2)
    return r0, c0, var_r, cov_rc


def deskew_alpha(images: Any) -> np.ndarray:
    """Slant of each image: ``cov(row, col) / var(row)`` of its ink.

    Parameters
    ----------
    images : array_like of shape (n_samples, 784) or (n_samples, 28, 28)
        Non-negative pixel intensities (any square side works).

    Returns
    -------
    alpha : ndarray of shape (n_samples,)
        Columns of horizontal shift per row: positive when the digit leans so that
        lower rows sit further right (a ``/``-leaning stroke has negative alpha).
        0 for blank images or images with all ink in one row.

    Examples
    --------
    >>> img = np.zeros((1, 5, 5)); img[0, [0, 1, 2, 3, 4], [0, 1, 2, 3, 4]] = 1.0
    >>> deskew_alpha(img).round(3).tolist()
    [1.0]
    """
    stack, _ = check_images(images)
    _, _, var_r, cov_rc = _moments(stack)
    return np.where(var_r > 1e-12, cov_rc / np.where(var_r > 1e-12, var_r, 1.0), 0.0)


def deskew(images: Any, *, center: bool = True) -> np.ndarray:
    """Straighten each image by its second moments (shear away the slant, centre the ink).

    For each image the centre of mass ``(r0, c0)`` and the slant ``alpha`` of
    :func:`deskew_alpha` give the affine map from an output pixel ``(r, c)`` to the input
    position ``(r + r0 - m, c + c0 - m + alpha * (r - m))`` with ``m`` the middle of the
    image; the output is read from there with bilinear interpolation (zero outside).
    With ``center=False`` the shear is about the centre-of-mass row and the ink stays
    where it was (so a shifted image stays shifted).

    Parameters
    ----------
    images : array_like of shape (n_samples, 784) or (n_samples, 28, 28)
        Pixel intensities; a DataFrame is accepted.
    center : bool, default True
        Also move each image's centre of mass to the middle of the image.

    Returns
    -------
    ndarray of float64, same shape as ``images``
        Deskewed images (flat if the input was flat).

    Examples
    --------
    >>> img = np.zeros((1, 7, 7)); img[0, np.arange(1, 6), np.arange(1, 6)] = 1.0
    >>> straight = deskew(img)
    >>> float(deskew_alpha(straight)[0]) == 0.0
    True
    >>> bool(np.isclose(straight.sum(), img.sum()))
    True
    """
    stack, _ = check_images(images)
    center = check_bool(center, "center")
    n = stack.shape[0]
    # in chunks: small temporaries stay in cache and are reused (much faster on 70,000)
    out = np.empty_like(stack)
    for start in range(0, n, _CHUNK):
        out[start : start + _CHUNK] = _deskew_stack(stack[start : start + _CHUNK], center)
    return out.reshape(np.shape(images))


def _deskew_stack(stack: np.ndarray, center: bool = True) -> np.ndarray:
    """Deskew images of shape (n, h, w): each output pixel (r, c) reads its input position."""
    _, h, w = stack.shape
    r0, c0, var_r, cov_rc = _moments(stack)
    alpha = np.where(var_r > 1e-12, cov_rc / np.where(var_r > 1e-12, var_r, 1.0), 0.0)
    mr, mc = (h - 1) / 2, (w - 1) / 2
    rr, cc = np.meshgrid(
        np.arange(h, dtype=np.float64), np.arange(w, dtype=np.float64), indexing="ij"
    )
    if center:  # read from around the centre of mass: the output is centred
        src_r = rr[None] + (r0 - mr)[:, None, None]
        src_c = cc[None] + (c0 - mc)[:, None, None] + alpha[:, None, None] * (rr[None] - mr)
    else:  # shear about the centre-of-mass row only
        src_r = np.broadcast_to(rr, (len(stack), h, w))
        src_c = cc[None] + alpha[:, None, None] * (rr[None] - r0[:, None, None])
    return _bilinear(stack, src_r, src_c)


def _bilinear(stack: np.ndarray, src_r: np.ndarray, src_c: np.ndarray) -> np.ndarray:
    """Sample each image of ``stack`` at (src_r, src_c), bilinear, zero outside."""
    n, h, w = stack.shape
    padded = np.zeros((n, h + 2, w + 2))
    padded[:, 1:-1, 1:-1] = stack
    # shift by one for the zero border, clip far-away points onto the border
    pr = np.clip(src_r + 1, 0, h + 1)
    pc = np.clip(src_c + 1, 0, w + 1)
    r_lo = np.clip(np.floor(pr).astype(np.intp), 0, h)
    c_lo = np.clip(np.floor(pc).astype(np.intp), 0, w)
    fr = pr - r_lo
    fc = pc - c_lo
    base = r_lo * (w + 2) + c_lo + (np.arange(n) * (h + 2) * (w + 2))[:, None, None]
    flat = padded.ravel()
    top = flat[base] * (1 - fc) + flat[base + 1] * fc
    bottom = flat[base + w + 2] * (1 - fc) + flat[base + w + 3] * fc
    return top * (1 - fr) + bottom * fr


def shift_images(images: Any, dx: int, dy: int) -> np.ndarray:
    """Shift every image by whole pixels, filling with zeros.

    Parameters
    ----------
    images : array_like of shape (n_samples, 784) or (n_samples, 28, 28)
    dx : int
        Columns to move right (negative: left).
    dy : int
        Rows to move down (negative: up).

    Returns
    -------
    ndarray of float64, same shape as ``images``

    Examples
    --------
    >>> img = np.zeros((1, 3, 3)); img[0, 1, 1] = 1.0
    >>> shift_images(img, 1, -1)[0].tolist()
    [[0.0, 0.0, 1.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    """
    dx = check_int(dx, "dx", min_value=None)
    dy = check_int(dy, "dy", min_value=None)
    stack, _ = check_images(images)
    _, h, w = stack.shape
    out = np.zeros_like(stack)
    if abs(dx) < w and abs(dy) < h:
        out[:, max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = stack[
            :, max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return out.reshape(np.shape(images))


def augment_shifted(
    X: Any, y: Any, shifts: tuple[tuple[int, int], ...] = ((1, 0), (-1, 0), (0, 1), (0, -1))
) -> tuple[np.ndarray, np.ndarray]:
    """The images plus one shifted copy of each per ``(dx, dy)`` in ``shifts``.

    Parameters
    ----------
    X : array_like of shape (n_samples, 784) or (n_samples, 28, 28)
    y : array_like of shape (n_samples,)
    shifts : sequence of (dx, dy) pairs
        One copy of the whole set per pair (see :func:`shift_images`).

    Returns
    -------
    X_aug : ndarray of shape (n_samples * (1 + len(shifts)), ...) like ``X``
        The originals first, then each shifted copy in the order of ``shifts``.
    y_aug : ndarray of shape (n_samples * (1 + len(shifts)),)

    Examples
    --------
    >>> X_aug, y_aug = augment_shifted(np.ones((2, 4)), [0, 1], shifts=((1, 0),))
    >>> X_aug.shape, y_aug.tolist()
    ((4, 4), [0, 1, 0, 1])
    """
    check_aligned(X, y, names=("X", "y"))
    stack, flat = check_images(X, "X", rows=True)
    y_arr = check_labels(y, "y")
    if y_arr.shape != (stack.shape[0],):
        raise ValueError(f"y must have shape ({stack.shape[0]},), got {y_arr.shape}")
    pairs = []
    for i, pair in enumerate(shifts):
        if np.shape(pair) != (2,):
            raise ValueError(f"shifts[{i}] must be a (dx, dy) pair, got {pair!r}")
        dx = check_int(pair[0], f"shifts[{i}][0] (dx)", min_value=None)
        pairs.append((dx, check_int(pair[1], f"shifts[{i}][1] (dy)", min_value=None)))
    parts = [stack] + [shift_images(stack, dx, dy) for dx, dy in pairs]
    X_aug = np.concatenate(parts)
    if flat:
        X_aug = X_aug.reshape(X_aug.shape[0], stack.shape[1] * stack.shape[2])
    return X_aug, np.concatenate([y_arr] * len(parts))


class Deskew(TransformerMixin, BaseEstimator):
    """Pipeline step that deskews flattened images (see :func:`deskew`).

    Stateless: ``fit`` learns nothing but the number of features; ``transform`` returns
    an ndarray of shape (n_samples, n_features).

    Parameters
    ----------
    center : bool, default True
        Also centre each image's ink (see :func:`deskew`).

    Examples
    --------
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import MinMaxScaler
    >>> X = np.random.default_rng(0).random((5, 784))
    >>> make_pipeline(Deskew(), MinMaxScaler()).fit_transform(X).shape
    (5, 784)
    """

    def __init__(self, center: bool = True) -> None:
        self.center = center

    def fit(self, X: Any, y: Any = None) -> Deskew:
        check_bool(self.center, "center")
        stack, _ = check_images(X, "X", rows=True)
        self.n_features_in_ = stack.shape[1] * stack.shape[2]
        return self

    def transform(self, X: Any) -> np.ndarray:
        check_is_fitted(self)
        stack, _ = check_images(X, "X", rows=True)
        if stack.shape[1] * stack.shape[2] != self.n_features_in_:
            raise ValueError(
                f"X has {stack.shape[1] * stack.shape[2]} features, "
                f"Deskew was fitted with {self.n_features_in_}"
            )
        return deskew(stack, center=self.center).reshape(stack.shape[0], -1)
