"""Checks for chapter 3: ``linear_scores``, ``simulate_predictions``, ``softmax``."""

from __future__ import annotations

import warnings

import numpy as np
from scipy.special import expit
from scipy.special import softmax as sp_softmax

from ._core import Chapter, CheckFailure, call, expect_array, expect_close, expect_float

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
    expect_close(got, expected, "linear_scores(lists)", rtol=1e-9, atol=1e-12)


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
    X, w, b, z, y_hat = _unpack(simulate_predictions(7, 3, random_state=0), "simulate_predictions")
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
    X, w, b, z, y_hat = _unpack(simulate_predictions(9, 2, random_state=5), "simulate_predictions")
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
    first = _unpack(simulate_predictions(5, 3, random_state=11), "simulate_predictions")
    again = _unpack(simulate_predictions(5, 3, random_state=11), "simulate_predictions")
    other = _unpack(simulate_predictions(5, 3, random_state=12), "simulate_predictions")
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
    first = _unpack(simulate_predictions(5, 3), "simulate_predictions")
    again = _unpack(simulate_predictions(5, 3, random_state=None), "simulate_predictions")
    for seed in (0, 42, 1):
        seeded = _unpack(simulate_predictions(5, 3, random_state=seed), "simulate_predictions")
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
    got = _unpack(simulate_predictions(n, d, random_state=seed), "simulate_predictions")
    hint = (
        "draw from rng = np.random.default_rng(random_state) with standard normals, "
        "X first, then weights, then bias (not np.random.seed / np.random.randn)"
    )
    call = f"simulate_predictions({n}, {d}, random_state={seed})"
    expect_close(got[0], X, f"{call}: X", rtol=1e-12, atol=0, hint=hint)
    expect_close(got[1], w, f"{call}: weights", rtol=1e-12, atol=0, hint=hint)
    expect_close(float(np.squeeze(got[2])), b, f"{call}: bias", rtol=1e-12, atol=0, hint=hint)


@part("softmax")
def _softmax_values(softmax):
    Z = np.random.default_rng(7).normal(scale=3, size=(5, 3))
    got = call(softmax, Z)
    expect_array(got, "softmax(Z)", shape=(5, 3), kind="f")
    hint = ""
    if np.shape(got) == (5, 3) and np.allclose(np.sum(got, axis=0), 1):
        hint = "each row (one sample) should sum to 1, not each column"
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
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = call(softmax, Z)
    overflow = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    if overflow:
        raise CheckFailure(
            f"softmax of large scores emitted a RuntimeWarning ({overflow[0].message}); "
            "shifting every row by a constant does not change the softmax"
        )
    expect_close(got, sp_softmax(Z, axis=1), "softmax(large scores)", rtol=1e-9, atol=1e-15)


@part("softmax")
def _softmax_rows_at_different_scales(softmax):
    # each row needs its own shift: with the global maximum, rows far below it underflow
    Z = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1001.0, -999.0], [0.1, 0.2, 0.3]])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = call(softmax, Z)
    hint = "subtract each row's own maximum (axis=1, keepdims=True), not the global one"
    if any(issubclass(w.category, RuntimeWarning) for w in caught):
        raise CheckFailure(f"softmax of rows at very different scales emitted a warning; {hint}")
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
