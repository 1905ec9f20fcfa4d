"""Wrong answers to chapter 2's exercises."""

import numpy as np


def sigmoid__naive(z):
    """The textbook formula: exp(-z) overflows for z = -1000."""
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))


def sigmoid__zero_d_array(z):
    """Stable, but gives a 0-d array for a scalar instead of a float."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid__tanh_typo(z):
    """A mis-remembered identity: 0.5 * (1 + tanh(z)) instead of tanh(z / 2)."""
    return 0.5 * (1 + np.tanh(np.asarray(z, dtype=np.float64)))


def classify__strict_greater(probabilities, threshold=0.5):
    """Uses > where the exercise says >=."""
    return (np.asarray(probabilities) > threshold).astype(int)


def classify__bool(probabilities, threshold=0.5):
    """Returns the boolean mask, not integers."""
    return np.asarray(probabilities) >= threshold


def classify__list(probabilities, threshold=0.5):
    """Returns a Python list."""
    return [1 if p >= threshold else 0 for p in probabilities]


def classify__ignores_threshold(probabilities, threshold=0.5):
    """Hard-codes 0.5."""
    return (np.asarray(probabilities) >= 0.5).astype(int)
