"""Wrong answers to chapter 3's exercises."""

import numpy as np


def linear_scores__no_bias(X, weights, bias):
    """Forgets the bias.

    Keyword: bias
    """
    X, W, b = (np.asarray(a, dtype=float) for a in (X, weights, bias))
    if W.ndim != 2 or b.ndim != 1 or W.shape[1] != X.shape[1] or len(b) != len(W):
        raise ValueError(f"weights {W.shape} or bias {b.shape} does not fit X {X.shape}")
    return X @ W.T


def linear_scores__transposed(X, weights, bias):
    """Returns one row per class and one column per sample.

    Keyword: transposed
    """
    X, W, b = (np.asarray(a, dtype=float) for a in (X, weights, bias))
    if W.ndim != 2 or b.ndim != 1 or W.shape[1] != X.shape[1] or len(b) != len(W):
        raise ValueError(f"weights {W.shape} or bias {b.shape} does not fit X {X.shape}")
    return W @ X.T + b[:, None]


def linear_scores__no_transpose(X, weights, bias):
    """Multiplies X by weights as given (as if one column per class), no transpose.

    Keyword: matmul
    """
    return np.asarray(X, dtype=float) @ np.asarray(weights, dtype=float) + np.asarray(bias)


def linear_scores__no_shape_check(X, weights, bias):
    """Trusts NumPy to complain: a bias of length 1 is broadcast to every class.

    Keyword: broadcasts
    """
    return np.asarray(X, dtype=float) @ np.asarray(weights, dtype=float).T + np.asarray(bias)


def linear_scores__message_names_nothing(X, weights, bias):
    """Raises ValueError on a shape mismatch, with a message naming no argument.

    Keyword: name the argument
    """
    X, W, b = (np.asarray(a, dtype=float) for a in (X, weights, bias))
    if W.ndim != 2 or b.ndim != 1 or W.shape[1] != X.shape[1] or len(b) != len(W):
        raise ValueError("shapes do not match")
    return X @ W.T + b


def simulate_predictions__legacy_seed(n_samples, n_features, random_state=None):
    """Uses the legacy global np.random.seed instead of default_rng.

    Keyword: default_rng
    """
    np.random.seed(random_state)  # noqa: NPY002
    X = np.random.randn(n_samples, n_features)  # noqa: NPY002
    weights = np.random.randn(n_features)  # noqa: NPY002
    bias = float(np.random.randn())  # noqa: NPY002
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def simulate_predictions__weights_first(n_samples, n_features, random_state=None):
    """Draws the weights before X.

    Keyword: X first
    """
    rng = np.random.default_rng(random_state)
    weights = rng.standard_normal(n_features)
    X = rng.standard_normal((n_samples, n_features))
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def simulate_predictions__fresh_rng_each(n_samples, n_features, random_state=None):
    """Makes a new generator for every draw, so they all start from the same state.

    Keyword: default_rng
    """
    X = np.random.default_rng(random_state).standard_normal((n_samples, n_features))
    weights = np.random.default_rng(random_state).standard_normal(n_features)
    bias = float(np.random.default_rng(random_state).standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def simulate_predictions__scores_for_y_hat(n_samples, n_features, random_state=None):
    """Returns the scores z as y_hat, forgetting the sigmoid.

    Keyword: sigmoid(z)
    """
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, z


def softmax__no_shift(Z):
    """No max-subtraction: exp(1000) overflows to inf and inf / inf is NaN.

    Keyword: RuntimeWarning
    """
    e = np.exp(np.asarray(Z, dtype=np.float64))
    return e / e.sum(axis=1, keepdims=True)


def softmax__column_axis(Z):
    """Normalises each column instead of each row.

    Keyword: not each column
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def softmax__global_sum(Z):
    """Divides by the sum of the whole array.

    Keyword: not the whole array
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(Z - Z.max())
    return e / e.sum()


def linear_scores__global_sum(X, weights, bias):
    """Sums over the whole array: one number instead of one score per sample and class.

    Keyword: NumPy array
    """
    X, W, b = (np.asarray(a, dtype=float) for a in (X, weights, bias))
    if W.ndim != 2 or b.ndim != 1 or W.shape[1] != X.shape[1] or len(b) != len(W):
        raise ValueError(f"weights {W.shape} or bias {b.shape} does not fit X {X.shape}")
    return float(np.sum(X.sum(axis=0) * W.sum(axis=0)) + np.sum(b))


def linear_scores__method_on_list(X, weights, bias):
    """Calls X.dot and weights.T, which a list of lists does not have.

    Keyword: 'list'
    """
    if len(weights) != len(bias) or len(weights[0]) != len(X[0]):
        raise ValueError("weights or bias does not fit X")
    return X.dot(weights.T) + bias


def simulate_predictions__none_means_zero(n_samples, n_features, random_state=None):
    """Treats random_state=None as the seed 0.

    Keyword: fresh randomness
    """
    rng = np.random.default_rng(0 if random_state is None else random_state)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def simulate_predictions__default_seed_42(n_samples, n_features, random_state=None):
    """Falls back to a fixed seed 42 when none is given.

    Keyword: fresh randomness
    """
    rng = np.random.default_rng(random_state or 42)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def simulate_predictions__bias_array(n_samples, n_features, random_state=None):
    """Draws the bias with size=1: an array of one value, not a float.

    Keyword: single number
    """
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = rng.standard_normal(1)
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def simulate_predictions__transposed_draw(n_samples, n_features, random_state=None):
    """Draws X as (n_features, n_samples) and transposes it: right shape, other values.

    Keyword: X first
    """
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_features, n_samples)).T
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def softmax__global_max(Z):
    """Stabilises with the maximum of the whole array: rows far below it underflow to 0/0.

    Keyword: RuntimeWarning
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(Z - Z.max())
    return e / e.sum(axis=1, keepdims=True)


def softmax__shifts_in_place(Z):
    """Subtracts the row maxima from the caller's array.

    Keyword: in place
    """
    Z = np.asarray(Z, dtype=np.float64)
    Z -= Z.max(axis=1, keepdims=True)
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def softmax__row_minimum(Z):
    """Subtracts each row's minimum, which still overflows for a wide row.

    Keyword: RuntimeWarning
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(Z - Z.min(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax__list_fails(Z):
    """Calls Z.max(axis=1), which a list of lists does not have.

    Keyword: 'list'
    """
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# ---- written for issue 24, before the checks were strengthened


def linear_scores__keeps_float32(X, weights, bias):
    """Keeps float32 inputs in float32 (NumPy keeps the array's precision).

    Keyword: float64
    """
    X = np.asarray(X)
    if X.dtype.kind in "iub":
        X = X.astype(np.float64)
    W, b = np.asarray(weights, dtype=X.dtype), np.asarray(bias, dtype=X.dtype)
    if W.ndim != 2 or b.ndim != 1 or W.shape[1] != X.shape[1] or len(b) != len(W):
        raise ValueError(f"weights {W.shape} or bias {b.shape} does not fit X {X.shape}")
    return X @ W.T + b


def softmax__keeps_float32(Z):
    """Keeps float32 scores in float32.

    Keyword: float64
    """
    Z = np.asarray(Z)
    if Z.dtype.kind in "iub":
        Z = Z.astype(np.float64)
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def simulate_predictions__zero_seed_is_none(n_samples, n_features, random_state=None):
    """`if random_state:` treats the seed 0 like None: fresh randomness.

    Keyword: 0 and NumPy integers
    """
    rng = np.random.default_rng(random_state) if random_state else np.random.default_rng()
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def simulate_predictions__python_int_seeds_only(n_samples, n_features, random_state=None):
    """Only a Python int counts as a seed; np.int64(7) gives fresh randomness.

    Keyword: NumPy integers
    """
    seed = random_state if isinstance(random_state, int) else None
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1 / (1 + np.exp(-z))


def softmax__divide_where(Z):
    """np.divide(..., where=...) without out=: NumPy warns of uninitialised memory.

    Keyword: out=
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    total = e.sum(axis=1, keepdims=True)
    return np.divide(e, total, where=total > 0)


# ---- written for issue 21: kinds of mistakes not catalogued before, as a student would


def _w_checked(X, weights, bias):
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    bias = np.asarray(bias, dtype=np.float64)
    if X.ndim != 2 or weights.ndim != 2 or bias.ndim != 1:
        raise ValueError("X and weights must be 2-D and bias 1-D")
    if weights.shape[1] != X.shape[1]:
        raise ValueError("weights and X disagree")
    if bias.shape[0] != weights.shape[0]:
        raise ValueError("bias and weights disagree")
    return X, weights, bias


def linear_scores__minus_bias(X, weights, bias):
    """Subtracts the bias.

    Keyword: linear_scores
    """
    X, weights, bias = _w_checked(X, weights, bias)
    return X @ weights.T - bias


def linear_scores__output_in_input_dtype(X, weights, bias):
    """Accumulates into an array of X's dtype: uint8 input wraps.

    Keyword: float dtype
    """
    Xa = np.asarray(X)
    _, weights_f, bias_f = _w_checked(X, weights, bias)
    out = np.zeros((Xa.shape[0], weights_f.shape[0]), dtype=Xa.dtype)
    for k in range(weights_f.shape[0]):
        out[:, k] = Xa @ weights_f[k] + bias_f[k]
    return out


def linear_scores__type_error(X, weights, bias):
    """TypeError instead of ValueError for shapes that do not fit.

    Keyword: TypeError
    """
    try:
        X, weights, bias = _w_checked(X, weights, bias)
    except ValueError as exc:
        raise TypeError(str(exc)) from None
    return X @ weights.T + bias


def linear_scores__bias_per_sample(X, weights, bias):
    """The bias added along the samples (works when they are as many as the classes).

    Keyword: column k
    """
    X, weights, bias = _w_checked(X, weights, bias)
    if len(bias) == len(X):
        return X @ weights.T + bias[:, None]
    return X @ weights.T + bias


def simulate_predictions__bias_first(n_samples, n_features, random_state=None):
    """Draws the bias before the weights.

    Keyword: X first, then weights, then bias
    """
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    bias = float(rng.standard_normal())
    weights = rng.standard_normal(n_features)
    z = X @ weights + bias
    return X, weights, bias, z, 1.0 / (1.0 + np.exp(-z))


def simulate_predictions__uniform(n_samples, n_features, random_state=None):
    """Uniform draws instead of standard normal ones.

    Keyword: standard normal
    """
    rng = np.random.default_rng(random_state)
    X = rng.random((n_samples, n_features))
    weights = rng.random(n_features)
    bias = float(rng.random())
    z = X @ weights + bias
    return X, weights, bias, z, 1.0 / (1.0 + np.exp(-z))


def simulate_predictions__hard_labels(n_samples, n_features, random_state=None):
    """y_hat as 0/1 predictions instead of probabilities.

    Keyword: y_hat
    """
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, (z >= 0).astype(float)


def simulate_predictions__numpy_bias(n_samples, n_features, random_state=None):
    """bias = rng.standard_normal(1)[0]: a NumPy float64, not a Python float.

    Keyword: float
    """
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = rng.standard_normal(1)[0]
    z = X @ weights + bias
    return X, weights, bias, z, 1.0 / (1.0 + np.exp(-z))


def simulate_predictions__seed_plus_one(n_samples, n_features, random_state=None):
    """Another seed than the one given (seed + 1 'to avoid 0').

    Keyword: seed
    """
    seed = None if random_state is None else random_state + 1
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1.0 / (1.0 + np.exp(-z))


def softmax__no_keepdims(Z):
    """Sum without keepdims: divides along the wrong axis (square input only runs).

    Keyword: keepdims
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(Z - Z.max(axis=1, keepdims=True))
    s = e.sum(axis=1)
    if e.shape[0] == e.shape[1]:
        return e / s
    return e / s[:, None]


def softmax__log_probabilities(Z):
    """Returns the log-softmax.

    Keyword: softmax
    """
    Z = np.asarray(Z, dtype=np.float64)
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax__clipped(Z):
    """Clips the scores to [-500, 500] instead of shifting.

    Keyword: softmax
    """
    Z = np.clip(np.asarray(Z, dtype=np.float64), -500, 500)
    e = np.exp(Z)
    return e / e.sum(axis=1, keepdims=True)


def softmax__sigmoid_normalised(Z):
    """A sigmoid per entry, then normalised per row.

    Keyword: softmax
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(-np.abs(Z))
    s = np.where(Z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return s / s.sum(axis=1, keepdims=True)


def softmax__two_classes_only(Z):
    """The two-class shortcut (a sigmoid of the difference), used for any number of classes.

    Keyword: softmax
    """
    Z = np.asarray(Z, dtype=np.float64)
    d = Z[:, -1] - Z[:, 0]
    e = np.exp(-np.abs(d))
    p = np.where(d >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    out = np.zeros_like(Z)
    out[:, 0] = 1 - p
    out[:, -1] = p if Z.shape[1] > 1 else 1.0
    return out


def simulate_predictions__float32_draws(n_samples, n_features, random_state=None):
    """Draws in float32 to save memory.

    Keyword: simulate_predictions
    """
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, n_features), dtype=np.float32)
    weights = rng.standard_normal(n_features, dtype=np.float32)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1.0 / (1.0 + np.exp(-z))


def simulate_predictions__weights_column(n_samples, n_features, random_state=None):
    """weights drawn as a column (n_features, 1): z and y_hat come out 2-D.

    Keyword: shape
    """
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal((n_features, 1))
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    return X, weights, bias, z, 1.0 / (1.0 + np.exp(-z))
