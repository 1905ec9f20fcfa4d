"""The logistic (sigmoid) function and softmax, computed stably, and a simulated logistic
model (chapters 2 and 3)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from sklearn.utils import Bunch

from ._validation import MAX_ABS, check_float, check_int, check_numeric, check_random_state

__all__ = ["sigmoid_naive", "simulate_logistic", "stable_sigmoid", "stable_softmax"]


def stable_sigmoid(z: ArrayLike) -> np.ndarray | float:
    """The logistic function 1 / (1 + exp(-z)), stable for every float64.

    For z >= 0 it computes 1 / (1 + exp(-z)); for z < 0 the equal form
    exp(z) / (1 + exp(z)), so ``exp`` never overflows and no warning is raised.

    Parameters
    ----------
    z : float or array_like of any shape

    Returns
    -------
    float or ndarray of the same shape as ``z``, values in [0, 1]. A scalar (or 0-d
    array) gives a Python float. NaN gives NaN, as :func:`scipy.special.expit` does.

    Raises
    ------
    TypeError
        ``z`` is not numeric (a string, None, a complex number, ...).

    Examples
    --------
    >>> stable_sigmoid(0.0)
    0.5
    >>> stable_sigmoid([-1000.0, 0.0, 1000.0]).tolist()
    [0.0, 0.5, 1.0]
    """
    arr = check_numeric(z, "z", allow_nan=True, max_abs=None)
    e = np.exp(-np.abs(arr))  # in (0, 1]: never overflows
    out = np.where(arr >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return float(out) if out.ndim == 0 else out


def sigmoid_naive(z: ArrayLike) -> np.ndarray | float:
    """The textbook formula 1 / (1 + exp(-z)), kept to show why it overflows.

    ``exp(-z)`` overflows for z < about -709 and NumPy warns ``overflow encountered in
    exp``; the result is still 0.0, but the warning (and, in other formulas, inf/inf =
    NaN) is why :func:`stable_sigmoid` is written differently.

    Examples
    --------
    >>> float(sigmoid_naive(0.0))
    0.5
    """
    arr = check_numeric(z, "z", allow_nan=True, max_abs=None)
    out = 1.0 / (1.0 + np.exp(-arr))
    return float(out) if out.ndim == 0 else out


def stable_softmax(Z: ArrayLike) -> np.ndarray:
    """Row-wise softmax: exp(z_k) / sum_j exp(z_j) for each row, stable for large scores.

    The row maximum is subtracted first (which does not change the result), so ``exp``
    never overflows.

    Parameters
    ----------
    Z : array_like of shape (n_samples, n_classes)
        Scores; a 1-D array is treated as a single row.

    Returns
    -------
    ndarray of shape (n_samples, n_classes) (or (n_classes,) for 1-D input); each row
    sums to 1.

    Examples
    --------
    >>> stable_softmax([[1000.0, 1000.0], [0.0, 0.0]]).tolist()
    [[0.5, 0.5], [0.5, 0.5]]
    """
    arr = check_numeric(Z, "Z", allow_nan=True, max_abs=None)
    if arr.ndim not in (1, 2):
        raise ValueError(f"Z must be 1-D or 2-D (n_samples, n_classes), got shape {arr.shape}")
    if arr.size == 0 or arr.shape[-1] == 0:
        raise ValueError(f"Z must have at least one class column, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("Z contains NaN or infinite scores")
    with np.errstate(over="ignore"):  # finite - finite = -inf at worst: exp gives 0 exactly
        shifted = arr - arr.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def simulate_logistic(
    n_samples: int = 100,
    n_features: int = 3,
    *,
    weight_scale: float = 1.0,
    bias_shift: float = 0.0,
    random_state: int | None = None,
) -> Bunch:
    """Simulate a logistic model by hand: random inputs, weights and bias.

    X, weights and bias are drawn from a standard normal with
    ``numpy.random.default_rng(random_state)`` (in that order); then
    ``weights *= weight_scale``, ``bias += bias_shift``, ``z = X @ weights + bias`` and
    ``y_hat = stable_sigmoid(z)``.

    Parameters
    ----------
    n_samples, n_features : int, >= 1
    weight_scale : float, default=1.0
        Multiplies the weights: larger values give a steeper, more confident model.
    bias_shift : float, default=0.0
        Added to the bias: shifts every score, so the curve moves sideways.
    random_state : int, numpy Generator or None
        Seed (a non-negative int); the same seed gives the same arrays. A string, a
        float or a bool is a TypeError, as in scikit-learn.

    Returns
    -------
    Bunch
        ``X`` (n_samples, n_features), ``weights`` (n_features,), ``bias`` (float),
        ``z`` (n_samples,), ``y_hat`` (n_samples,) in (0, 1).

    Examples
    --------
    >>> sim = simulate_logistic(100, 3, random_state=0)
    >>> sim.X.shape, sim.weights.shape, sim.z.shape
    ((100, 3), (3,), (100,))
    """
    n_samples = check_int(n_samples, "n_samples")
    n_features = check_int(n_features, "n_features")
    weight_scale = check_float(weight_scale, "weight_scale", low=-MAX_ABS, high=MAX_ABS)
    bias_shift = check_float(bias_shift, "bias_shift", low=-MAX_ABS, high=MAX_ABS)
    rng = check_random_state(random_state)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features) * weight_scale
    bias = float(rng.standard_normal()) + bias_shift
    z = X @ weights + bias
    return Bunch(X=X, weights=weights, bias=bias, z=z, y_hat=stable_sigmoid(z))
