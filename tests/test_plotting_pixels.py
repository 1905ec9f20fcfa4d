"""One digit's pixels, pixel statistics and class counts: assertions on named objects."""

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from mnist_tutorial import (
    load_digits,
    plot_class_counts,
    plot_digit_matrix,
    plot_pixel_histogram,
    plot_pixel_map,
)
from mnist_tutorial.plotting import TEXT_SIZE

WHITE = mcolors.to_rgba("white")
BLACK = mcolors.to_rgba("black")


def test_plot_digit_matrix_annotates_non_zero_pixels():
    image = load_digits().data[0].reshape(8, 8)
    d = plot_digit_matrix(image.ravel())
    assert_array_equal(d.im_.get_array(), image)
    assert d.text_.shape == (8, 8)
    for (r, c), v in np.ndenumerate(image):
        text = d.text_[r, c]
        if v == 0:
            assert text is None
            continue
        assert text.get_position() == (c, r)
        assert text.get_text() == f"{v:.0f}"
        assert text.get_fontsize() == TEXT_SIZE
        expected = WHITE if v > image.max() / 2 else BLACK  # light text on dark cells
        assert mcolors.to_rgba(text.get_color()) == expected


def test_plot_digit_matrix_window_keeps_the_image_coordinates():
    rng = np.random.default_rng(1)
    image = rng.integers(0, 256, (28, 28)).astype(float)
    d = plot_digit_matrix(image, rows=(4, 14), cols=(10, 20))
    assert_array_equal(d.im_.get_array(), image[4:14, 10:20])
    assert d.text_.shape == (10, 10)
    # the cell of image[5, 12] sits at x=12, y=5 and shows that value
    assert d.text_[1, 2].get_position() == (12, 5)
    assert d.text_[1, 2].get_text() == f"{image[5, 12]:.0f}"
    assert d.ax_.get_xlim() == (9.5, 19.5)
    # colours are scaled on the whole image, not the window
    assert d.im_.get_clim() == (0.0, image.max())


def test_plot_digit_matrix_on_given_ax_without_annotations():
    image = np.random.default_rng(0).integers(0, 256, 784).astype(float)
    _, ax = plt.subplots()
    d = plot_digit_matrix(image.reshape(28, 28), ax=ax, annotate=False)
    assert d.ax_ is ax
    assert len(ax.texts) == 0 and not d.text_.any()


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"rows": (5, 3)}, "rows must satisfy"),
        ({"cols": (0, 30)}, "cols must satisfy"),
        ({"rows": "ab"}, "rows"),
        ({"rows": (0, 2.5)}, "rows"),
    ],
)
def test_plot_digit_matrix_rejects_bad_windows(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        plot_digit_matrix(np.zeros(784), **kwargs)


def test_plot_digit_matrix_rejects_several_images():
    with pytest.raises(ValueError, match="image must be a single image, got 6"):
        plot_digit_matrix(np.zeros((6, 784)))


def test_plot_class_counts_bars_and_labels():
    counts = pd.Series([3, 10, 7000], index=["0", "1", "2"])
    d = plot_class_counts(counts)
    assert [b.get_height() for b in d.bars_] == [3, 10, 7000]
    assert [t.get_text() for t in d.ax_.get_xticklabels()] == ["0", "1", "2"]
    assert [t.get_text() for t in d.text_] == ["3", "10", "7000"]
    assert d.ax_.get_ylim()[0] == 0  # bars start at zero
    assert d.ax_.get_ylabel() == "number of images"


def test_plot_class_counts_uses_given_ax_and_rejects_bad_input():
    _, ax = plt.subplots()
    assert plot_class_counts({"a": 1}, ax=ax).ax_ is ax
    with pytest.raises(ValueError, match="at least one"):
        plot_class_counts({})
    with pytest.raises(ValueError, match="non-negative"):
        plot_class_counts({"a": -1})


def test_plot_pixel_histogram_counts_match_numpy():
    X = np.random.default_rng(0).integers(0, 256, (20, 784))
    d = plot_pixel_histogram(X, bins=8)
    expected, edges = np.histogram(X.ravel(), bins=8)
    assert_array_equal(d.counts_, expected)
    assert_allclose(d.edges_, edges)
    assert [b.get_height() for b in d.bars_] == expected.tolist()
    assert d.ax_.get_yscale() == "log"


def test_plot_pixel_histogram_bad_input():
    with pytest.raises(ValueError, match="empty"):
        plot_pixel_histogram([])
    with pytest.raises(ValueError, match="NaN"):
        plot_pixel_histogram([1.0, np.nan])
    with pytest.raises(ValueError, match="bins"):
        plot_pixel_histogram([1, 2], bins=0)


def test_plot_pixel_map_draws_the_values():
    values = np.linspace(0, 1, 784)
    d = plot_pixel_map(values, label="share of images")
    assert_allclose(d.im_.get_array(), values.reshape(28, 28))
    assert d.colorbar_.ax.get_ylabel() == "share of images"
    assert plot_pixel_map(values, colorbar=False).colorbar_ is None
    with pytest.raises(ValueError, match="single image"):
        plot_pixel_map(np.zeros((2, 784)))
