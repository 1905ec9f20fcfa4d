"""Wrong answers to chapter 4's exercises."""

import numpy as np


def logistic_loss__naive_log_sigmoid(y, scores):
    """log(sigmoid(z)) directly: -inf (and a warning) for confidently wrong scores.

    Keyword: RuntimeWarning
    """
    y = np.asarray(y, dtype=float)
    p = 1 / (1 + np.exp(-np.asarray(scores, dtype=float)))
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def logistic_loss__clipped(y, scores):
    """Clips the probabilities (as log_loss once did): finite, but wrong for large scores.

    Keyword: clipped
    """
    y = np.asarray(y, dtype=float)
    z = np.clip(np.asarray(scores, dtype=float), -500, 500)
    p = np.clip(1 / (1 + np.exp(-z)), 1e-15, 1 - 1e-15)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def logistic_loss__sum(y, scores):
    """Forgets the mean: the sum of the losses.

    Keyword: not the sum
    """
    z = np.asarray(scores, dtype=float)
    return float(np.sum(np.logaddexp(0, z) - np.asarray(y) * z))


def logistic_loss__labels_swapped(y, scores):
    """Pairs label 1 with log(1 - p).

    Keyword: label 1
    """
    z = np.asarray(scores, dtype=float)
    return float(np.mean(np.logaddexp(0, z) - (1 - np.asarray(y)) * z))


def logistic_loss__numpy_scalar(y, scores):
    """Returns a NumPy float64 instead of a Python float.

    Keyword: Python float
    """
    z = np.asarray(scores, dtype=float)
    return np.mean(np.logaddexp(0, z) - np.asarray(y) * z)


def logistic_gradient__sign(X, y, weights, bias):
    """The sign is flipped: (y - p) instead of (p - y).

    Keyword: sign
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ weights + bias)))
    return X.T @ (y - p) / len(y), float(np.mean(y - p))


def logistic_gradient__no_mean(X, y, weights, bias):
    """Forgets to divide by the number of samples.

    Keyword: number of samples
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ weights + bias)))
    return X.T @ (p - y), float(np.sum(p - y))


def logistic_gradient__no_bias(X, y, weights, bias):
    """Leaves the bias out of the scores.

    Keyword: bias
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ weights)))
    return X.T @ (p - y) / len(y), float(np.mean(p - y))


def logistic_gradient__naive_sigmoid(X, y, weights, bias):
    """1 / (1 + exp(-z)) overflows (with a warning) for very negative scores.

    Keyword: RuntimeWarning
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ np.asarray(weights, dtype=float) + bias)))
    return X.T @ (p - np.asarray(y)) / len(y), float(np.mean(p - np.asarray(y)))


def gradient_step__uphill(X, y, weights, bias, learning_rate):
    """Adds the gradient instead of subtracting it.

    Keyword: against
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ weights + bias)))
    error = p - y
    return weights + learning_rate * X.T @ error / len(y), bias + learning_rate * error.mean()


def gradient_step__mutates(X, y, weights, bias, learning_rate):
    """Updates the caller's weights in place (w -= ...).

    Keyword: in place
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ weights + bias)))
    error = p - y
    weights -= learning_rate * X.T @ error / len(y)
    return weights, float(bias - learning_rate * error.mean())


def gradient_step__bias_fixed(X, y, weights, bias, learning_rate):
    """Steps the weights but never the bias.

    Keyword: bias takes a step
    """
    X = np.asarray(X, dtype=float)
    p = 1 / (1 + np.exp(-(X @ weights + bias)))
    return weights - learning_rate * X.T @ (p - y) / len(y), bias


def fit_by_descent__no_bias(X, y, learning_rate=0.1, n_steps=1000, tol=None):
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


def fit_by_descent__loss_after_step(X, y, learning_rate=0.1, n_steps=1000, tol=None):
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


def fit_by_descent__too_few_steps(X, y, learning_rate=0.1, n_steps=1000, tol=None):
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


def logistic_gradient__list_crashes(X, y, weights, bias):
    """X.T on a list of lists: AttributeError.

    Keyword: 'list'
    """
    z = np.dot(X, weights) + bias
    p = 0.5 * (1 + np.tanh(z / 2))
    error = p - np.asarray(y)
    return X.T @ error / len(y), float(np.mean(error))


def logistic_loss__list_crashes(y, scores):
    """y * scores on two lists: TypeError.

    Keyword: TypeError
    """
    return float(np.mean(np.logaddexp(0, scores) - y * scores))


def logistic_gradient__keeps_float32(X, y, weights, bias):
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


def fit_by_descent__losses_list(X, y, learning_rate=0.1, n_steps=1000, tol=None):
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


def fit_by_descent__list_crashes(X, y, learning_rate=0.1, n_steps=1000, tol=None):
    """X.shape on a list of lists: AttributeError.

    Keyword: 'list'
    """
    w, b = np.zeros(X.shape[1]), 0.0
    y = np.asarray(y, dtype=float)
    losses = []
    for _ in range(n_steps):
        z = X @ w + b
        losses.append(float(np.mean(np.logaddexp(0, z) - y * z)))
        if tol is not None and len(losses) > 1 and losses[-2] - losses[-1] < tol:
            break
        error = 0.5 * (1 + np.tanh(z / 2)) - y
        w = w - learning_rate * X.T @ error / len(y)
        b = b - learning_rate * float(np.mean(error))
    return w, b, np.array(losses)


def gradient_step__list_crashes(X, y, weights, bias, learning_rate):
    """X.T on a list of lists: AttributeError.

    Keyword: 'list'
    """
    z = np.dot(X, weights) + bias
    error = 0.5 * (1 + np.tanh(z / 2)) - np.asarray(y, dtype=float)
    new_weights = np.asarray(weights, dtype=float) - learning_rate * (X.T @ error / len(error))
    return new_weights, float(bias - learning_rate * np.mean(error))


def fit_by_descent__ignores_tol(X, y, learning_rate=0.1, n_steps=1000, tol=None):
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


def fit_by_descent__stops_one_step_late(X, y, learning_rate=0.1, n_steps=1000, tol=None):
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
