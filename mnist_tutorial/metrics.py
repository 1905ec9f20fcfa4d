"""Metrics computed from a confusion matrix (true labels on rows, predictions on columns)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

__all__ = [
    "accuracy_from_confusion",
    "most_confused_pairs",
    "per_class_metrics",
    "precision_recall_f1",
]


def _check_cm(cm: ArrayLike) -> np.ndarray:
    arr = np.asarray(cm)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise ValueError(f"cm must be a square 2-D confusion matrix, got shape {arr.shape}")
    if not np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"cm must hold counts (numbers), got dtype {arr.dtype}")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError("cm must hold finite, non-negative counts")
    return arr.astype(np.float64)


def _as_counts(values: np.ndarray) -> np.ndarray:
    """Whole numbers as int64; anything else (rates of a normalised matrix) stays float."""
    return values.astype(np.int64) if np.all(values == np.round(values)) else values


def _safe_divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    out = np.zeros_like(num, dtype=np.float64)
    np.divide(num, den, out=out, where=den > 0)
    return out


def precision_recall_f1(cm: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-class precision, recall and F1 from a confusion matrix.

    precision_k = cm[k, k] / column sum k (how many predicted k are really k);
    recall_k = cm[k, k] / row sum k (how many real k were found);
    F1 = 2 P R / (P + R). Undefined values (a class never predicted, never present, or
    P = R = 0) are 0.0, never NaN, with no warning -- like scikit-learn's
    ``zero_division=0``.

    Parameters
    ----------
    cm : array_like of shape (n_classes, n_classes)
        Counts, true labels on rows and predicted labels on columns.

    Returns
    -------
    precision, recall, f1 : ndarray of shape (n_classes,)

    Examples
    --------
    >>> p, r, f = precision_recall_f1([[50, 10], [5, 35]])
    >>> p.round(3).tolist(), r.round(3).tolist()
    ([0.909, 0.778], [0.833, 0.875])
    """
    arr = _check_cm(cm)
    tp = np.diag(arr)
    precision = _safe_divide(tp, arr.sum(axis=0))
    recall = _safe_divide(tp, arr.sum(axis=1))
    f1 = _safe_divide(2 * precision * recall, precision + recall)
    return precision, recall, f1


def accuracy_from_confusion(cm: ArrayLike) -> float:
    """Accuracy as trace / total: the share of samples on the diagonal.

    Examples
    --------
    >>> accuracy_from_confusion([[50, 10], [5, 35]])
    0.85
    """
    arr = _check_cm(cm)
    total = arr.sum()
    if total == 0:
        raise ValueError("cm is all zeros: accuracy is undefined for no samples")
    return float(np.trace(arr) / total)


def per_class_metrics(cm: ArrayLike, labels: Sequence | None = None) -> pd.DataFrame:
    """A table of precision, recall, F1 and support (row sums), one row per class.

    Parameters
    ----------
    cm : array_like of shape (n_classes, n_classes)
    labels : sequence of length n_classes, optional
        Index of the table; defaults to 0 ... n_classes - 1.

    Returns
    -------
    DataFrame with columns ``precision``, ``recall``, ``f1``, ``support``.

    Examples
    --------
    >>> per_class_metrics([[50, 10], [5, 35]], labels=["sick", "healthy"]).support.tolist()
    [60, 40]
    """
    arr = _check_cm(cm)
    labels = list(range(arr.shape[0])) if labels is None else list(labels)
    if len(labels) != arr.shape[0]:
        raise ValueError(f"labels has {len(labels)} entries but cm has {arr.shape[0]} classes")
    precision, recall, f1 = precision_recall_f1(arr)
    return pd.DataFrame(
        {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": _as_counts(arr.sum(axis=1)),
        },
        index=pd.Index(labels, name="class"),
    )


def most_confused_pairs(cm: ArrayLike, labels: Sequence | None = None, k: int = 5) -> pd.DataFrame:
    """The k largest off-diagonal cells: which true class is most often taken for which.

    Ties are broken by position (row, then column), so the order is deterministic.

    Returns
    -------
    DataFrame with columns ``true``, ``predicted``, ``count``, largest count first;
    at most k rows, and no row with a count of 0.

    Examples
    --------
    >>> most_confused_pairs([[5, 1, 0], [3, 4, 0], [0, 2, 7]], k=2).to_dict("records")
    [{'true': 1, 'predicted': 0, 'count': 3}, {'true': 2, 'predicted': 1, 'count': 2}]
    """
    arr = _check_cm(cm)
    n = arr.shape[0]
    labels = list(range(n)) if labels is None else list(labels)
    if len(labels) != n:
        raise ValueError(f"labels has {len(labels)} entries but cm has {n} classes")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise ValueError(f"k must be a non-negative integer, got {k!r}")
    rows, cols = np.nonzero(~np.eye(n, dtype=bool))
    counts = arr[rows, cols]
    order = np.lexsort((cols, rows, -counts))[:k]
    order = order[counts[order] > 0]
    return pd.DataFrame(
        {
            "true": [labels[i] for i in rows[order]],
            "predicted": [labels[j] for j in cols[order]],
            "count": _as_counts(counts[order]),
        }
    )
