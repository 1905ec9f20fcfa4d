"""Wrong answers to chapter 4's exercises."""

import numpy as np


def logistic_loss__naive_log_sigmoid(y, scores, sample_weight=None):
    """log(sigmoid(z)) directly: -inf (and a warning) for confidently wrong scores.

    Keyword: RuntimeWarning
    """
    y = np.asarray(y, dtype=float)
    p = 1 / (1 + np.exp(-np.asarray(scores, dtype=float)))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def logistic_loss__clipped(y, scores, sample_weight=None):
    """Clips the probabilities (as log_loss once did): finite, but wrong for large scores.

    Keyword: clipped
    """
    y = np.asarray(y, dtype=float)
    z = np.clip(np.asarray(scores, dtype=float), -500, 500)
    p = np.clip(1 / (1 + np.exp(-z)), 1e-15, 1 - 1e-15)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def logistic_loss__sum(y, scores, sample_weight=None):
    """Forgets the mean: the sum of the losses.

    Keyword: not the sum
    """
    z = np.asarray(scores, dtype=float)
    return float(np.sum(np.logaddexp(0, z) - np.asarray(y) * z))


def logistic_loss__labels_swapped(y, scores, sample_weight=None):
    """Pairs label 1 with log(1 - p).

    Keyword: label 1
    """
    z = np.asarray(scores, dtype=float)
    return float(np.mean(np.logaddexp(0, z) - (1 - np.asarray(y)) * z))


def logistic_loss__numpy_scalar(y, scores, sample_weight=None):
    """Returns a NumPy float64 instead of a Python float.

    Keyword: Python float
    """
    z = np.asarray(scores, dtype=float)
    return np.mean(np.logaddexp(0, z) - np.asarray(y) * z)


def logistic_gradient__sign(X, y, weights, bias, sample_weight=None):
    """The sign is flipped: (y - p) instead of (p - y).

    Keyword: sign
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ weights + bias)))
    return X.T @ (y - p) / len(y), float(np.mean(y - p))


def logistic_gradient__no_mean(X, y, weights, bias, sample_weight=None):
    """Forgets to divide by the number of samples.

    Keyword: number of samples
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ weights + bias)))
    return X.T @ (p - y), float(np.sum(p - y))


def logistic_gradient__no_bias(X, y, weights, bias, sample_weight=None):
    """Leaves the bias out of the scores.

    Keyword: bias
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ weights)))
    return X.T @ (p - y) / len(y), float(np.mean(p - y))


def logistic_gradient__naive_sigmoid(X, y, weights, bias, sample_weight=None):
    """1 / (1 + exp(-z)) overflows (with a warning) for very negative scores.

    Keyword: RuntimeWarning
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ np.asarray(weights, dtype=float) + bias)))
    return X.T @ (p - np.asarray(y)) / len(y), float(np.mean(p - np.asarray(y)))


def _loss(y, z):
    z = np.asarray(z, dtype=float)
    return float(np.mean(np.logaddexp(0, z) - np.asarray(y, dtype=float) * z))


def _gradient(X, y, weights, bias):
    """X and the weights as float arrays, the unweighted gradient (gw, gb) at them, and
    the loss there: what the backtracking gradient_step mistakes below start from."""
    X = np.asarray(X, dtype=float)
    w = np.asarray(weights, dtype=float)
    error = 1 / (1 + np.exp(-(X @ w + bias))) - y
    return X, w, X.T @ error / len(y), float(error.mean()), _loss(y, X @ w + bias)


def gradient_step__uphill(X, y, weights, bias, learning_rate, sample_weight=None):
    """Adds the gradient instead of subtracting it (so no rate ever lowers the loss).

    Keyword: against
    """
    X, w, gw, gb, now = _gradient(X, y, weights, bias)
    rate = float(learning_rate)
    for _ in range(31):
        if _loss(y, X @ (w + rate * gw) + bias + rate * gb) < now:
            return w + rate * gw, bias + rate * gb, rate
        rate /= 2
    return w.copy(), float(bias), 0.0


def gradient_step__mutates(X, y, weights, bias, learning_rate, sample_weight=None):
    """Updates the caller's weights in place (w -= ...), without backtracking.

    Keyword: in place
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ weights + bias)))
    error = p - y
    weights -= learning_rate * X.T @ error / len(y)
    return weights, float(bias - learning_rate * error.mean()), float(learning_rate)


def gradient_step__bias_fixed(X, y, weights, bias, learning_rate, sample_weight=None):
    """Steps the weights but never the bias.

    Keyword: bias takes a step
    """
    X, w, gw, _, now = _gradient(X, y, weights, bias)
    rate = float(learning_rate)
    for _ in range(31):
        if _loss(y, X @ (w - rate * gw) + bias) < now:
            return w - rate * gw, float(bias), rate
        rate /= 2
    return w.copy(), float(bias), 0.0


def gradient_step__no_backtracking(X, y, weights, bias, learning_rate, sample_weight=None):
    """Always takes the full step, as the page's descend does.

    Keyword: halve the rate
    """
    X = np.asarray(X, dtype=float)
    error = 1 / (1 + np.exp(-(X @ np.asarray(weights, dtype=float) + bias))) - y
    new_w = np.asarray(weights, dtype=float) - learning_rate * X.T @ error / len(y)
    return new_w, float(bias - learning_rate * error.mean()), float(learning_rate)


def gradient_step__last_rate_tried(X, y, weights, bias, learning_rate, sample_weight=None):
    """When no rate helps, returns the step of the last, tiniest rate instead of none.

    Keyword: return 0.0
    """
    X, w, gw, gb, now = _gradient(X, y, weights, bias)
    rate = float(learning_rate)
    for _ in range(30):
        if _loss(y, X @ (w - rate * gw) + bias - rate * gb) < now:
            break
        rate /= 2
    return w - rate * gw, float(bias - rate * gb), rate


def gradient_step__one_halving_too_many(X, y, weights, bias, learning_rate, sample_weight=None):
    """Halves the rate before the first try: never tries learning_rate itself.

    Keyword: try learning_rate itself first
    """
    X, w, gw, gb, now = _gradient(X, y, weights, bias)
    rate = float(learning_rate)
    for _ in range(31):
        rate /= 2
        if _loss(y, X @ (w - rate * gw) + bias - rate * gb) < now:
            return w - rate * gw, float(bias - rate * gb), rate
    return w.copy(), float(bias), 0.0


def gradient_step__weights_dropped(X, y, weights, bias, learning_rate, sample_weight=None):
    """Backtracks correctly but never passes sample_weight on.

    Keyword: pass them on
    """
    X, w, gw, gb, now = _gradient(X, y, weights, bias)
    rate = float(learning_rate)
    for _ in range(31):
        if _loss(y, X @ (w - rate * gw) + bias - rate * gb) < now:
            return w - rate * gw, float(bias - rate * gb), rate
        rate /= 2
    return w.copy(), float(bias), 0.0


def logistic_loss__weights_ignored(y, scores, sample_weight=None):
    """Accepts sample_weight and ignores it.

    Keyword: change nothing
    """
    z = np.asarray(scores, dtype=float)
    return float(np.mean(np.logaddexp(0, z) - np.asarray(y, dtype=float) * z))


def logistic_loss__divides_by_n(y, scores, sample_weight=None):
    """Weights the losses but divides by the number of samples.

    Keyword: sum of the weights
    """
    z = np.asarray(scores, dtype=float)
    each = np.logaddexp(0, z) - np.asarray(y, dtype=float) * z
    s = np.ones(len(each)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    return float(np.sum(s * each) / len(each))


def logistic_loss__weighted_sum(y, scores, sample_weight=None):
    """Returns the weighted sum, not the weighted mean.

    Keyword: weighted *mean*
    """
    z = np.asarray(scores, dtype=float)
    each = np.logaddexp(0, z) - np.asarray(y, dtype=float) * z
    if sample_weight is None:
        return float(np.mean(each))
    return float(np.sum(np.asarray(sample_weight, dtype=float) * each))


def logistic_gradient__weights_ignored(X, y, weights, bias, sample_weight=None):
    """Accepts sample_weight and ignores it.

    Keyword: change nothing
    """
    X = np.asarray(X, dtype=float)
    z = X @ np.asarray(weights, dtype=float) + bias
    error = 0.5 * (1 + np.tanh(z / 2)) - np.asarray(y, dtype=float)
    return X.T @ error / len(error), float(np.mean(error))


def logistic_gradient__bias_unweighted(X, y, weights, bias, sample_weight=None):
    """Weights the weights' gradient but takes the plain mean for the bias.

    Keyword: weighted mean too
    """
    X = np.asarray(X, dtype=float)
    z = X @ np.asarray(weights, dtype=float) + bias
    error = 0.5 * (1 + np.tanh(z / 2)) - np.asarray(y, dtype=float)
    s = np.ones(len(error)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    return X.T @ (s * error) / s.sum(), float(np.mean(error))


def fit_by_descent__weights_ignored(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """Fits as if every sample had the weight 1.

    Keyword: weight each sample
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_steps):
        z = X @ w + b
        losses.append(float(np.mean(np.logaddexp(0, z) - y * z)))
        if tol is not None and len(losses) > 1 and losses[-2] - losses[-1] < tol:
            break
        error = 0.5 * (1 + np.tanh(z / 2)) - y
        w, b = w - learning_rate * X.T @ error / len(y), b - learning_rate * float(error.mean())
    return w, b, np.array(losses)


def fit_by_descent__no_bias(X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None):
    """Never learns a bias.

    Keyword: bias step
    """
    X = np.asarray(X, dtype=float)
    w, losses = np.zeros(X.shape[1]), []
    for _ in range(n_steps):
        z = X @ w
        losses.append(np.mean(np.logaddexp(0, z) - y * z))
        w = w - learning_rate * X.T @ (1 / (1 + np.exp(-z)) - y) / len(y)
    return w, 0.0, np.array(losses)


def fit_by_descent__loss_after_step(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """Records the loss after each step, so losses[0] is not the starting loss.

    Keyword: Python float
    """
    X = np.asarray(X, dtype=float)
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_steps):
        error = 1 / (1 + np.exp(-(X @ w + b))) - y
        w, b = w - learning_rate * X.T @ error / len(y), b - learning_rate * error.mean()
        z = X @ w + b
        losses.append(np.mean(np.logaddexp(0, z) - y * z))
    return w, b, np.array(losses)


def fit_by_descent__too_few_steps(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """Stops after ten steps whatever n_steps says (losses padded to length).

    Keyword: Python float
    """
    X = np.asarray(X, dtype=float)
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for step in range(n_steps):
        z = X @ w + b
        losses.append(np.mean(np.logaddexp(0, z) - y * z))
        if step < 10:
            error = 1 / (1 + np.exp(-z)) - y
            w, b = w - learning_rate * X.T @ error / len(y), b - learning_rate * error.mean()
    return w, b, np.array(losses)


# ---- written for issue 24, before the checks were strengthened


def logistic_gradient__list_crashes(X, y, weights, bias, sample_weight=None):
    """X.T on a list of lists: AttributeError.

    Keyword: 'list'
    """
    z = np.dot(X, weights) + bias
    p = 0.5 * (1 + np.tanh(z / 2))
    s = np.ones(len(z)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    error = s * (p - np.asarray(y)) / s.sum()
    return X.T @ error, float(np.sum(error))


def logistic_loss__list_crashes(y, scores, sample_weight=None):
    """y * scores on two lists: TypeError.

    Keyword: TypeError
    """
    return float(np.average(np.logaddexp(0, scores) - y * scores, weights=sample_weight))


def logistic_gradient__keeps_float32(X, y, weights, bias, sample_weight=None):
    """Keeps float32 X in float32: the gradient is float32.

    Keyword: float64
    """
    X = np.asarray(X)
    if X.dtype.kind in "iub":
        X = X.astype(np.float64)
    z = X @ np.asarray(weights, dtype=X.dtype) + X.dtype.type(bias)
    p = 0.5 * (1 + np.tanh(z / 2))
    error = p - np.asarray(y, dtype=X.dtype)
    return X.T @ error / len(error), float(np.mean(error))


def fit_by_descent__losses_list(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """Returns the losses as a Python list, not an array.

    Keyword: NumPy array
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(n_steps):
        z = X @ w + b
        losses.append(float(np.mean(np.logaddexp(0, z) - y * z)))
        error = 0.5 * (1 + np.tanh(z / 2)) - y
        w = w - learning_rate * X.T @ error / len(y)
        b = b - learning_rate * float(np.mean(error))
    return w, b, losses


def fit_by_descent__list_crashes(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """X.shape on a list of lists: AttributeError.

    Keyword: 'list'
    """
    w, b = np.zeros(X.shape[1]), 0.0
    y = np.asarray(y, dtype=float)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    s = s / s.sum()
    losses = []
    for _ in range(n_steps):
        z = X @ w + b
        losses.append(float(s @ (np.logaddexp(0, z) - y * z)))
        if tol is not None and len(losses) > 1 and losses[-2] - losses[-1] < tol:
            break
        error = s * (0.5 * (1 + np.tanh(z / 2)) - y)
        w = w - learning_rate * X.T @ error
        b = b - learning_rate * float(np.sum(error))
    return w, b, np.array(losses)


def gradient_step__list_crashes(X, y, weights, bias, learning_rate, sample_weight=None):
    """X.T on a list of lists: AttributeError.

    Keyword: 'list'
    """
    y = np.asarray(y, dtype=float)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    s = s / s.sum()

    def loss(z):
        return float(s @ (np.logaddexp(0, z) - y * z))

    z = np.dot(X, weights) + bias
    error = s * (0.5 * (1 + np.tanh(z / 2)) - y)
    gw, gb = X.T @ error, float(np.sum(error))
    w, now, rate = np.asarray(weights, dtype=float), loss(z), float(learning_rate)
    for _ in range(31):
        if loss(np.dot(X, w - rate * gw) + bias - rate * gb) < now:
            return w - rate * gw, float(bias - rate * gb), rate
        rate /= 2
    return w.copy(), float(bias), 0.0


def fit_by_descent__ignores_tol(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """Accepts tol but always takes all n_steps steps.

    Keyword: stop as soon as
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_steps):
        z = X @ w + b
        losses.append(float(np.mean(np.logaddexp(0, z) - y * z)))
        error = 0.5 * (1 + np.tanh(z / 2)) - y
        w, b = w - learning_rate * X.T @ error / len(y), b - learning_rate * float(error.mean())
    return w, b, np.array(losses)


def fit_by_descent__stops_one_step_late(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """Takes one more step after the loss that should stop it.

    Keyword: the weights at which the last loss was computed
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_steps):
        z = X @ w + b
        losses.append(float(np.mean(np.logaddexp(0, z) - y * z)))
        error = 0.5 * (1 + np.tanh(z / 2)) - y
        w, b = w - learning_rate * X.T @ error / len(y), b - learning_rate * float(error.mean())
        if tol is not None and len(losses) > 1 and losses[-2] - losses[-1] < tol:
            break
    return w, b, np.array(losses)


# ---- written for issue 21: kinds of mistakes not catalogued before, as a student would


def _w_p(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logistic_loss__weight_truthiness(y, scores, sample_weight=None):
    """`if sample_weight:` on an array: ambiguous truth value.

    Keyword: ValueError
    """
    y = np.asarray(y, dtype=np.float64)
    z = np.asarray(scores, dtype=np.float64)
    losses = np.logaddexp(0.0, z) - y * z
    if sample_weight:
        s = np.asarray(sample_weight, dtype=np.float64)
        return float(np.sum(s * losses) / np.sum(s))
    return float(np.mean(losses))


def logistic_loss__log2(y, scores, sample_weight=None):
    """Log-loss in bits (base-2 logarithm).

    Keyword: logistic_loss
    """
    y = np.asarray(y, dtype=np.float64)
    z = np.asarray(scores, dtype=np.float64)
    losses = (np.logaddexp(0.0, z) - y * z) / np.log(2)
    return float(np.average(losses, weights=sample_weight))


def logistic_loss__plus_minus_labels(y, scores, sample_weight=None):
    """The +-1 label formula log(1 + exp(-y z)) used with 0/1 labels.

    Keyword: logistic_loss
    """
    y = np.asarray(y, dtype=np.float64)
    z = np.asarray(scores, dtype=np.float64)
    losses = np.logaddexp(0.0, -y * z)
    return float(np.average(losses, weights=sample_weight))


def logistic_loss__float32(y, scores, sample_weight=None):
    """Computes in float32 to save memory.

    Keyword: logistic_loss
    """
    y = np.asarray(y, dtype=np.float32)
    z = np.asarray(scores, dtype=np.float32)
    losses = np.logaddexp(np.float32(0.0), z) - y * z
    return float(np.average(losses, weights=sample_weight))


def logistic_gradient__weighted_over_n(X, y, weights, bias, sample_weight=None):
    """Weighted sum divided by the number of samples, not by the sum of the weights.

    Keyword: logistic_gradient
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    p = _w_p(X @ np.asarray(weights, dtype=np.float64) + bias)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    return X.T @ (s * (p - y)) / len(y), float(s @ (p - y) / len(y))


def logistic_gradient__numpy_bias(X, y, weights, bias, sample_weight=None):
    """grad_bias left as a NumPy float64.

    Keyword: float
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    p = _w_p(X @ np.asarray(weights, dtype=np.float64) + bias)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    s = s / s.sum()
    return X.T @ (s * (p - y)), np.float64(s @ (p - y))


def logistic_gradient__bias_sign(X, y, weights, bias, sample_weight=None):
    """The bias gradient with the sign flipped (y - p).

    Keyword: wrong sign
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    p = _w_p(X @ np.asarray(weights, dtype=np.float64) + bias)
    s = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    s = s / s.sum()
    return X.T @ (s * (p - y)), float(s @ (y - p))


def _w_loss(y, z, s):
    y = np.asarray(y, dtype=np.float64)
    return float(np.average(np.logaddexp(0.0, z) - y * z, weights=s))


def _w_grad(X, y, w, b, s):
    y = np.asarray(y, dtype=np.float64)
    p = _w_p(X @ w + b)
    s = np.ones(len(y)) if s is None else np.asarray(s, dtype=np.float64)
    s = s / s.sum()
    return X.T @ (s * (p - y)), float(s @ (p - y))


def gradient_step__not_strict(X, y, weights, bias, learning_rate, sample_weight=None):
    """Accepts a step that leaves the loss equal (<= instead of <).

    Keyword: gradient_step
    """
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    now = _w_loss(y, X @ weights + bias, sample_weight)
    gw, gb = _w_grad(X, y, weights, bias, sample_weight)
    rate = float(learning_rate)
    for _ in range(31):
        nw, nb = weights - rate * gw, float(bias - rate * gb)
        if _w_loss(y, X @ nw + nb, sample_weight) <= now:
            return nw, nb, rate
        rate /= 2
    return weights.copy(), float(bias), 0.0


def gradient_step__returns_input(X, y, weights, bias, learning_rate, sample_weight=None):
    """When no rate helps, returns the caller's own weights array (not a copy).

    Keyword: copy
    """
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    now = _w_loss(y, X @ weights + bias, sample_weight)
    gw, gb = _w_grad(X, y, weights, bias, sample_weight)
    rate = float(learning_rate)
    for _ in range(31):
        nw, nb = weights - rate * gw, float(bias - rate * gb)
        if _w_loss(y, X @ nw + nb, sample_weight) < now:
            return nw, nb, rate
        rate /= 2
    return weights, float(bias), 0.0


def gradient_step__unweighted_test(X, y, weights, bias, learning_rate, sample_weight=None):
    """The weighted gradient, but the plain mean loss decides whether a step helps.

    Keyword: same weighted loss
    """
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    now = _w_loss(y, X @ weights + bias, None)
    gw, gb = _w_grad(X, y, weights, bias, sample_weight)
    rate = float(learning_rate)
    for _ in range(31):
        nw, nb = weights - rate * gw, float(bias - rate * gb)
        if _w_loss(y, X @ nw + nb, None) < now:
            return nw, nb, rate
        rate /= 2
    return weights.copy(), float(bias), 0.0


def gradient_step__halves_first(X, y, weights, bias, learning_rate, sample_weight=None):
    """Halves the rate before the first try.

    Keyword: gradient_step
    """
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    now = _w_loss(y, X @ weights + bias, sample_weight)
    gw, gb = _w_grad(X, y, weights, bias, sample_weight)
    rate = float(learning_rate)
    for _ in range(31):
        rate /= 2
        nw, nb = weights - rate * gw, float(bias - rate * gb)
        if _w_loss(y, X @ nw + nb, sample_weight) < now:
            return nw, nb, rate
    return weights.copy(), float(bias), 0.0


def fit_by_descent__abs_tol(X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None):
    """Stops when the change of the loss is small in absolute value (also when it rose).

    Keyword: also when the loss rises
    """
    X = np.asarray(X, dtype=np.float64)
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_steps):
        losses.append(_w_loss(y, X @ w + b, sample_weight))
        if tol is not None and len(losses) > 1 and abs(losses[-2] - losses[-1]) < tol:
            break
        gw, gb = _w_grad(X, y, w, b, sample_weight)
        w, b = w - learning_rate * gw, float(b - learning_rate * gb)
    return w, b, np.array(losses)


def fit_by_descent__backtracking(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """Halves the rate when a step raises the loss: not the plain descent asked for.

    Keyword: no halving
    """
    X = np.asarray(X, dtype=np.float64)
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_steps):
        losses.append(_w_loss(y, X @ w + b, sample_weight))
        if tol is not None and len(losses) > 1 and losses[-2] - losses[-1] < tol:
            break
        gw, gb = _w_grad(X, y, w, b, sample_weight)
        rate = learning_rate
        for _ in range(31):
            nw, nb = w - rate * gw, float(b - rate * gb)
            if _w_loss(y, X @ nw + nb, sample_weight) < losses[-1]:
                break
            rate /= 2
        w, b = nw, nb
    return w, b, np.array(losses)


def fit_by_descent__one_step_too_many(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """range(n_steps + 1): one step more than asked.

    Keyword: fit_by_descent
    """
    X = np.asarray(X, dtype=np.float64)
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_steps + 1):
        losses.append(_w_loss(y, X @ w + b, sample_weight))
        if tol is not None and len(losses) > 1 and losses[-2] - losses[-1] < tol:
            break
        gw, gb = _w_grad(X, y, w, b, sample_weight)
        w, b = w - learning_rate * gw, float(b - learning_rate * gb)
    return w, b, np.array(losses)


def fit_by_descent__float32_losses(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """Stores the losses in a float32 array.

    Keyword: fit_by_descent
    """
    X = np.asarray(X, dtype=np.float64)
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_steps):
        losses.append(_w_loss(y, X @ w + b, sample_weight))
        if tol is not None and len(losses) > 1 and losses[-2] - losses[-1] < tol:
            break
        gw, gb = _w_grad(X, y, w, b, sample_weight)
        w, b = w - learning_rate * gw, float(b - learning_rate * gb)
    return w, b, np.array(losses, dtype=np.float32)


def _r3_loss(y, z, s):
    y = np.asarray(y, dtype=np.float64)
    return float(np.average(np.logaddexp(0.0, z) - y * z, weights=s))


def _r3_grad(X, y, w, b, s):
    y = np.asarray(y, dtype=np.float64)
    z = X @ w + b
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    s = np.ones(len(y)) if s is None else np.asarray(s, dtype=np.float64)
    s = s / s.sum()
    return X.T @ (s * (p - y)), float(s @ (p - y))


def gradient_step__rate_as_given(X, y, weights, bias, learning_rate, sample_weight=None):
    """Returns the rate as it came in: an int learning_rate comes back an int.

    Keyword: float
    """
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    now = _r3_loss(y, X @ weights + bias, sample_weight)
    gw, gb = _r3_grad(X, y, weights, bias, sample_weight)
    rate = learning_rate
    for _ in range(31):
        nw, nb = weights - rate * gw, float(bias - rate * gb)
        if _r3_loss(y, X @ nw + nb, sample_weight) < now:
            return nw, nb, rate
        rate = rate / 2
    return weights.copy(), float(bias), 0.0


def fit_by_descent__loss_unweighted(
    X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None
):
    """The weighted gradient, but the plain mean loss recorded (and used for tol).

    Keyword: fit_by_descent
    """
    X = np.asarray(X, dtype=np.float64)
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_steps):
        losses.append(_r3_loss(y, X @ w + b, None))
        if tol is not None and len(losses) > 1 and losses[-2] - losses[-1] < tol:
            break
        gw, gb = _r3_grad(X, y, w, b, sample_weight)
        w, b = w - learning_rate * gw, float(b - learning_rate * gb)
    return w, b, np.array(losses)
