"""Checks for chapter 4: ``logistic_loss``, ``logistic_gradient``, ``gradient_step``,
``fit_by_descent``.

The oracles are independent of the reference solutions: scikit-learn's ``log_loss`` for
the loss, central finite differences of that oracle loss for the gradient, and
``scipy.special.expit`` for the probabilities.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit
from sklearn.metrics import log_loss

from ._core import Chapter, CheckFailure, expect_array, expect_close, expect_float

CHAPTER = Chapter(
    4,
    "ch04_learning.py",
    ("logistic_loss", "logistic_gradient", "gradient_step", "fit_by_descent"),
)
part = CHAPTER.part


def _problem(n=40, d=3, seed=0):
    """A small labelled problem with float features and labels drawn from a model."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    w = rng.normal(size=d)
    y = (rng.random(n) < expit(X @ w + 0.5)).astype(int)
    return X, y


def _oracle_loss(y, z):
    """The mean log-loss, through scikit-learn (fine for moderate scores)."""
    return log_loss(y, expit(z), labels=[0, 1])


def _oracle_gradient(X, y, w, b, h=1e-6):
    """Central finite differences of the oracle loss."""
    grad = np.empty(len(w) + 1)
    for j in range(len(w) + 1):
        step = np.zeros(len(w) + 1)
        step[j] = h
        up = _oracle_loss(y, X @ (w + step[:-1]) + b + step[-1])
        down = _oracle_loss(y, X @ (w - step[:-1]) + b - step[-1])
        grad[j] = (up - down) / (2 * h)
    return grad[:-1], grad[-1]


def _unpack_pair(result, what, first):
    if not isinstance(result, tuple) or len(result) != 2:
        n = len(result) if isinstance(result, (tuple, list)) else "not a tuple"
        raise CheckFailure(f"{what} should return a tuple ({first}, bias); got {n}")
    return result


# ------------------------------------------------------------------ logistic_loss


@part("logistic_loss")
def _logistic_loss_values(logistic_loss):
    rng = np.random.default_rng(1)
    z = rng.normal(scale=2, size=12)
    y = (rng.random(12) < 0.5).astype(int)
    got = logistic_loss(y, z)
    value = expect_float(got, "logistic_loss(y, scores)")
    hint = ""
    if np.isclose(value, _oracle_loss(y, z) * len(y), rtol=1e-6):
        hint = "take the mean over the samples, not the sum"
    elif np.isclose(value, _oracle_loss(1 - y, z), rtol=1e-6):
        hint = "label 1 goes with log(sigmoid(z)), label 0 with log(1 - sigmoid(z))"
    elif np.isclose(value, -_oracle_loss(y, z), rtol=1e-6):
        hint = "the loss is the *negative* mean log-likelihood"
    expect_close(
        value, _oracle_loss(y, z), "logistic_loss(y, scores)", rtol=1e-9, atol=1e-12, hint=hint
    )


@part("logistic_loss")
def _logistic_loss_python_float(logistic_loss):
    got = logistic_loss([0, 1, 1], [0.0, 0.0, 0.0])
    if type(got) is not float:  # np.float64 subclasses float, but prints as np.float64(...)
        raise CheckFailure(
            f"logistic_loss returned {type(got).__name__}; return a Python float (float(...))"
        )
    expect_close(got, np.log(2), "logistic_loss on three scores of 0", rtol=1e-12, atol=0)


@part("logistic_loss", points=2)
def _logistic_loss_extreme(logistic_loss):
    y = np.array([1, 0, 1, 0, 1])
    z = np.array([-1000.0, 1000.0, 1000.0, -1000.0, -40.0])
    got = logistic_loss(y, z)
    value = expect_float(got, "logistic_loss at scores of ±1000")
    expected = (1000.0 + 1000.0 + 0.0 + 0.0 + (40.0 + np.log1p(np.exp(-40.0)))) / 5
    if not np.isfinite(value):
        raise CheckFailure(
            "logistic_loss at scores of ±1000 is infinite: log(sigmoid(z)) underflows; "
            "write the loss as log(1 + exp(z)) - y * z with np.logaddexp"
        )
    expect_close(
        value,
        expected,
        "logistic_loss at scores of ±1000",
        rtol=1e-9,
        atol=1e-12,
        hint="a confidently wrong score of -1000 on a 1 costs 1000, not a clipped value",
    )


# -------------------------------------------------------------- logistic_gradient


@part("logistic_gradient", points=2)
def _logistic_gradient_values(logistic_gradient):
    X, y = _problem()
    w, b = np.array([0.3, -0.2, 0.5]), 0.1
    got = _unpack_pair(logistic_gradient(X, y, w, b), "logistic_gradient", "grad_weights")
    gw = expect_array(got[0], "logistic_gradient(...)[0]", shape=(3,), kind="f")
    want_w, want_b = _oracle_gradient(X, y, w, b)
    hint = ""
    if np.allclose(gw, -want_w, rtol=1e-4, atol=1e-7):
        hint = "the sign is flipped: the gradient is X.T @ (p - y) / n, uphill"
    elif np.allclose(gw, want_w * len(y), rtol=1e-4, atol=1e-7):
        hint = "divide by the number of samples (the loss is a mean)"
    expect_close(gw, want_w, "grad_weights", rtol=1e-5, atol=1e-8, hint=hint)
    gb = expect_float(got[1], "logistic_gradient(...)[1] (grad_bias)")
    expect_close(gb, want_b, "grad_bias", rtol=1e-5, atol=1e-8)


@part("logistic_gradient")
def _logistic_gradient_uses_bias(logistic_gradient):
    X, y = _problem(seed=2)
    w, b = np.zeros(3), 2.0
    got = _unpack_pair(logistic_gradient(X, y, w, b), "logistic_gradient", "grad_weights")
    want_w, want_b = _oracle_gradient(X, y, w, b)
    hint = "the scores are X @ weights + bias: did you leave out the bias?"
    expect_close(got[0], want_w, "grad_weights with bias 2.0", rtol=1e-5, atol=1e-8, hint=hint)
    expect_close(
        expect_float(got[1], "grad_bias with bias 2.0"),
        want_b,
        "grad_bias with bias 2.0",
        rtol=1e-5,
        atol=1e-8,
        hint=hint,
    )


@part("logistic_gradient")
def _logistic_gradient_extreme(logistic_gradient):
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    y = np.array([1, 0, 1])
    w, b = np.array([-800.0, 800.0]), 0.0  # scores -800, 800, 0
    got = _unpack_pair(logistic_gradient(X, y, w, b), "logistic_gradient", "grad_weights")
    p = expit(X @ w + b)
    expect_close(
        got[0],
        X.T @ (p - y) / 3,
        "grad_weights at scores of ±800",
        rtol=1e-9,
        atol=1e-12,
        hint="use a sigmoid that does not overflow",
    )


# ------------------------------------------------------------------ gradient_step


@part("gradient_step", points=2)
def _gradient_step_values(gradient_step):
    X, y = _problem(seed=3)
    w, b, rate = np.array([0.1, 0.2, -0.3]), -0.4, 0.5
    got = _unpack_pair(gradient_step(X, y, w, b, rate), "gradient_step", "new_weights")
    gw, gb = _oracle_gradient(X, y, w, b)
    new_w = expect_array(got[0], "gradient_step(...)[0]", shape=(3,), kind="f")
    hint = ""
    if np.allclose(new_w, w + rate * gw, rtol=1e-5, atol=1e-8):
        hint = "step *against* the gradient (downhill): subtract it"
    expect_close(new_w, w - rate * gw, "new_weights", rtol=1e-5, atol=1e-8, hint=hint)
    new_b = expect_float(got[1], "gradient_step(...)[1] (new_bias)")
    expect_close(
        new_b, b - rate * gb, "new_bias", rtol=1e-5, atol=1e-8, hint="the bias takes a step too"
    )


@part("gradient_step")
def _gradient_step_no_mutation(gradient_step):
    X, y = _problem(seed=4)
    w = np.array([0.5, -0.5, 0.25])
    X_before, y_before, w_before = X.copy(), y.copy(), w.copy()
    got = _unpack_pair(gradient_step(X, y, w, 0.0, 0.1), "gradient_step", "new_weights")
    if not np.array_equal(w, w_before):
        raise CheckFailure(
            "gradient_step changed the weights passed in; return a new array "
            "(w = w - rate * g, not w -= rate * g)"
        )
    if not (np.array_equal(X, X_before) and np.array_equal(y, y_before)):
        raise CheckFailure("gradient_step changed X or y; leave the caller's data alone")
    if np.shares_memory(got[0], w):
        raise CheckFailure("gradient_step returned the caller's weights array itself")


# ------------------------------------------------------------------ fit_by_descent


@part("fit_by_descent")
def _fit_by_descent_shapes(fit_by_descent):
    X, y = _problem(seed=5)
    got = fit_by_descent(X, y, learning_rate=0.5, n_steps=7)
    if not isinstance(got, tuple) or len(got) != 3:
        raise CheckFailure("fit_by_descent should return a tuple (weights, bias, losses)")
    expect_array(got[0], "fit_by_descent(...)[0] (weights)", shape=(3,), kind="f")
    expect_float(got[1], "fit_by_descent(...)[1] (bias)")
    losses = expect_array(np.asarray(got[2]), "fit_by_descent(...)[2] (losses)", shape=(7,))
    expect_close(
        losses[0],
        np.log(2),
        "losses[0], the loss of the all-zero start",
        rtol=1e-9,
        atol=1e-12,
        hint="start from zero weights and bias, and record the loss before each step",
    )


@part("fit_by_descent", points=2)
def _fit_by_descent_reaches_loss(fit_by_descent):
    X, y = _problem(n=200, d=3, seed=6)
    X_before = X.copy()
    # the minimum of this problem's loss, found by a trusted solver
    from sklearn.linear_model import LogisticRegression

    best = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(X, y)
    target = _oracle_loss(y, X @ best.coef_[0] + best.intercept_[0]) + 1e-3
    w, b, losses = fit_by_descent(X, y, learning_rate=1.0, n_steps=300)
    if not np.array_equal(X, X_before):
        raise CheckFailure("fit_by_descent changed X; leave the caller's data alone")
    final = _oracle_loss(y, X @ np.asarray(w, dtype=float) + float(np.squeeze(b)))
    if not final <= target:
        raise CheckFailure(
            f"after 300 steps with learning rate 1.0 the loss is {final:.4f}, above the "
            f"{target:.4f} a correct descent reaches; check the sign and the mean of the "
            "gradient, and the bias step"
        )
    losses = np.asarray(losses, dtype=float)
    if losses.shape != (300,) or not np.all(np.diff(losses) <= 1e-12):
        raise CheckFailure(
            "losses should hold the loss before each of the 300 steps, never increasing "
            "at this learning rate"
        )
