"""Checks for chapter 2: ``sigmoid`` and ``classify``."""

from __future__ import annotations

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
from ._expect import _describe_type, call_checked
from ._strategies import Case, as_form, run_cases

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
    hint = "rewrite the formula so that exp never sees a large positive number"
    got = call_checked(sigmoid, (z,), warning_hint=hint)
    scalar = call_checked(sigmoid, (-1000.0,), warning_hint=hint)
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


# ---------------------------------------------------------------- generated cases

STRATEGIES = {
    "sigmoid": ["lists", "tuples", "float32", "int_dtypes", "huge", "numpy_scalars", "sizes"],
    "classify": ["lists", "tuples", "float32", "params", "sizes"],
}


def _sigmoid_cases(rng, strategy):
    z = rng.normal(scale=6, size=(3, 4))
    if strategy == "lists":
        yield Case("a list", (as_form(z[0], "list"),))
        yield Case("a list of lists", (as_form(z, "list"),))
    elif strategy == "tuples":
        yield Case("a tuple", (as_form(z[0], "tuple"),))
        yield Case("a tuple of tuples", (as_form(z, "tuple"),))
    elif strategy == "float32":
        yield Case("a float32 array", (z.astype(np.float32),))
    elif strategy == "int_dtypes":
        yield Case("a uint8 array", (rng.integers(0, 256, size=6).astype(np.uint8),))
        yield Case("an int64 array", (rng.integers(-1000, 1000, size=(2, 3)),))
    elif strategy == "huge":
        yield Case("huge scores", (np.array([-1e300, -800.0, -745.5, 37.5, 709.9, 1e300]),))
    elif strategy == "numpy_scalars":
        for value in (np.int64(3), np.float32(-0.5), np.int8(-100), np.float64(2.5)):
            yield Case("a NumPy scalar", (value,))
    elif strategy == "sizes":
        yield Case("a list of one value", ([0.5],))
        yield Case("an array of one value", (np.array([[-1.25]]),))
        yield Case("an empty array", (np.zeros(0),))
        yield Case("12,000 values", (rng.normal(scale=20, size=12_000),))


@part("sigmoid")
def _sigmoid_generated(sigmoid):
    def check(got, pristine, case):
        z = pristine.args[0]
        what = f"sigmoid({case.label})"
        want = expit(np.asarray(z, dtype=np.float64))
        if np.ndim(z) == 0:
            if type(got) is not float:
                raise CheckFailure(
                    f"{what} returned {_describe_type(got)}; a scalar input (a Python or NumPy "
                    "number) gives a Python float"
                )
            expect_close(got, float(want), what, rtol=RTOL, atol=1e-15)
            return
        expect_array(got, what, shape=np.shape(z), kind="f")
        expect_close(got, want, what, rtol=RTOL, atol=1e-15)

    run_cases(sigmoid, STRATEGIES["sigmoid"], _sigmoid_cases, check, exercise="sigmoid")


def _classify_cases(rng, strategy):
    p = rng.uniform(size=8)
    p[:3] = [0.5, np.nextafter(0.5, 0), 0.0]
    if strategy == "lists":
        yield Case("a list", (as_form(p, "list"),))
    elif strategy == "tuples":
        yield Case("a tuple", (as_form(p, "tuple"),))
    elif strategy == "float32":
        t = 0.3
        near = np.array([np.nextafter(t, 0), t - 1e-12, t, t + 1e-12, 0.1, 0.9])
        yield Case("probabilities float32 would round", (near,), {"threshold": t})
        # float32 probabilities, a float64 threshold a hair above one of them: rounding
        # the threshold to float32 makes it equal
        p32 = np.array([0.3, 0.7, 0.1], dtype=np.float32)
        above = float(p32[0]) + 1e-10
        yield Case("float32 probabilities", (p32,), {"threshold": above})
    elif strategy == "params":
        for t in (0.0, 1.0, 0.123456789, 0.75):
            q = np.concatenate([p, [t, np.nextafter(t, -1), np.nextafter(t, 2)]]).clip(0, 1)
            yield Case(f"threshold={t}", (q,), {"threshold": t})
    elif strategy == "sizes":
        yield Case("one probability", (np.array([0.7]),))
        yield Case("no probability", (np.zeros(0),))
        yield Case("12,000 probabilities", (rng.uniform(size=12_000),), {"threshold": 0.2})


@part("classify")
def _classify_generated(classify):
    def check(got, pristine, case):
        p = np.asarray(pristine.args[0], dtype=np.float64)
        threshold = pristine.kwargs.get("threshold", 0.5)
        what = f"classify({case.label})"
        expect_array(got, what, shape=p.shape, kind="iu")
        hint = "compare each probability, as given in float64, with the threshold (>=)"
        expect_equal_array(got, (p >= threshold).astype(int), what, hint=hint)

    run_cases(classify, STRATEGIES["classify"], _classify_cases, check, exercise="classify")
