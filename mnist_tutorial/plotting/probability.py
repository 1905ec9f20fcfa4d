"""Figures of probabilities: the sigmoid, a simulated logistic model, one sample's classes."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt  # noqa: F401 (the doctests close their figures)
import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from .._validation import check_bool, check_float, check_labels, check_numeric
from ..logistic import stable_sigmoid as sigmoid
from ._base import PAGE_WIDTH, TEXT_SIZE, Drawing, _axes, _probability, _range, _readable

__all__ = ["plot_probabilities", "plot_sigmoid", "plot_simulation"]


def _points_by_class(ax: Axes, x: np.ndarray, p: np.ndarray, threshold: float) -> dict:
    """Dots at (x, p): orange circles where p >= threshold (class 1), blue squares else."""
    positive = p >= threshold
    return {
        1: ax.scatter(x[positive], p[positive], color="C1", s=20, zorder=3, label="predicted 1"),
        0: ax.scatter(
            x[~positive], p[~positive], color="C0", s=20, marker="s", zorder=3, label="predicted 0"
        ),
    }


def _finish(ax: Axes, xlabel: str, ylabel: str, xlim: tuple[float, float]) -> None:
    ax.set(xlabel=xlabel, ylabel=ylabel, ylim=(-0.03, 1.03), xlim=xlim)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", frameon=False, fontsize=TEXT_SIZE)
    _readable(ax)


def plot_sigmoid(
    *,
    ax: Axes | None = None,
    threshold: float = 0.5,
    z_range: tuple[float, float] = (-8.0, 8.0),
    points: tuple[ArrayLike, ArrayLike] | None = None,
    label: str = r"$\sigma(z) = 1 / (1 + e^{-z})$",
) -> Drawing:
    """The sigmoid curve with the decision threshold, optionally with points on it.

    Parameters
    ----------
    threshold : float in (0, 1), default=0.5
        Drawn as a horizontal line; the score where the curve crosses it is marked by a
        vertical line (when it lies in ``z_range``).
    z_range : (float, float)
    points : (z, probability) arrays, optional
        Drawn as dots, coloured by the class they are assigned at the threshold.

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``curve_`` (Line2D), ``threshold_line_``, ``cut_line_``
        (``None`` outside ``z_range``) and ``points_``, a dict {1: ..., 0: ...} of the
        dots of each predicted class (empty without ``points``).

    Examples
    --------
    >>> d = plot_sigmoid(threshold=0.8)
    >>> round(float(d.cut_line_.get_xdata()[0]), 4), d.ax_.get_ylabel()
    (1.3863, 'probability σ(z)')
    >>> plt.close(d.figure_)
    """
    threshold = _probability(threshold, "threshold")
    lo, hi = _range(z_range, "z_range")
    if points is not None:
        try:
            pz, pp = points
        except (TypeError, ValueError) as exc:
            raise TypeError("points must be a (z, probabilities) pair") from exc
        pz, pp = check_numeric(pz, "points[0] (z)"), check_numeric(pp, "points[1]")
        if pz.ndim != 1 or pz.shape != pp.shape:
            raise ValueError(
                "points: z and probabilities differ in shape or are not 1-D, "
                f"{pz.shape} vs {pp.shape}"
            )
        if np.any(pp < 0) or np.any(pp > 1):
            raise ValueError("points[1] must hold probabilities between 0 and 1")
    ax = _axes(ax, (PAGE_WIDTH, 4))
    z = np.linspace(lo, hi, 400)
    (curve,) = ax.plot(z, sigmoid(z), color="C0", lw=2, label=label)
    threshold_line = ax.axhline(
        threshold, color="C3", ls="--", lw=1, label=f"threshold {threshold:g}"
    )
    z_cut = float(np.log(threshold / (1 - threshold)))
    cut_line = ax.axvline(z_cut, color="gray", ls=":", lw=1.5) if lo <= z_cut <= hi else None
    dots = {} if points is None else _points_by_class(ax, pz, pp, threshold)
    _finish(ax, "score z", "probability σ(z)", (lo, hi))
    return Drawing(
        ax_=ax,
        figure_=ax.figure,
        curve_=curve,
        threshold_line_=threshold_line,
        cut_line_=cut_line,
        points_=dots,
    )


def plot_simulation(
    X: ArrayLike,
    weights: ArrayLike,
    bias: float,
    *,
    ax: Axes | None = None,
    threshold: float = 0.5,
    t_range: tuple[float, float] | None = None,
    title: str | None = None,
    legend: bool = True,
) -> Drawing:
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
    legend : bool, default=True

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``curve_``, ``threshold_line_``, ``boundary_line_`` and
        ``points_`` (dict {1: ..., 0: ...} of the dots of each predicted class).

    Examples
    --------
    >>> d = plot_simulation(np.array([[1.0, 0.0], [-1.0, 0.0]]), [2.0, 0.0], 1.0)
    >>> round(float(d.boundary_line_.get_xdata()[0]), 3)
    -0.5
    >>> plt.close(d.figure_)
    """
    X = check_numeric(X, "X")
    w = check_numeric(weights, "weights")
    bias = check_float(bias, "bias")
    legend = check_bool(legend, "legend")
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n_samples, n_features), got {X.shape}")
    if X.shape[0] == 0:
        raise ValueError(f"X has no samples (shape {X.shape})")
    if w.shape != (X.shape[1],):
        raise ValueError(f"weights must have shape ({X.shape[1]},), got {w.shape}")
    norm = float(np.linalg.norm(w))
    if norm == 0:
        raise ValueError("weights must not be all zero")
    threshold = _probability(threshold, "threshold")
    t = X @ w / norm
    if t_range is None:
        pad = 0.05 * (t.max() - t.min() + 1e-9)
        t_range = (float(t.min() - pad), float(t.max() + pad))
    lo, hi = _range(t_range, "t_range")
    ax = _axes(ax, (PAGE_WIDTH, 4))
    grid = np.linspace(lo, hi, 400)
    (curve,) = ax.plot(grid, sigmoid(norm * grid + bias), color="C0", lw=2)
    threshold_line = ax.axhline(threshold, color="C3", ls="--", lw=1)
    boundary = (float(np.log(threshold / (1 - threshold))) - bias) / norm
    boundary_line = ax.axvline(boundary, color="gray", ls=":", lw=1.5)
    dots = _points_by_class(ax, t, sigmoid(norm * t + bias), threshold)
    _finish(ax, "position along the weights, x·w/‖w‖", "probability ŷ", (lo, hi))
    if not legend:
        ax.get_legend().remove()
    if title is not None:
        ax.set_title(title, fontsize=TEXT_SIZE)
    return Drawing(
        ax_=ax,
        figure_=ax.figure,
        curve_=curve,
        threshold_line_=threshold_line,
        boundary_line_=boundary_line,
        points_=dots,
    )


def plot_probabilities(
    probabilities: ArrayLike, classes: Sequence | None = None, *, ax: Axes | None = None
) -> Drawing:
    """Bars (from zero) of one sample's class probabilities, the largest highlighted.

    Returns
    -------
    Drawing
        ``ax_``, ``figure_`` and ``bars_`` (BarContainer, one bar per class).

    Examples
    --------
    >>> d = plot_probabilities([0.1, 0.7, 0.2], ["a", "b", "c"])
    >>> [round(float(b.get_height()), 2) for b in d.bars_]
    [0.1, 0.7, 0.2]
    >>> plt.close(d.figure_)
    """
    p = check_numeric(probabilities, "probabilities")
    if p.ndim == 2 and p.shape[0] == 1:  # one row of predict_proba
        p = p[0]
    if p.ndim != 1:
        raise ValueError(
            "probabilities must be one sample's class probabilities, shape (n_classes,) or "
            f"(1, n_classes), got {p.shape}"
        )
    if p.size == 0:
        raise ValueError("probabilities is empty")
    if np.any(p < 0) or np.any(p > 1) or not np.all(np.isfinite(p)):
        raise ValueError("probabilities must be finite values between 0 and 1")
    if classes is not None:
        classes = check_labels(classes, "classes", unique=True)
    classes = [str(c) for c in (range(p.size) if classes is None else classes)]
    if len(classes) != p.size:
        raise ValueError(f"classes has {len(classes)} entries but {p.size} probabilities")
    ax = _axes(ax, (5, 3))
    colors = ["C1" if i == int(np.argmax(p)) else "C0" for i in range(p.size)]
    bars = ax.bar(classes, p, color=colors)
    ax.set(xlabel="class", ylabel="probability", ylim=(0, 1.05))
    _readable(ax)
    return Drawing(ax_=ax, figure_=ax.figure, bars_=bars)
