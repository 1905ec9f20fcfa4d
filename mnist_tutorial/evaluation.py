"""Evaluating fitted models: confusion matrices, examples of each confusion, summary tables.

Nothing here fits a model; pass models fitted with :func:`mnist_tutorial.fit_cached`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator
from sklearn.metrics import confusion_matrix

from .cache import FitRecord, fit_record

__all__ = [
    "binary_rates",
    "confusion_examples",
    "confusion_from_model",
    "describe_model",
    "model_table",
]


def _check_count(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer count, got {value!r}")
    return int(value)


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
    tp, fp, fn = _check_count(tp, "tp"), _check_count(fp, "fp"), _check_count(fn, "fn")
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    out = {"precision": precision, "recall": recall, "f1": f1}
    if tn is not None:
        tn = _check_count(tn, "tn")
        out["specificity"] = _ratio(tn, tn + fp)
        out["accuracy"] = _ratio(tp + tn, tp + fp + fn + tn)
    return out


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
    if not hasattr(model, "predict"):
        raise TypeError(f"model must be a fitted classifier, got {type(model).__name__}")
    y_true = np.asarray(y)
    if y_true.ndim != 1:
        raise ValueError(f"y must be 1-D, got shape {y_true.shape}")
    if len(X) != len(y_true):
        raise ValueError(f"X has {len(X)} rows but y has {len(y_true)} labels")
    if labels is None:
        labels = getattr(model, "classes_", None)
        if labels is None:
            raise ValueError("labels is required for a model without classes_")
    labels = list(labels)
    y_pred = model.predict(X)
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

    Returns
    -------
    ndarray of int, shape (m,) with m <= n (fewer if the confusion is rarer).

    Examples
    --------
    >>> confusion_examples(["4", "9", "4", "4"], ["9", "9", "9", "4"], "4", "9").tolist()
    [0, 2]
    """
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.shape != p.shape or t.ndim != 1:
        raise ValueError(
            f"y_true and y_pred must be 1-D of the same length, got {t.shape} and {p.shape}"
        )
    n = _check_count(n, "n")
    return np.flatnonzero((t == true_label) & (p == predicted_label))[:n]


def describe_model(model: BaseEstimator, X_test: ArrayLike, y_test: ArrayLike) -> dict[str, Any]:
    """Test accuracy and fit facts of one fitted model (best: one returned by ``fit_cached``).

    Returns
    -------
    dict with ``accuracy`` (on X_test), ``fit_seconds`` (the real fit's wall time, from
    :func:`mnist_tutorial.fit_record`; NaN for a model fitted without the fit cache, as in
    a notebook run outside the book), ``n_iter`` (solver iterations of the final step,
    if it has ``n_iter_``), ``n_features`` (inputs the final classifier sees) and
    ``convergence_warning`` (whether the real fit raised a ConvergenceWarning).
    """
    try:
        record = fit_record(model)
    except ValueError:  # fitted by plain .fit, without the fit cache: no timing known
        record = FitRecord(key="", fit_seconds=float("nan"), from_cache=False)
    final = model[-1] if hasattr(model, "steps") else model
    n_iter = getattr(final, "n_iter_", None)
    coef = getattr(final, "coef_", None)
    return {
        "accuracy": float(model.score(X_test, y_test)),
        "fit_seconds": float(record.fit_seconds),
        "n_iter": int(np.max(n_iter)) if n_iter is not None else None,
        "n_features": int(coef.shape[1]) if coef is not None else None,
        "convergence_warning": any(c == "ConvergenceWarning" for c, _ in record.warnings),
    }


def model_table(
    models: Mapping[str, BaseEstimator],
    X_test: ArrayLike,
    y_test: ArrayLike,
    features: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A comparison table of fitted models: one row per model, in the given order.

    Parameters
    ----------
    models : dict of {name: model fitted with fit_cached}
    X_test, y_test : the book's test set
    features : dict of {name: short description of the model's inputs}, optional

    Returns
    -------
    DataFrame indexed by model name with columns (``features``,) ``n_features``,
    ``accuracy``, ``n_iter``, ``fit_seconds``, ``convergence_warning``.
    """
    if not isinstance(models, Mapping) or not models:
        raise ValueError("models must be a non-empty dict of {name: fitted model}")
    rows = {name: describe_model(model, X_test, y_test) for name, model in models.items()}
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
