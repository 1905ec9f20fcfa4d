"""Chapter 8 exercises: scaling features.

Implement the functions below, then check your work with
``pytest exercises/test_ch08_scaling.py`` or
``python -m mnist_tutorial.grade --chapter 8``.
"""

import numpy as np


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
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    low = X_train.min(axis=0)
    span = X_train.max(axis=0) - low
    span[span == 0] = 1.0  # constant feature: X - low is 0 already
    return (X_train - low) / span, (X_test - low) / span


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
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std[std == 0] = 1.0  # constant feature: X - mean is 0 already
    return (X_train - mean) / std, (X_test - mean) / std
