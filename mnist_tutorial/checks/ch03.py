"""Checks for chapter 3: ``linear_scores`` (ten classes), ``simulate_predictions``, ``softmax``."""

from __future__ import annotations

import numpy as np
from scipy.special import expit
from scipy.special import softmax as sp_softmax
from sklearn.linear_model import LogisticRegression

from ._core import Chapter, CheckFailure, call, expect_array, expect_close, expect_float
from ._expect import call_checked
from ._strategies import Case, as_form, run_cases

CHAPTER = Chapter(3, "ch03_simulation.py", ("linear_scores", "simulate_predictions", "softmax"))
part = CHAPTER.part


def _problem(n=6, d=4, k=3, seed=3):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=(k, d)), rng.normal(size=k)


def _oracle(X, W, b):
    """The scores written out: sample i, class k, a sum over the features."""
    X, W, b = (np.asarray(a, dtype=np.float64) for a in (X, W, b))
    return np.einsum("id,kd->ik", X, W) + b[None, :]


@part("linear_scores")
def _linear_scores_shape(linear_scores):
    X, W, b = _problem()
    what = "linear_scores(X of 6 samples, weights of 3 classes, bias)"
    try:
        got = call(linear_scores, X, W, b)
    except ValueError as exc:
        raise CheckFailure(
            f"{what} raised ValueError({str(exc)[:60]!r}) although the shapes fit: X (6, 4), "
            "weights (3, 4), bias (3,); weights holds one row per class (as coef_), so "
            "multiply X by its transpose"
        ) from None
    if isinstance(got, np.ndarray) and got.shape == (3, 6):
        raise CheckFailure(
            f"{what} has shape (3, 6), expected one row per sample and one column per "
            "class: the result is transposed"
        )
    expect_array(got, what, shape=(6, 3), kind="f")
    expect_close(got, _oracle(X, W, b), what, rtol=1e-9, atol=1e-12)
    got = call(linear_scores, X[:1], W, b)
    expect_array(got, "linear_scores(one sample)", shape=(1, 3), kind="f")
    got = call(linear_scores, X, W[:1], b[:1])
    expect_array(got, "linear_scores(one class)", shape=(6, 1), kind="f")


@part("linear_scores")
def _linear_scores_inputs(linear_scores):
    X, W, b = [[1, 2], [3, 4], [5, 7]], [[0.5, -1.5], [2, 1]], [1.0, -2]  # lists of ints
    got = call(linear_scores, X, W, b)
    expect_array(got, "linear_scores(lists)", shape=(3, 2), kind="f")
    expected = _oracle(X, W, b)
    hint = "did you add the bias?" if np.allclose(got, expected - np.asarray(b)) else ""
    expect_close(got, expected, "linear_scores(lists)", rtol=1e-9, atol=1e-12, hint=hint)


@part("linear_scores")
def _linear_scores_rows_are_classes(linear_scores):
    # as many classes as features: X @ weights (no transpose) has the right shape but
    # not the right values
    X, W, b = _problem(d=3, k=3, seed=4)
    got = call(linear_scores, X, W, b)
    expected = _oracle(X, W, b)
    hint = ""
    if np.shape(got) == expected.shape:
        if np.allclose(got, X @ W + b):
            hint = "weights holds one row per class (as coef_): multiply X by its transpose"
        elif np.allclose(got, X @ W.T):
            hint = "did you add the bias?"
    expect_close(
        got, expected, "linear_scores(3 features, 3 classes)", rtol=1e-9, atol=1e-12, hint=hint
    )


@part("linear_scores")
def _linear_scores_like_scikit_learn(linear_scores):
    rng = np.random.default_rng(8)
    X = rng.normal(size=(60, 5))
    y = rng.integers(0, 4, size=60)
    model = LogisticRegression(max_iter=1000).fit(X, y)
    got = call(linear_scores, X[:7], model.coef_, model.intercept_)
    what = "linear_scores(X, model.coef_, model.intercept_)"
    expect_array(got, what, shape=(7, 4), kind="f")
    expect_close(
        got,
        model.decision_function(X[:7]),
        f"{what} against model.decision_function",
        rtol=1e-9,
        atol=1e-12,
    )


@part("linear_scores", requires="shape")
def _linear_scores_bad_shapes(linear_scores):
    X, W, b = _problem()
    cases = [
        ("a bias of length 1 for 3 classes", (X, W, b[:1]), "bias"),
        ("weights with 5 columns for X's 4 features", (X, np.ones((3, 5)), b), "weights"),
        ("a bias of length 2 for 3 classes", (X, W, b[:2]), "bias"),
        ("weights as one flat row (1-D)", (X, W[0], b[:1]), "weights"),
    ]
    for label, args, name in cases:
        try:
            call(linear_scores, *args)
        except ValueError as exc:
            if name not in str(exc):
                raise CheckFailure(
                    f"linear_scores({label}) raised ValueError({str(exc)[:80]!r}); its "
                    f"message should name the argument that does not fit, {name!r} (check "
                    "the shapes yourself before computing)"
                ) from None
            continue
        raise CheckFailure(
            f"linear_scores({label}) did not raise ValueError; check the shapes first "
            "(NumPy broadcasts a bias of length 1 silently)"
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
    X, w = rng.normal(scale=3, size=(4, 3)), rng.normal(size=(2, 3))
    b = rng.normal(size=2)

    def case(label, X, w=w, b=b, kwargs=None):
        return Case(label, (X, w, b) if with_weights else (X,), kwargs or {})

    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield case(f"a {form} of {form}s", as_form(X, form), as_form(w, form), as_form(b, form))
    elif strategy == "float32":
        yield case(
            "float32 arrays", X.astype(np.float32), w.astype(np.float32), b.astype(np.float32)
        )
    elif strategy == "int_dtypes":
        yield case("a uint8 array", (X * 40).clip(0, 255).astype(np.uint8))
        yield case(
            "int64 arrays",
            (X * 40).astype(np.int64),
            np.array([[2, -1, 3], [0, 4, -2]]),
            np.array([1, -3]),
        )
    elif strategy == "huge":
        big = X * 1e5
        big[1] = [700.0, -700.0, 0.0] if not with_weights else big[1]
        big[2] = [-1e300, 1e300, 5.0] if not with_weights else big[2]
        yield case("large values", big)
    elif strategy == "sizes":
        yield case("one sample of one feature", X[:1, :1], w[:, :1])
        yield case("one sample", X[:1])
        if with_weights:
            yield case("one class", X, w[:1], b[:1])
            # square scores: a bias added along the wrong axis still broadcasts
            yield case("as many samples as classes", X[:2])
        else:
            yield case("one class", X[:, :1])
            yield case("as many rows as columns", X[:3])
        big = rng.normal(size=(12_000, 3))
        yield case("12,000 samples", big)


@part("linear_scores")
def _linear_scores_generated(linear_scores):
    def check(got, pristine, case):
        X, w, b = (np.asarray(a, dtype=np.float64) for a in pristine.args)
        what = f"linear_scores({case.label})"
        expect_array(got, what, shape=(len(X), len(w)), kind="f")
        scale = np.abs(X) @ np.abs(w).T + np.abs(b)
        hint = "the bias of class k goes to column k of every row (one bias per class)"
        expect_close(got, _oracle(X, w, b), what, rtol=1e-9, atol=1e-12 * scale.max(), hint=hint)

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
