"""Chapter 5 exercises: fitting a model and counting its mistakes.

Implement the functions below, then check your work with
``pytest exercises/test_ch05_fitting.py`` or
``python -m mnist_tutorial.grade --chapter 5``.
"""

import numpy as np  # noqa: F401
from sklearn.linear_model import LogisticRegression  # noqa: F401


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
    raise NotImplementedError("fit_logistic_regression: replace this line with your code")


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
    raise NotImplementedError("accuracy: replace this line with your code")


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
    raise NotImplementedError("misclassified_indices: replace this line with your code")
