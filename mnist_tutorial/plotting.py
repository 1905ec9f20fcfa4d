"""Figures for the book. Each function takes data and an optional ``ax`` (or ``axes``),
draws, and returns what it drew; none calls ``plt.show()``, saves files or changes
``rcParams``. Nothing here fits a model."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from .logistic import sigmoid

__all__ = [
    "as_images",
    "plot_confusion_matrix",
    "plot_digit_matrix",
    "plot_digits",
    "plot_image_rows",
    "plot_misclassified",
    "plot_probabilities",
    "plot_sigmoid",
]


def as_images(X: ArrayLike) -> np.ndarray:
    """Square images from flat rows: (n, d) -> (n, s, s) with s * s = d.

    Accepts an array or DataFrame of flat rows, a single flat row, or images already of
    shape (n, s, s) or (s, s).

    Examples
    --------
    >>> as_images(np.zeros((3, 784))).shape
    (3, 28, 28)
    >>> as_images(np.zeros(64)).shape
    (1, 8, 8)
    """
    arr = np.asarray(X, dtype=np.float64)
    if arr.ndim == 1:
        arr = arr[np.newaxis, :]
    if (
        arr.ndim == 2
        and arr.shape[0] == arr.shape[1]
        and int(np.sqrt(arr.shape[1])) ** 2 != arr.shape[1]
    ):
        arr = arr[np.newaxis]
    if arr.ndim == 2:
        side = round(np.sqrt(arr.shape[1]))
        if side * side != arr.shape[1] or side == 0:
            raise ValueError(
                f"each row must hold a square image (784 = 28x28 or 64 = 8x8 values), "
                f"got rows of {arr.shape[1]} values"
            )
        arr = arr.reshape(arr.shape[0], side, side)
    if arr.ndim != 3 or arr.shape[1] != arr.shape[2]:
        raise ValueError(f"expected images of shape (n, side, side) or flat rows, got {arr.shape}")
    return arr


def _grid(n: int, n_cols: int, axes, panel: float = 1.1) -> tuple[Figure, np.ndarray]:
    if axes is not None:
        flat = np.ravel(axes)
        if flat.size < n:
            raise ValueError(f"axes holds {flat.size} Axes but {n} images were given")
        return flat[0].figure, flat
    if isinstance(n_cols, bool) or not isinstance(n_cols, (int, np.integer)) or n_cols < 1:
        raise ValueError(f"n_cols must be a positive integer, got {n_cols!r}")
    n_cols = min(n_cols, max(n, 1))
    n_rows = max(1, -(-n // n_cols))
    fig, grid = plt.subplots(
        n_rows, n_cols, figsize=(panel * n_cols, panel * n_rows + 0.3 * n_rows), squeeze=False
    )
    flat = grid.ravel()
    for ax in flat[n:]:
        ax.set_axis_off()
    return fig, flat


def plot_digits(
    images: ArrayLike,
    titles: Sequence | None = None,
    *,
    n_cols: int = 10,
    axes=None,
    cmap: str = "gray_r",
) -> Figure:
    """A gallery of digits, one small panel each, with optional titles (e.g. labels).

    Parameters
    ----------
    images : array_like of shape (n, 784), (n, 28, 28), (n, 64) or (n, 8, 8)
    titles : sequence of length n, optional
    n_cols : int, default=10
    axes : array of Axes, optional
        Draw into these instead of making a new figure.

    Returns
    -------
    Figure

    Examples
    --------
    >>> fig = plot_digits(np.zeros((4, 784)), titles=list("0123"), n_cols=2)
    >>> [ax.get_title() for ax in fig.axes]
    ['0', '1', '2', '3']
    >>> plt.close(fig)
    """
    imgs = as_images(images)
    if titles is not None and len(titles) != len(imgs):
        raise ValueError(f"titles has {len(titles)} entries but {len(imgs)} images were given")
    fig, flat = _grid(len(imgs), n_cols, axes)
    for i, (ax, img) in enumerate(zip(flat, imgs)):
        ax.imshow(img, cmap=cmap, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        if titles is not None:
            ax.set_title(str(titles[i]), fontsize=10)
    return fig


def plot_digit_matrix(image: ArrayLike, *, ax: Axes | None = None, annotate: bool = True) -> Axes:
    """One digit as a heatmap with each pixel's value written in its cell.

    Parameters
    ----------
    image : array_like of shape (784,) or (28, 28) (or 8x8)
    annotate : bool, default=True
        Write the non-zero pixel values in the cells.

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = plot_digit_matrix(np.eye(8) * 16)
    >>> len(ax.texts)
    8
    >>> plt.close(ax.figure)
    """
    imgs = as_images(image)
    if len(imgs) != 1:
        raise ValueError(f"expected a single image, got {len(imgs)}")
    img = imgs[0]
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 9) if img.shape[0] > 8 else (4, 4))
    ax.imshow(img, cmap="gray_r", interpolation="nearest", vmin=0, vmax=max(img.max(), 1))
    if annotate:
        side = img.shape[0]
        fontsize = 5 if side > 8 else 9
        threshold = img.max() / 2
        for (r, c), value in np.ndenumerate(img):
            if value:
                ax.text(
                    c,
                    r,
                    f"{value:.0f}",
                    ha="center",
                    va="center",
                    fontsize=fontsize,
                    color="white" if value > threshold else "black",
                )
    ax.set(xticks=[], yticks=[])
    return ax


def plot_sigmoid(
    *,
    ax: Axes | None = None,
    threshold: float = 0.5,
    z_range: tuple[float, float] = (-8.0, 8.0),
    points: tuple[ArrayLike, ArrayLike] | None = None,
    label: str = r"$\sigma(z) = 1 / (1 + e^{-z})$",
) -> Axes:
    """The sigmoid curve with the decision threshold, optionally with points on it.

    Parameters
    ----------
    threshold : float in (0, 1), default=0.5
        Drawn as a horizontal line; the matching score z is marked vertically.
    z_range : (float, float)
    points : (z, probability) arrays, optional
        Drawn as dots, coloured by the class they are assigned at the threshold.

    Returns
    -------
    Axes

    Examples
    --------
    >>> ax = plot_sigmoid()
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('score z', 'probability σ(z)')
    >>> plt.close(ax.figure)
    """
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be strictly between 0 and 1, got {threshold!r}")
    lo, hi = z_range
    if not lo < hi:
        raise ValueError(f"z_range must be (low, high) with low < high, got {z_range!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    z = np.linspace(lo, hi, 400)
    ax.plot(z, sigmoid(z), color="C0", lw=2, label=label)
    z_cut = float(np.log(threshold / (1 - threshold)))
    ax.axhline(threshold, color="C3", ls="--", lw=1, label=f"threshold {threshold:g}")
    if lo <= z_cut <= hi:
        ax.axvline(z_cut, color="gray", ls=":", lw=1)
    if points is not None:
        pz, pp = (np.asarray(a, dtype=float) for a in points)
        if pz.shape != pp.shape:
            raise ValueError(
                f"points: z and probabilities differ in shape, {pz.shape} vs {pp.shape}"
            )
        positive = pp >= threshold
        ax.scatter(pz[positive], pp[positive], color="C1", s=18, zorder=3, label="predicted 1")
        ax.scatter(
            pz[~positive],
            pp[~positive],
            color="C0",
            s=18,
            zorder=3,
            marker="s",
            label="predicted 0",
        )
    ax.set(xlabel="score z", ylabel="probability σ(z)", ylim=(-0.03, 1.03), xlim=(lo, hi))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", frameon=False)
    return ax


def plot_confusion_matrix(
    cm: ArrayLike,
    labels: Sequence | None = None,
    *,
    ax: Axes | None = None,
    normalize: bool = False,
    cmap: str = "Blues",
    colorbar: bool = True,
) -> Axes:
    """An annotated confusion-matrix heatmap: true labels on rows, predictions on columns.

    Parameters
    ----------
    cm : array_like of shape (k, k)
        Counts (or rates when ``normalize``); true labels on rows.
    labels : sequence of length k, optional
    normalize : bool, default=False
        Divide each row by its sum and show rates (each row then sums to 1).

    Returns
    -------
    Axes; the image is ``ax.images[0]`` and the annotations ``ax.texts``.

    Examples
    --------
    >>> ax = plot_confusion_matrix([[50, 10], [5, 35]], ["sick", "healthy"])
    >>> [t.get_text() for t in ax.texts]
    ['50', '10', '5', '35']
    >>> plt.close(ax.figure)
    """
    arr = np.asarray(cm, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.size == 0:
        raise ValueError(f"cm must be a square 2-D matrix, got shape {arr.shape}")
    k = arr.shape[0]
    labels = list(range(k)) if labels is None else list(labels)
    if len(labels) != k:
        raise ValueError(f"labels has {len(labels)} entries but cm has {k} classes")
    if normalize:
        sums = arr.sum(axis=1, keepdims=True)
        arr = np.divide(arr, sums, out=np.zeros_like(arr), where=sums > 0)
    if ax is None:
        size = 4 if k <= 3 else 7.5
        _, ax = plt.subplots(figsize=(size + 1, size))
    image = ax.imshow(arr, cmap=cmap, interpolation="nearest", vmin=0)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    cutoff = (arr.max() + arr.min()) / 2
    fontsize = 12 if k <= 3 else 9
    for (i, j), value in np.ndenumerate(arr):
        text = f"{value:.2f}" if normalize else f"{value:.0f}"
        ax.text(
            j,
            i,
            text,
            ha="center",
            va="center",
            fontsize=fontsize,
            color="white" if value > cutoff else "black",
        )
    ax.set(
        xticks=range(k),
        yticks=range(k),
        xticklabels=labels,
        yticklabels=labels,
        xlabel="Predicted label",
        ylabel="True label",
    )
    return ax


def plot_misclassified(
    images: ArrayLike,
    y_true: Sequence,
    y_pred: Sequence,
    *,
    n_cols: int = 5,
    axes=None,
) -> Figure:
    """A gallery of digits titled "Predicted: p, Actual: t".

    Pass the images you want shown (for example those at the misclassified positions)
    together with their true and predicted labels.

    Returns
    -------
    Figure

    Examples
    --------
    >>> fig = plot_misclassified(np.zeros((2, 784)), ["7", "5"], ["4", "8"])
    >>> [ax.get_title() for ax in fig.axes]
    ['Predicted: 4, Actual: 7', 'Predicted: 8, Actual: 5']
    >>> plt.close(fig)
    """
    y_true, y_pred = list(np.asarray(y_true)), list(np.asarray(y_pred))
    imgs = as_images(images)
    if not len(imgs) == len(y_true) == len(y_pred):
        raise ValueError(
            f"images, y_true and y_pred must have the same length, got "
            f"{len(imgs)}, {len(y_true)} and {len(y_pred)}"
        )
    titles = [f"Predicted: {p}, Actual: {t}" for t, p in zip(y_true, y_pred)]
    fig, flat = _grid(len(imgs), n_cols, axes, panel=1.9)
    for ax, img, title in zip(flat, imgs, titles):
        ax.imshow(img, cmap="gray_r", interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(title, fontsize=9)
    return fig


def plot_image_rows(rows: dict, *, axes=None, cmap: str = "gray_r") -> Figure:
    """Rows of images side by side, e.g. originals above their transformed versions.

    Parameters
    ----------
    rows : dict of {row title: images}
        Each value is array_like of shape (n, side * side) or (n, side, side); all rows
        must hold the same number of images. Each row gets its own colour scale.

    Returns
    -------
    Figure

    Examples
    --------
    >>> fig = plot_image_rows({"Original": np.zeros((3, 784)), "Scaled": np.ones((3, 784))})
    >>> fig.axes[0].get_ylabel(), fig.axes[3].get_ylabel()
    ('Original', 'Scaled')
    >>> plt.close(fig)
    """
    if not rows:
        raise ValueError("rows must hold at least one row of images")
    named = [(str(name), as_images(imgs)) for name, imgs in rows.items()]
    n = len(named[0][1])
    if any(len(imgs) != n for _, imgs in named):
        raise ValueError("every row must hold the same number of images")
    if axes is None:
        fig, grid = plt.subplots(
            len(named), n, figsize=(1.3 * n + 0.8, 1.4 * len(named)), squeeze=False
        )
    else:
        grid = np.asarray(axes).reshape(len(named), n)
        fig = grid[0, 0].figure
    for r, (name, imgs) in enumerate(named):
        for c, img in enumerate(imgs):
            ax = grid[r, c]
            ax.imshow(img, cmap=cmap, interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
        grid[r, 0].set_ylabel(name, rotation=0, ha="right", va="center", fontsize=10)
    return fig


def plot_probabilities(
    probabilities: ArrayLike, classes: Sequence | None = None, *, ax: Axes | None = None
) -> Axes:
    """A bar chart of one sample's class probabilities, the largest highlighted.

    Examples
    --------
    >>> ax = plot_probabilities([0.1, 0.7, 0.2], ["a", "b", "c"])
    >>> [round(float(p.get_height()), 2) for p in ax.patches]
    [0.1, 0.7, 0.2]
    >>> plt.close(ax.figure)
    """
    p = np.asarray(probabilities, dtype=np.float64).ravel()
    if p.size == 0:
        raise ValueError("probabilities is empty")
    if np.any(p < 0) or np.any(p > 1) or not np.all(np.isfinite(p)):
        raise ValueError("probabilities must be finite values between 0 and 1")
    classes = [str(c) for c in (range(p.size) if classes is None else classes)]
    if len(classes) != p.size:
        raise ValueError(f"classes has {len(classes)} entries but {p.size} probabilities")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3))
    colors = ["C1" if i == int(np.argmax(p)) else "C0" for i in range(p.size)]
    ax.bar(classes, p, color=colors)
    ax.set(xlabel="class", ylabel="probability", ylim=(0, 1.05))
    return ax
