"""Checks for chapter 2: ``sigmoid`` and ``classify``."""

from __future__ import annotations

import warnings

import numpy as np
from scipy.special import expit

from ._core import (
    Chapter,
    CheckFailure,
    call,
    expect_array,
    expect_close,
    expect_equal_array,
)
from ._expect import _describe_type

CHAPTER = Chapter(2, "ch02_sigmoid.py", ("sigmoid", "classify"))
part = CHAPTER.part

# A correct sigmoid is exact to a few units in the last place; 1e-9 leaves room for any
# sensible formula (tanh, exp of -|z|) and still catches float32 or a wrong formula.
RTOL = 1e-9


@part("sigmoid")
def _sigmoid_values(sigmoid):
    z = np.array([-8.0, -2.5, -1.0, -0.1, 0.0, 0.3, 1.0, 4.0, 9.5])
    got = call(sigmoid, z)
    expect_array(got, "sigmoid(array)", shape=z.shape, kind="f")
    expect_close(got, expit(z), "sigmoid(array)", rtol=RTOL, atol=1e-15)
    grid = np.linspace(-5, 5, 12).reshape(3, 4)
    got = call(sigmoid, grid)
    expect_array(got, "sigmoid(2-D array)", shape=(3, 4), kind="f")
    expect_close(got, expit(grid), "sigmoid(2-D array)", rtol=RTOL, atol=1e-15)


@part("sigmoid")
def _sigmoid_inputs(sigmoid):
    values = [-3.0, 0.0, 2.5]
    got = call(sigmoid, values)
    expect_array(got, "sigmoid(a list)", shape=(3,), kind="f")
    expect_close(got, expit(values), "sigmoid(a list)", rtol=RTOL, atol=1e-15)
    ints = np.array([-40, -3, 0, 3, 40])
    got = call(sigmoid, ints)
    expect_array(got, "sigmoid(an integer array)", shape=(5,), kind="f")
    expect_close(
        got,
        expit(ints.astype(float)),
        "sigmoid(an integer array)",
        rtol=RTOL,
        atol=1e-15,
        hint="an integer input still gives float probabilities (np.asarray(z, dtype=float))",
    )


@part("sigmoid", points=2)
def _sigmoid_extremes(sigmoid):
    z = np.array([-1000.0, -745.0, -710.0, -50.0, 50.0, 710.0, 1000.0, 1e308, -1e308])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = call(sigmoid, z)
        scalar = call(sigmoid, -1000.0)
    overflow = [w for w in caught if issubclass(w.category, RuntimeWarning)]
    if overflow:
        raise CheckFailure(
            f"sigmoid of large scores emitted a RuntimeWarning ({overflow[0].message}); "
            "rewrite the formula so that exp only ever sees a number <= 0"
        )
    expect_array(got, "sigmoid(large scores)", shape=z.shape, kind="f")
    expect_close(got, expit(z), "sigmoid(large scores)", rtol=RTOL, atol=1e-12)
    expect_close(scalar, 0.0, "sigmoid(-1000.0)", rtol=0, atol=1e-12)


@part("sigmoid")
def _sigmoid_scalar(sigmoid):
    for z in (0.0, 2, -1.5, np.float64(0.25)):
        got = call(sigmoid, z)
        if type(got) is not float:
            raise CheckFailure(
                f"sigmoid({z!r}) returned {_describe_type(got)}; a scalar input should give a "
                "Python float (for example float(...) when the result has 0 dimensions)"
            )
        expect_close(got, expit(float(z)), f"sigmoid({z!r})", rtol=RTOL, atol=1e-15)


@part("classify")
def _classify_values(classify):
    p = np.random.default_rng(0).uniform(size=20)
    got = call(classify, p)
    expect_array(got, "classify(p)", shape=p.shape)
    expect_equal_array(got, (p >= 0.5).astype(int), "classify(p)")


@part("classify")
def _classify_inputs(classify):
    p = [0.1, 0.7, 0.5, 0.49999]
    got = call(classify, p)
    expect_array(got, "classify(a list)", shape=(4,), kind="iu")
    expect_equal_array(
        got,
        [0, 1, 1, 0],
        "classify(a list)",
        hint="a probability exactly at the threshold (0.5 here) belongs to class 1 (use >=)",
    )


@part("classify")
def _classify_integer_dtype(classify):
    got = call(classify, np.array([0.1, 0.7, 0.5]))
    expect_array(got, "classify(p)", shape=(3,), kind="iu")


@part("classify", points=2)
def _classify_threshold(classify):
    p = np.array([0.5, 0.49, 0.51, 0.0, 1.0])
    hint = "a probability exactly at the threshold belongs to class 1 (use >=)"
    expect_equal_array(
        call(classify, p), [1, 0, 1, 0, 1], "classify(p) at threshold 0.5", hint=hint
    )
    p = np.array([0.25, 0.3, 0.35, 0.3, 0.9])
    for threshold, expected in ((0.3, [0, 1, 1, 1, 1]), (0.9, [0, 0, 0, 0, 1])):
        got = call(classify, p, threshold=threshold)
        ignored = np.array_equal(got, call(classify, p))
        why = "use the threshold argument instead of 0.5" if ignored else hint
        expect_equal_array(got, expected, f"classify(p, threshold={threshold})", hint=why)
