"""Feature engineering for the book's best model: deskewing and shifted copies.

* :func:`deskew` straightens each digit by its second moments: the centre of mass and
  the covariance of the ink give a slant ``alpha = cov(row, col) / var(row)``, and an
  affine shear that removes the slant (and moves the centre of mass to the middle of
  the image) is applied with bilinear interpolation, all images at once.
* :class:`Deskew` wraps :func:`deskew` as a scikit-learn transformer, so it can be the
  first step of a :class:`~sklearn.pipeline.Pipeline` and one ``fit_cached`` call covers
  deskewing, scaling, PCA and the model.
* :func:`shift_images` and :func:`augment_shifted` make shifted copies of training
  images (data augmentation).
* :func:`deskew_alpha` returns the slant of each image (what :func:`deskew` removes).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler
from sklearn.utils.validation import check_is_fitted

from .data import RANDOM_STATE

__all__ = [
    "BEST_PARAMS",
    "Deskew",
    "augment_shifted",
    "deskew",
    "deskew_alpha",
    "make_best_pipeline",
    "make_deskew_lr",
    "shift_images",
]

_CHUNK = 1000


def _as_stack(images: Any, name: str = "images") -> tuple[np.ndarray, bool]:
    """Images as float64 array (n, side, side); second value: input was flat (n, side**2)."""
    if isinstance(images, pd.DataFrame):
        images = images.to_numpy()
    try:
        arr = np.asarray(images, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be numeric, got {type(images).__name__}") from exc
    if arr.ndim == 2:
        side = round(float(np.sqrt(arr.shape[1])))
        if side * side != arr.shape[1] or side == 0:
            raise ValueError(
                f"{name} of shape {arr.shape} is not a stack of square images: "
                "expected (n_samples, side*side) or (n_samples, side, side)"
            )
        return arr.reshape(arr.shape[0], side, side), True
    if arr.ndim == 3 and arr.shape[1] == arr.shape[2]:
        return arr, False
    raise ValueError(
        f"{name} must have shape (n_samples, side*side) or (n_samples, side, side), got {arr.shape}"
    )


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
    stack, _ = _as_stack(images)
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
    stack, flat = _as_stack(images)
    n, h, w = stack.shape
    # in chunks: small temporaries stay in cache and are reused (much faster on 70,000)
    out = np.empty_like(stack)
    for start in range(0, n, _CHUNK):
        out[start : start + _CHUNK] = _deskew_stack(stack[start : start + _CHUNK], center)
    return out.reshape(n, h * w) if flat else out


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
    for name, value in (("dx", dx), ("dy", dy)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    stack, flat = _as_stack(images)
    n, h, w = stack.shape
    out = np.zeros_like(stack)
    if abs(dx) < w and abs(dy) < h:
        out[:, max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = stack[
            :, max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return out.reshape(n, h * w) if flat else out


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
    stack, flat = _as_stack(X, "X")
    y_arr = np.asarray(y)
    if y_arr.shape != (stack.shape[0],):
        raise ValueError(f"y must have shape ({stack.shape[0]},), got {y_arr.shape}")
    parts = [stack] + [shift_images(stack, int(dx), int(dy)) for dx, dy in shifts]
    X_aug = np.concatenate(parts)
    if flat:
        X_aug = X_aug.reshape(X_aug.shape[0], -1)
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
        stack, _ = _as_stack(X, "X")
        self.n_features_in_ = stack.shape[1] * stack.shape[2]
        return self

    def transform(self, X: Any) -> np.ndarray:
        check_is_fitted(self)
        stack, _ = _as_stack(X, "X")
        if stack.shape[1] * stack.shape[2] != self.n_features_in_:
            raise ValueError(
                f"X has {stack.shape[1] * stack.shape[2]} features, "
                f"Deskew was fitted with {self.n_features_in_}"
            )
        return deskew(stack, center=self.center).reshape(stack.shape[0], -1)


def make_deskew_lr(
    n_components: int | None = None,
    *,
    degree: int = 1,
    standardize: bool = False,
    center: bool = True,
    **lr_params: Any,
) -> Pipeline:
    """Deskew -> MinMaxScaler (-> PCA) (-> PolynomialFeatures) (-> StandardScaler) -> LR.

    Step names are ``deskew``, ``scaler``, ``pca``, ``poly``, ``standardize``, ``logreg``
    (absent steps are left out), so equal calls give equal fit-cache keys.

    Parameters
    ----------
    n_components : int, optional
        PCA components (``None``: no PCA).
    degree : int, default 1
        Degree of the polynomial features (1: none).
    standardize : bool, default False
        Standardise the (polynomial) features before the model.
    center : bool, default True
        Passed to :class:`Deskew`.
    **lr_params
        Passed to :class:`~sklearn.linear_model.LogisticRegression`.

    Examples
    --------
    >>> list(make_deskew_lr().named_steps)
    ['deskew', 'scaler', 'logreg']
    >>> list(make_deskew_lr(40, degree=2, standardize=True, C=0.01).named_steps)
    ['deskew', 'scaler', 'pca', 'poly', 'standardize', 'logreg']
    """
    if isinstance(degree, bool) or not isinstance(degree, (int, np.integer)) or degree < 1:
        raise ValueError(f"degree must be a positive integer, got {degree!r}")
    steps: list[tuple[str, Any]] = [("deskew", Deskew(center)), ("scaler", MinMaxScaler())]
    if n_components is not None:
        if (
            isinstance(n_components, bool)
            or not isinstance(n_components, (int, np.integer))
            or n_components < 1
        ):
            raise ValueError(f"n_components must be a positive integer, got {n_components!r}")
        steps.append(("pca", PCA(n_components=int(n_components), random_state=RANDOM_STATE)))
    if degree > 1:
        steps.append(("poly", PolynomialFeatures(degree=int(degree), include_bias=False)))
    if standardize:
        steps.append(("standardize", StandardScaler()))
    steps.append(("logreg", LogisticRegression(**lr_params)))
    return Pipeline(steps)


#: The book's best pipeline's parameters (chosen on a validation split of X_train).
BEST_PARAMS: dict[str, Any] = {"n_components": 60, "degree": 2, "C": 0.1, "max_iter": 1000}


def make_best_pipeline() -> Pipeline:
    """The book's best logistic-regression pipeline (see chapter 11 and ``BEST_PARAMS``).

    Examples
    --------
    >>> list(make_best_pipeline().named_steps)
    ['deskew', 'scaler', 'pca', 'poly', 'logreg']
    """
    return make_deskew_lr(**BEST_PARAMS)
