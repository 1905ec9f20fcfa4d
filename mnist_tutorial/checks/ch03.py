"""Checks for chapter 3: ``linear_scores``, ``simulate_predictions``, ``softmax``."""

from __future__ import annotations

import numpy as np
from scipy.special import expit
from scipy.special import softmax as sp_softmax

from ._core import Chapter, CheckFailure, call, expect_array, expect_close, expect_float
from ._expect import call_checked
from ._strategies import Case, as_form, run_cases

CHAPTER = Chapter(3, "ch03_simulation.py", ("linear_scores", "simulate_predictions", "softmax"))
part = CHAPTER.part


def _problem(n=6, d=4, seed=3):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=d)


@part("linear_scores")
def _linear_scores_shape(linear_scores):
    X, w = _problem()
    got = call(linear_scores, X, w, 0.0)
    hint = ""
    if np.ndim(got) == 0:
        hint = "one score per sample (row), not one sum over the whole array"
    expect_array(got, "linear_scores(X, weights, 0.0)", shape=(6,), kind="f")
    expect_close(got, X @ w, "linear_scores(X, weights, 0.0)", rtol=1e-9, atol=1e-12, hint=hint)
    got = call(linear_scores, X[:1], w, 0.0)
    expect_array(got, "linear_scores(one sample)", shape=(1,), kind="f")


@part("linear_scores")
def _linear_scores_inputs(linear_scores):
    X, w = [[1, 2], [3, 4], [5, 7]], [0.5, -1.5]  # lists of ints
    got = call(linear_scores, X, w, 1.0)
    expect_array(got, "linear_scores(lists)", shape=(3,), kind="f")
    expected = np.array(X, dtype=float) @ np.array(w) + 1.0
    hint = "did you add the bias?" if np.allclose(got, expected - 1.0) else ""
    expect_close(got, expected, "linear_scores(lists)", rtol=1e-9, atol=1e-12, hint=hint)


@part("linear_scores")
def _linear_scores_bias(linear_scores):
    X, w = _problem(seed=4)
    got = call(linear_scores, X, w, 2.5)
    hint = ""
    if np.shape(got) == (6,) and np.allclose(got, X @ w):
        hint = "did you add the bias?"
    expect_close(
        got, X @ w + 2.5, "linear_scores(X, weights, 2.5)", rtol=1e-9, atol=1e-12, hint=hint
    )


def _unpack(result, what):
    if not isinstance(result, tuple) or len(result) != 5:
        n = len(result) if isinstance(result, (tuple, list)) else "not a tuple"
        raise CheckFailure(f"{what} should return a tuple (X, weights, bias, z, y_hat); got {n}")
    return result


@part("simulate_predictions")
def _simulate_predictions_shapes(simulate_predictions):
    X, w, b, z, y_hat = _unpack(
        call(simulate_predictions, 7, 3, random_state=0), "simulate_predictions"
    )
    expect_array(X, "simulate_predictions(7, 3): X", shape=(7, 3), kind="f")
    expect_array(w, "simulate_predictions(7, 3): weights", shape=(3,), kind="f")
    if isinstance(b, np.ndarray):
        raise CheckFailure(
            f"simulate_predictions(7, 3): bias is an array of shape {b.shape}; draw a single "
            "number (rng.standard_normal() with no size) and return it as a float"
        )
    expect_float(b, "simulate_predictions(7, 3): bias")
    expect_array(z, "simulate_predictions(7, 3): z", shape=(7,), kind="f")
    expect_array(y_hat, "simulate_predictions(7, 3): y_hat", shape=(7,), kind="f")


@part("simulate_predictions")
def _simulate_predictions_consistent(simulate_predictions):
    X, w, b, z, y_hat = _unpack(
        call(simulate_predictions, 9, 2, random_state=5), "simulate_predictions"
    )
    expect_close(
        z,
        np.asarray(X) @ np.asarray(w) + float(np.squeeze(b)),
        "z (compared with X @ weights + bias)",
        rtol=1e-9,
        atol=1e-12,
    )
    expect_close(
        y_hat,
        expit(np.asarray(z, dtype=float)),
        "y_hat (compared with sigmoid(z))",
        rtol=1e-9,
        atol=1e-15,
    )


@part("simulate_predictions")
def _simulate_predictions_reproducible(simulate_predictions):
    first = _unpack(call(simulate_predictions, 5, 3, random_state=11), "simulate_predictions")
    again = _unpack(call(simulate_predictions, 5, 3, random_state=11), "simulate_predictions")
    other = _unpack(call(simulate_predictions, 5, 3, random_state=12), "simulate_predictions")
    names = ("X", "weights", "bias", "z", "y_hat")
    for name, a, b in zip(names, first, again):
        if not np.array_equal(a, b):
            raise CheckFailure(
                f"two calls with random_state=11 gave different {name}; draw everything from "
                "one numpy.random.default_rng(random_state)"
            )
    if np.array_equal(first[0], other[0]):
        raise CheckFailure("random_state=11 and random_state=12 gave the same X; use the seed")


@part("simulate_predictions")
def _simulate_predictions_unseeded(simulate_predictions):
    first = _unpack(call(simulate_predictions, 5, 3), "simulate_predictions")
    again = _unpack(call(simulate_predictions, 5, 3, random_state=None), "simulate_predictions")
    for seed in (0, 42, 1):
        seeded = _unpack(
            call(simulate_predictions, 5, 3, random_state=seed), "simulate_predictions"
        )
        if np.array_equal(first[0], seeded[0]):
            raise CheckFailure(
                f"random_state=None gave the same X as random_state={seed}; None means fresh "
                "randomness (np.random.default_rng(None)), not a fixed seed"
            )
    if np.array_equal(first[0], again[0]):
        raise CheckFailure(
            "two calls with random_state=None gave the same X; None means fresh randomness "
            "on every call (np.random.default_rng(None)), not a fixed seed"
        )


@part("simulate_predictions", points=2)
def _simulate_predictions_draws(simulate_predictions):
    n, d, seed = 6, 4, 2024
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    w = rng.standard_normal(d)
    b = rng.standard_normal()
    got = _unpack(call(simulate_predictions, n, d, random_state=seed), "simulate_predictions")
    hint = (
        "draw from rng = np.random.default_rng(random_state) with standard normals, "
        "X first, then weights, then bias (not np.random.seed / np.random.randn)"
    )
    label = f"simulate_predictions({n}, {d}, random_state={seed})"
    expect_close(got[0], X, f"{label}: X", rtol=1e-12, atol=0, hint=hint)
    expect_close(got[1], w, f"{label}: weights", rtol=1e-12, atol=0, hint=hint)
    expect_close(float(np.squeeze(got[2])), b, f"{label}: bias", rtol=1e-12, atol=0, hint=hint)


@part("softmax")
def _softmax_values(softmax):
    Z = np.random.default_rng(7).normal(scale=3, size=(5, 3))
    got = call(softmax, Z)
    expect_array(got, "softmax(Z)", shape=(5, 3), kind="f")
    hint = ""
    if np.shape(got) == (5, 3) and np.allclose(np.sum(got, axis=0), 1):
        hint = "each row (one sample) should sum to 1, not each column"
    if np.shape(got) == (5, 3) and np.isclose(np.sum(got), 1):
        hint = "each row (one sample) should sum to 1, not the whole array"
    expect_close(got, sp_softmax(Z, axis=1), "softmax(Z)", rtol=1e-9, atol=1e-15, hint=hint)


@part("softmax")
def _softmax_rows(softmax):
    Z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 5.0], [-1.0, 4.0, 0.5]])
    got = call(softmax, Z)
    expect_array(got, "softmax(3x3 Z)", shape=(3, 3), kind="f")
    expect_close(
        np.sum(got, axis=1),
        np.ones(3),
        "row sums of softmax(3x3 Z)",
        rtol=0,
        atol=1e-12,
        hint="normalise each row by its own sum (axis=1, keepdims=True)",
    )
    expect_close(got, sp_softmax(Z, axis=1), "softmax(3x3 Z)", rtol=1e-9, atol=1e-15)


@part("softmax")
def _softmax_large_scores(softmax):
    Z = np.array([[1000.0, 1001.0, 999.0], [-1000.0, 0.0, 1000.0], [800.0, 800.0, 800.0]])
    hint = "shifting every row by a constant does not change the softmax"
    got = call_checked(softmax, (Z,), warning_hint=hint)
    expect_close(got, sp_softmax(Z, axis=1), "softmax(large scores)", rtol=1e-9, atol=1e-15)


@part("softmax")
def _softmax_rows_at_different_scales(softmax):
    # each row needs its own shift: with the global maximum, rows far below it underflow
    Z = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -999.0], [0.1, 0.2, 0.3]])
    hint = "subtract each row's own maximum (axis=1, keepdims=True), not the global one"
    got = call_checked(softmax, (Z,), warning_hint=f"the rows are at very different scales: {hint}")
    expect_array(got, "softmax(rows at very different scales)", shape=(3, 3), kind="f")
    expect_close(
        got,
        sp_softmax(Z, axis=1),
        "softmax(rows at very different scales)",
        rtol=1e-9,
        atol=1e-15,
        hint=hint,
    )


@part("softmax")
def _softmax_inputs(softmax):
    Z = [[1, 2, 3], [4, 4, 4]]  # a list of lists of ints
    got = call(softmax, Z)
    expect_array(got, "softmax(a list of lists)", shape=(2, 3), kind="f")
    expected = sp_softmax(np.array(Z, dtype=float), axis=1)
    expect_close(got, expected, "softmax(a list of lists)", rtol=1e-9, atol=1e-15)
    one = np.array([[0.5, -0.5]])
    got = call(softmax, one)
    expect_array(got, "softmax(one row)", shape=(1, 2), kind="f")
    expect_close(got, sp_softmax(one, axis=1), "softmax(one row)", rtol=1e-9, atol=1e-15)


# ---------------------------------------------------------------- generated cases

STRATEGIES = {
    "linear_scores": ["lists", "tuples", "float32", "int_dtypes", "huge", "sizes"],
    "simulate_predictions": ["seeds", "sizes"],
    "softmax": ["lists", "tuples", "float32", "int_dtypes", "huge", "sizes"],
}


def _matrix_cases(rng, strategy, *, with_weights):
    """Cases of (X[, weights, bias]) or (Z,) in each strategy's forms, smallest first."""
    X, w, b = rng.normal(scale=3, size=(4, 3)), rng.normal(size=3), float(rng.normal())

    def case(label, X, w=w, b=b, kwargs=None):
        return Case(label, (X, w, b) if with_weights else (X,), kwargs or {})

    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield case(f"a {form} of {form}s", as_form(X, form), as_form(w, form))
    elif strategy == "float32":
        yield case("float32 arrays", X.astype(np.float32), w.astype(np.float32))
    elif strategy == "int_dtypes":
        yield case("a uint8 array", (X * 40).clip(0, 255).astype(np.uint8))
        yield case("int64 arrays", (X * 40).astype(np.int64), np.array([2, -1, 3]))
    elif strategy == "huge":
        big = X * 1e5
        big[1] = [700.0, -700.0, 0.0] if not with_weights else big[1]
        big[2] = [-1e300, 1e300, 5.0] if not with_weights else big[2]
        yield case("large values", big)
    elif strategy == "sizes":
        yield case("one sample of one feature", X[:1, :1], w[:1])
        yield case("one sample", X[:1])
        if not with_weights:
            yield case("one class", X[:, :1])
        big = rng.normal(size=(12_000, 3))
        yield case("12,000 samples", big)


@part("linear_scores")
def _linear_scores_generated(linear_scores):
    def check(got, pristine, case):
        X = np.asarray(pristine.args[0], dtype=np.float64)
        w = np.asarray(pristine.args[1], dtype=np.float64)
        what = f"linear_scores({case.label})"
        expect_array(got, what, shape=(len(X),), kind="f")
        scale = np.abs(X) @ np.abs(w) + abs(pristine.args[2])
        expect_close(got, X @ w + pristine.args[2], what, rtol=1e-9, atol=1e-12 * scale.max())

    run_cases(
        linear_scores,
        STRATEGIES["linear_scores"],
        lambda rng, s: _matrix_cases(rng, s, with_weights=True),
        check,
        exercise="linear_scores",
    )


@part("softmax")
def _softmax_generated(softmax):
    def check(got, pristine, case):
        Z = np.asarray(pristine.args[0], dtype=np.float64)
        what = f"softmax({case.label})"
        expect_array(got, what, shape=Z.shape, kind="f")
        expect_close(got, sp_softmax(Z, axis=1), what, rtol=1e-9, atol=1e-15)

    run_cases(
        softmax,
        STRATEGIES["softmax"],
        lambda rng, s: _matrix_cases(rng, s, with_weights=False),
        check,
        exercise="softmax",
    )


def _simulate_cases(rng, strategy):
    if strategy == "seeds":
        for seed in (0, np.int64(7), np.uint32(3), 2**40):
            yield Case(f"random_state={seed!r}", (3, 2), {"random_state": seed})
    else:
        yield Case("one sample, one feature", (1, 1), {"random_state": 5})
        yield Case("12,000 samples", (12_000, 2), {"random_state": 6})


@part("simulate_predictions")
def _simulate_predictions_generated(simulate_predictions):
    def check(got, pristine, case):
        (n, d), seed = pristine.args, pristine.kwargs["random_state"]
        what = f"simulate_predictions({n}, {d}, random_state={seed!r})"
        X, w, b, z, y_hat = _unpack(got, what)
        rng = np.random.default_rng(seed)
        want_X, want_w, want_b = rng.standard_normal((n, d)), rng.standard_normal(d), None
        want_b = rng.standard_normal()
        hint = "every integer seed (0 and NumPy integers too) seeds the generator"
        expect_array(X, f"{what}: X", shape=(n, d), kind="f")
        expect_close(X, want_X, f"{what}: X", rtol=1e-12, atol=0, hint=hint)
        expect_array(w, f"{what}: weights", shape=(d,), kind="f")
        expect_close(w, want_w, f"{what}: weights", rtol=1e-12, atol=0, hint=hint)
        expect_close(expect_float(b, f"{what}: bias"), want_b, f"{what}: bias", rtol=1e-12, atol=0)
        expect_array(z, f"{what}: z", shape=(n,), kind="f")
        expect_close(z, want_X @ want_w + want_b, f"{what}: z", rtol=1e-9, atol=1e-12)
        expect_array(y_hat, f"{what}: y_hat", shape=(n,), kind="f")
        expect_close(y_hat, expit(want_X @ want_w + want_b), f"{what}: y_hat", rtol=1e-9, atol=0)

    run_cases(
        simulate_predictions,
        STRATEGIES["simulate_predictions"],
        _simulate_cases,
        check,
        exercise="simulate_predictions",
    )
