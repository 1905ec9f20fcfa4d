"""Looking at the data before modelling it: pixel statistics, how often each pixel holds
ink, class counts and the average image of each digit (chapter 1)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from ._validation import check_aligned, check_float, check_labels, check_numeric

__all__ = ["class_counts", "ink_frequency", "mean_images", "pixel_summary"]


def _pixels_2d(X: ArrayLike, name: str = "X") -> np.ndarray:
    """Flat rows (n_samples, n_pixels) as float64; images (n, s, s) are flattened."""
    arr = check_numeric(X, name)
    if arr.ndim == 3:
        arr = arr.reshape(arr.shape[0], -1)
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must have shape (n_samples, n_pixels) or (n_samples, side, side), "
            f"got shape {arr.shape}"
        )
    if arr.size == 0:
        raise ValueError(f"{name} is empty (shape {arr.shape})")
    return arr


def ink_frequency(X: ArrayLike, *, threshold: float = 0.0) -> np.ndarray:
    """For each pixel position, the share of images in which it holds ink (> ``threshold``).

    A value of 0 means the pixel is blank in every image and tells a model nothing.

    Parameters
    ----------
    X : array_like or DataFrame of shape (n_samples, n_pixels) or (n_samples, side, side)
    threshold : float, default=0.0

    Returns
    -------
    ndarray of shape (n_pixels,), values in [0, 1]

    Examples
    --------
    >>> ink_frequency([[0, 5, 9], [0, 0, 9]]).tolist()
    [0.0, 0.5, 1.0]
    """
    arr = _pixels_2d(X)
    return np.mean(arr > check_float(threshold, "threshold"), axis=0)


def pixel_summary(X: ArrayLike) -> pd.Series:
    """A few facts about the pixels of ``X``, as a labelled Series.

    Parameters
    ----------
    X : array_like or DataFrame of shape (n_samples, n_pixels) or (n_samples, side, side)

    Returns
    -------
    pandas.Series with entries
        ``n_images``, ``n_pixels`` (per image), ``min``, ``max``, ``mean`` (over all
        values), ``blank_fraction`` (share of values equal to the minimum 0 or below),
        ``never_inked`` (pixel positions blank in every image) and ``mean_inked_per_image``
        (average number of non-blank pixels per image).

    Examples
    --------
    >>> s = pixel_summary([[0, 0, 255, 10], [0, 0, 0, 20]])
    >>> s[["blank_fraction", "never_inked", "mean_inked_per_image"]].tolist()
    [0.625, 2.0, 1.5]
    """
    arr = _pixels_2d(X)
    inked = arr > 0
    return pd.Series(
        {
            "n_images": arr.shape[0],
            "n_pixels": arr.shape[1],
            "min": arr.min(),
            "max": arr.max(),
            "mean": arr.mean(),
            "blank_fraction": 1.0 - inked.mean(),
            "never_inked": int(np.sum(~inked.any(axis=0))),
            "mean_inked_per_image": inked.sum(axis=1).mean(),
        },
        dtype=np.float64,
        name="pixels",
    )


def _labels_1d(y: ArrayLike, n: int | None = None) -> np.ndarray:
    labels = check_labels(y, "y")
    if labels.size == 0:
        raise ValueError("y is empty")
    if n is not None and labels.size != n:
        raise ValueError(f"y has {labels.size} labels but X has {n} images")
    return labels


def _sorted_classes(labels: np.ndarray) -> list:
    classes = pd.unique(labels).tolist()
    try:  # digit strings "0".."9" sort as numbers
        return sorted(classes, key=float)
    except (TypeError, ValueError):
        return sorted(classes, key=str)


def class_counts(y: ArrayLike) -> pd.Series:
    """How many samples each class has, ordered by class ("0", "1", ..., "9").

    Parameters
    ----------
    y : array_like or Series of shape (n_samples,)

    Returns
    -------
    pandas.Series of int, indexed by class (name ``class``), named ``count``. For a
    categorical ``y`` (as :func:`load_mnist` gives), every category is a class: one that
    no sample has is counted 0, not left out.

    Examples
    --------
    >>> class_counts(["1", "0", "1", "10"]).to_dict()
    {'0': 1, '1': 2, '10': 1}
    >>> class_counts(pd.Categorical(["1", "1"], categories=["0", "1"])).to_dict()
    {'0': 0, '1': 2}
    """
    labels = _labels_1d(y)
    categories = getattr(getattr(y, "dtype", None), "categories", None)
    if categories is not None:  # pandas categorical: its categories are the classes
        labels_and_categories = np.concatenate([labels, check_labels(categories, "y")])
        classes = _sorted_classes(labels_and_categories)
    else:
        classes = _sorted_classes(labels)
    counts = pd.Series(labels).value_counts()
    out = pd.Series([int(counts.get(c, 0)) for c in classes], index=classes, name="count")
    out.index.name = "class"
    return out


def mean_images(X: ArrayLike, y: ArrayLike) -> tuple[list, np.ndarray]:
    """The average image of each class.

    Parameters
    ----------
    X : array_like or DataFrame of shape (n_samples, side * side) or (n_samples, side, side)
    y : array_like of shape (n_samples,)

    Returns
    -------
    classes : list
        The classes, sorted as in :func:`class_counts`.
    images : ndarray of shape (n_classes, side, side)
        ``images[k]`` is the pixel-wise mean of the images of ``classes[k]``.

    Examples
    --------
    >>> classes, imgs = mean_images([[0, 4, 0, 0], [2, 0, 0, 0], [9, 9, 9, 9]], ["a", "a", "b"])
    >>> classes, imgs.shape, imgs[0].tolist()
    (['a', 'b'], (2, 2, 2), [[1.0, 2.0], [0.0, 0.0]])
    """
    check_aligned(X, y, names=("X", "y"))
    arr = _pixels_2d(X)
    labels = _labels_1d(y, arr.shape[0])
    side = math.isqrt(arr.shape[1])
    if side * side != arr.shape[1]:
        raise ValueError(f"X rows must hold square images, got {arr.shape[1]} values per row")
    classes = _sorted_classes(labels)
    means = np.stack([arr[labels == c].mean(axis=0) for c in classes])
    return classes, means.reshape(len(classes), side, side)
