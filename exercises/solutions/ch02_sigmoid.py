"""Chapter 2 exercises: the sigmoid and a decision threshold.

Implement the functions below, then check your work with
``pytest exercises/test_ch02_sigmoid.py`` or
``python -m mnist_tutorial.grade --chapter 2``.
"""

import numpy as np


def sigmoid(z):
    """The logistic sigmoid ``1 / (1 + exp(-z))``, numerically stable.

    Parameters
    ----------
    z : float, int, NumPy scalar or array_like
        Scores: a Python or NumPy number, or a list, tuple or ndarray of any
        shape and any numeric dtype (uint8, int64, float32, float64), with
        any finite value (for example -1000, 1000 or 1e300). Not modified:
        compute into a new array.

    Returns
    -------
    float or ndarray
        A Python float for a scalar input (a Python or NumPy number),
        otherwise a new float64 array of the same shape as ``z``: also for
        integer or float32 input, and also for a single value such as
        ``[0.5]`` (an array of shape (1,), not a float). Values in [0, 1].
        No warning of any kind and no NaN for any finite input. Checked to a
        relative tolerance of 1e-9.
    """
    z_arr = np.asarray(z, dtype=np.float64)
    # exp is only ever taken of a non-positive number, so it cannot overflow.
    e = np.exp(-np.abs(z_arr))
    result = np.where(z_arr >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if result.ndim == 0:
        return float(result)
    return result


def classify(probabilities, threshold=0.5):
    """Turn probabilities into 0/1 class decisions.

    Parameters
    ----------
    probabilities : array_like of shape (n_samples,)
        Probabilities of the positive class, as a list, a tuple or an ndarray
        (float64 or float32), of any length; not modified.
    threshold : float, default=0.5
        A probability at or above the threshold is class 1. Compare in
        float64: float32 would round 0.29999999999 up to 0.3.

    Returns
    -------
    ndarray of shape (n_samples,), integer dtype
        1 where ``probabilities >= threshold``, else 0 (an int array, not
        bool or float).
    """
    p = np.asarray(probabilities, dtype=np.float64)
    return (p >= threshold).astype(int)
