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
        An ndarray of any numeric dtype (MNIST's are uint8; float32 too), a
        list of lists or a tuple of tuples; any number of rows, values of any
        sign and size. Not modified.
    X_test : array_like of shape (n_test, n_features)
        Same; not modified.

    Returns
    -------
    X_train_scaled : ndarray of shape (n_train, n_features), float64
    X_test_scaled : ndarray of shape (n_test, n_features), float64
        New arrays, float64 also for float32 or integer input:
        ``(X - min) / (max - min)`` computed in float64, with min and max
        taken per feature from ``X_train`` only, for both sets (test values
        may fall outside [0, 1]). A feature that is constant in ``X_train``
        is divided by 1 instead of its span: it becomes 0 in
        ``X_train_scaled``, and ``X_test - min`` in ``X_test_scaled`` (not 0,
        no NaN, no warning). Constant means what scikit-learn's MinMaxScaler
        means: a span ``max - min`` below ``10 * np.finfo(np.float64).eps``
        (about 2.2e-15), so a span of one rounding error counts as 0. Checked
        to a relative tolerance of 1e-9 (plus the rounding of values as
        large as 1e8).
    """
    raise NotImplementedError("min_max_scale: replace this line with your code")


def standardize(X_train, X_test):
    """Centre and scale each feature using the training set's mean and std.

    Parameters
    ----------
    X_train : array_like of shape (n_train, n_features)
        An ndarray of any numeric dtype (MNIST's are uint8; float32 too), a
        list of lists or a tuple of tuples; any number of rows, values of any
        sign and size. Not modified.
    X_test : array_like of shape (n_test, n_features)
        Same; not modified.

    Returns
    -------
    X_train_scaled : ndarray of shape (n_train, n_features), float64
    X_test_scaled : ndarray of shape (n_test, n_features), float64
        New arrays, float64 also for float32 or integer input:
        ``(X - mean) / std`` computed in float64, with the mean and the
        population standard deviation (``ddof=0``, like StandardScaler) per
        feature from ``X_train`` only, for both sets; compute the variance as
        the mean of squared deviations from the mean (``E[X**2] - E[X]**2``
        loses every digit for values near 1e8). A feature that is constant in
        ``X_train`` is divided by 1 instead of its std: it becomes 0 in
        ``X_train_scaled``, and ``X_test - mean`` in ``X_test_scaled`` (not 0,
        no NaN, no warning). Constant means what scikit-learn's StandardScaler
        means: a variance no larger than its rounding error,
        ``var <= n * eps * var + (n * mean * eps) ** 2`` with ``n`` the number
        of training rows and ``eps = np.finfo(np.float64).eps``, or a std
        below ``10 * eps``. A column of 0.1 repeated has a std of about 1e-17,
        not 0, and counts as constant. Checked to a relative tolerance of
        1e-9 (plus the rounding of values as large as 1e8).
    """
    raise NotImplementedError("standardize: replace this line with your code")
