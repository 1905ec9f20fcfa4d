"""Figures that compare models: accuracy with its uncertainty, and what it costs.

An accuracy measured on n test images carries a standard error of about
``sqrt(p (1 - p) / n)``; given ``n``, each accuracy is drawn with its 95% interval
(± 1.96 standard errors), so a reader can see which differences are within the noise.
"""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: F401 (the doctests close their figures)
import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from .._validation import check_float, check_numeric
from ._base import (
    PAGE_WIDTH,
    TEXT_SIZE,
    Drawing,
    _accuracy_se,
    _axes,
    _named_values,
    _readable,
)

__all__ = ["plot_accuracy_vs_time", "plot_model_comparison", "plot_tradeoff"]

_Z95 = 1.96


def _interval(accuracy: np.ndarray, n: int | None) -> np.ndarray | None:
    se = _accuracy_se(accuracy, n)
    return None if se is None else _Z95 * se


def plot_model_comparison(
    accuracy,
    *,
    n: int | None = None,
    benchmark: float | None = None,
    benchmark_label: str = "human benchmark",
    ax: Axes | None = None,
) -> Drawing:
    """Test accuracy per model as dots, with 95% intervals when ``n`` is given.

    A dot plot, not bars: the differences between models are a fraction of a percent,
    which bars starting at zero would hide and bars starting elsewhere would exaggerate.

    Parameters
    ----------
    accuracy : pandas Series (index = model names) or dict of {name: accuracy}
    n : int, optional
        Number of test images the accuracies were measured on; draws ± 1.96 standard
        errors around each dot.
    benchmark : float, optional
        Drawn as a vertical dashed line labelled ``benchmark_label``.

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``points_`` (ErrorbarContainer, models top to bottom in
        the given order), ``errors_`` (half-widths of the intervals, or None),
        ``names_`` and ``text_`` (the name and value labels) and ``benchmark_line_``
        (or None).

    Examples
    --------
    >>> d = plot_model_comparison({"a": 0.91, "b": 0.98}, n=10_000)
    >>> [t.get_text() for t in d.names_], d.errors_.round(4).tolist()
    (['a', 'b'], [0.0056, 0.0027])
    >>> plt.close(d.figure_)
    """
    names, values = _named_values(accuracy, "accuracy")
    if not np.all((values >= 0) & (values <= 1)):
        raise ValueError("accuracy values must lie in [0, 1]")
    if benchmark is not None:
        benchmark = check_float(benchmark, "benchmark", low=0, high=1)
    errors = _interval(values, n)
    half = np.zeros_like(values) if errors is None else errors
    ax = _axes(ax, (PAGE_WIDTH, 0.6 * len(names) + 1.0))
    y = np.arange(len(names))[::-1]
    points = ax.errorbar(values, y, xerr=errors, fmt="o", color="C0", capsize=3, ms=7)
    # names above their rows and values right of their intervals, so the figure keeps
    # the page's width however long the names are
    label = {"textcoords": "offset points", "fontsize": TEXT_SIZE}
    name_text = [
        ax.annotate(
            name,
            (0.01, yi),
            xycoords=("axes fraction", "data"),
            xytext=(0, 8),
            va="bottom",
            **label,
        )
        for name, yi in zip(names, y)
    ]
    value_text = [
        ax.annotate(f"{v:.3f}", (v + h, yi), xytext=(6, 0), va="center", **label)
        for v, h, yi in zip(values, half, y)
    ]
    lo, hi = float(np.min(values - half)), float(np.max(values + half))
    line = None
    if benchmark is not None:
        lo, hi = min(lo, benchmark), max(hi, benchmark)
        line = ax.axvline(benchmark, color="C3", ls="--", lw=1.5)
        ax.annotate(
            f"{benchmark_label} {benchmark:.1%}",
            (benchmark, len(names) - 0.3),
            xytext=(-4, 0),
            ha="right",
            va="center",
            color="C3",
            **label,
        )
    span = (hi - lo) or 0.01
    ax.set(
        yticks=[],
        ylim=(-0.5, len(names) - 0.05),
        xlim=(lo - 0.04 * span, hi + 0.2 * span),
        xlabel="test accuracy",
    )
    ax.grid(axis="x", alpha=0.3)
    _readable(ax)
    return Drawing(
        ax_=ax,
        figure_=ax.figure,
        points_=points,
        errors_=errors,
        names_=name_text,
        text_=value_text,
        benchmark_line_=line,
    )


def plot_accuracy_vs_time(table, *, n: int | None = None, ax: Axes | None = None) -> Drawing:
    """Test accuracy against fit seconds, one labelled point per model.

    Parameters
    ----------
    table : DataFrame
        Indexed by model name, with columns ``accuracy`` and ``fit_seconds`` (as returned
        by :func:`mnist_tutorial.model_table`).
    n : int, optional
        Number of test images; draws each accuracy's 95% interval.

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``points_`` (ErrorbarContainer), ``errors_`` and
        ``text_`` (the model names).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"accuracy": [0.9, 0.98], "fit_seconds": [3.0, 20.0]}, index=["a", "b"])
    >>> d = plot_accuracy_vs_time(t)
    >>> [x.get_text() for x in d.text_], d.ax_.get_xlabel()
    (['a', 'b'], 'fit seconds (real fit, from the fit cache)')
    >>> plt.close(d.figure_)
    """
    missing = {"accuracy", "fit_seconds"} - set(getattr(table, "columns", []))
    if missing:
        raise ValueError(f"table must have columns accuracy and fit_seconds; missing {missing}")
    if len(table) == 0:
        raise ValueError("table must hold at least one model")
    seconds = check_numeric(table["fit_seconds"], "table['fit_seconds']", allow_nan=True)
    accuracy = check_numeric(table["accuracy"], "table['accuracy']")
    if np.any(np.isinf(seconds)) or np.any(seconds < 0):
        raise ValueError("table['fit_seconds'] must be non-negative and finite (or NaN: unknown)")
    if np.any((accuracy < 0) | (accuracy > 1)):
        raise ValueError("table['accuracy'] values must lie in [0, 1]")
    errors = _interval(accuracy, n)
    ax = _axes(ax, (PAGE_WIDTH, 4))
    points = ax.errorbar(seconds, accuracy, yerr=errors, fmt="o", color="C0", capsize=3, ms=7)
    text = [
        ax.annotate(
            str(name),
            (x, y),
            xytext=(7, 0),
            textcoords="offset points",
            va="center",
            fontsize=TEXT_SIZE,
        )
        for name, x, y in zip(table.index, seconds, accuracy)
    ]
    ax.set(
        xlabel="fit seconds (real fit, from the fit cache)",
        ylabel="test accuracy",
        xlim=(0, max(np.nanmax(seconds, initial=0.0) * 1.6, 1.0)),
    )
    ax.grid(alpha=0.3)
    _readable(ax)
    return Drawing(ax_=ax, figure_=ax.figure, points_=points, errors_=errors, text_=text)


def plot_tradeoff(
    x: ArrayLike,
    accuracy: ArrayLike,
    seconds: ArrayLike,
    *,
    xlabel: str = "number of components",
    n: int | None = None,
    ax: Axes | None = None,
) -> Drawing:
    """Test accuracy (left axis) and fit seconds (right axis) against a setting such as k.

    Parameters
    ----------
    n : int, optional
        Number of test images; draws each accuracy's 95% interval.

    Returns
    -------
    Drawing
        ``ax_`` (accuracy), ``time_ax_`` (its twin, fit seconds from 0), ``figure_``,
        ``accuracy_`` (ErrorbarContainer) and ``seconds_`` (Line2D).

    Examples
    --------
    >>> d = plot_tradeoff([10, 50], [0.9, 0.92], [2.0, 9.0])
    >>> d.ax_.get_ylabel(), d.time_ax_.get_ylabel(), float(d.time_ax_.get_ylim()[0])
    ('test accuracy', 'fit seconds', 0.0)
    >>> plt.close(d.figure_)
    """
    x, acc, sec = (
        check_numeric(a, name)
        for a, name in ((x, "x"), (accuracy, "accuracy"), (seconds, "seconds"))
    )
    for arr, name in ((x, "x"), (acc, "accuracy"), (sec, "seconds")):
        if arr.ndim != 1:
            raise ValueError(f"{name} must be 1-D (one value per setting), got shape {arr.shape}")
    if np.any(sec < 0):
        raise ValueError("seconds must be non-negative")
    if np.any((acc < 0) | (acc > 1)):
        raise ValueError("accuracy values must lie in [0, 1]")
    if not x.size == acc.size == sec.size or x.size == 0:
        raise ValueError(
            f"x, accuracy and seconds must be non-empty and of equal length, "
            f"got {x.size}, {acc.size} and {sec.size}"
        )
    ax = _axes(ax, (PAGE_WIDTH, 4))
    acc_points = ax.errorbar(x, acc, yerr=_interval(acc, n), fmt="o-", color="C0", lw=2, capsize=3)
    ax.set(xlabel=xlabel, ylabel="test accuracy")
    ax.tick_params(axis="y", colors="C0")
    ax.yaxis.label.set_color("C0")
    twin = ax.twinx()
    (sec_line,) = twin.plot(x, sec, "s--", color="C1", lw=1.5)
    twin.set(ylabel="fit seconds", ylim=(0, max(sec.max() * 1.15, 1e-9)))
    twin.tick_params(axis="y", colors="C1")
    twin.yaxis.label.set_color("C1")
    ax.grid(alpha=0.3)
    _readable(ax)
    _readable(twin)
    return Drawing(
        ax_=ax, time_ax_=twin, figure_=ax.figure, accuracy_=acc_points, seconds_=sec_line
    )
