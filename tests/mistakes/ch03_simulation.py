"""Wrong answers to chapter 3's exercises."""

import numpy as np


def linear_scores__no_bias(X, weights, bias):
    """Forgets the bias."""
    return np.asarray(X) @ np.asarray(weights)


def linear_scores__column(X, weights, bias):
    """Returns a column (n_samples, 1) instead of a flat array."""
    return np.asarray(X) @ np.asarray(weights).reshape(-1, 1) + bias


def simulate_predictions__legacy_seed(n_samples, n_features, random_state=None):
    """Uses the legacy global np.random.seed instead of default_rng."""
    np.random.seed(random_state)  # noqa: NPY002
    X = np.random.randn(n_samples, n_features)  # noqa: NPY002
    weights = np.random.randn(n_features)  # noqa: NPY002
    bias = float(np.random.randn())  # noqa: NPY002
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def simulate_predictions__weights_first(n_samples, n_features, random_state=None):
    """Draws the weights before X."""
    rng = np.random.default_rng(random_state)
    weights = rng.standard_normal(n_features)
    X = rng.standard_normal((n_samples, n_features))
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def simulate_predictions__fresh_rng_each(n_samples, n_features, random_state=None):
    """Makes a new generator for every draw, so they all start from the same state."""
    X = np.random.default_rng(random_state).standard_normal((n_samples, n_features))
    weights = np.random.default_rng(random_state).standard_normal(n_features)
    bias = float(np.random.default_rng(random_state).standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def simulate_predictions__scores_for_y_hat(n_samples, n_features, random_state=None):
    """Returns the scores z as y_hat, forgetting the sigmoid."""
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, z


def softmax__no_shift(Z):
    """No max-subtraction: exp(1000) overflows to inf and inf / inf is NaN."""
    e = np.exp(np.asarray(Z, dtype=np.float64))
    return e / e.sum(axis=1, keepdims=True)


def softmax__column_axis(Z):
    """Normalises each column instead of each row."""
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def softmax__global_sum(Z):
    """Divides by the sum of the whole array."""
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(Z - Z.max())
    return e / e.sum()
