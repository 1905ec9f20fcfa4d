"""Chapter 5 exercises: fitting a model and counting its mistakes.

Implement the functions below, then check your work with
``pytest exercises/test_ch05_fitting.py`` or
``python -m mnist_tutorial.grade --chapter 5``.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression


def fit_logistic_regression(X_train, y_train, max_iter=1000):
    """Fit a scikit-learn logistic regression.

    Parameters
    ----------
    X_train : ndarray or DataFrame of shape (n_samples, n_features)
    y_train : array_like of shape (n_samples,)
    max_iter : int, default=1000
        Passed on to ``LogisticRegression(max_iter=...)``.

    Returns
    -------
    LogisticRegression
        The fitted estimator (default settings apart from ``max_iter``).
    """
    model = LogisticRegression(max_iter=max_iter)
    model.fit(X_train, y_train)
    return model


def accuracy(y_true, y_pred):
    """Fraction of positions where the prediction equals the true label.

    Compare position by position (no scikit-learn, no pandas index alignment).

    Parameters
    ----------
    y_true : array_like or Series of shape (n_samples,)
    y_pred : array_like of shape (n_samples,)

    Returns
    -------
    float
        Between 0.0 and 1.0.

    Raises
    ------
    ValueError
        If ``y_true`` and ``y_pred`` have different lengths.
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError(
            f"y_true and y_pred must have the same length, got {len(y_true)} and {len(y_pred)}"
        )
    return float(np.mean(y_true == y_pred))


def misclassified_indices(y_true, y_pred):
    """0-based positions where the prediction differs from the true label.

    Parameters
    ----------
    y_true : array_like or Series of shape (n_samples,)
        May be a Series with a shuffled index (as after ``train_test_split``):
        return positions, not index labels.
    y_pred : array_like of shape (n_samples,)

    Returns
    -------
    ndarray of int, shape (n_errors,)
        Positions in ascending order.
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    return np.flatnonzero(y_true != y_pred)
