"""Fitting logistic regression and looking at the result (chapters 3 and 5): train and
test accuracy, misclassified positions, confident predictions, and a solver comparison.

Every fit here goes through :func:`mnist_tutorial.fit_cached`, so a rebuild reuses it.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

from .cache import fit_cached, fit_record
from .data import RANDOM_STATE

__all__ = [
    "SOLVERS",
    "accuracy_report",
    "compare_solvers",
    "confident_share",
    "make_solver_model",
    "misclassified_indices",
]

#: The solvers of :class:`~sklearn.linear_model.LogisticRegression` compared in chapter 5.
SOLVERS = ("lbfgs", "newton-cg", "sag", "saga", "liblinear")


def misclassified_indices(y_true: ArrayLike, y_pred: ArrayLike) -> np.ndarray:
    """Positions (0, 1, 2, ...) where the prediction differs from the true label.

    Positions, not DataFrame index labels: use them with ``.iloc`` or on arrays.

    Parameters
    ----------
    y_true, y_pred : array_like or Series of shape (n_samples,)

    Returns
    -------
    ndarray of int, shape (n_errors,), increasing.

    Examples
    --------
    >>> misclassified_indices(["3", "5", "7", "5"], ["3", "8", "7", "6"]).tolist()
    [1, 3]
    """
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1:
        raise ValueError(f"y_true and y_pred must be 1-D, got shapes {t.shape} and {p.shape}")
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred must have the same length, got {t.size} and {p.size}")
    return np.flatnonzero(t != p)


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
    >>> m = LogisticRegression().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    >>> accuracy_report(m, [[0.0], [3.0]], [0, 1], [[1.0], [2.0]], [1, 1]).tolist()
    [1.0, 0.5, 0.5]
    """
    if not hasattr(model, "score"):
        raise TypeError(f"model must be a fitted classifier, got {type(model).__name__}")
    train = float(model.score(X_train, y_train))
    test = float(model.score(X_test, y_test))
    return pd.Series({"train": train, "test": test, "gap": train - test}, name="accuracy")


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
    p = np.asarray(probabilities, dtype=np.float64)
    if p.size == 0:
        raise ValueError("probabilities is empty")
    if not np.all(np.isfinite(p)) or np.any(p < 0) or np.any(p > 1):
        raise ValueError("probabilities must be finite values between 0 and 1")
    if not 0 < margin < 0.5:
        raise ValueError(f"margin must be strictly between 0 and 0.5, got {margin!r}")
    return float(np.mean((p < margin) | (p > 1 - margin)))


def make_solver_model(solver: str, *, max_iter: int = 100) -> BaseEstimator:
    """A default ``LogisticRegression`` with the given solver, ready to fit on ten classes.

    ``liblinear`` fits one binary model per class (one-vs-rest); scikit-learn asks for
    that to be explicit, so it comes wrapped in a
    :class:`~sklearn.multiclass.OneVsRestClassifier`. The other solvers fit one
    multinomial (softmax) model. The solvers that draw random numbers (sag and saga
    shuffle the data, liblinear too) get the book's seed, so that the same call fits the
    same model (and the fit cache may reuse it: it never caches an unseeded fit).

    Examples
    --------
    >>> make_solver_model("saga")
    LogisticRegression(random_state=42, solver='saga')
    >>> make_solver_model("lbfgs")
    LogisticRegression()
    >>> type(make_solver_model("liblinear")).__name__
    'OneVsRestClassifier'
    """
    if solver not in SOLVERS:
        raise ValueError(f"solver must be one of {SOLVERS}, got {solver!r}")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise ValueError(f"max_iter must be a positive integer, got {max_iter!r}")
    seed = RANDOM_STATE if solver in ("sag", "saga", "liblinear") else None
    model = LogisticRegression(solver=solver, max_iter=max_iter, random_state=seed)
    return OneVsRestClassifier(model) if solver == "liblinear" else model


def _n_iter(model: BaseEstimator) -> int:
    if hasattr(model, "estimators_"):
        return int(max(np.max(e.n_iter_) for e in model.estimators_))
    return int(np.max(model.n_iter_))


def compare_solvers(
    X_train: ArrayLike,
    y_train: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    solvers: Sequence[str] = SOLVERS,
    *,
    max_iter: int = 100,
) -> pd.DataFrame:
    """Fit one logistic regression per solver (through the fit cache) and compare them.

    Convergence warnings are not shown; whether a fit converged is a column instead.

    Parameters
    ----------
    X_train, X_test : array_like or DataFrame of shape (n_samples, n_features)
    y_train, y_test : array_like of shape (n_samples,)
    solvers : sequence of str, default=SOLVERS
    max_iter : int, default=100
        Iteration budget of every solver (scikit-learn's default).

    Returns
    -------
    pandas.DataFrame, one row per solver, columns
        ``solver``, ``fit_seconds`` (of the real fit, also when loaded from the cache),
        ``iterations`` (the most any class needed), ``converged`` (no
        ``ConvergenceWarning``), ``train_accuracy``, ``test_accuracy``.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> X, y = load_iris(return_X_y=True)
    >>> table = compare_solvers(X[::2], y[::2], X[1::2], y[1::2], ["lbfgs", "liblinear"])
    >>> table["solver"].tolist(), bool(table["test_accuracy"].min() > 0.8)
    (['lbfgs', 'liblinear'], True)
    """
    if isinstance(solvers, str) or len(solvers) == 0:
        raise ValueError(f"solvers must be a non-empty sequence of solver names, got {solvers!r}")
    models = [make_solver_model(s, max_iter=max_iter) for s in solvers]  # validates names
    rows = []
    for solver, estimator in zip(solvers, models):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = fit_cached(estimator, X_train, y_train)
        record = fit_record(model)
        rows.append(
            {
                "solver": solver,
                "fit_seconds": record.fit_seconds,
                "iterations": _n_iter(model),
                "converged": not any(c == "ConvergenceWarning" for c, _ in record.warnings),
                "train_accuracy": float(model.score(X_train, y_train)),
                "test_accuracy": float(model.score(X_test, y_test)),
            }
        )
    return pd.DataFrame(rows)
