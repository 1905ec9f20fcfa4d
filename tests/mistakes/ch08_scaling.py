"""Wrong answers to chapter 8's exercises."""

import numpy as np


def min_max_scale__fit_on_test(X_train, X_test):
    """Scales the test set with its own minimum and maximum.

    Keyword: X_train only
    """

    def scale(X):
        X = np.asarray(X, dtype=float)
        span = X.max(axis=0) - X.min(axis=0)
        span[span == 0] = 1
        return (X - X.min(axis=0)) / span

    return scale(X_train), scale(X_test)


def min_max_scale__divide_by_zero(X_train, X_test):
    """No care for constant features: 0 / 0 gives NaN.

    Keyword: RuntimeWarning
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    low, high = X_train.min(axis=0), X_train.max(axis=0)
    return (X_train - low) / (high - low), (X_test - low) / (high - low)


def min_max_scale__global(X_train, X_test):
    """One minimum and maximum for all features together.

    Keyword: values differ
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    low, high = X_train.min(), X_train.max()
    return (X_train - low) / (high - low), (X_test - low) / (high - low)


def standardize__sample_std(X_train, X_test):
    """The sample standard deviation (ddof=1) instead of the population one.

    Keyword: ddof=0
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0, ddof=1)
    std[std == 0] = 1
    return (X_train - mean) / std, (X_test - mean) / std


def standardize__fit_on_test(X_train, X_test):
    """Standardises the test set with its own mean and std.

    Keyword: X_train only
    """

    def scale(X):
        X = np.asarray(X, dtype=float)
        std = X.std(axis=0)
        std[std == 0] = 1
        return (X - X.mean(axis=0)) / std

    return scale(X_train), scale(X_test)


def standardize__divide_by_zero(X_train, X_test):
    """No care for constant features: 0 / 0 gives NaN.

    Keyword: RuntimeWarning
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std


def min_max_scale__in_place(X_train, X_test):
    """Subtracts the minimum from the caller's arrays in place.

    Keyword: in place
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    low = X_train.min(axis=0)
    span = X_train.max(axis=0) - low
    span[span == 0] = 1
    X_train -= low
    X_test -= low
    return X_train / span, X_test / span


def min_max_scale__uint8_wraps(X_train, X_test):
    """No conversion to float: uint8 test values below the training minimum wrap around.

    Keyword: wraps
    """
    X_train, X_test = np.asarray(X_train), np.asarray(X_test)
    low = X_train.min(axis=0)
    span = (X_train.max(axis=0) - low).astype(float)
    span[span == 0] = 1
    return (X_train - low) / span, (X_test - low) / span


def min_max_scale__constant_to_zero_everywhere(X_train, X_test):
    """Sets a feature constant in X_train to 0 in the test set too.

    Keyword: not set to 0
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    low = X_train.min(axis=0)
    span = X_train.max(axis=0) - low
    constant = span == 0
    span[constant] = 1
    train, test = (X_train - low) / span, (X_test - low) / span
    test[:, constant] = 0
    return train, test


def min_max_scale__only_raises(X_train, X_test):
    """Not written yet, but raises ValueError.

    Keyword: ValueError
    """
    raise ValueError("TODO")


def standardize__in_place(X_train, X_test):
    """Centres the caller's arrays in place.

    Keyword: in place
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    std[std == 0] = 1
    X_train -= mean
    X_test -= mean
    return X_train / std, X_test / std


def standardize__nan_to_num(X_train, X_test):
    """Divides by 0 and cleans up with nan_to_num: huge test values (and a warning).

    Keyword: RuntimeWarning
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return np.nan_to_num((X_train - mean) / std), np.nan_to_num((X_test - mean) / std)


def standardize__global_std(X_train, X_test):
    """One standard deviation for all features together.

    Keyword: values differ
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    mean, std = X_train.mean(axis=0), X_train.std()
    return (X_train - mean) / std, (X_test - mean) / std


def standardize__fit_on_both(X_train, X_test):
    """Learns mean and std from train and test together.

    Keyword: values differ
    """
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    both = np.vstack([X_train, X_test])
    mean, std = both.mean(axis=0), both.std(axis=0)
    std[std == 0] = 1
    return (X_train - mean) / std, (X_test - mean) / std


# ---- written for issue 24, before the checks were strengthened


def standardize__variance_shortcut(X_train, X_test):
    """Variance as E[X^2] - E[X]^2: catastrophic cancellation for large values.

    Keyword: E[X**2] - E[X]**2
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    mean = X_train.mean(axis=0)
    var = np.maximum((X_train**2).mean(axis=0) - mean**2, 0)
    std = np.sqrt(var)
    std[std == 0] = 1.0
    return (X_train - mean) / std, (X_test - mean) / std


def standardize__exact_zero_std(X_train, X_test):
    """Only an exactly zero std counts as constant: a rounding-error std of 1e-17 is divided by.

    Keyword: rounding error counts as constant
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std[std == 0] = 1.0
    return (X_train - mean) / std, (X_test - mean) / std


def min_max_scale__coarse_zero(X_train, X_test):
    """Treats any span below 1e-8 as constant: features with tiny values are not scaled.

    Keyword: tiny values still have a spread
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    low = X_train.min(axis=0)
    span = X_train.max(axis=0) - low
    span[span < 1e-8] = 1.0
    return (X_train - low) / span, (X_test - low) / span


def min_max_scale__keeps_float32(X_train, X_test):
    """Keeps float32 data in float32.

    Keyword: float64
    """
    X_train, X_test = np.asarray(X_train), np.asarray(X_test)
    if X_train.dtype.kind != "f":
        X_train, X_test = X_train.astype(np.float64), X_test.astype(np.float64)
    low = X_train.min(axis=0)
    span = X_train.max(axis=0) - low
    span[span == 0] = 1
    return (X_train - low) / span, (X_test - low) / span


def min_max_scale__tuple_crashes(X_train, X_test):
    """Converts lists of lists, but a tuple of tuples has no .min.

    Keyword: 'tuple'
    """
    if isinstance(X_train, list):
        X_train, X_test = np.array(X_train, dtype=float), np.array(X_test, dtype=float)
    X_train, X_test = X_train.astype(np.float64), X_test.astype(np.float64)
    low = X_train.min(axis=0)
    span = X_train.max(axis=0) - low
    span[span == 0] = 1
    return (X_train - low) / span, (X_test - low) / span


# ---- written for issue 21 (kinds of mistakes not catalogued before), as a student
# would; the notes in each docstring say which the checks caught before their fix


def min_max_scale__fit_on_both(X_train, X_test):
    """Minimum and maximum over the training and the test set together.

    Keyword: X_train only
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    both = np.vstack([X_train, X_test])
    low = both.min(axis=0)
    span = both.max(axis=0) - low
    span[span == 0] = 1.0
    return (X_train - low) / span, (X_test - low) / span


def min_max_scale__clips_test(X_train, X_test):
    """Clips the scaled test set to [0, 1].

    Keyword: outside [0, 1]
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    low = X_train.min(axis=0)
    span = X_train.max(axis=0) - low
    span[span == 0] = 1.0
    return (X_train - low) / span, np.clip((X_test - low) / span, 0, 1)


def min_max_scale__divides_by_max(X_train, X_test):
    """X / max per feature (fine for pixels that start at 0).

    Keyword: min_max_scale
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    top = X_train.max(axis=0)
    top[top == 0] = 1.0
    return X_train / top, X_test / top


def min_max_scale__constant_half(X_train, X_test):
    """A constant feature becomes 0.5 (the middle of [0, 1]).

    Keyword: constant
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    low = X_train.min(axis=0)
    span = X_train.max(axis=0) - low
    constant = span == 0
    span[constant] = 1.0
    tr, te = (X_train - low) / span, (X_test - low) / span
    tr[:, constant] = 0.5
    te[:, constant] = 0.5
    return tr, te


def standardize__variance(X_train, X_test):
    """Divides by the variance instead of the standard deviation.

    Keyword: standardize
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    mean = X_train.mean(axis=0)
    var = X_train.var(axis=0)
    var[var == 0] = 1.0
    return (X_train - mean) / var, (X_test - mean) / var


def standardize__per_sample(X_train, X_test):
    """Centres and scales each image (axis=1) instead of each feature.

    Keyword: standardize
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)

    def one(X):
        std = X.std(axis=1, keepdims=True)
        std[std == 0] = 1.0
        return (X - X.mean(axis=1, keepdims=True)) / std

    return one(X_train), one(X_test)


def standardize__epsilon(X_train, X_test):
    """Adds 1e-8 to the standard deviation instead of handling constant features.

    Keyword: standardize
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0) + 1e-8
    return (X_train - mean) / std, (X_test - mean) / std


def standardize__float32_stats(X_train, X_test):
    """Mean and std computed on a float32 copy (half the memory).

    Keyword: standardize
    """
    X32 = np.asarray(X_train, dtype=np.float32)
    mean = X32.mean(axis=0).astype(np.float64)
    std = X32.std(axis=0).astype(np.float64)
    std[std == 0] = 1.0
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    return (X_train - mean) / std, (X_test - mean) / std


def min_max_scale__returns_list(X_train, X_test):
    """[X_train_scaled, X_test_scaled]: a list, not a tuple.

    Keyword: tuple
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    low = X_train.min(axis=0)
    span = X_train.max(axis=0) - low
    span[span < 10 * np.finfo(np.float64).eps] = 1.0
    return [(X_train - low) / span, (X_test - low) / span]
