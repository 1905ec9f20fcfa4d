"""Figures of feature spaces: PCA's explained variance, a two-feature decision boundary."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from numpy.typing import ArrayLike
from sklearn.inspection import DecisionBoundaryDisplay

from .._validation import (
    check_aligned,
    check_classifier,
    check_float,
    check_labels,
    check_numeric,
    check_same_label_type,
)
from ..pca import explained_ratio
from ..pca import n_components_for_variance as components_for_variance
from ._base import (
    PAGE_WIDTH,
    TEXT_SIZE,
    Drawing,
    _axes,
    _legend_below,
    _positive_int,
    _readable,
)

__all__ = ["plot_decision_boundary", "plot_explained_variance"]

_CLASS_COLORS = ["#4C72B0", "#DD8452", "#55A868", "#C44E52"]
_MARKERS = "os^D"


def plot_explained_variance(
    pca, *, targets: Sequence[float] = (0.9, 0.95, 0.99), ax: Axes | None = None
) -> Drawing:
    """Cumulative explained variance against the number of components, targets marked.

    Parameters
    ----------
    pca : fitted PCA, Pipeline ending in PCA, or array_like of explained-variance ratios
    targets : fractions to mark, each with the number of components that reaches it

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``curve_`` (Line2D of the cumulative ratio) and
        ``targets_``, a dict {target: (horizontal line, vertical line at k)}.

    Examples
    --------
    >>> d = plot_explained_variance([0.5, 0.3, 0.15, 0.05], targets=[0.8])
    >>> d.curve_.get_ydata().round(2).tolist(), d.targets_[0.8][1].get_xdata()[0]
    ([0.5, 0.8, 0.95, 1.0], 2)
    >>> plt.close(d.figure_)
    """
    ratio = explained_ratio(pca)
    if isinstance(targets, (str, bytes)) or not isinstance(targets, (Sequence, np.ndarray)):
        raise TypeError(
            f"targets must be a sequence of fractions such as (0.9, 0.95), got {targets!r:.40}"
        )
    targets = [
        check_float(t, f"targets[{i}]", low=0, high=1, inclusive=(False, True))
        for i, t in enumerate(targets)
    ]
    ax = _axes(ax, (PAGE_WIDTH, 4))
    (curve,) = ax.plot(np.arange(1, ratio.size + 1), np.cumsum(ratio), color="C0", lw=2)
    marks = {}
    for i, target in enumerate(targets):
        k = components_for_variance(ratio, target)
        color = f"C{i + 1}"
        marks[target] = (
            ax.axhline(target, color=color, ls="--", lw=1),
            ax.axvline(k, color=color, ls=":", lw=1.5, label=f"{target:.0%}: {k} components"),
        )
    if len(targets):
        ax.legend(loc="lower right", fontsize=TEXT_SIZE)
    ax.set(
        xlabel="number of components",
        ylabel="cumulative explained variance",
        xlim=(0, ratio.size + 1),
        ylim=(0, 1.02),
    )
    ax.grid(alpha=0.3)
    _readable(ax)
    return Drawing(ax_=ax, figure_=ax.figure, curve_=curve, targets_=marks)


def plot_decision_boundary(
    model, X: ArrayLike, y: ArrayLike, *, ax: Axes | None = None, resolution: int = 200
) -> Drawing:
    """scikit-learn's ``DecisionBoundaryDisplay`` of a fitted model, with the points on top.

    The regions come from ``DecisionBoundaryDisplay.from_estimator(model, X,
    response_method="predict")``; each class's points are drawn over them with their
    own colour and marker. Nothing is fitted here.

    Parameters
    ----------
    model : fitted classifier with ``predict`` on 2 features
    X : array_like of shape (n_samples, 2)
    y : array_like of shape (n_samples,) of class labels
    resolution : int, default=200
        Grid points per axis.

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``display_`` (the DecisionBoundaryDisplay), ``surface_``
        (its filled contours) and ``points_`` (dict {class: PathCollection}).

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    >>> m = LogisticRegression().fit(X, [0, 1, 1, 0])
    >>> d = plot_decision_boundary(m, X, [0, 1, 1, 0], resolution=20)
    >>> d.ax_.get_xlabel(), sorted(d.points_)
    ('$x_1$', [0, 1])
    >>> plt.close(d.figure_)
    """
    check_classifier(model)
    check_aligned(X, y, names=("X", "y"))
    X = check_numeric(X, "X")
    y = check_labels(y, "y")
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] == 0:
        raise ValueError(f"X must have shape (n_samples, 2), n_samples >= 1, got {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(f"y must have shape ({X.shape[0]},), got {y.shape}")
    if getattr(model, "classes_", None) is not None:  # points coloured as the regions
        check_same_label_type(model.classes_, y, ("model.classes_", "y"))
    resolution = _positive_int(resolution, "resolution", minimum=2)
    classes = np.unique(y)
    colors = _CLASS_COLORS[: len(classes)] if len(classes) <= 4 else None
    ax = _axes(ax, (5, 4))
    pad = 0.1 * float(np.max(X.max(axis=0) - X.min(axis=0)) + 1e-12)
    kw = {"cmap": ListedColormap(colors)} if len(classes) == 2 else {"multiclass_colors": colors}
    display = DecisionBoundaryDisplay.from_estimator(
        model,
        X,
        grid_resolution=resolution,
        eps=pad,
        response_method="predict",
        alpha=0.25,
        xlabel="$x_1$",
        ylabel="$x_2$",
        ax=ax,
        **kw,
    )
    palette = colors or [plt.cm.tab10(i % 10) for i in range(len(classes))]
    points = {}
    for i, label in enumerate(classes):
        mask = y == label
        points[label.item() if hasattr(label, "item") else label] = ax.scatter(
            X[mask, 0],
            X[mask, 1],
            s=16,
            color=palette[i],
            marker=_MARKERS[i % 4],
            edgecolor="black",
            linewidth=0.3,
            label=f"class {label}",
        )
    _legend_below(ax, len(classes), offset=0.2)
    _readable(ax)
    return Drawing(
        ax_=ax, figure_=ax.figure, display_=display, surface_=display.surface_, points_=points
    )
