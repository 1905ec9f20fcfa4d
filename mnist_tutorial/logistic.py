"""The logistic (sigmoid) function, softmax, and a simulated logistic model."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from sklearn.utils import Bunch

__all__ = ["sigmoid", "sigmoid_naive", "simulate_logistic", "softmax"]


def _as_float_array(x: ArrayLike, name: str) -> np.ndarray:
    def message() -> str:
        return f"{name} must be a number or an array of real numbers, got {x!r:.60}"

    try:
        raw = np.asarray(x)
    except (TypeError, ValueError) as exc:  # e.g. ragged nested lists
        raise TypeError(message()) from exc
    # Only booleans, integers and floats: np.asarray(..., dtype=float) would also turn
    # None into NaN and the string "1.5" into 1.5, hiding the caller's mistake.
    if raw.dtype.kind not in "biuf" and not (
        raw.dtype.kind == "O"
        and all(isinstance(v, (int, float, np.integer, np.floating)) for v in raw.flat)
    ):
        raise TypeError(message())
    return raw.astype(np.float64, copy=False)


def sigmoid(z: ArrayLike) -> np.ndarray | float:
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
    >>> sigmoid(0.0)
    0.5
    >>> sigmoid([-1000.0, 0.0, 1000.0]).tolist()
    [0.0, 0.5, 1.0]
    """
    arr = _as_float_array(z, "z")
    e = np.exp(-np.abs(arr))  # in (0, 1]: never overflows
    out = np.where(arr >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return float(out) if out.ndim == 0 else out


def sigmoid_naive(z: ArrayLike) -> np.ndarray | float:
    """The textbook formula 1 / (1 + exp(-z)), kept to show why it overflows.

    ``exp(-z)`` overflows for z < about -709 and NumPy warns ``overflow encountered in
    exp``; the result is still 0.0, but the warning (and, in other formulas, inf/inf =
    NaN) is why :func:`sigmoid` is written differently.

    Examples
    --------
    >>> float(sigmoid_naive(0.0))
    0.5
    """
    arr = _as_float_array(z, "z")
    out = 1.0 / (1.0 + np.exp(-arr))
    return float(out) if out.ndim == 0 else out


def softmax(Z: ArrayLike) -> np.ndarray:
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
    >>> softmax([[1000.0, 1000.0], [0.0, 0.0]]).tolist()
    [[0.5, 0.5], [0.5, 0.5]]
    """
    arr = _as_float_array(Z, "Z")
    if arr.ndim not in (1, 2):
        raise ValueError(f"Z must be 1-D or 2-D (n_samples, n_classes), got shape {arr.shape}")
    if arr.size == 0 or arr.shape[-1] == 0:
        raise ValueError(f"Z must have at least one class column, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("Z contains NaN or infinite scores")
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
    ``y_hat = sigmoid(z)``.

    Parameters
    ----------
    n_samples, n_features : int, >= 1
    weight_scale : float, default=1.0
        Multiplies the weights: larger values give a steeper, more confident model.
    bias_shift : float, default=0.0
        Added to the bias: shifts every score, so the curve moves sideways.
    random_state : int or None
        Seed; the same seed gives the same arrays.

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
    for name, value in (("n_samples", n_samples), ("n_features", n_features)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features) * weight_scale
    bias = float(rng.standard_normal()) + bias_shift
    z = X @ weights + bias
    return Bunch(X=X, weights=weights, bias=bias, z=z, y_hat=sigmoid(z))
