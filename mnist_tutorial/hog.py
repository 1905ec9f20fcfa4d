"""Histograms of oriented gradients (HOG) for a whole stack of digit images at once.

HOG (Dalal & Triggs, 2005) describes an image by the *directions* of its edges rather than
by its pixels:

1. **Gradients.** For every pixel the change of intensity down (``g_row``) and across
   (``g_col``) the image, by central differences ``I[r+1] - I[r-1]`` within each image
   (the same as correlating every image with the kernel ``[-1, 0, 1]``: a (1, 3)/(3, 1)
   per-image kernel, never one that mixes neighbouring images of the stack). Border
   pixels get gradient 0.
2. **Orientation bins.** Each pixel's gradient has a length ``hypot(g_row, g_col)`` and an
   *unsigned* direction in [0°, 180°) (a dark-to-light and a light-to-dark edge of the same
   stroke count alike); the direction falls into one of ``n_bins`` equal bins. With
   ``soft_bins=True`` each pixel's vote is instead split between the two bins whose
   centres are nearest its direction, in proportion to closeness (Dalal & Triggs'
   interpolation in orientation), so a stroke at 19° and one at 21° vote almost alike.
3. **Cells.** The image is cut into square cells of ``cell_size`` pixels; each cell gets a
   histogram: per bin, the mean gradient length of its pixels whose direction is in that
   bin. Several cell sizes can be stacked (fine and coarse views of the same digit).
4. **Block normalisation.** Overlapping blocks of ``block_size`` x ``block_size`` cells are
   normalised together (default ``"L1-sqrt"``: divide by the block's total plus ``eps``,
   then take the square root), so a faint digit and a bold one give similar features.
   scikit-image's ``eps=1e-5`` only avoids dividing by zero; a larger ``eps`` (in the
   histogram's units, mean gradient length per pixel) keeps a block with a few weak
   gradients weak, instead of blowing its noise up to the size of a real stroke.

:class:`Hog` does this with NumPy on all images at once and matches
``skimage.feature.hog`` (same cell layout, ``cells_per_block``, ``block_norm``) to
floating-point precision (with the default hard bins); see ``tests/test_hog.py``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import PolynomialFeatures
from sklearn.utils.validation import check_is_fitted

from ._validation import (
    MAX_ABS,
    check_bool,
    check_float,
    check_int,
    check_numeric,
    check_option,
)
from .features import Deskew

__all__ = ["HOG_PARAMS", "Hog", "hog_cells", "hog_features", "make_hog_pipeline"]

_NORMS = ("L1", "L1-sqrt", "L2", "L2-Hys")
_EPS = 1e-5  # as skimage.feature.hog
_CHUNK = 500  # images per chunk: temporaries stay small (a few MB at 28x28)


def _check_stack(images: Any, name: str = "X") -> np.ndarray:
    """Images as a float64 array of shape (n, side, side), validated.

    Accepts (n, side * side) (flattened, as the book's ``X``), (n, side, side) or a
    DataFrame of flattened images. NaN, infinite and huge values are refused (see
    ``_validation.check_numeric``), so every feature is finite.
    """
    if images is None or isinstance(images, (str, bytes)):
        raise TypeError(f"{name} must be an array of images, got {type(images).__name__}")
    arr = check_numeric(images, name)
    if arr.ndim == 2:
        side = math.isqrt(arr.shape[1])
        if side == 0 or side * side != arr.shape[1]:
            raise ValueError(
                f"{name} of shape {arr.shape} is not a stack of square images: expected "
                "(n_samples, side*side) or (n_samples, side, side)"
            )
        arr = arr.reshape(arr.shape[0], side, side)
    elif arr.ndim != 3 or arr.shape[1] != arr.shape[2]:
        raise ValueError(
            f"{name} must have shape (n_samples, side*side) or (n_samples, side, side), "
            f"got {arr.shape}"
        )
    if arr.shape[0] == 0:
        raise ValueError(f"{name} has no images (shape {arr.shape})")
    return arr


def _check_int(value: Any, name: str, minimum: int) -> int:
    return check_int(value, name, min_value=minimum)


def _check_sizes(cell_sizes: Any, name: str, minimum: int, allow_empty: bool) -> tuple[int, ...]:
    if isinstance(cell_sizes, (int, np.integer)) and not isinstance(cell_sizes, bool):
        cell_sizes = (cell_sizes,)
    elif isinstance(cell_sizes, np.ndarray) and cell_sizes.ndim == 1:
        cell_sizes = cell_sizes.tolist()  # an array of ints is a sequence of ints
    if not isinstance(cell_sizes, Sequence) or (len(cell_sizes) == 0 and not allow_empty):
        what = "a tuple of ints" if allow_empty else "an int or a non-empty tuple of ints"
        raise TypeError(f"{name} must be {what}, got {cell_sizes!r}")
    return tuple(_check_int(c, name, minimum) for c in cell_sizes)


def _check_bool(value: Any, name: str) -> bool:
    return check_bool(value, name)


def check_params(
    cell_sizes: Any,
    n_bins: Any,
    block_size: Any,
    block_norm: Any,
    side: int | None = None,
    offset_cells: Any = (),
    eps: Any = _EPS,
) -> tuple[tuple[int, ...], int, int, str, tuple[int, ...]]:
    check_float(eps, "eps", low=0, high=MAX_ABS, inclusive=(False, True))
    sizes = _check_sizes(cell_sizes, "cell_sizes", 1, allow_empty=False)
    offsets = _check_sizes(offset_cells, "offset_cells", 2, allow_empty=True)
    bins = _check_int(n_bins, "n_bins", 1)
    block = _check_int(block_size, "block_size", 1)
    check_option(block_norm, "block_norm", _NORMS)
    if side is not None:
        for name, group in (("cell_sizes", sizes), ("offset_cells", offsets)):
            for c in group:
                if side // c < block:
                    raise ValueError(
                        f"{name} entry {c} gives {side // c} cells across a {side}-pixel "
                        f"image: fewer than block_size={block}"
                    )
    return sizes, bins, block, block_norm, offsets


def _n_features(side: int, sizes: tuple[int, ...], block: int, bins: int) -> int:
    return sum(((side // c) - block + 1) ** 2 * block * block * bins for c in sizes)


def _shift_up_left(stack: np.ndarray, by: int) -> np.ndarray:
    """Each image moved ``by`` pixels up and left, zeros coming in at the bottom and right."""
    out = np.zeros_like(stack)
    out[:, : stack.shape[1] - by, : stack.shape[2] - by] = stack[:, by:, by:]
    return out


def _gradients(stack: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Central differences within each image (borders 0): g_row, g_col of shape (n, h, w)."""
    g_row = np.zeros_like(stack)
    g_col = np.zeros_like(stack)
    g_row[:, 1:-1, :] = stack[:, 2:, :] - stack[:, :-2, :]
    g_col[:, :, 1:-1] = stack[:, :, 2:] - stack[:, :, :-2]
    return g_row, g_col


def _lengths_and_angles(stack: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each pixel's gradient length and unsigned angle in degrees, [0, 180], shape (n, h, w).

    The angle is ``rad2deg(arctan2(g_row, g_col))`` plus 180 where negative: skimage's
    ``% 180`` without the slow floating-point modulo, except that it can be exactly 180
    (``arctan2(0, -x)`` is pi, or a tiny negative angle plus 180 rounds to 180), the same
    direction as 0.
    """
    g_row, g_col = _gradients(stack)
    magnitude = np.sqrt(g_row * g_row + g_col * g_col)
    orientation = np.rad2deg(np.arctan2(g_row, g_col))
    np.add(orientation, 180.0, out=orientation, where=orientation < 0)
    return magnitude, orientation


def _orientation_bins(stack: np.ndarray, n_bins: int) -> tuple[np.ndarray, np.ndarray]:
    """Each pixel's orientation bin and gradient length, both of shape (n, h, w)."""
    magnitude, orientation = _lengths_and_angles(stack)
    orientation[orientation >= 180.0] = 0.0  # unsigned angle in [0, 180), as skimage
    width = 180.0 / n_bins
    b = (orientation * (1.0 / width)).astype(np.intp)
    # bin i holds width * i <= angle < width * (i + 1), exactly as compared by skimage
    edge = width * b
    b -= orientation < edge
    edge += width
    b += orientation >= edge
    np.clip(b, 0, n_bins - 1, out=b)
    return b, magnitude


def _orientation_votes(
    stack: np.ndarray, n_bins: int, soft: bool
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each pixel's votes as (bin, weight) arrays of shape (n, h, w): one pair, or two if soft.

    Hard: the whole gradient length goes to the pixel's bin (:func:`_orientation_bins`).
    Soft: bin ``i`` is centred on ``width * (i + 0.5)`` degrees; a direction between two
    centres splits its length between them linearly, and directions within half a bin of
    0° or 180° split between the first and last bin (0° and 180° are the same direction).
    """
    if not soft:
        return [_orientation_bins(stack, n_bins)]
    magnitude, orientation = _lengths_and_angles(stack)
    position = orientation * (n_bins / 180.0) - 0.5  # in bins, from the first bin's centre
    lower = np.floor(position)
    upper_share = position - lower
    lower = lower.astype(np.intp) % n_bins
    upper = lower + 1
    upper[upper == n_bins] = 0
    return [(lower, magnitude * (1.0 - upper_share)), (upper, magnitude * upper_share)]


def _histograms(votes: list[tuple[np.ndarray, np.ndarray]], cell: int, n_bins: int) -> np.ndarray:
    """Cell histograms of all votes: shape (n, n_cells, n_cells, n_bins)."""
    hist = _cell_histograms(*votes[0], cell, n_bins)
    for bins, weights in votes[1:]:
        hist += _cell_histograms(bins, weights, cell, n_bins)
    return hist


def _cell_histograms(bins: np.ndarray, magnitude: np.ndarray, cell: int, n_bins: int) -> np.ndarray:
    """Mean gradient length per cell and bin: shape (n, n_cells, n_cells, n_bins).

    One ``np.bincount`` over all pixels of all images: pixel (r, c) of image k votes for
    bin ``bins[k, r, c]`` of cell ``(r // cell, c // cell)``; pixels beyond the last
    whole cell (when ``cell`` does not divide the side) vote into a discarded slot.
    """
    n, h, w = bins.shape
    nr, nc = h // cell, w // cell
    rows, cols = np.arange(h) // cell, np.arange(w) // cell
    cell_of = rows[:, None] * nc + cols[None, :]
    cell_of[(rows >= nr)[:, None] | (cols >= nc)[None, :]] = nr * nc  # discarded slot
    slots = (nr * nc + 1) * n_bins
    index = (np.arange(n)[:, None, None] * slots + cell_of * n_bins) + bins
    hist = np.bincount(index.ravel(), weights=magnitude.ravel(), minlength=n * slots)
    hist = hist.reshape(n, nr * nc + 1, n_bins)[:, : nr * nc]
    return hist.reshape(n, nr, nc, n_bins) / (cell * cell)


def _normalise_blocks(hist: np.ndarray, block: int, norm: str, eps: float) -> np.ndarray:
    """Blocks of block x block cells, normalised: (n, n_blocks, n_blocks, block, block, bins)."""
    windows = sliding_window_view(hist, (block, block), axis=(1, 2))  # (n, br, bc, bins, b, b)
    blocks = windows.transpose(0, 1, 2, 4, 5, 3)
    axes = (3, 4, 5)
    if norm in ("L1", "L1-sqrt"):
        out = blocks / (np.abs(blocks).sum(axis=axes, keepdims=True) + eps)
        return np.sqrt(out) if norm == "L1-sqrt" else out
    out = blocks / np.sqrt((blocks**2).sum(axis=axes, keepdims=True) + eps**2)
    if norm == "L2-Hys":
        out = np.minimum(out, 0.2)
        out = out / np.sqrt((out**2).sum(axis=axes, keepdims=True) + eps**2)
    return out


def hog_cells(
    images: Any, cell_size: int = 4, *, n_bins: int = 9, soft_bins: bool = False
) -> np.ndarray:
    """Orientation histogram of every cell, before block normalisation.

    What the model's HOG features are made of, for drawing: per cell, the mean gradient
    length in each orientation bin.

    Parameters
    ----------
    images : array_like of shape (n_samples, 784) or (n_samples, 28, 28)
    cell_size : int, default 4
        Side of a square cell in pixels.
    n_bins : int, default 9
        Orientation bins over [0°, 180°); bin ``i`` covers ``[180 i / n_bins,
        180 (i + 1) / n_bins)`` degrees, angles measured from the column axis towards
        the row axis (down the image).
    soft_bins : bool, default False
        Split each pixel's vote between the two nearest bin centres (see :class:`Hog`).

    Returns
    -------
    ndarray of shape (n_samples, side // cell_size, side // cell_size, n_bins)

    Examples
    --------
    >>> img = np.zeros((1, 8, 8)); img[0, :, 4:] = 1.0   # a vertical edge
    >>> h = hog_cells(img, 4, n_bins=4)
    >>> h.shape, int(h[0].sum(axis=(0, 1)).argmax())   # bin 0: horizontal gradient
    ((1, 2, 2, 4), 0)
    """
    stack = _check_stack(images, "images")
    (cell,), bins, _, _, _ = check_params((cell_size,), n_bins, 1, "L1", stack.shape[1])
    soft = _check_bool(soft_bins, "soft_bins")
    return _histograms(_orientation_votes(stack, bins, soft), cell, bins)


def hog_features(
    images: Any,
    *,
    cell_sizes: int | Sequence[int] = (4, 7),
    n_bins: int = 9,
    block_size: int = 2,
    block_norm: str = "L1-sqrt",
    offset_cells: Sequence[int] = (),
    eps: float = _EPS,
    soft_bins: bool = False,
) -> np.ndarray:
    """HOG features of every image (the function behind :class:`Hog`).

    For each cell size ``c`` in turn: the ``skimage.feature.hog`` feature vector of each
    image with ``orientations=n_bins``, ``pixels_per_cell=(c, c)``,
    ``cells_per_block=(block_size, block_size)`` and ``block_norm``. Then, for each size
    in ``offset_cells``, the same on a grid of cells shifted by half a cell (``c // 2``
    pixels) down and right: the HOG of the image moved ``c // 2`` pixels up and left,
    zeros coming in. All vectors are concatenated in that order. With the default ``eps``
    and hard bins the features are scikit-image's; a larger ``eps`` damps blocks of weak
    gradients, and ``soft_bins=True`` splits each pixel's vote between two bins.

    Parameters
    ----------
    images : array_like of shape (n_samples, side * side) or (n_samples, side, side)
    cell_sizes : int or tuple of int, default (4, 7)
    n_bins : int, default 9
    block_size : int, default 2
    block_norm : {"L1", "L1-sqrt", "L2", "L2-Hys"}, default "L1-sqrt"
    offset_cells : tuple of int, default ()
        Cell sizes (at least 2) that also get a grid shifted by half a cell.
    eps : float, default 1e-5
        Added to each block's L1 norm (its square to the squared L2 norm) before dividing.
    soft_bins : bool, default False
        Split each pixel's vote between the two orientation bins whose centres are
        nearest its direction (scikit-image gives the whole vote to one bin).

    Returns
    -------
    ndarray of float64, shape (n_samples, n_features)

    Examples
    --------
    >>> X = np.random.default_rng(0).random((3, 784))
    >>> hog_features(X).shape   # 6*6 blocks * 4 cells * 9 + 3*3 blocks * 4 cells * 9
    (3, 1620)
    >>> hog_features(X, offset_cells=(4,)).shape   # + 6*6 blocks * 4 cells * 9
    (3, 2916)
    """
    stack = _check_stack(images, "images")
    sizes, bins, block, norm, offsets = check_params(
        cell_sizes, n_bins, block_size, block_norm, stack.shape[1], offset_cells, eps
    )
    eps = float(eps)
    soft = _check_bool(soft_bins, "soft_bins")
    n, side = stack.shape[0], stack.shape[1]
    out = np.empty((n, _n_features(side, sizes + offsets, block, bins)))
    for start in range(0, n, _CHUNK):
        chunk = stack[start : start + _CHUNK]
        votes = _orientation_votes(chunk, bins, soft)
        parts = [_normalise_blocks(_histograms(votes, c, bins), block, norm, eps) for c in sizes]
        for c in offsets:
            shifted = _orientation_votes(_shift_up_left(chunk, c // 2), bins, soft)
            parts.append(_normalise_blocks(_histograms(shifted, c, bins), block, norm, eps))
        parts = [p.reshape(len(chunk), -1) for p in parts]
        out[start : start + len(chunk)] = np.concatenate(parts, axis=1)
    return out


class Hog(TransformerMixin, BaseEstimator):
    """Pipeline step: images in, histograms of oriented gradients out (see :func:`hog_features`).

    Stateless: ``fit`` only records the image size. Put it after :class:`Deskew` and
    before PCA: ``make_pipeline(Deskew(), Hog(), PCA(60), ...)``.

    Parameters
    ----------
    cell_sizes : int or tuple of int, default (4, 7)
        Side of the square cells in pixels; one set of features per size, concatenated.
    n_bins : int, default 9
        Unsigned orientation bins over [0°, 180°).
    block_size : int, default 2
        Cells per side of a normalisation block (blocks overlap by all but one cell).
    block_norm : {"L1", "L1-sqrt", "L2", "L2-Hys"}, default "L1-sqrt"
        How each block is normalised (as in ``skimage.feature.hog``).
    offset_cells : tuple of int, default ()
        Cell sizes that get a second grid, shifted by half a cell down and right
        (overlapping cells: a stroke near a cell border is seen whole by the other grid).
    eps : float, default 1e-5
        Added to each block's norm before dividing. The default is scikit-image's (it only
        avoids dividing by zero); a larger value, in units of mean gradient length per
        pixel (pixels 0-255), keeps blocks of weak gradients weak. With ``eps >= 1``,
        ``fit`` refuses images scaled to [0, 1] (every block would be damped to nearly 0).
    soft_bins : bool, default False
        If True, each pixel's gradient length is split between the two orientation bins
        whose centres are nearest its direction, in proportion to closeness (Dalal &
        Triggs' interpolation); if False, as in scikit-image, it all goes to one bin.

    Attributes
    ----------
    n_features_in_ : int
        Pixels per image seen in ``fit``.
    n_features_out_ : int
        Features per image returned by ``transform``.

    Examples
    --------
    >>> X = np.random.default_rng(0).random((4, 784))
    >>> Hog().fit_transform(X).shape
    (4, 1620)
    >>> Hog(cell_sizes=(4,), block_size=1).fit(X).n_features_out_   # 7*7 cells * 9 bins
    441
    """

    def __init__(
        self,
        cell_sizes: int | tuple[int, ...] = (4, 7),
        n_bins: int = 9,
        block_size: int = 2,
        block_norm: str = "L1-sqrt",
        offset_cells: tuple[int, ...] = (),
        eps: float = _EPS,
        soft_bins: bool = False,
    ) -> None:
        self.cell_sizes = cell_sizes
        self.n_bins = n_bins
        self.block_size = block_size
        self.block_norm = block_norm
        self.offset_cells = offset_cells
        self.eps = eps
        self.soft_bins = soft_bins

    def fit(self, X: Any, y: Any = None) -> Hog:
        """Check the images and parameters; learn nothing else."""
        stack = _check_stack(X, "X")
        side = stack.shape[1]
        sizes, bins, block, _, offsets = check_params(
            self.cell_sizes,
            self.n_bins,
            self.block_size,
            self.block_norm,
            side,
            self.offset_cells,
            self.eps,
        )
        _check_bool(self.soft_bins, "soft_bins")
        high = float(stack.max())
        if float(self.eps) >= 1 and 0 < high <= 1:  # eps is meant for 0-255 pixels
            raise ValueError(
                f"X looks scaled to [0, 1] (largest value {high:g}), but eps={self.eps:g} is "
                "in units of 0-255 pixels: fit on unscaled pixels or divide eps by 255"
            )
        self.n_features_in_ = side * side
        self.n_features_out_ = _n_features(side, sizes + offsets, block, bins)
        return self

    def transform(self, X: Any) -> np.ndarray:
        """HOG features, ndarray of shape ``(n_samples, n_features_out_)``."""
        check_is_fitted(self)
        stack = _check_stack(X, "X")
        if stack.shape[1] * stack.shape[2] != self.n_features_in_:
            raise ValueError(
                f"X has {stack.shape[1] * stack.shape[2]} pixels per image, "
                f"Hog was fitted with {self.n_features_in_}"
            )
        return hog_features(
            stack,
            cell_sizes=self.cell_sizes,
            n_bins=self.n_bins,
            block_size=self.block_size,
            block_norm=self.block_norm,
            offset_cells=self.offset_cells,
            eps=self.eps,
            soft_bins=self.soft_bins,
        )

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Names ``hog0``, ``hog1``, ... (one per output feature)."""
        check_is_fitted(self)
        return np.asarray([f"hog{i}" for i in range(self.n_features_out_)], dtype=object)


#: The book's best model's settings, chosen on a validation split of the training images
#: (``benchmarks/validate_hog.py``; the table is in chapter 11).
HOG_PARAMS: dict[str, Any] = {
    "cell_sizes": (4,),
    "offset_cells": (4,),
    "n_bins": 8,
    "soft_bins": True,
    "eps": 800.0,
    "n_components": 60,
    "C": 0.3,
    "max_iter": 1000,
}


def make_hog_pipeline(
    cell_sizes: int | tuple[int, ...] = HOG_PARAMS["cell_sizes"],
    offset_cells: tuple[int, ...] = HOG_PARAMS["offset_cells"],
    n_bins: int = HOG_PARAMS["n_bins"],
    soft_bins: bool = HOG_PARAMS["soft_bins"],
    eps: float = HOG_PARAMS["eps"],
    n_components: int = HOG_PARAMS["n_components"],
    C: float = HOG_PARAMS["C"],
    max_iter: int = HOG_PARAMS["max_iter"],
) -> Pipeline:
    """Deskew -> Hog -> PCA -> PolynomialFeatures(2) -> LogisticRegression, unfitted.

    Built with :func:`~sklearn.pipeline.make_pipeline`, so its step names (``deskew``,
    ``hog``, ``pca``, ``polynomialfeatures``, ``logisticregression``) and therefore its fit-cache
    key are those of the same ``make_pipeline(...)`` call typed out in chapter 11: the
    chapter, the draw page and the benchmark share one fitted model.

    Parameters
    ----------
    cell_sizes : int or tuple of int, default (4,)
        HOG cell sizes (see :class:`Hog`).
    offset_cells : tuple of int, default (4,)
        Cell sizes with a second, half-cell-shifted grid (see :class:`Hog`).
    n_bins : int, default 8
        Orientation bins (see :class:`Hog`).
    soft_bins : bool, default True
        Split each pixel's vote between the two nearest bins (see :class:`Hog`).
    eps : float, default 800.0
        Added to each block's norm (see :class:`Hog`): damps blocks of weak gradients.
    n_components : int, default 60
        Principal components of the HOG features.
    C : float, default 0.3
        Inverse regularisation strength of the logistic regression.
    max_iter : int, default 1000
        lbfgs iterations at most.

    Examples
    --------
    >>> list(make_hog_pipeline().named_steps)
    ['deskew', 'hog', 'pca', 'polynomialfeatures', 'logisticregression']
    """
    # the checked values are new tuples: two equal defaults are not one shared object (the
    # pipeline's hash would then differ from its clone's)
    sizes, n_bins, _, _, offsets = check_params(
        cell_sizes, n_bins, 2, "L1-sqrt", None, offset_cells, eps
    )
    check_bool(soft_bins, "soft_bins")
    n_components = check_int(n_components, "n_components")
    C = check_float(C, "C", low=0, inclusive=(False, True))
    max_iter = check_int(max_iter, "max_iter")
    return make_pipeline(
        Deskew(),
        Hog(
            cell_sizes=sizes,
            n_bins=n_bins,
            offset_cells=offsets,
            eps=eps,
            soft_bins=soft_bins,
        ),
        PCA(n_components=int(n_components), random_state=42),
        PolynomialFeatures(degree=2, include_bias=False),
        LogisticRegression(C=C, max_iter=max_iter),
    )
