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

from .logistic import stable_sigmoid as sigmoid
from .metrics import _check_cm

__all__ = [
    "as_images",
    "plot_accuracy_vs_time",
    "plot_class_counts",
    "plot_confusion_examples",
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_digit_matrix",
    "plot_digits",
    "plot_explained_variance",
    "plot_image_rows",
    "plot_misclassified",
    "plot_model_comparison",
    "plot_pca_components",
    "plot_per_class_metrics",
    "plot_pixel_histogram",
    "plot_pixel_map",
    "plot_probabilities",
    "plot_sigmoid",
    "plot_simulation",
    "plot_tradeoff",
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
    try:
        arr = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"images must be numeric pixel values, got {type(X).__name__}") from exc
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
    arr = _check_cm(cm)  # square, numeric, finite, non-negative (else ValueError/TypeError)
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
        grid = np.asarray(axes)
        if grid.size != len(named) * n:
            raise ValueError(f"axes holds {grid.size} Axes but rows need {len(named)} x {n}")
        grid = grid.reshape(len(named), n)
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


# --- Chapters 6-10: confusions, per-class metrics, PCA, decision boundaries, comparisons ---


def plot_confusion_examples(
    images: ArrayLike,
    y_true: Sequence,
    y_pred: Sequence,
    pairs: Sequence[tuple],
    *,
    n_per_pair: int = 5,
    axes=None,
) -> Figure:
    """One row of example digits per confusion (true label, predicted label).

    Parameters
    ----------
    images : array_like of shape (n, 784) or (n, 28, 28)
        The images ``y_true`` and ``y_pred`` describe (e.g. the test set).
    y_true, y_pred : sequence of length n
    pairs : sequence of (true label, predicted label)
        For example the ``true``/``predicted`` columns of ``most_confused_pairs``.
    n_per_pair : int, default=5
        Examples per row (the first ones in order); missing examples leave blank panels.

    Returns
    -------
    Figure; row r's first Axes has the y-label "true t → p".

    Examples
    --------
    >>> fig = plot_confusion_examples(np.zeros((3, 784)), ["4", "4", "7"], ["9", "9", "1"],
    ...                               [("4", "9"), ("7", "1")], n_per_pair=2)
    >>> fig.axes[0].get_ylabel(), len(fig.axes[2].images), len(fig.axes[3].images)
    ('true 4 → 9', 1, 0)
    >>> plt.close(fig)
    """
    t, p = np.asarray(y_true), np.asarray(y_pred)
    imgs = as_images(images)
    if not len(imgs) == len(t) == len(p):
        raise ValueError(
            f"images, y_true and y_pred must have the same length, got "
            f"{len(imgs)}, {len(t)} and {len(p)}"
        )
    pairs = [tuple(pair) for pair in pairs]
    if not pairs or any(len(pair) != 2 for pair in pairs):
        raise ValueError("pairs must be a non-empty sequence of (true, predicted) pairs")
    if isinstance(n_per_pair, bool) or not isinstance(n_per_pair, (int, np.integer)):
        raise ValueError(f"n_per_pair must be a positive integer, got {n_per_pair!r}")
    if n_per_pair < 1:
        raise ValueError(f"n_per_pair must be a positive integer, got {n_per_pair!r}")
    if axes is None:
        fig, grid = plt.subplots(
            len(pairs),
            n_per_pair,
            figsize=(1.2 * n_per_pair + 1.2, 1.3 * len(pairs)),
            squeeze=False,
        )
    else:
        grid = np.asarray(axes).reshape(len(pairs), n_per_pair)
        fig = grid[0, 0].figure
    for r, (true_label, pred_label) in enumerate(pairs):
        positions = np.flatnonzero((t == true_label) & (p == pred_label))[:n_per_pair]
        for c in range(n_per_pair):
            ax = grid[r, c]
            ax.set_xticks([])
            ax.set_yticks([])
            if c < len(positions):
                ax.imshow(imgs[positions[c]], cmap="gray_r", interpolation="nearest")
            else:
                for spine in ax.spines.values():
                    spine.set_visible(False)
        grid[r, 0].set_ylabel(
            f"true {true_label} → {pred_label}", rotation=0, ha="right", va="center", fontsize=10
        )
    return fig


def plot_per_class_metrics(
    table, *, columns: Sequence[str] = ("precision", "recall", "f1"), ax: Axes | None = None
) -> Axes:
    """Grouped bars of per-class metrics (e.g. the table of ``per_class_metrics``).

    Parameters
    ----------
    table : DataFrame indexed by class, with the given columns (values in [0, 1])
    columns : sequence of str, default=("precision", "recall", "f1")

    Returns
    -------
    Axes; one bar container per column in ``ax.containers``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"precision": [0.9, 0.8], "recall": [0.7, 0.95], "f1": [0.8, 0.87]})
    >>> ax = plot_per_class_metrics(t)
    >>> len(ax.containers), [round(float(b.get_height()), 2) for b in ax.containers[1]]
    (3, [0.7, 0.95])
    >>> plt.close(ax.figure)
    """
    missing = [c for c in columns if c not in getattr(table, "columns", [])]
    if missing:
        raise ValueError(
            f"table must be a DataFrame with columns {list(columns)}; missing {missing}"
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.5))
    n = len(table)
    width = 0.8 / len(columns)
    x = np.arange(n)
    for i, column in enumerate(columns):
        ax.bar(
            x + (i - (len(columns) - 1) / 2) * width,
            table[column].to_numpy(dtype=float),
            width=width,
            label=column,
            color=f"C{i}",
        )
    values = table[list(columns)].to_numpy(dtype=float)
    low = max(0.0, float(np.floor(values.min() * 20) / 20) - 0.05)
    ax.set(
        xticks=x,
        xticklabels=[str(i) for i in table.index],
        ylim=(low, 1.0),
        xlabel=str(table.index.name or "class"),
        ylabel="score",
    )
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9)
    return ax


def plot_explained_variance(
    pca, *, targets: Sequence[float] = (0.9, 0.95, 0.99), ax: Axes | None = None
) -> Axes:
    """Cumulative explained variance against the number of components, targets marked.

    Parameters
    ----------
    pca : fitted PCA, Pipeline ending in PCA, or array_like of explained-variance ratios
    targets : fractions to mark, each with the number of components that reaches it

    Returns
    -------
    Axes; the curve is ``ax.lines[0]``, each target adds a dashed line and a label.

    Examples
    --------
    >>> ax = plot_explained_variance([0.5, 0.3, 0.15, 0.05], targets=[0.8])
    >>> ax.lines[0].get_ydata().round(2).tolist()
    [0.5, 0.8, 0.95, 1.0]
    >>> plt.close(ax.figure)
    """
    from .pca import _explained_ratio
    from .pca import n_components_for_variance as components_for_variance

    ratio = _explained_ratio(pca)
    cumulative = np.cumsum(ratio)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    ax.plot(np.arange(1, ratio.size + 1), cumulative, color="C0", lw=2)
    for i, target in enumerate(targets):
        k = components_for_variance(ratio, target)
        color = f"C{i + 1}"
        ax.axhline(target, color=color, ls="--", lw=1)
        ax.axvline(k, color=color, ls=":", lw=1.5, label=f"{target:.0%}: {k} components")
    if len(targets):
        ax.legend(loc="lower right", fontsize=10)
    ax.set(
        xlabel="number of components",
        ylabel="cumulative explained variance",
        xlim=(0, ratio.size + 1),
        ylim=(0, 1.02),
    )
    ax.grid(alpha=0.3)
    return ax


def plot_pca_components(components: ArrayLike, *, n_cols: int = 5, axes=None) -> Figure:
    """PCA components (rows of ``pca.components_``) as images, blue negative, red positive.

    Each panel uses a colour scale symmetric around 0, so white means "no weight".

    Examples
    --------
    >>> fig = plot_pca_components(np.eye(3, 784) - 0.5, n_cols=3)
    >>> [ax.get_title() for ax in fig.axes]
    ['component 1', 'component 2', 'component 3']
    >>> plt.close(fig)
    """
    imgs = as_images(components)
    fig, flat = _grid(len(imgs), n_cols, axes, panel=1.5)
    for i, (ax, img) in enumerate(zip(flat, imgs)):
        limit = float(np.abs(img).max()) or 1.0
        ax.imshow(img, cmap="RdBu_r", vmin=-limit, vmax=limit, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"component {i + 1}", fontsize=9)
    return fig


def plot_decision_boundary(
    model, X: ArrayLike, y: ArrayLike, *, ax: Axes | None = None, resolution: int = 200
) -> Axes:
    """Regions a fitted two-feature classifier assigns to each class, with the points on top.

    Parameters
    ----------
    model : fitted classifier with ``predict`` on 2 features (nothing is fitted here)
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,) of class labels (integers)
    resolution : int, default=200
        Grid points per axis.

    Returns
    -------
    Axes; the regions are ``ax.collections[0]``.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    >>> m = LogisticRegression().fit(X, [0, 1, 1, 0])
    >>> ax = plot_decision_boundary(m, X, [0, 1, 1, 0], resolution=20)
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('$x_1$', '$x_2$')
    >>> plt.close(ax.figure)
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have shape (n_samples, 2), got {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)):
        raise ValueError(f"resolution must be an integer >= 2, got {resolution!r}")
    if resolution < 2:
        raise ValueError(f"resolution must be an integer >= 2, got {resolution!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    pad = 0.1 * (X.max(axis=0) - X.min(axis=0) + 1e-12)
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    g1, g2 = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    classes = np.unique(y)
    grid_pred = np.asarray(model.predict(np.c_[g1.ravel(), g2.ravel()])).reshape(g1.shape)
    codes = np.searchsorted(classes, grid_pred)
    colors = ["#4C72B0", "#DD8452", "#55A868", "#C44E52"]
    from matplotlib.colors import ListedColormap

    cmap = ListedColormap(colors[: len(classes)] if len(classes) <= 4 else plt.cm.tab10.colors)
    ax.contourf(g1, g2, codes, levels=np.arange(len(classes) + 1) - 0.5, cmap=cmap, alpha=0.25)
    markers = ["o", "s", "^", "D"]
    for i, label in enumerate(classes):
        mask = y == label
        ax.scatter(
            X[mask, 0],
            X[mask, 1],
            s=14,
            color=cmap(i),
            marker=markers[i % 4],
            edgecolor="black",
            linewidth=0.3,
            label=f"class {label}",
        )
    ax.set(xlabel="$x_1$", ylabel="$x_2$", xlim=(lo[0], hi[0]), ylim=(lo[1], hi[1]))
    ax.legend(loc="lower left", fontsize=8, frameon=True)
    return ax


def plot_tradeoff(
    x: ArrayLike,
    accuracy: ArrayLike,
    seconds: ArrayLike,
    *,
    xlabel: str = "number of components",
    ax: Axes | None = None,
) -> Axes:
    """Test accuracy (left axis) and fit seconds (right axis) against a setting such as k.

    Returns
    -------
    Axes of the accuracy; the fit-time axis is its twin (``ax.figure.axes[-1]``).

    Examples
    --------
    >>> ax = plot_tradeoff([10, 50], [0.9, 0.92], [2.0, 9.0])
    >>> ax.get_ylabel(), ax.figure.axes[-1].get_ylabel()
    ('test accuracy', 'fit seconds')
    >>> plt.close(ax.figure)
    """
    x, acc, sec = (np.asarray(a, dtype=float).ravel() for a in (x, accuracy, seconds))
    if not x.size == acc.size == sec.size or x.size == 0:
        raise ValueError(
            f"x, accuracy and seconds must be non-empty and of equal length, "
            f"got {x.size}, {acc.size} and {sec.size}"
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    ax.plot(x, acc, "o-", color="C0", lw=2, label="test accuracy")
    ax.set(xlabel=xlabel, ylabel="test accuracy")
    ax.tick_params(axis="y", colors="C0")
    ax.yaxis.label.set_color("C0")
    twin = ax.twinx()
    twin.plot(x, sec, "s--", color="C1", lw=1.5, label="fit seconds")
    twin.set(ylabel="fit seconds", ylim=(0, max(sec.max() * 1.15, 1e-9)))
    twin.tick_params(axis="y", colors="C1")
    twin.yaxis.label.set_color("C1")
    ax.grid(alpha=0.3)
    return ax


def plot_model_comparison(
    accuracy, *, benchmark: float | None = 0.975, ax: Axes | None = None
) -> Axes:
    """Horizontal bars of test accuracy per model, with an optional benchmark line.

    Parameters
    ----------
    accuracy : pandas Series (index = model names) or dict of {name: accuracy}
    benchmark : float, optional
        Drawn as a vertical dashed line (e.g. 0.975, human accuracy).

    Returns
    -------
    Axes; bars in ``ax.patches``, top to bottom in the given order.

    Examples
    --------
    >>> ax = plot_model_comparison({"a": 0.91, "b": 0.98})
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a', 'b']
    >>> plt.close(ax.figure)
    """
    items = list(dict(accuracy).items())
    if not items:
        raise ValueError("accuracy must hold at least one model")
    names = [str(k) for k, _ in items]
    values = np.array([float(v) for _, v in items])
    if np.any(values < 0) or np.any(values > 1):
        raise ValueError("accuracies must lie in [0, 1]")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * len(names) + 1.2))
    y = np.arange(len(names))[::-1]
    colors = ["C2" if benchmark is not None and v > benchmark else "C0" for v in values]
    ax.barh(y, values, color=colors)
    for yi, v in zip(y, values):
        ax.text(v + 0.001, yi, f"{v:.4f}", va="center", fontsize=9)
    low = max(0.0, float(np.floor(values.min() * 50) / 50) - 0.02)
    if benchmark is not None:
        ax.axvline(benchmark, color="C3", ls="--", lw=1.5, label=f"human benchmark {benchmark:.1%}")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), fontsize=9, frameon=False)
    ax.set(yticks=y, yticklabels=names, xlim=(low, 1.0), xlabel="test accuracy")
    ax.grid(axis="x", alpha=0.3)
    return ax


# --- Chapters 1-5: pixel statistics, class counts, the simulated logistic model ---


def plot_class_counts(counts, *, ax: Axes | None = None) -> Axes:
    """Bars of how many samples each class has, each bar labelled with its count.

    Parameters
    ----------
    counts : pandas Series (index = classes) or dict of {class: count}
        For example the result of :func:`mnist_tutorial.class_counts`.

    Returns
    -------
    Axes; bars in ``ax.patches``, in the given order.

    Examples
    --------
    >>> ax = plot_class_counts({"0": 5, "1": 7})
    >>> [int(p.get_height()) for p in ax.patches], [t.get_text() for t in ax.texts]
    ([5, 7], ['5', '7'])
    >>> plt.close(ax.figure)
    """
    items = list(dict(counts).items())
    if not items:
        raise ValueError("counts must hold at least one class")
    names = [str(k) for k, _ in items]
    values = np.array([float(v) for _, v in items])
    if np.any(values < 0) or not np.all(np.isfinite(values)):
        raise ValueError("counts must be finite and non-negative")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    ax.bar(names, values, color="C0")
    for i, v in enumerate(values):
        ax.text(i, v, f"{v:,.0f}", ha="center", va="bottom", fontsize=8)
    ax.set(xlabel="class", ylabel="number of images", ylim=(0, values.max() * 1.12 or 1))
    ax.grid(axis="y", alpha=0.3)
    return ax


def plot_pixel_histogram(X: ArrayLike, *, ax: Axes | None = None, bins: int = 32) -> Axes:
    """Histogram of all pixel values of ``X`` on a log scale (blank pixels dominate).

    Parameters
    ----------
    X : array_like or DataFrame of pixel values, any shape
    bins : int, default=32

    Returns
    -------
    Axes; the bars are ``ax.patches``.

    Examples
    --------
    >>> ax = plot_pixel_histogram([[0, 0, 0, 255]], bins=2)
    >>> [int(p.get_height()) for p in ax.patches]
    [3, 1]
    >>> plt.close(ax.figure)
    """
    values = np.asarray(X, dtype=np.float64).ravel()
    if values.size == 0:
        raise ValueError("X is empty")
    if not np.all(np.isfinite(values)):
        raise ValueError("X contains NaN or infinite values")
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or bins < 1:
        raise ValueError(f"bins must be a positive integer, got {bins!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    ax.hist(values, bins=bins, color="C0", log=True)
    ax.set(xlabel="pixel value (0 = blank, 255 = full ink)", ylabel="number of pixels (log)")
    ax.grid(axis="y", alpha=0.3)
    return ax


def plot_pixel_map(
    values: ArrayLike,
    *,
    ax: Axes | None = None,
    cmap: str = "viridis",
    colorbar: bool = True,
    label: str = "",
) -> Axes:
    """One value per pixel position drawn as an image with a colour bar.

    Parameters
    ----------
    values : array_like of shape (784,) or (28, 28) (any square size)
        For example :func:`mnist_tutorial.ink_frequency`.
    label : str
        Colour-bar label.

    Returns
    -------
    Axes; the image is ``ax.images[0]``.

    Examples
    --------
    >>> ax = plot_pixel_map(np.linspace(0, 1, 784), label="share")
    >>> ax.images[0].get_array().shape
    (28, 28)
    >>> plt.close(ax.figure)
    """
    imgs = as_images(values)
    if len(imgs) != 1:
        raise ValueError(f"values must describe a single image, got {len(imgs)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4))
    image = ax.imshow(imgs[0], cmap=cmap, interpolation="nearest")
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
        bar.set_label(label)
    ax.set(xticks=[], yticks=[])
    return ax


def plot_simulation(
    X: ArrayLike,
    weights: ArrayLike,
    bias: float,
    *,
    ax: Axes | None = None,
    threshold: float = 0.5,
    t_range: tuple[float, float] | None = None,
    title: str | None = None,
) -> Axes:
    """A logistic model's probabilities against the position along its weight direction.

    Every sample is placed at ``t = x · w / ||w||`` (its distance along the weight
    direction), so the model's probability is ``sigmoid(||w|| t + b)``: larger weights
    give a steeper curve, a larger bias moves it to the left. The curve, the samples on
    it (coloured by the class they get at ``threshold``), the threshold and the decision
    boundary ``t = (logit(threshold) - b) / ||w||`` are drawn.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    weights : array_like of shape (n_features,), not all zero
    bias : float
    threshold : float in (0, 1), default=0.5
    t_range : (float, float), optional
        x-axis limits; by default the range of the samples, padded.

    Returns
    -------
    Axes; the curve is ``ax.lines[0]``, the boundary ``ax.lines[2]``.

    Examples
    --------
    >>> ax = plot_simulation(np.array([[1.0, 0.0], [-1.0, 0.0]]), [2.0, 0.0], 1.0)
    >>> round(float(ax.lines[2].get_xdata()[0]), 3)
    -0.5
    >>> plt.close(ax.figure)
    """
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n_samples, n_features), got {X.shape}")
    if w.shape != (X.shape[1],):
        raise ValueError(f"weights must have shape ({X.shape[1]},), got {w.shape}")
    norm = float(np.linalg.norm(w))
    if norm == 0:
        raise ValueError("weights must not be all zero")
    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be strictly between 0 and 1, got {threshold!r}")
    t = X @ w / norm
    p = sigmoid(norm * t + bias)
    if t_range is None:
        pad = 0.05 * (t.max() - t.min() + 1e-9)
        t_range = (float(t.min() - pad), float(t.max() + pad))
    lo, hi = t_range
    if not lo < hi:
        raise ValueError(f"t_range must be (low, high) with low < high, got {t_range!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.5))
    grid = np.linspace(lo, hi, 400)
    ax.plot(grid, sigmoid(norm * grid + bias), color="C0", lw=2)
    ax.axhline(threshold, color="C3", ls="--", lw=1)
    boundary = (float(np.log(threshold / (1 - threshold))) - bias) / norm
    ax.axvline(boundary, color="gray", ls=":", lw=1.5)
    positive = p >= threshold
    ax.scatter(t[positive], p[positive], color="C1", s=16, zorder=3, label="predicted 1")
    ax.scatter(
        t[~positive], p[~positive], color="C0", s=16, marker="s", zorder=3, label="predicted 0"
    )
    ax.set(
        xlabel="position along the weights, x·w/‖w‖",
        ylabel="probability ŷ",
        xlim=(lo, hi),
        ylim=(-0.03, 1.03),
    )
    if title is not None:
        ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    return ax


# --- Chapter 11: what each choice costs ---


def plot_accuracy_vs_time(table, *, ax: Axes | None = None) -> Axes:
    """Test accuracy against fit seconds, one labelled point per model.

    Parameters
    ----------
    table : DataFrame
        Indexed by model name, with columns ``accuracy`` and ``fit_seconds`` (as returned
        by :func:`mnist_tutorial.model_table`).

    Returns
    -------
    Axes; the points are ``ax.collections[0]``, the labels ``ax.texts``.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"accuracy": [0.9, 0.98], "fit_seconds": [3.0, 20.0]}, index=["a", "b"])
    >>> ax = plot_accuracy_vs_time(t)
    >>> [x.get_text() for x in ax.texts], ax.get_xlabel()
    (['a', 'b'], 'fit seconds (real fit, from the fit cache)')
    >>> plt.close(ax.figure)
    """
    missing = {"accuracy", "fit_seconds"} - set(getattr(table, "columns", []))
    if missing:
        raise ValueError(f"table must have columns accuracy and fit_seconds; missing {missing}")
    if len(table) == 0:
        raise ValueError("table must hold at least one model")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    seconds = table["fit_seconds"].to_numpy(dtype=float)
    accuracy = table["accuracy"].to_numpy(dtype=float)
    ax.scatter(seconds, accuracy, s=40, color="C0", zorder=3)
    for name, x, y in zip(table.index, seconds, accuracy):
        ax.annotate(str(name), (x, y), xytext=(6, -3), textcoords="offset points", fontsize=9)
    ax.set(
        xlabel="fit seconds (real fit, from the fit cache)",
        ylabel="test accuracy",
        xlim=(0, max(seconds.max() * 1.6, 1.0)),
    )
    ax.grid(alpha=0.3)
    return ax
