"""Wrong answers to chapter 8's exercises."""

import numpy as np


def min_max_scale__fit_on_test(X_train, X_test):
    """Scales the test set with its own minimum and maximum."""

    def scale(X):
        X = np.asarray(X, dtype=float)
        span = X.max(axis=0) - X.min(axis=0)
        span[span == 0] = 1
        return (X - X.min(axis=0)) / span

    return scale(X_train), scale(X_test)


def min_max_scale__divide_by_zero(X_train, X_test):
    """No care for constant features: 0 / 0 gives NaN."""
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    low, high = X_train.min(axis=0), X_train.max(axis=0)
    return (X_train - low) / (high - low), (X_test - low) / (high - low)


def min_max_scale__global(X_train, X_test):
    """One minimum and maximum for all features together."""
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    low, high = X_train.min(), X_train.max()
    return (X_train - low) / (high - low), (X_test - low) / (high - low)


def standardize__sample_std(X_train, X_test):
    """The sample standard deviation (ddof=1) instead of the population one."""
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
    std[std == 0] = 1
    return (X_train - mean) / std, (X_test - mean) / std


def standardize__fit_on_test(X_train, X_test):
    """Standardises the test set with its own mean and std."""

    def scale(X):
        X = np.asarray(X, dtype=float)
        std = X.std(axis=0)
        std[std == 0] = 1
        return (X - X.mean(axis=0)) / std

    return scale(X_train), scale(X_test)


def standardize__divide_by_zero(X_train, X_test):
    """No care for constant features: 0 / 0 gives NaN."""
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std
