"""Tests for mnist_tutorial.explore (chapter 1's data exploration)."""

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_digits

from mnist_tutorial import (
    class_counts,
    ink_frequency,
    mean_images,
    pixel_summary,
)


@pytest.fixture(scope="module")
def digits():
    d = load_digits()
    return d.data, d.target.astype(str)


def test_pixel_summary_min_max_and_blank_share_match_numpy(digits):
    X, _ = digits
    s = pixel_summary(X)
    assert (s["min"], s["max"]) == (float(X.min()), float(X.max())) == (0.0, 16.0)
    assert s["blank_fraction"] == pytest.approx(np.mean(X == 0))
    imgs = np.arange(2 * 3 * 3).reshape(2, 3, 3)
    assert pixel_summary(pd.DataFrame(imgs.reshape(2, 9)))["max"] == 17.0
    assert pixel_summary(np.zeros((3, 4)))["blank_fraction"] == 1.0


def test_ink_frequency_matches_numpy(digits):
    X, _ = digits
    freq = ink_frequency(X)
    assert freq.shape == (64,)
    np.testing.assert_allclose(freq, (X > 0).mean(axis=0))
    # The left column of the 8x8 digits is almost always blank
    assert freq[0] == 0.0


def test_pixel_summary_values(digits):
    X, _ = digits
    s = pixel_summary(X)
    assert s["n_images"] == 1797
    assert s["n_pixels"] == 64
    assert s["max"] == 16
    assert s["mean"] == pytest.approx(X.mean())
    assert s["blank_fraction"] == pytest.approx(np.mean(X == 0))
    assert s["never_inked"] == np.sum((X > 0).sum(axis=0) == 0)
    assert s["mean_inked_per_image"] == pytest.approx((X > 0).sum(axis=1).mean())


def test_class_counts_matches_pandas(digits):
    _, y = digits
    counts = class_counts(y)
    assert counts.index.tolist() == [str(d) for d in range(10)]
    assert counts.to_dict() == pd.Series(y).value_counts().to_dict()
    assert counts.sum() == len(y)
    assert counts.name == "count" and counts.index.name == "class"


def test_class_counts_orders_digit_strings_numerically_and_categoricals():
    y = pd.Series(pd.Categorical(["10", "2", "2", "1"], categories=["1", "2", "10"]))
    assert class_counts(y).to_dict() == {"1": 1, "2": 2, "10": 1}


def test_mean_images_matches_numpy(digits):
    X, y = digits
    classes, means = mean_images(X, y)
    assert classes == [str(d) for d in range(10)]
    assert means.shape == (10, 8, 8)
    np.testing.assert_allclose(means[3], X[y == "3"].mean(axis=0).reshape(8, 8))


def test_mean_images_accepts_image_arrays(digits):
    X, y = digits
    _, a = mean_images(X.reshape(-1, 8, 8), y)
    _, b = mean_images(X, y)
    np.testing.assert_allclose(a, b)


@pytest.mark.parametrize("func", [ink_frequency, pixel_summary])
@pytest.mark.parametrize(
    "bad, match",
    [(np.zeros(5), "shape"), (np.zeros((0, 4)), "empty"), ([[0.0, np.nan]], "NaN")],
)
def test_bad_pixels_raise(func, bad, match):
    with pytest.raises(ValueError, match=match):
        func(bad)


def test_non_numeric_pixels_raise_type_error():
    with pytest.raises(TypeError, match="X must be a number"):
        pixel_summary([["a", "b"]])
    with pytest.raises(TypeError, match="X must be a number"):
        ink_frequency([["1", "2"]])  # strings are not read as numbers


def test_mean_images_bad_input():
    with pytest.raises(ValueError, match="y has 2 labels but X has 3"):
        mean_images(np.zeros((3, 4)), ["a", "b"])
    with pytest.raises(ValueError, match="square"):
        mean_images(np.zeros((2, 5)), ["a", "b"])
    with pytest.raises(ValueError, match="1-D"):
        class_counts(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="empty"):
        class_counts([])
