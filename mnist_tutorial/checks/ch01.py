"""Checks for chapter 1: ``row_to_image``, ``pixel_range``, ``blank_fraction``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._core import Chapter, CheckFailure, call, expect_array, expect_close, expect_float
from ._data import mnist_sample
from ._strategies import Case, as_form, run_cases

CHAPTER = Chapter(
    1,
    "ch01_classification.py",
    ("row_to_image", "pixel_range", "blank_fraction"),
    prepare=mnist_sample,
)
part = CHAPTER.part


@part("row_to_image")
def _row_to_image_values(row_to_image):
    ramp = np.arange(784.0) / 7  # not integer-valued
    got = call(row_to_image, ramp)
    expect_array(got, "row_to_image(row)", shape=(28, 28), kind="f")
    if np.array_equal(got, ramp.reshape(28, 28).T):
        raise CheckFailure(
            "row_to_image fills the image column by column; the first 28 values are "
            "the top row (row-major order, NumPy's default)"
        )
    expect_close(
        got,
        ramp.reshape(28, 28),
        "row_to_image(np.arange(784) / 7)",
        rtol=0,
        atol=0,
        hint="keep every value as it is (no cast to int, no rounding)",
    )


@part("row_to_image")
def _row_to_image_mnist(row_to_image):
    _, images = mnist_sample()
    row = images[3].reshape(-1)  # uint8, as MNIST stores it
    got = call(row_to_image, row)
    expect_array(got, "row_to_image(a uint8 MNIST row)", shape=(28, 28), kind="f")
    if got.dtype != np.float64:
        raise CheckFailure(f"row_to_image returned dtype {got.dtype}; expected float64")
    expect_close(got, images[3], "row_to_image(a uint8 MNIST row)", rtol=0, atol=0)


@part("row_to_image")
def _row_to_image_inputs(row_to_image):
    frame, images = mnist_sample()
    row = frame.iloc[5]  # a Series indexed pixel1 ... pixel784
    got = call(row_to_image, row)
    expect_array(got, "row_to_image(a pandas Series)", shape=(28, 28), kind="f")
    expect_close(got, images[5], "row_to_image(a pandas Series)", rtol=0, atol=0)
    got = call(row_to_image, [float(v) for v in frame.to_numpy()[5]])
    expect_array(got, "row_to_image(a list)", shape=(28, 28), kind="f")
    expect_close(got, images[5], "row_to_image(a list)", rtol=0, atol=0)


@part("row_to_image", requires="values")
def _row_to_image_bad_length(row_to_image):
    for n in (783, 785, 28):
        try:
            call(row_to_image, np.zeros(n))
        except ValueError:
            continue
        raise CheckFailure(
            f"row_to_image(a row of {n} values) did not raise ValueError; check the length first"
        )


def _expect_pair(got, what):
    if not isinstance(got, tuple) or len(got) != 2:
        kind = type(got).__name__
        raise CheckFailure(f"{what} returned a {kind}; expected a tuple (min, max) of two floats")
    if any(np.ndim(v) for v in got):
        raise CheckFailure(
            f"{what} returned one minimum and maximum per column "
            f"({type(got[0]).__name__}); expected two numbers over the whole dataset"
        )
    return expect_float(got[0], f"{what}[0]"), expect_float(got[1], f"{what}[1]")


@part("pixel_range")
def _pixel_range_mnist(pixel_range):
    frame, images = mnist_sample()
    X = images.reshape(len(images), -1)  # uint8: the answer must still be Python floats
    low, high = _expect_pair(call(pixel_range, X), "pixel_range(uint8 X)")
    expect_close(low, float(X.min()), "pixel_range(X) minimum", rtol=0, atol=0)
    expect_close(high, float(X.max()), "pixel_range(X) maximum", rtol=0, atol=0)
    low, high = _expect_pair(call(pixel_range, frame), "pixel_range(a DataFrame)")
    expect_close(high, float(X.max()), "pixel_range(a DataFrame) maximum", rtol=0, atol=0)


@part("pixel_range")
def _pixel_range_whole_dataset(pixel_range):
    rng = np.random.default_rng(1)
    X = rng.uniform(10, 20, size=(6, 784))
    X[4, 500] = 3.5  # the minimum and maximum hide away from the first row and column
    X[2, 700] = 99.25
    hint = "look at every pixel of every image, not one row or column"
    cases = ((X, "an array"), (pd.DataFrame(X), "a DataFrame"), (X.tolist(), "a list of lists"))
    for data, kind in cases:
        low, high = _expect_pair(call(pixel_range, data), f"pixel_range({kind})")
        expect_close(low, 3.5, f"pixel_range({kind}) minimum", rtol=0, atol=0, hint=hint)
        expect_close(high, 99.25, f"pixel_range({kind}) maximum", rtol=0, atol=0, hint=hint)


@part("pixel_range")
def _pixel_range_negative(pixel_range):
    X = np.full((3, 4), -2.5)  # all negative: a minimum cannot start from 0
    X[1, 2] = -0.75
    low, high = _expect_pair(call(pixel_range, X), "pixel_range(negative X)")
    hint = "start from the data, not from 0 (or use min and max)"
    expect_close(low, -2.5, "pixel_range(negative X) minimum", rtol=0, atol=0, hint=hint)
    expect_close(high, -0.75, "pixel_range(negative X) maximum", rtol=0, atol=0, hint=hint)


@part("blank_fraction")
def _blank_fraction_mnist(blank_fraction):
    frame, images = mnist_sample()
    expected = np.count_nonzero(images == 0) / images.size
    got = expect_float(call(blank_fraction, frame), "blank_fraction(X)")
    hint = "that is the fraction of ink, not of blank pixels" if got == 1 - expected else ""
    expect_close(got, expected, "blank_fraction(X)", rtol=1e-12, atol=0, hint=hint)
    X = images.reshape(len(images), -1)
    got = expect_float(call(blank_fraction, X), "blank_fraction(uint8 X)")
    expect_close(got, expected, "blank_fraction(uint8 X)", rtol=1e-12, atol=0)


@part("blank_fraction")
def _blank_fraction_whole_dataset(blank_fraction):
    X = np.full((4, 784), 0.5)
    X[0, :700] = 0.0
    X[1, :10] = 0.0
    X[3, 100:300] = 0.0
    expected = (700 + 10 + 200) / X.size
    hint = "count the zeros over the whole dataset and divide by the number of pixel values"
    for data, kind in ((X, "X"), (X.tolist(), "a list of lists")):
        got = expect_float(call(blank_fraction, data), f"blank_fraction({kind})")
        expect_close(got, expected, f"blank_fraction({kind})", rtol=1e-12, atol=0, hint=hint)


@part("blank_fraction")
def _blank_fraction_faint_ink(blank_fraction):
    X = np.zeros((3, 10))
    X[0, :4] = [0.4, 0.001, 0.99, 3.0]  # faint ink is ink: only exact zeros are blank
    X[2, 5] = 255.0
    expected = (30 - 5) / 30
    expect_close(
        expect_float(call(blank_fraction, X), "blank_fraction(X with faint ink)"),
        expected,
        "blank_fraction(X with faint ink)",
        rtol=1e-12,
        atol=0,
        hint="only values exactly 0 are blank; 0.4 or 0.001 is faint ink",
    )


# ---------------------------------------------------------------- generated cases

STRATEGIES = {
    "row_to_image": ["lists", "tuples", "float32", "int_dtypes", "negative", "huge", "tiny"],
    "pixel_range": [
        "lists",
        "tuples",
        "float32",
        "int_dtypes",
        "negative",
        "tiny",
        "huge",
        "sizes",
    ],
    "blank_fraction": ["lists", "tuples", "int_dtypes", "negative", "tiny", "sizes"],
}


def _values(rng, strategy, shape):
    """Pixel-like values of one kind, as a float64 array (before any change of form)."""
    if strategy == "negative":
        return rng.uniform(-300, 300, size=shape)
    if strategy == "tiny":
        return rng.choice([0.0, 1e-300, 5e-12, 1e-9, 3e-7], size=shape)
    if strategy == "huge":
        return rng.uniform(-1e12, 1e12, size=shape).round() + rng.uniform(size=shape)
    return rng.uniform(0, 255, size=shape)


def _pixel_cases(rng, strategy, shapes):
    """Cases for a function of one pixel array, in the strategy's forms, smallest first."""
    for shape in shapes:
        X = _values(rng, strategy, shape)
        X[rng.random(shape) < 0.3] = 0.0  # some blank pixels
        if strategy == "lists":
            yield Case("a list", (as_form(X, "list"),))
        elif strategy == "tuples":
            yield Case("a tuple", (as_form(X, "tuple"),))
        elif strategy == "float32":
            yield Case("float64 values float32 would round", (X,))
            yield Case("a float32 array", (X.astype(np.float32),))
        elif strategy == "int_dtypes":
            yield Case("a uint8 array", (X.astype(np.uint8),))
            yield Case("an int64 array with negative values", (X.astype(np.int64) - 100,))
        else:
            yield Case(f"{strategy} values", (X,))


@part("row_to_image")
def _row_to_image_generated(row_to_image):
    def check(got, pristine, case):
        what = f"row_to_image({case.label})"
        expect_array(got, what, shape=(28, 28), kind="f")
        want = np.asarray(pristine.args[0], dtype=np.float64).reshape(28, 28)
        expect_close(got, want, what, rtol=0, atol=0, hint="keep every value as it is")

    run_cases(
        row_to_image,
        STRATEGIES["row_to_image"],
        lambda rng, s: _pixel_cases(rng, s, [(784,)]),
        check,
        exercise="row_to_image",
    )


def _sizes(rng):
    """One value, one image, and more rows than a [:10000] slice, extremes in the last rows."""
    yield Case("one value", (np.array([[rng.uniform(1, 9)]]),))
    yield Case("one image", (rng.uniform(0, 255, size=(1, 784)).round(),))
    X = rng.uniform(10, 20, size=(12_000, 3))
    X[11_000:, :] = np.where(rng.random((1000, 3)) < 0.5, 0.0, 99.5)
    yield Case("12,000 rows", (X,))


@part("pixel_range")
def _pixel_range_generated(pixel_range):
    def check(got, pristine, case):
        what = f"pixel_range({case.label})"
        low, high = _expect_pair(got, what)
        X = np.asarray(pristine.args[0], dtype=np.float64)
        hint = "the exact smallest and largest values over every image, as Python floats"
        expect_close(low, float(X.min()), f"{what} minimum", rtol=0, atol=0, hint=hint)
        expect_close(high, float(X.max()), f"{what} maximum", rtol=0, atol=0, hint=hint)

    def cases(rng, strategy):
        if strategy == "sizes":
            return _sizes(rng)
        return _pixel_cases(rng, strategy, [(2, 3), (6, 40)])

    run_cases(pixel_range, STRATEGIES["pixel_range"], cases, check, exercise="pixel_range")


@part("blank_fraction")
def _blank_fraction_generated(blank_fraction):
    def check(got, pristine, case):
        what = f"blank_fraction({case.label})"
        X = np.asarray(pristine.args[0])
        want = np.count_nonzero(X == 0) / X.size
        hint = "only values exactly 0 are blank (not tiny or negative ones), over every image"
        expect_close(expect_float(got, what), want, what, rtol=1e-12, atol=0, hint=hint)

    def cases(rng, strategy):
        if strategy == "sizes":
            return _sizes(rng)
        return _pixel_cases(rng, strategy, [(2, 3), (6, 40)])

    run_cases(blank_fraction, STRATEGIES["blank_fraction"], cases, check, exercise="blank_fraction")
