"""Chapter 8 exercises: scaling features.

Implement the functions below, then check your work with
``pytest exercises/test_ch08_scaling.py`` or
``python -m mnist_tutorial.grade --chapter 8``.
"""

import numpy as np  # noqa: F401


def min_max_scale(X_train, X_test):
    """Scale each feature to [0, 1] using the training set's minimum and maximum.

    Parameters
    ----------
    X_train : ndarray of shape (n_train, n_features)
    X_test : ndarray of shape (n_test, n_features)

    Returns
    -------
    X_train_scaled : ndarray of shape (n_train, n_features)
    X_test_scaled : ndarray of shape (n_test, n_features)
        ``(X - min) / (max - min)`` with min and max taken per feature from
        ``X_train`` only (test values may fall outside [0, 1]). A feature that
        is constant in ``X_train`` maps to 0 (no division by zero, no NaN).
    """
    raise NotImplementedError("min_max_scale: replace this line with your code")


def standardize(X_train, X_test):
    """Centre and scale each feature using the training set's mean and std.

    Parameters
    ----------
    X_train : ndarray of shape (n_train, n_features)
    X_test : ndarray of shape (n_test, n_features)

    Returns
    -------
    X_train_scaled : ndarray of shape (n_train, n_features)
    X_test_scaled : ndarray of shape (n_test, n_features)
        ``(X - mean) / std`` with mean and population standard deviation
        (``ddof=0``, like StandardScaler) per feature from ``X_train`` only. A
        feature that is constant in ``X_train`` maps to 0 (no division by
        zero, no NaN).
    """
    raise NotImplementedError("standardize: replace this line with your code")
