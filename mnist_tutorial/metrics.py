"""Measuring fitted models: accuracy with its uncertainty, confusion matrices and the
metrics read from them, examples of each confusion, and comparison tables.

Nothing here fits a model: pass models from :func:`mnist_tutorial.fit_model` (or
:func:`mnist_tutorial.fit_cached`). Confusion matrices have true labels on rows and
predictions on columns; a labelled DataFrame (from :func:`confusion_from_model`) keeps
its labels through every function here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator
from sklearn.metrics import accuracy_score, confusion_matrix

from ._validation import (
    check_aligned,
    check_classifier,
    check_float,
    check_int,
    check_label,
    check_labels,
    check_numeric,
    check_same_label_type,
    check_samples,
)
from .cache import FitRecord, fit_record

__all__ = [
    "accuracy_report",
    "accuracy_se",
    "binary_rates",
    "compare_accuracy",
    "confident_share",
    "confusion_accuracy",
    "confusion_examples",
    "confusion_from_model",
    "describe_model",
    "misclassified_positions",
    "model_table",
    "most_confused_pairs",
    "per_class_metrics",
    "precision_recall_f1",
]

#: z value of a two-sided 95% normal interval.
_Z95 = 1.959963984540054


# --- accuracy and its uncertainty ---------------------------------------------------


def accuracy_se(accuracy: float, n: int) -> float:
    """Standard error of an accuracy measured on ``n`` test images: sqrt(p (1 - p) / n).

    The binomial standard error: how much the accuracy would move between two test sets
    of the same size. A difference between two models well within it is noise.

    Parameters
    ----------
    accuracy : float in [0, 1]
    n : int
        Number of test images the accuracy was measured on.

    Returns
    -------
    float

    Examples
    --------
    >>> round(accuracy_se(0.98, 14_000), 5)
    0.00118
    """
    p = check_float(accuracy, "accuracy", low=0, high=1)
    n = check_int(n, "n")
    return math.sqrt(p * (1 - p) / n)


def compare_accuracy(y_true: ArrayLike, pred_a: ArrayLike, pred_b: ArrayLike) -> dict[str, float]:
    """Accuracy of model A minus that of model B on the same test images, with a 95% interval.

    Both models are scored on the same images, so the comparison is paired: only the
    images where exactly one model is right (the discordant pairs) move the difference.
    With ``a_only`` images right only for A, ``b_only`` right only for B and n images,
    ``diff = (a_only - b_only) / n`` and its standard error is
    ``sqrt(a_only + b_only - (a_only - b_only) ** 2 / n) / n`` (the standard deviation
    of the per-image differences, divided by sqrt(n)). The interval is
    ``diff +- 1.96 se``: if it contains 0, the difference is within the noise.

    Parameters
    ----------
    y_true, pred_a, pred_b : array_like of shape (n_samples,)
        True labels and the two models' predictions (same label type).

    Returns
    -------
    dict with ``diff``, ``se``, ``low``, ``high`` (floats) and ``a_only``, ``b_only``
    (ints).

    Examples
    --------
    >>> y = [0, 1, 1, 0, 1, 0, 1, 1]
    >>> r = compare_accuracy(y, [0, 1, 1, 0, 1, 0, 1, 0], [0, 1, 0, 0, 1, 1, 1, 0])
    >>> r["diff"], r["a_only"], r["b_only"], round(r["se"], 4)
    (0.25, 2, 0, 0.1531)
    """
    check_aligned(y_true, pred_a, pred_b, names=("y_true", "pred_a", "pred_b"))
    t = check_labels(y_true, "y_true")
    a = check_labels(pred_a, "pred_a")
    b = check_labels(pred_b, "pred_b")
    if not (t.shape == a.shape == b.shape) or t.size == 0:
        raise ValueError(
            "y_true, pred_a and pred_b must be non-empty and of the same length, got "
            f"{t.size}, {a.size} and {b.size}"
        )
    check_same_label_type(t, a, ("y_true", "pred_a"))
    check_same_label_type(t, b, ("y_true", "pred_b"))
    right_a, right_b = t == a, t == b
    a_only = int(np.sum(right_a & ~right_b))
    b_only = int(np.sum(right_b & ~right_a))
    n = t.size
    diff = (a_only - b_only) / n
    se = math.sqrt(max(a_only + b_only - (a_only - b_only) ** 2 / n, 0.0)) / n
    return {
        "diff": diff,
        "se": se,
        "low": diff - _Z95 * se,
        "high": diff + _Z95 * se,
        "a_only": a_only,
        "b_only": b_only,
    }


def accuracy_report(
    model: BaseEstimator,
    X_train: ArrayLike,
    y_train: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
) -> pd.Series:
    """Accuracy of a fitted classifier on its training and on its test data.

    Parameters
    ----------
    model : fitted classifier with ``score``
    X_train, X_test : array_like of shape (n_samples, n_features)
    y_train, y_test : array_like of shape (n_samples,)

    Returns
    -------
    pandas.Series with ``train``, ``test`` and ``gap`` (train minus test).

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> m = LogisticRegression().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    >>> accuracy_report(m, [[0.0], [3.0]], [0, 1], [[1.0], [2.0]], [1, 1]).tolist()
    [1.0, 0.5, 0.5]
    """
    check_classifier(model)
    check_samples(X_train, y_train, ("X_train", "y_train"), model=model)
    check_samples(X_test, y_test, ("X_test", "y_test"), model=model)
    train = float(model.score(X_train, y_train))
    test = float(model.score(X_test, y_test))
    return pd.Series({"train": train, "test": test, "gap": train - test}, name="accuracy")


def misclassified_positions(y_true: ArrayLike, y_pred: ArrayLike) -> np.ndarray:
    """Positions (0, 1, 2, ...) where the prediction differs from the true label.

    Positions, not DataFrame index labels: use them with ``.iloc`` or on arrays.

    Parameters
    ----------
    y_true, y_pred : array_like or Series of shape (n_samples,)
        Labels of the same type (strings against numbers raise a TypeError).

    Returns
    -------
    ndarray of int, shape (n_errors,), increasing.

    Examples
    --------
    >>> misclassified_positions(["3", "5", "7", "5"], ["3", "8", "7", "6"]).tolist()
    [1, 3]
    """
    check_aligned(y_true, y_pred, names=("y_true", "y_pred"))
    t, p = check_labels(y_true, "y_true"), check_labels(y_pred, "y_pred")
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred must have the same length, got {t.size} and {p.size}")
    check_same_label_type(t, p, ("y_true", "y_pred"))
    return np.flatnonzero(t != p)


def confident_share(probabilities: ArrayLike, *, margin: float = 0.1) -> float:
    """The share of probabilities that are confident: below ``margin`` or above 1 - margin.

    Parameters
    ----------
    probabilities : array_like of any shape, values in [0, 1]
    margin : float in (0, 0.5), default=0.1

    Returns
    -------
    float in [0, 1]

    Examples
    --------
    >>> confident_share([0.01, 0.5, 0.95, 0.7])
    0.5
    """
    p = check_numeric(probabilities, "probabilities")
    if p.size == 0:
        raise ValueError("probabilities is empty")
    if not np.all(np.isfinite(p)) or np.any(p < 0) or np.any(p > 1):
        raise ValueError("probabilities must be finite values between 0 and 1")
    margin = check_float(margin, "margin", low=0, high=0.5, inclusive=(False, False))
    return float(np.mean((p < margin) | (p > 1 - margin)))


def _ratio(num: int, den: int) -> float:
    return float(num / den) if den > 0 else 0.0


def binary_rates(tp: int, fp: int, fn: int, tn: int | None = None) -> dict[str, float]:
    """Rates of a two-class (positive / negative) confusion matrix from its four cells.

    Parameters
    ----------
    tp, fp, fn : int
        True positives, false positives, false negatives.
    tn : int, optional
        True negatives; needed for ``accuracy`` and ``specificity`` only.

    Returns
    -------
    dict with ``precision`` = tp / (tp + fp), ``recall`` (sensitivity) = tp / (tp + fn),
    ``f1`` = 2PR / (P + R) and, when tn is given, ``specificity`` = tn / (tn + fp) and
    ``accuracy`` = (tp + tn) / total. An undefined rate (0 / 0) is 0.0.

    Examples
    --------
    >>> r = binary_rates(tp=90, fp=10, fn=30)
    >>> round(r["precision"], 3), round(r["recall"], 3), round(r["f1"], 3)
    (0.9, 0.75, 0.818)
    >>> binary_rates(tp=50, fp=5, fn=10, tn=35)["accuracy"]
    0.85
    """
    tp, fp, fn = (
        check_int(v, name, min_value=0) for v, name in ((tp, "tp"), (fp, "fp"), (fn, "fn"))
    )
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    out = {"precision": precision, "recall": recall, "f1": f1}
    if tn is not None:
        tn = check_int(tn, "tn", min_value=0)
        out["specificity"] = _ratio(tn, tn + fp)
        out["accuracy"] = _ratio(tp + tn, tp + fp + fn + tn)
    return out


# --- confusion matrices ---------------------------------------------------------------


def check_confusion_matrix(cm: ArrayLike) -> np.ndarray:
    if isinstance(cm, pd.DataFrame) and list(cm.index) != list(cm.columns):
        raise ValueError(  # the diagonal would not hold the right answers
            "cm's index (true labels) and columns (predicted labels) must be the same labels"
        )
    if np.asarray(cm).dtype.kind == "b":
        raise TypeError("cm must hold counts (numbers), got dtype bool")
    arr = check_numeric(cm, "cm")  # numbers, finite, not huge (else TypeError/ValueError)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise ValueError(f"cm must be a square 2-D confusion matrix, got shape {arr.shape}")
    if np.any(arr < 0):
        raise ValueError("cm must hold finite, non-negative counts")
    return arr.copy()


def check_cm_labels(cm: Any, labels: Sequence | None, n: int) -> list:
    """The class labels of a confusion matrix: ``labels``, else a DataFrame's index, else 0..n-1."""
    index = list(cm.index) if isinstance(cm, pd.DataFrame) else None
    if index is not None and index != list(cm.columns):
        raise ValueError(
            "cm's index (true labels) and columns (predicted labels) must be the same labels"
        )
    if labels is None:
        return index if index is not None else list(range(n))
    labels = check_labels(labels, "labels", unique=True).tolist()
    if len(labels) != n:
        raise ValueError(f"labels has {len(labels)} entries but cm has {n} classes")
    if index is not None:
        check_same_label_type(labels, index, ("labels", "cm.index"))
        if labels != index:
            raise ValueError(f"labels {labels} differ from the labels of cm {index}")
    return labels


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
    arr = check_confusion_matrix(cm)
    tp = np.diag(arr)
    precision = _safe_divide(tp, arr.sum(axis=0))
    recall = _safe_divide(tp, arr.sum(axis=1))
    f1 = _safe_divide(2 * precision * recall, precision + recall)
    return precision, recall, f1


def confusion_accuracy(cm: ArrayLike) -> float:
    """Accuracy as trace / total: the share of samples on the diagonal.

    Examples
    --------
    >>> confusion_accuracy([[50, 10], [5, 35]])
    0.85
    """
    arr = check_confusion_matrix(cm)
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
        Index of the table; defaults to the index of a labelled DataFrame ``cm``,
        else 0 ... n_classes - 1.

    Returns
    -------
    DataFrame with columns ``precision``, ``recall``, ``f1``, ``support``.

    Examples
    --------
    >>> per_class_metrics([[50, 10], [5, 35]], labels=["sick", "healthy"]).support.tolist()
    [60, 40]
    """
    arr = check_confusion_matrix(cm)
    labels = check_cm_labels(cm, labels, arr.shape[0])
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
    ``labels`` defaults to the index of a labelled DataFrame ``cm``, else 0 ... n - 1.

    Returns
    -------
    DataFrame with columns ``true``, ``predicted``, ``count``, largest count first;
    at most k rows, and no row with a count of 0.

    Examples
    --------
    >>> most_confused_pairs([[5, 1, 0], [3, 4, 0], [0, 2, 7]], k=2).to_dict("records")
    [{'true': 1, 'predicted': 0, 'count': 3}, {'true': 2, 'predicted': 1, 'count': 2}]
    """
    arr = check_confusion_matrix(cm)
    n = arr.shape[0]
    labels = check_cm_labels(cm, labels, n)
    k = check_int(k, "k", min_value=0)
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


def confusion_from_model(
    model: BaseEstimator, X: ArrayLike, y: ArrayLike, labels: Sequence | None = None
) -> pd.DataFrame:
    """The confusion matrix of a fitted model on (X, y), as a labelled table.

    Parameters
    ----------
    model : fitted classifier (anything with ``predict``)
    X : array_like or DataFrame of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        True labels.
    labels : sequence, optional
        Class order; defaults to ``model.classes_``.

    Returns
    -------
    DataFrame of shape (n_classes, n_classes) of int counts: true labels on rows (index
    named ``true``), predictions on columns (named ``predicted``). ``.to_numpy()`` gives
    the raw array, equal to :func:`sklearn.metrics.confusion_matrix`.

    Examples
    --------
    >>> from sklearn.dummy import DummyClassifier
    >>> m = DummyClassifier(strategy="most_frequent").fit([[0], [0], [0]], ["a", "b", "b"])
    >>> confusion_from_model(m, [[0], [0], [0]], ["a", "b", "b"]).to_numpy().tolist()
    [[0, 1], [0, 2]]
    """
    check_classifier(model)
    y_true = check_samples(X, y, ("X", "y"), model=model)
    if labels is None:
        labels = getattr(model, "classes_", None)
        if labels is None:
            raise ValueError("labels is required for a model without classes_")
    labels = check_labels(labels, "labels", unique=True).tolist()
    check_same_label_type(y_true, labels, ("y", "labels"))
    y_pred = model.predict(X)
    check_same_label_type(y_true, y_pred, ("y", "the model's predictions"))
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    return pd.DataFrame(
        cm,
        index=pd.Index(labels, name="true"),
        columns=pd.Index(labels, name="predicted"),
    )


def confusion_examples(
    y_true: ArrayLike, y_pred: ArrayLike, true_label: Any, predicted_label: Any, n: int = 5
) -> np.ndarray:
    """Positions of the first ``n`` samples of ``true_label`` predicted as ``predicted_label``.

    Use the positions with ``X_test.iloc[...]`` or ``images[...]`` to look at the digits.
    Labels and the two classes must be of one type (``"4"`` is not ``4``: a TypeError).

    Returns
    -------
    ndarray of int, shape (m,) with m <= n (fewer if the confusion is rarer).

    Examples
    --------
    >>> confusion_examples(["4", "9", "4", "4"], ["9", "9", "9", "4"], "4", "9").tolist()
    [0, 2]
    """
    check_aligned(y_true, y_pred, names=("y_true", "y_pred"))
    t, p = check_labels(y_true, "y_true"), check_labels(y_pred, "y_pred")
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred must have the same length, got {t.size} and {p.size}")
    check_same_label_type(t, p, ("y_true", "y_pred"))
    check_label(true_label, "true_label")
    check_label(predicted_label, "predicted_label")
    check_same_label_type(t, [true_label], ("y_true", "true_label"))
    check_same_label_type(p, [predicted_label], ("y_pred", "predicted_label"))
    n = check_int(n, "n", min_value=0)
    return np.flatnonzero((t == true_label) & (p == predicted_label))[:n]


# --- comparing fitted models -------------------------------------------------------


def _solver_iterations(model: BaseEstimator) -> int | None:
    """Solver iterations of a fitted model's final step (the most any class needed).

    Works for a bare classifier, a Pipeline and a one-vs-rest wrapper; None when the
    final step has no ``n_iter_``.
    """
    final = model[-1] if hasattr(model, "steps") else model
    if hasattr(final, "estimators_"):  # OneVsRestClassifier: one binary model per class
        counts = [np.max(e.n_iter_) for e in final.estimators_ if hasattr(e, "n_iter_")]
        return int(max(counts)) if counts else None
    n_iter = getattr(final, "n_iter_", None)
    return int(np.max(n_iter)) if n_iter is not None else None


def _raised_convergence_warning(record: Any) -> bool:
    """Whether the real fit of a :class:`~mnist_tutorial.FitRecord` raised a ConvergenceWarning."""
    return any(category == "ConvergenceWarning" for category, _ in record.warnings)


def describe_model(
    model: BaseEstimator, X_test: ArrayLike, y_test: ArrayLike, y_pred: ArrayLike | None = None
) -> dict[str, Any]:
    """Test accuracy and fit facts of one fitted model (best: one returned by ``fit_cached``).

    ``y_pred``, if given, is the model's prediction for ``X_test`` that the caller already
    has: the accuracy is computed from it instead of predicting again.

    Returns
    -------
    dict with ``accuracy`` (on X_test), ``fit_seconds`` (the real fit's wall time, from
    :func:`mnist_tutorial.fit_record`; NaN for a model fitted without the fit cache, as in
    a notebook run outside the book), ``n_iter`` (solver iterations of the final step,
    if it has ``n_iter_``), ``n_features`` (inputs the final classifier sees) and
    ``convergence_warning`` (whether the real fit raised a ConvergenceWarning).
    """
    check_classifier(model, methods=("predict", "score") if y_pred is None else ())
    check_samples(X_test, y_test, ("X_test", "y_test"), model=model)
    try:
        record = fit_record(model)
    except ValueError:  # fitted by plain .fit, without the fit cache: no timing known
        record = FitRecord(key="", fit_seconds=float("nan"), from_cache=False)
    final = model[-1] if hasattr(model, "steps") else model
    coef = getattr(final, "coef_", None)
    return {
        "accuracy": (
            float(model.score(X_test, y_test)) if y_pred is None else _accuracy(y_test, y_pred)
        ),
        "fit_seconds": float(record.fit_seconds),
        "n_iter": _solver_iterations(model),
        "n_features": int(coef.shape[1]) if coef is not None else None,
        "convergence_warning": _raised_convergence_warning(record),
    }


def _accuracy(y_test: ArrayLike, y_pred: ArrayLike) -> float:
    """Share of equal labels; same shape and label type required (no silent mismatch)."""
    check_aligned(y_test, y_pred, names=("y_test", "y_pred"))
    y_test, y_pred = check_labels(y_test, "y_test"), check_labels(y_pred, "y_pred")
    check_same_label_type(y_test, y_pred, ("y_test", "y_pred"))
    if y_pred.shape != y_test.shape:
        raise ValueError(f"y_pred has shape {y_pred.shape}, y_test has {y_test.shape}")
    return float(accuracy_score(y_test, y_pred))


def model_table(
    models: Mapping[str, BaseEstimator],
    X_test: ArrayLike,
    y_test: ArrayLike,
    features: Mapping[str, str] | None = None,
    *,
    predictions: Mapping[str, ArrayLike] | None = None,
) -> pd.DataFrame:
    """A comparison table of fitted models: one row per model, in the given order.

    Parameters
    ----------
    models : dict of {name: model fitted with fit_cached}
    X_test, y_test : the book's test set
    features : dict of {name: short description of the model's inputs}, optional
    predictions : dict of {name: predicted labels for X_test}, optional
        Predictions the caller already has (one per model): the accuracies are computed
        from them, and the models are not asked to predict again.

    Returns
    -------
    DataFrame indexed by model name with columns (``features``,) ``n_features``,
    ``accuracy``, ``n_iter``, ``fit_seconds``, ``convergence_warning``.
    """
    if not isinstance(models, Mapping) or not models:
        raise ValueError("models must be a non-empty dict of {name: fitted model}")
    for arg, value in (("features", features), ("predictions", predictions)):
        if value is not None and not isinstance(value, Mapping):
            raise TypeError(f"{arg} must be a dict keyed by model name, got {type(value).__name__}")
    given = {} if predictions is None else predictions
    for name, m in models.items():
        check_classifier(m, f"models[{name!r}]", methods=() if name in given else ("score",))
    if predictions is not None and set(models) - set(given):
        raise ValueError(f"predictions has none for {sorted(set(models) - set(given))}")
    rows = {name: describe_model(m, X_test, y_test, given.get(name)) for name, m in models.items()}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "model"
    if features is not None:
        missing = set(models) - set(features)
        if missing:
            raise ValueError(f"features has no description for {sorted(missing)}")
        table.insert(0, "features", [features[name] for name in table.index])
    table["n_iter"] = table["n_iter"].astype("Int64")
    table["n_features"] = table["n_features"].astype("Int64")
    return table
