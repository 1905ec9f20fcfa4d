"""Checks for chapter 4: ``logistic_loss``, ``logistic_gradient`` (both weighted),
``gradient_step`` (with backtracking), ``fit_by_descent`` (weighted, with early stopping).

The oracles are independent of the reference solutions: scikit-learn's ``log_loss`` (with
``sample_weight``) for the loss, central finite differences of that oracle loss for the
gradient, ``scipy.special.expit`` for the probabilities, repeated rows for integer
weights, and scikit-learn's weighted ``LogisticRegression`` for the minimum.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from ._core import Chapter, CheckFailure, call, expect_array, expect_close, expect_float
from ._expect import describe_miss
from ._strategies import Case, as_form, run_cases

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


def _oracle_loss(y, z, s=None):
    """The (weighted) mean log-loss, through scikit-learn (fine for moderate scores)."""
    return log_loss(y, expit(z), labels=[0, 1], sample_weight=s)


def _oracle_gradient(X, y, w, b, s=None, h=1e-6):
    """Central finite differences of the oracle loss."""
    grad = np.empty(len(w) + 1)
    for j in range(len(w) + 1):
        step = np.zeros(len(w) + 1)
        step[j] = h
        up = _oracle_loss(y, X @ (w + step[:-1]) + b + step[-1], s)
        down = _oracle_loss(y, X @ (w - step[:-1]) + b - step[-1], s)
        grad[j] = (up - down) / (2 * h)
    return grad[:-1], grad[-1]


def _weighted_problem(seed=11, n=30, d=3):
    """A small problem with positive float weights, some near 0 and some large."""
    X, y = _problem(n=n, d=d, seed=seed)
    s = np.random.default_rng(seed).uniform(0.05, 4.0, size=n)
    return X, y, s


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
    got = call(logistic_loss, y, z)
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
    got = call(logistic_loss, [0, 1, 1], [0.0, 0.0, 0.0])
    if type(got) is not float:  # np.float64 subclasses float, but prints as np.float64(...)
        raise CheckFailure(
            f"logistic_loss returned {type(got).__name__}; return a Python float (float(...))"
        )
    expect_close(got, np.log(2), "logistic_loss on three scores of 0", rtol=1e-12, atol=0)


@part("logistic_loss", points=2)
def _logistic_loss_extreme(logistic_loss):
    y = np.array([1, 0, 1, 0, 1])
    z = np.array([-1000.0, 1000.0, 1000.0, -1000.0, -40.0])
    got = call(logistic_loss, y, z)
    value = expect_float(got, "logistic_loss at scores of ±1000")
    expected = (1000.0 + 1000.0 + 0.0 + 0.0 + (40.0 + np.log1p(np.exp(-40.0)))) / 5
    if not np.isfinite(value):
        raise CheckFailure(
            "logistic_loss at scores of ±1000 is infinite: the log of a probability that "
            "rounds to 0; rewrite the loss so that it never takes the log of sigmoid(z)"
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
    got = _unpack_pair(call(logistic_gradient, X, y, w, b), "logistic_gradient", "grad_weights")
    gw = expect_array(got[0], "logistic_gradient(...)[0]", shape=(3,), kind="f")
    want_w, want_b = _oracle_gradient(X, y, w, b)
    hint = ""
    if np.allclose(gw, -want_w, rtol=1e-4, atol=1e-7):
        hint = "the sign is flipped: the gradient points uphill, where the loss grows"
    elif np.allclose(gw, want_w * len(y), rtol=1e-4, atol=1e-7):
        hint = "divide by the number of samples (the loss is a mean)"
    elif np.allclose(gw, _oracle_gradient(X, y, w, 0.0)[0], rtol=1e-4, atol=1e-7):
        hint = "the scores are X @ weights + bias: did you leave out the bias?"
    expect_close(gw, want_w, "grad_weights", rtol=1e-5, atol=1e-8, hint=hint)
    gb = expect_float(got[1], "logistic_gradient(...)[1] (grad_bias)")
    expect_close(gb, want_b, "grad_bias", rtol=1e-5, atol=1e-8)


@part("logistic_gradient")
def _logistic_gradient_uses_bias(logistic_gradient):
    X, y = _problem(seed=2)
    w, b = np.zeros(3), 2.0
    got = _unpack_pair(call(logistic_gradient, X, y, w, b), "logistic_gradient", "grad_weights")
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
    got = _unpack_pair(call(logistic_gradient, X, y, w, b), "logistic_gradient", "grad_weights")
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


def _oracle_step(X, y, w, b, rate, s=None):
    """Backtracking written out: the first of rate / 2**k (k <= 30) that lowers the loss."""
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    now = _oracle_mean_loss(y, X @ w + b, s)
    gw, gb = _oracle_grad(X, y, w, b, s)
    for k in range(31):
        r = rate / 2**k
        if _oracle_mean_loss(y, X @ (w - r * gw) + (b - r * gb), s) < now:
            return w - r * gw, b - r * gb, r
    return w, b, 0.0


def _unpack_step(result, what):
    if not isinstance(result, tuple) or len(result) != 3:
        n = len(result) if isinstance(result, (tuple, list)) else "not a tuple"
        raise CheckFailure(f"{what} should return a tuple (new_weights, new_bias, rate); got {n}")
    return result


def _expect_step(got, want, what):
    new_w, new_b, rate = _unpack_step(got, what)
    want_w, want_b, want_rate = want
    rate = expect_float(rate, f"{what}: rate")
    if rate != want_rate and want_rate > 0 and rate > 0:
        ratio = rate / want_rate
        hint = (
            "the step you took does not lower the loss: halve the rate until the loss "
            "is strictly lower than before"
            if ratio > 1
            else "take the first rate that lowers the loss (try learning_rate itself first)"
        )
        raise CheckFailure(f"{what}: the rate taken is {describe_miss(rate, want_rate)}; {hint}")
    if rate != want_rate:
        hint = (
            "no rate lowered the loss here: return 0.0, a copy of the weights and the bias"
            if want_rate == 0
            else "a step against the gradient (subtract it) lowers the loss here"
        )
        raise CheckFailure(f"{what}: rate is {rate!r}, expected another value; {hint}")
    new_w = expect_array(new_w, f"{what}: new_weights", shape=np.shape(want_w), kind="f")
    expect_close(new_w, want_w, f"{what}: new_weights", rtol=1e-9, atol=1e-12)
    new_b = expect_float(new_b, f"{what}: new_bias")
    expect_close(
        new_b, want_b, f"{what}: new_bias", rtol=1e-9, atol=1e-12, hint="the bias takes a step too"
    )


@part("gradient_step", points=2)
def _gradient_step_values(gradient_step):
    X, y = _problem(seed=3)
    w, b, rate = np.array([0.1, 0.2, -0.3]), -0.4, 0.5
    got = _unpack_step(call(gradient_step, X, y, w, b, rate), "gradient_step")
    taken = expect_float(got[2], "gradient_step(...)[2] (rate)")
    if 0 < taken < rate:
        raise CheckFailure(
            f"gradient_step(..., learning_rate={rate}) took a smaller rate, although the full "
            "step already lowers the loss: try learning_rate itself first"
        )
    gw, gb = _oracle_gradient(X, y, w, b)
    new_w = expect_array(got[0], "gradient_step(...)[0]", shape=(3,), kind="f")
    hint = ""
    if np.allclose(new_w, w + rate * gw, rtol=1e-5, atol=1e-8):
        hint = "step *against* the gradient (downhill): subtract it"
    elif np.allclose(new_w, w, rtol=1e-12, atol=0):
        hint = "a step against the gradient (subtract it) lowers the loss here"
    expect_close(new_w, w - rate * gw, "new_weights", rtol=1e-5, atol=1e-8, hint=hint)
    new_b = expect_float(got[1], "gradient_step(...)[1] (new_bias)")
    expect_close(
        new_b, b - rate * gb, "new_bias", rtol=1e-5, atol=1e-8, hint="the bias takes a step too"
    )
    expect_close(
        taken,
        rate,
        "the rate taken",
        rtol=1e-12,
        atol=0,
        hint="this first step already lowers the loss: take it",
    )


@part("gradient_step", points=2)
def _gradient_step_backtracks(gradient_step):
    X, y = _problem(n=60, seed=13)
    w, b = np.array([0.3, -0.1, 0.2]), 0.1
    for rate in (40.0, 400.0):
        what = f"gradient_step(..., learning_rate={rate:g})"
        _expect_step(call(gradient_step, X, y, w, b, rate), _oracle_step(X, y, w, b, rate), what)


@part("gradient_step")
def _gradient_step_no_rate_helps(gradient_step):
    X, y = _problem(seed=14)
    w = np.array([0.5, -0.5, 0.25])
    what = "gradient_step(..., learning_rate=0.0)"
    got = call(gradient_step, X, y, w, 0.3, 0.0)
    _expect_step(got, (w, 0.3, 0.0), what)
    if np.shares_memory(got[0], w):
        raise CheckFailure(f"{what} returned the caller's weights array itself; return a copy")
    # a gradient of exactly zero (blank images, balanced labels): no step lowers the loss
    X0, y0 = np.zeros((4, 3)), np.array([0, 1, 0, 1])
    what = "gradient_step(at a point where the gradient is exactly 0, learning_rate=1.0)"
    _expect_step(call(gradient_step, X0, y0, np.zeros(3), 0.0, 1.0), (np.zeros(3), 0.0, 0.0), what)


@part("gradient_step")
def _gradient_step_no_mutation(gradient_step):
    X, y = _problem(seed=4)
    w = np.array([0.5, -0.5, 0.25])
    X_before, y_before, w_before = X.copy(), y.copy(), w.copy()
    got = _unpack_step(gradient_step(X, y, w, 0.0, 50.0), "gradient_step")
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
    got = call(fit_by_descent, X, y, learning_rate=0.5, n_steps=7)
    if not isinstance(got, tuple) or len(got) != 3:
        raise CheckFailure("fit_by_descent should return a tuple (weights, bias, losses)")
    expect_array(got[0], "fit_by_descent(...)[0] (weights)", shape=(3,), kind="f")
    expect_float(got[1], "fit_by_descent(...)[1] (bias)")
    losses = expect_array(got[2], "fit_by_descent(...)[2] (losses)", shape=(7,), kind="f")
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
    best = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(X, y)
    target = _oracle_loss(y, X @ best.coef_[0] + best.intercept_[0]) + 1e-3
    w, b, losses = call(fit_by_descent, X, y, learning_rate=1.0, n_steps=300)
    if not np.array_equal(X, X_before):
        raise CheckFailure("fit_by_descent changed X; leave the caller's data alone")
    final = _oracle_loss(y, X @ np.asarray(w, dtype=float) + float(np.squeeze(b)))
    if not final <= target:
        raise CheckFailure(
            "after 300 steps with learning rate 1.0 the loss is still above what a correct "
            "descent reaches; check the sign and the mean of the gradient, and the bias step"
        )
    losses = np.asarray(losses, dtype=float)
    if losses.shape != (300,) or not np.all(np.diff(losses) <= 1e-12):
        raise CheckFailure(
            "losses should hold the loss before each of the 300 steps, never increasing "
            "at this learning rate"
        )


# ---------------------------------------------------------------- generated cases

STRATEGIES = {
    "logistic_loss": ["lists", "tuples", "huge", "labels", "sizes"],
    "logistic_gradient": ["lists", "tuples", "float32", "huge", "sizes"],
    "gradient_step": ["lists", "float32", "params", "sizes"],
    "fit_by_descent": ["lists", "tuples", "float32", "params"],
}


def _oracle_mean_loss(y, z, s=None):
    """(Weighted) mean log-loss for any scores: log(1 + exp(-z)) for y=1, log(1 + exp(z))
    for y=0."""
    y, z = np.asarray(y, dtype=np.float64), np.asarray(z, dtype=np.float64)
    each = np.where(y == 1, np.logaddexp(0, -z), np.logaddexp(0, z))
    s = np.ones(len(each)) if s is None else np.asarray(s, dtype=np.float64)
    return float(np.sum(s * each) / np.sum(s))


def _loss_cases(rng, strategy):
    n = 9
    y = rng.integers(0, 2, size=n)
    z = rng.normal(scale=4, size=n)
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"{form}s", (as_form(y, form), as_form(z, form)))
    elif strategy == "huge":
        big = z * 1e4
        big[:2] = [1e300, -1e300]
        yield Case("huge scores", (y, big))
    elif strategy == "labels":
        yield Case("bool labels", (y.astype(bool), z))
        yield Case("float labels", (y.astype(float), z))
        yield Case("int8 labels", (y.astype(np.int8), z))
    elif strategy == "sizes":
        yield Case("one sample", (y[:1], z[:1]))
        yield Case("12,000 samples", (rng.integers(0, 2, size=12_000), rng.normal(size=12_000)))


@part("logistic_loss")
def _logistic_loss_generated(logistic_loss):
    def check(got, pristine, case):
        what = f"logistic_loss({case.label})"
        value = expect_float(got, what)
        want = _oracle_mean_loss(*pristine.args)
        expect_close(value, want, what, rtol=1e-9, atol=1e-12)

    run_cases(
        logistic_loss, STRATEGIES["logistic_loss"], _loss_cases, check, exercise="logistic_loss"
    )


def _model_cases(rng, strategy, *, step=False):
    """(X, y, weights, bias[, learning_rate]) in each strategy's forms."""
    n, d = 7, 3
    X, y = rng.normal(size=(n, d)), rng.integers(0, 2, size=n)
    w, b = rng.normal(size=d), float(rng.normal())
    extra = (0.3,) if step else ()
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"{form}s", (as_form(X, form), as_form(y, form), as_form(w, form), b, *extra))
    elif strategy == "float32":
        args = (X.astype(np.float32), y, w.astype(np.float32), b)
        yield Case("float32 X and weights", args + extra)
    elif strategy == "huge":
        yield Case("scores of ±1e5", (X, y, w * 100000.0, b, *extra))
    elif strategy == "params":
        for rate in (0.0, 2.5, 1e-3, 1):  # an int rate too: the rate comes back a float
            yield Case(f"learning_rate={rate}", (X, y, w, b, rate))
    elif strategy == "sizes":
        yield Case("one sample, one feature", (X[:1, :1], y[:1], w[:1], b, *extra))
        big = rng.normal(size=(12_000, d))
        yield Case("12,000 samples", (big, rng.integers(0, 2, size=12000), w, b, *extra))


def _oracle_grad(X, y, w, b, s=None):
    X = np.asarray(X, dtype=np.float64)
    error = expit(X @ np.asarray(w, dtype=np.float64) + b) - np.asarray(y, dtype=np.float64)
    s = np.ones(len(error)) if s is None else np.asarray(s, dtype=np.float64)
    return X.T @ (s * error) / s.sum(), float(np.sum(s * error) / s.sum())


@part("logistic_gradient")
def _logistic_gradient_generated(logistic_gradient):
    def check(got, pristine, case):
        X, y, w, b = pristine.args
        what = f"logistic_gradient({case.label})"
        gw, gb = _unpack_pair(got, what, "grad_weights")
        want_w, want_b = _oracle_grad(X, y, w, b)
        expect_array(gw, f"{what}[0]", shape=want_w.shape, kind="f")
        expect_close(gw, want_w, f"{what}[0]", rtol=1e-9, atol=1e-12)
        expect_close(expect_float(gb, f"{what}[1]"), want_b, f"{what}[1]", rtol=1e-9, atol=1e-12)

    run_cases(
        logistic_gradient,
        STRATEGIES["logistic_gradient"],
        _model_cases,
        check,
        exercise="logistic_gradient",
    )


@part("gradient_step")
def _gradient_step_generated(gradient_step):
    def check(got, pristine, case):
        X, y, w, b, rate = pristine.args
        what = f"gradient_step({case.label})"
        _expect_step(got, _oracle_step(X, y, w, b, rate), what)

    run_cases(
        gradient_step,
        STRATEGIES["gradient_step"],
        lambda rng, s: _model_cases(rng, s, step=True),
        check,
        exercise="gradient_step",
    )


def _descent_cases(rng, strategy):
    X, y = rng.normal(size=(8, 2)), rng.integers(0, 2, size=8)
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"{form}s", (as_form(X, form), as_form(y, form)), {"n_steps": 5})
    elif strategy == "float32":
        yield Case("float32 X", (X.astype(np.float32), y), {"n_steps": 5})
    elif strategy == "params":
        yield Case("one step", (X, y), {"learning_rate": 0.5, "n_steps": 1})
        yield Case("learning_rate=2.0", (X, y), {"learning_rate": 2.0, "n_steps": 12})
        # a rate so large that the loss rises: a plain descent still takes every step,
        # and with tol it stops at the first step that does not lower the loss by tol
        X, y = _problem(n=8, d=2, seed=1)
        yield Case("learning_rate=40.0", (X, y), {"learning_rate": 40.0, "n_steps": 6})
        kwargs = {"learning_rate": 40.0, "n_steps": 6, "tol": 1e-3}
        yield Case("learning_rate=40.0, tol=0.001", (X, y), kwargs)


@part("fit_by_descent")
def _fit_by_descent_generated(fit_by_descent):
    def check(got, pristine, case):
        (X, y), kwargs = pristine.args, pristine.kwargs
        what = f"fit_by_descent({case.label})"
        if not isinstance(got, tuple) or len(got) != 3:
            raise CheckFailure(f"{what} should return a tuple (weights, bias, losses)")
        X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
        rate, n_steps = kwargs.get("learning_rate", 0.1), kwargs["n_steps"]
        w, b, losses = np.zeros(X.shape[1]), 0.0, []
        tol = kwargs.get("tol")
        for _ in range(n_steps):
            losses.append(_oracle_mean_loss(y, X @ w + b))
            if tol is not None and len(losses) > 1 and losses[-2] - losses[-1] < tol:
                break
            gw, gb = _oracle_grad(X, y, w, b)
            w, b = w - rate * gw, b - rate * gb
        rising = bool(np.any(np.diff(losses) > 0))
        hint = (
            "stop as soon as a step lowers the loss by less than tol, also when the loss "
            "rises (a fall below 0 is less than tol)"
            if rising and "tol" in kwargs
            else "take every step with the fixed learning rate (no halving), even when the "
            "loss rises"
            if rising
            else ""
        )
        got_losses = got[2]
        if isinstance(got_losses, np.ndarray) and got_losses.shape != (len(losses),) and hint:
            raise CheckFailure(
                f"{what}: losses has shape {got_losses.shape}, expected ({len(losses)},); {hint}"
            )
        expect_array(got_losses, f"{what}: losses", shape=(len(losses),), kind="f")
        expect_close(got_losses, losses, f"{what}: losses", rtol=1e-9, atol=1e-12, hint=hint)
        if "tol" in kwargs:  # the losses are right: what is left is where it stopped
            hint = "return the weights at which the last loss was computed"
        expect_array(got[0], f"{what}: weights", shape=w.shape, kind="f")
        expect_close(got[0], w, f"{what}: weights", rtol=1e-9, atol=1e-12, hint=hint)
        got_b = expect_float(got[1], f"{what}: bias")
        expect_close(got_b, b, f"{what}: bias", rtol=1e-9, atol=1e-12, hint=hint)

    run_cases(
        fit_by_descent,
        STRATEGIES["fit_by_descent"],
        _descent_cases,
        check,
        exercise="fit_by_descent",
    )


@part("fit_by_descent", points=2)
def _fit_by_descent_stops_early(fit_by_descent):
    X, y = _problem(n=200, d=3, seed=7)
    tol, n_steps = 1e-3, 300
    w, b, want = np.zeros(X.shape[1]), 0.0, []
    for _ in range(n_steps):
        want.append(_oracle_mean_loss(y, X @ w + b))
        if len(want) > 1 and want[-2] - want[-1] < tol:
            break
        gw, gb = _oracle_grad(X, y, w, b)
        w, b = w - 1.0 * gw, b - 1.0 * gb
    got = call(fit_by_descent, X, y, learning_rate=1.0, n_steps=n_steps, tol=tol)
    what = f"fit_by_descent(..., n_steps={n_steps}, tol={tol:g})"
    if not isinstance(got, tuple) or len(got) != 3:
        raise CheckFailure(f"{what} should return a tuple (weights, bias, losses)")
    losses = np.asarray(got[2], dtype=float)
    if losses.ndim != 1:
        raise CheckFailure(f"{what}: losses should be a 1-D array")
    if len(losses) == n_steps:
        raise CheckFailure(
            f"{what} ran all {n_steps} steps; with a tol, stop as soon as a step lowers the "
            "loss by less than tol"
        )
    if len(losses) != len(want):
        hint = (
            "keep the loss that triggered the stop as the last entry, and stop before "
            "taking another step"
            if abs(len(losses) - len(want)) == 1
            else "compare each new loss with the one before it"
        )
        raise CheckFailure(f"{what} stopped after the wrong number of steps; {hint}")
    expect_close(losses, want, f"{what}: losses", rtol=1e-9, atol=1e-12)
    expect_close(
        got[0],
        w,
        f"{what}: weights",
        rtol=1e-9,
        atol=1e-12,
        hint="return the weights at which the last loss was computed",
    )
    expect_close(expect_float(got[1], f"{what}: bias"), b, f"{what}: bias", rtol=1e-9, atol=1e-12)


@part("fit_by_descent", points=2)
def _fit_by_descent_weighted(fit_by_descent):
    # integer weights: the same descent as on the data with each row repeated
    X, y = _problem(n=12, d=2, seed=16)
    counts = np.array([2, 0, 1, 3, 1, 1, 0, 2, 1, 1, 4, 1])
    X_rep, y_rep = np.repeat(X, counts, axis=0), np.repeat(y, counts)
    w, b, want = np.zeros(2), 0.0, []
    for _ in range(20):
        want.append(_oracle_mean_loss(y_rep, X_rep @ w + b))
        gw, gb = _oracle_grad(X_rep, y_rep, w, b)
        w, b = w - 0.5 * gw, b - 0.5 * gb
    what = "fit_by_descent(X, y, learning_rate=0.5, n_steps=20, sample_weight=counts)"
    got = call(fit_by_descent, X, y, learning_rate=0.5, n_steps=20, sample_weight=list(counts))
    if not isinstance(got, tuple) or len(got) != 3:
        raise CheckFailure(f"{what} should return a tuple (weights, bias, losses)")
    hint = "weight each sample's loss and error by its weight, and divide by the weights' sum"
    expect_close(
        got[2], want, f"{what}: losses (against repeated rows)", rtol=1e-9, atol=1e-12, hint=hint
    )
    expect_close(got[0], w, f"{what}: weights", rtol=1e-9, atol=1e-12, hint=hint)
    # float weights: the descent reaches the minimum of scikit-learn's weighted fit
    X, y, s = _weighted_problem(seed=17, n=150)
    best = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(X, y, sample_weight=s)
    target = _oracle_mean_loss(y, X @ best.coef_[0] + best.intercept_[0], s) + 1e-3
    w, b, _ = call(fit_by_descent, X, y, learning_rate=1.0, n_steps=400, sample_weight=s)
    final = _oracle_mean_loss(y, X @ np.asarray(w, dtype=float) + float(np.squeeze(b)), s)
    if not final <= target:
        raise CheckFailure(
            "with sample weights, 400 steps at learning rate 1.0 end above the weighted "
            f"minimum that LogisticRegression(C=np.inf).fit(X, y, sample_weight) finds; {hint}"
        )


# ------------------------------------------- sample weights (after the plain cases)


@part("logistic_loss", points=2)
def _logistic_loss_weighted(logistic_loss):
    X, y, s = _weighted_problem()
    z = X @ np.array([0.8, -0.5, 1.2]) - 0.3
    what = "logistic_loss(y, scores, sample_weight)"
    value = expect_float(call(logistic_loss, y, z, s), what)
    want = _oracle_loss(y, z, s)
    plain = _oracle_loss(y, z)
    hint = ""
    if np.isclose(value, plain, rtol=1e-9):
        hint = "the sample weights change nothing: weight each sample's loss by its weight"
    elif np.isclose(value, want * s.sum() / len(y), rtol=1e-9):
        hint = "divide the weighted sum by the sum of the weights, not the number of samples"
    elif np.isclose(value, want * s.sum(), rtol=1e-9):
        hint = "a weighted *mean*: divide the weighted sum by the sum of the weights"
    expect_close(value, want, what, rtol=1e-9, atol=1e-12, hint=hint)
    # integer weights: the same as repeating each sample that many times (a list, a 0 too)
    counts = [2, 0, 1, 3, 1, 1, 0, 2, 1, 1]
    y10, z10 = y[:10], z[:10]
    what = "logistic_loss(y, scores, a list of integer weights)"
    value = expect_float(call(logistic_loss, list(y10), list(z10), counts), what)
    repeated = _oracle_loss(np.repeat(y10, counts), np.repeat(z10, counts))
    expect_close(value, repeated, f"{what} against repeated samples", rtol=1e-9, atol=1e-12)


@part("logistic_gradient", points=2)
def _logistic_gradient_weighted(logistic_gradient):
    X, y, s = _weighted_problem(seed=12)
    w, b = np.array([0.4, 0.1, -0.7]), 0.2
    what = "logistic_gradient(X, y, weights, bias, sample_weight)"
    got = _unpack_pair(call(logistic_gradient, X, y, w, b, s), what, "grad_weights")
    gw = expect_array(got[0], f"{what}[0]", shape=(3,), kind="f")
    want_w, want_b = _oracle_gradient(X, y, w, b, s)
    hint = ""
    if np.allclose(gw, _oracle_gradient(X, y, w, b)[0], rtol=1e-5, atol=1e-8):
        hint = "the sample weights change nothing: weight each sample's error p - y"
    elif np.allclose(gw, want_w * s.sum() / len(y), rtol=1e-5, atol=1e-8):
        hint = "divide by the sum of the weights, not the number of samples"
    expect_close(gw, want_w, f"{what}: grad_weights", rtol=1e-5, atol=1e-8, hint=hint)
    gb = expect_float(got[1], f"{what}[1] (grad_bias)")
    expect_close(
        gb,
        want_b,
        f"{what}: grad_bias",
        rtol=1e-5,
        atol=1e-8,
        hint="the bias's gradient is a weighted mean too",
    )


@part("gradient_step")
def _gradient_step_weighted(gradient_step):
    X, y, s = _weighted_problem(seed=15)
    w, b = np.array([0.2, 0.6, -0.4]), -0.2
    for rate in (0.5, 60.0):
        what = f"gradient_step(..., learning_rate={rate:g}, sample_weight)"
        want = _oracle_step(X, y, w, b, rate, s)
        got = call(gradient_step, X, y, w, b, rate, s)
        new_w = _unpack_step(got, what)[0]
        if np.allclose(new_w, _oracle_step(X, y, w, b, rate)[0], rtol=1e-9, atol=1e-12):
            raise CheckFailure(f"{what}: the sample weights change nothing; pass them on")
        _expect_step(got, want, what)
    # half the samples weigh 0: the weighted loss takes rate 10, the plain mean only 5
    s = np.where(np.arange(len(s)) % 2 == 0, 0.0, s)
    what = "gradient_step(..., learning_rate=10, sample_weight with zeros)"
    got = call(gradient_step, X, y, w, b, 10.0, s)
    want = _oracle_step(X, y, w, b, 10.0, s)
    if _unpack_step(got, what)[2] != want[2]:
        raise CheckFailure(
            f"{what}: the rate taken is not the first that lowers the weighted loss; "
            "judge each step with the same weighted loss the gradient comes from"
        )
    _expect_step(got, want, what)
