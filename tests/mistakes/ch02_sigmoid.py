"""Wrong answers to chapter 2's exercises."""

import math

import numpy as np


def sigmoid__naive(z):
    """The textbook formula: exp(-z) overflows for z = -1000.

    Keyword: RuntimeWarning
    """
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))


def sigmoid__zero_d_array(z):
    """Stable, but gives a 0-d array for a scalar instead of a float.

    Keyword: Python float
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid__tanh_typo(z):
    """A mis-remembered identity: 0.5 * (1 + tanh(z)) instead of tanh(z / 2).

    Keyword: values differ
    """
    return 0.5 * (1 + np.tanh(np.asarray(z, dtype=np.float64)))


def classify__strict_greater(probabilities, threshold=0.5):
    """Uses > where the exercise says >=.

    Keyword: >=
    """
    return (np.asarray(probabilities) > threshold).astype(int)


def classify__bool(probabilities, threshold=0.5):
    """Returns the boolean mask, not integers.

    Keyword: integer dtype
    """
    return np.asarray(probabilities) >= threshold


def classify__list(probabilities, threshold=0.5):
    """Returns a Python list.

    Keyword: NumPy array
    """
    return [1 if p >= threshold else 0 for p in probabilities]


def classify__ignores_threshold(probabilities, threshold=0.5):
    """Hard-codes 0.5.

    Keyword: threshold argument
    """
    return (np.asarray(probabilities) >= 0.5).astype(int)


def sigmoid__writes_into_input(z):
    """Right values, but computed in the caller's array (out=z).

    Keyword: in place
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    positive = z >= 0
    np.divide(1.0, 1.0 + e, out=z, where=positive)
    np.divide(e, 1.0 + e, out=z, where=~positive)
    return float(z) if z.ndim == 0 else z


def sigmoid__no_asarray(z):
    """Stable, but uses comparison and slicing that a list does not support.

    Keyword: Python float
    """
    if np.ndim(z) == 0:
        z = float(z)
        return 1 / (1 + np.exp(-z)) if z >= 0 else np.exp(z) / (1 + np.exp(z))
    out = np.empty(np.shape(z))
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    out[~pos] = np.exp(z[~pos]) / (1 + np.exp(z[~pos]))
    return out


def sigmoid__empty_like(z):
    """np.empty_like keeps an integer input's dtype: every probability becomes 0 or 1.

    Keyword: float dtype
    """
    z = np.asarray(z)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1 + e)
    return float(out) if out.ndim == 0 else out


def sigmoid__float32(z):
    """Computes in float32: about 7 correct digits only.

    Keyword: float32
    """
    z = np.asarray(z, dtype=np.float32)
    e = np.exp(-np.abs(z))
    result = np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(np.float64)
    return float(result) if result.ndim == 0 else result


def sigmoid__only_raises(z):
    """Not written yet, but raises ValueError.

    Keyword: ValueError
    """
    raise ValueError("TODO: write the sigmoid")


def classify__no_asarray(probabilities, threshold=0.5):
    """Compares the argument directly, which fails for a list.

    Keyword: TypeError
    """
    return (probabilities >= threshold).astype(int)


def classify__in_place(probabilities, threshold=0.5):
    """Overwrites the caller's probabilities with the 0/1 decisions.

    Keyword: in place
    """
    p = np.asarray(probabilities, dtype=float)
    p[:] = p >= threshold
    return p.astype(int)


def classify__rounds(probabilities, threshold=0.5):
    """Rounds the probabilities: ignores the threshold (and rounds 0.5 down to 0).

    Keyword: exactly at the threshold
    """
    return np.round(np.asarray(probabilities)).astype(int)


def classify__float_decisions(probabilities, threshold=0.5):
    """Returns 0.0/1.0 floats.

    Keyword: integer dtype
    """
    return np.where(np.asarray(probabilities) >= threshold, 1.0, 0.0)


# ---- written for issue 24, before the checks were strengthened


def sigmoid__keeps_float32(z):
    """Keeps the input's dtype: a float32 input gives a float32 answer.

    Keyword: float64
    """
    z = np.asarray(z)
    if z.dtype.kind != "f":
        z = z.astype(np.float64)
    e = np.exp(-np.abs(z))
    result = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return float(result) if result.ndim == 0 else result


def sigmoid__size_one_is_scalar(z):
    """Returns a float whenever there is one value, so [0.5] gives a float, not an array.

    Keyword: NumPy array
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    result = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return float(result.ravel()[0]) if result.size == 1 else result


def sigmoid__python_scalars_only(z):
    """Treats int and float as scalars; a NumPy integer becomes a 0-d array.

    Keyword: NumPy number
    """
    if isinstance(z, (int, float)):
        return 0.5 * (1 + float(np.tanh(z / 2)))
    z = np.asarray(z, dtype=np.float64)
    return 0.5 * (1 + np.tanh(z / 2))


def sigmoid__exp_where(z):
    """np.exp(..., where=...) without out=: NumPy warns of uninitialised memory.

    Keyword: out=
    """
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z), where=np.isfinite(z))
    result = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return float(result) if result.ndim == 0 else result


def classify__float32(probabilities, threshold=0.5):
    """Compares in float32: 0.29999999999 rounds up to 0.3 and becomes class 1.

    Keyword: float64
    """
    p = np.asarray(probabilities, dtype=np.float32)
    return (p >= threshold).astype(int)


def classify__tuple_crashes(probabilities, threshold=0.5):
    """Converts lists, but a tuple is compared as a whole.

    Keyword: TypeError
    """
    if isinstance(probabilities, list):
        probabilities = np.array(probabilities)
    return (probabilities >= threshold).astype(int)


# ---- written for issue 21: kinds of mistakes not catalogued before, as a student would


def sigmoid__list_for_list(z):
    """A list comprehension with math.exp: a list comes back for a list.

    Keyword: sigmoid
    """

    def one(v):
        v = float(v)
        return 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))

    if isinstance(z, (list, tuple)):
        return [one(v) for v in z]
    z_arr = np.asarray(z, dtype=np.float64)
    if z_arr.ndim == 0:
        return one(z_arr)
    return np.vectorize(one, otypes=[float])(z_arr)


def sigmoid__flattens(z):
    """ravel() first, so a 2-D input comes back 1-D.

    Keyword: shape
    """
    z_arr = np.asarray(z, dtype=np.float64)
    if z_arr.ndim == 0:
        z_f = float(z_arr)
        e = math.exp(-abs(z_f))
        return 1.0 / (1.0 + e) if z_f >= 0 else e / (1.0 + e)
    z_arr = z_arr.ravel()
    e = np.exp(-np.abs(z_arr))
    return np.where(z_arr >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid__swapped_branches(z):
    """The two stable branches swapped: that is sigmoid(-z).

    Keyword: sigmoid
    """
    z_arr = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z_arr))
    result = np.where(z_arr >= 0, e / (1.0 + e), 1.0 / (1.0 + e))
    return float(result) if result.ndim == 0 else result


def sigmoid__longdouble(z):
    """Extra precision: np.longdouble, so the array is not float64.

    Keyword: float64
    """
    z_arr = np.asarray(z, dtype=np.longdouble)
    e = np.exp(-np.abs(z_arr))
    result = np.where(z_arr >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return float(result) if result.ndim == 0 else result


def classify__epsilon(probabilities, threshold=0.5):
    """A tolerance in the comparison: values just below the threshold count as 1.

    Keyword: classify
    """
    p = np.asarray(probabilities, dtype=np.float64)
    return (p >= threshold - 1e-9).astype(int)


def classify__returns_list(probabilities, threshold=0.5):
    """A list of ints, not an array.

    Keyword: list
    """
    return [int(float(p) >= threshold) for p in probabilities]


def classify__sorted(probabilities, threshold=0.5):
    """Sorts the probabilities first: the decisions lose their order.

    Keyword: classify
    """
    p = np.sort(np.asarray(probabilities, dtype=np.float64))
    return (p >= threshold).astype(int)


def classify__inverted(probabilities, threshold=0.5):
    """Class 1 below the threshold.

    Keyword: classify
    """
    p = np.asarray(probabilities, dtype=np.float64)
    return (p < threshold).astype(int)


def classify__threshold_float32(probabilities, threshold=0.5):
    """Compares in the probabilities' own dtype (float32 stays float32).

    Keyword: classify
    """
    p = np.asarray(probabilities)
    return (p >= p.dtype.type(threshold)).astype(int)
