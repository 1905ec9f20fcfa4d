"""Checks for chapter 1: ``row_to_image``, ``pixel_range``, ``blank_fraction``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._core import Chapter, CheckFailure, expect_array, expect_close, expect_float
from ._data import mnist_sample

CHAPTER = Chapter(
    1,
    "ch01_classification.py",
    ("row_to_image", "pixel_range", "blank_fraction"),
    prepare=mnist_sample,
)
part = CHAPTER.part


@part("row_to_image")
def _row_to_image_shape(row_to_image):
    frame, _ = mnist_sample()
    got = row_to_image(frame.to_numpy()[0])
    expect_array(got, "row_to_image(row)", shape=(28, 28), kind="f")


@part("row_to_image")
def _row_to_image_row_major(row_to_image):
    frame, images = mnist_sample()
    ramp = np.arange(784.0)
    got = np.asarray(row_to_image(ramp))
    if got.shape == (28, 28) and np.array_equal(got, ramp.reshape(28, 28).T):
        raise CheckFailure(
            "row_to_image fills the image column by column; the first 28 values are "
            "the top row (row-major order, NumPy's default)"
        )
    expect_close(got, ramp.reshape(28, 28), "row_to_image(np.arange(784))", rtol=0, atol=0)
    expect_close(
        row_to_image(frame.to_numpy()[3]), images[3], "row_to_image(an MNIST row)", rtol=0, atol=0
    )


@part("row_to_image")
def _row_to_image_inputs(row_to_image):
    frame, images = mnist_sample()
    row = frame.iloc[5]  # a Series indexed pixel1 ... pixel784
    got = row_to_image(row)
    expect_array(got, "row_to_image(a pandas Series)", shape=(28, 28), kind="f")
    expect_close(got, images[5], "row_to_image(a pandas Series)", rtol=0, atol=0)
    got = row_to_image([float(v) for v in frame.to_numpy()[5]])
    expect_array(got, "row_to_image(a list)", shape=(28, 28), kind="f")
    expect_close(got, images[5], "row_to_image(a list)", rtol=0, atol=0)


@part("row_to_image")
def _row_to_image_bad_length(row_to_image):
    for n in (783, 785, 28):
        try:
            row_to_image(np.zeros(n))
        except ValueError:
            continue
        raise CheckFailure(
            f"row_to_image(a row of {n} values) did not raise ValueError; check the length first"
        )


def _expect_pair(got, what):
    if not isinstance(got, tuple) or len(got) != 2:
        kind = type(got).__name__
        raise CheckFailure(f"{what} returned a {kind}; expected a tuple (min, max) of two numbers")
    if any(np.ndim(v) for v in got):
        raise CheckFailure(
            f"{what} returned one minimum and maximum per column "
            f"({type(got[0]).__name__}); expected two numbers over the whole dataset"
        )
    return expect_float(got[0], f"{what}[0]"), expect_float(got[1], f"{what}[1]")


@part("pixel_range")
def _pixel_range_mnist(pixel_range):
    frame, _ = mnist_sample()
    low, high = _expect_pair(pixel_range(frame), "pixel_range(X)")
    X = frame.to_numpy()
    expect_close(low, X.min(), "pixel_range(X) minimum", rtol=0, atol=0)
    expect_close(high, X.max(), "pixel_range(X) maximum", rtol=0, atol=0)


@part("pixel_range")
def _pixel_range_whole_dataset(pixel_range):
    rng = np.random.default_rng(1)
    X = rng.uniform(10, 20, size=(6, 784))
    X[4, 500] = 3.5  # the minimum and maximum hide away from the first row and column
    X[2, 700] = 99.25
    for data, kind in ((X, "an array"), (pd.DataFrame(X), "a DataFrame")):
        low, high = _expect_pair(pixel_range(data), f"pixel_range({kind})")
        hint = "look at every pixel of every image, not one row or column"
        expect_close(low, 3.5, f"pixel_range({kind}) minimum", rtol=0, atol=0, hint=hint)
        expect_close(high, 99.25, f"pixel_range({kind}) maximum", rtol=0, atol=0, hint=hint)


@part("blank_fraction")
def _blank_fraction_mnist(blank_fraction):
    frame, _ = mnist_sample()
    expected = np.count_nonzero(frame.to_numpy() == 0) / frame.size
    got = blank_fraction(frame)
    expect_close(got, expected, "blank_fraction(X)", rtol=1e-12, atol=0)


@part("blank_fraction")
def _blank_fraction_whole_dataset(blank_fraction):
    X = np.full((4, 784), 0.5)  # small non-zero values are ink, not blank
    X[0, :700] = 0.0
    X[1, :10] = 0.0
    X[3, 100:300] = 0.0
    expected = (700 + 10 + 200) / X.size
    hint = "count the zeros over the whole dataset and divide by the number of pixel values"
    expect_close(blank_fraction(X), expected, "blank_fraction(X)", rtol=1e-12, atol=0, hint=hint)
