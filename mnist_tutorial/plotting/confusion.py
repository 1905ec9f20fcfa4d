"""Figures of one model's mistakes: the confusion matrix and per-class scores."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt  # noqa: F401 (the doctests close their figures)
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from numpy.typing import ArrayLike
from sklearn.metrics import ConfusionMatrixDisplay

from .._validation import check_bool, check_numeric
from ..metrics import check_cm_labels, check_confusion_matrix
from ._base import (
    PAGE_WIDTH,
    TEXT_SIZE,
    Drawing,
    _axes,
    _legend_below,
    _readable,
)

__all__ = ["plot_confusion_matrix", "plot_per_class_metrics"]


def plot_confusion_matrix(
    cm: ArrayLike,
    labels: Sequence | None = None,
    *,
    ax: Axes | None = None,
    normalize: bool = False,
    cmap: str = "Blues",
    colorbar: bool = True,
) -> ConfusionMatrixDisplay:
    """scikit-learn's ``ConfusionMatrixDisplay`` of ``cm``, sized for the page.

    The same figure as ``ConfusionMatrixDisplay(cm, display_labels=labels).plot()``,
    with counts written as integers, text at the size of the book's body text, and an
    optional normalisation of the rows.

    Parameters
    ----------
    cm : array_like of shape (k, k)
        Counts; true labels on rows, predictions on columns.
    labels : sequence of length k, optional
    normalize : bool, default=False
        Divide each row by its sum and show rates (each row then sums to 1; an empty row
        stays 0), like ``confusion_matrix(..., normalize="true")``.

    Returns
    -------
    sklearn.metrics.ConfusionMatrixDisplay
        With ``im_`` (its colour bar is ``im_.colorbar``), ``text_`` (ndarray (k, k)
        of Text), ``ax_``, ``figure_`` and ``confusion_matrix`` (the values shown).

    Examples
    --------
    >>> disp = plot_confusion_matrix([[50, 10], [5, 35]], ["sick", "healthy"])
    >>> [t.get_text() for t in disp.text_.ravel()]
    ['50', '10', '5', '35']
    >>> plt.close(disp.figure_)
    """
    arr = check_confusion_matrix(
        cm
    )  # square, numeric, finite, non-negative (else ValueError/TypeError)
    k = arr.shape[0]
    normalize, colorbar = check_bool(normalize, "normalize"), check_bool(colorbar, "colorbar")
    labels = check_cm_labels(cm, labels, k)  # a labelled DataFrame keeps its labels
    if normalize:
        sums = arr.sum(axis=1, keepdims=True)
        arr = np.divide(arr, sums, out=np.zeros_like(arr), where=sums > 0)
    ax = _axes(ax, (4.5, 3.8) if k <= 3 else (PAGE_WIDTH, PAGE_WIDTH * 0.82))
    disp = ConfusionMatrixDisplay(arr, display_labels=labels).plot(
        ax=ax,
        cmap=cmap,
        colorbar=False,
        values_format=".2f" if normalize else ".0f",
        im_kw={"vmin": 0},
        text_kw={"fontsize": TEXT_SIZE},
    )
    _readable(ax)
    if colorbar:  # narrower than scikit-learn's, so the cells keep room for 4 digits
        bar = ax.figure.colorbar(disp.im_, ax=ax, fraction=0.046, pad=0.04)
        bar.ax.tick_params(labelsize=TEXT_SIZE)
    return disp


def plot_per_class_metrics(
    table, *, columns: Sequence[str] = ("precision", "recall", "f1"), ax: Axes | None = None
) -> Drawing:
    """Per-class scores as dots, with 95% intervals where the table allows them.

    When ``table`` has a ``support`` column (true samples per class, as from
    :func:`mnist_tutorial.per_class_metrics`), recall gets the interval
    ``± 1.96 sqrt(r (1 - r) / support)`` and precision ``± 1.96 sqrt(p (1 - p) / m)``
    with ``m = support · recall / precision`` the number of predictions of the class.
    F1 has no such simple formula and is drawn without one. The y-axis spans the
    scores, not 0 to 1: compare dots with their intervals.

    Parameters
    ----------
    table : DataFrame indexed by class, with the given columns (values in [0, 1])
    columns : sequence of str, default=("precision", "recall", "f1")

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``points_`` (dict {column: ErrorbarContainer}) and
        ``errors_`` (dict {column: half-widths of the intervals, or None}).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"precision": [0.9, 0.8], "recall": [0.75, 0.96], "f1": [0.8, 0.87],
    ...                   "support": [100, 50]})
    >>> d = plot_per_class_metrics(t)
    >>> d.points_["recall"].lines[0].get_ydata().tolist(), d.errors_["f1"]
    ([0.75, 0.96], None)
    >>> plt.close(d.figure_)
    """
    if isinstance(columns, str) or len(columns) == 0:
        raise ValueError(f"columns must be a non-empty list of column names, got {columns!r}")
    if not isinstance(table, pd.DataFrame) or len(table) == 0:
        raise ValueError("table must be a DataFrame with at least one row of scores")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"table must be a DataFrame with columns {list(columns)}; missing {missing}"
        )
    values = check_numeric(table[list(columns)], "table")
    if not np.all((values >= 0) & (values <= 1)):
        raise ValueError("table's scores must lie in [0, 1]")
    errors = dict.fromkeys(columns)
    if "support" in table.columns:
        support = check_numeric(table["support"], "table['support']")
        recall = table["recall"].to_numpy(dtype=float) if "recall" in table.columns else None
        for column in columns:
            score = table[column].to_numpy(dtype=float)
            if column == "recall":
                n = support
            elif column == "precision" and recall is not None:
                n = np.divide(support * recall, score, out=np.zeros_like(score), where=score > 0)
            else:
                continue
            se = np.sqrt(np.divide(score * (1 - score), n, out=np.zeros_like(n), where=n > 0))
            errors[column] = 1.96 * se
    ax = _axes(ax, (PAGE_WIDTH, 3.8))
    x = np.arange(len(table))
    points = {}
    for i, column in enumerate(columns):
        offset = (i - (len(columns) - 1) / 2) * 0.22
        points[column] = ax.errorbar(
            x + offset,
            table[column].to_numpy(dtype=float),
            yerr=errors[column],
            fmt="os^D"[i % 4],
            color=f"C{i}",
            capsize=2,
            label=column,
        )
    ax.set(
        xticks=x,
        xticklabels=[str(i) for i in table.index],
        xlabel=str(table.index.name or "class"),
        ylabel="score",
    )
    ax.grid(axis="y", alpha=0.3)
    _legend_below(ax, len(columns))
    _readable(ax)
    return Drawing(ax_=ax, figure_=ax.figure, points_=points, errors_=errors)
