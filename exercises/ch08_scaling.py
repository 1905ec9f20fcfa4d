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
    X_train : array_like of shape (n_train, n_features)
        An ndarray of any numeric dtype (MNIST's are uint8) or a list of
        lists. Not modified.
    X_test : array_like of shape (n_test, n_features)
        Same; not modified.

    Returns
    -------
    X_train_scaled : ndarray of shape (n_train, n_features), float64
    X_test_scaled : ndarray of shape (n_test, n_features), float64
        ``(X - min) / (max - min)`` computed in float64, with min and max
        taken per feature from ``X_train`` only, for both sets (test values
        may fall outside [0, 1]). A feature that is constant in ``X_train``
        (max == min) is divided by 1 instead of 0: it becomes 0 in
        ``X_train_scaled``, and ``X_test - min`` in ``X_test_scaled`` (not 0,
        no NaN, no warning), as scikit-learn's MinMaxScaler does. Checked to a
        relative tolerance of 1e-9.
    """
    raise NotImplementedError("min_max_scale: replace this line with your code")


def standardize(X_train, X_test):
    """Centre and scale each feature using the training set's mean and std.

    Parameters
    ----------
    X_train : array_like of shape (n_train, n_features)
        An ndarray of any numeric dtype (MNIST's are uint8) or a list of
        lists. Not modified.
    X_test : array_like of shape (n_test, n_features)
        Same; not modified.

    Returns
    -------
    X_train_scaled : ndarray of shape (n_train, n_features), float64
    X_test_scaled : ndarray of shape (n_test, n_features), float64
        ``(X - mean) / std`` computed in float64, with the mean and the
        population standard deviation (``ddof=0``, like StandardScaler) per
        feature from ``X_train`` only, for both sets. A feature that is
        constant in ``X_train`` (std == 0) is divided by 1 instead of 0: it
        becomes 0 in ``X_train_scaled``, and ``X_test - mean`` in
        ``X_test_scaled`` (not 0, no NaN, no warning), as scikit-learn's
        StandardScaler does. Checked to a relative tolerance of 1e-9.
    """
    raise NotImplementedError("standardize: replace this line with your code")
