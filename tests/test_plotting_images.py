"""The image grid and the galleries built on it: assertions on the named drawn objects."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_array_equal

from mnist_tutorial import (
    as_images,
    confusion_examples,
    load_digits,
    plot_confusion_examples,
    plot_digits,
    plot_image_rows,
    plot_misclassified,
)
from mnist_tutorial.plotting import PAGE_WIDTH, PHONE_WIDTH, TEXT_SIZE


@pytest.fixture(scope="module")
def digits():
    d = load_digits()
    return d.data[:12], d.target[:12]


@pytest.fixture
def rng_images():
    return np.random.default_rng(0).integers(0, 256, size=(6, 784)).astype(float)


def _new_figures(before):
    return set(plt.get_fignums()) - set(before)


# --- as_images -------------------------------------------------------------------------------


def test_as_images_reshapes_rows(rng_images):
    copy = rng_images.copy()
    out = as_images(rng_images)
    assert out.shape == (6, 28, 28)
    assert_array_equal(out, rng_images.reshape(6, 28, 28))
    assert_array_equal(rng_images, copy)  # the caller's array is untouched
    assert_array_equal(as_images(rng_images[0]), rng_images[:1].reshape(1, 28, 28))
    assert_array_equal(as_images(pd.DataFrame(rng_images)), out)
    assert_array_equal(as_images(out), out)  # already images
    assert as_images(np.zeros((5, 64))).shape == (5, 8, 8)
    assert as_images(np.zeros((28, 28))).shape == (1, 28, 28)  # one image
    assert as_images(np.zeros((8, 8))).shape == (1, 8, 8)
    assert as_images(np.zeros((0, 784))).shape == (0, 28, 28)


@pytest.mark.parametrize(
    "bad", [np.zeros((3, 50)), np.zeros((2, 3, 4)), np.zeros((2, 2, 2, 2)), np.float64(1.0)]
)
def test_as_images_rejects_non_square_rows(bad):
    with pytest.raises(ValueError, match=r"square image|side, side"):
        as_images(bad)


def test_as_images_rejects_non_numeric():
    with pytest.raises(TypeError, match="real numbers"):
        as_images([["a"] * 4])


# --- plot_digits: the one grid -----------------------------------------------------------------


def test_plot_digits_draws_each_image_with_its_title(digits):
    X, y = digits
    d = plot_digits(X, titles=y, n_cols=5)
    assert d.axes_.shape == (3, 5)  # 3 rows of 5, the last 3 panels switched off
    assert len(d.images_) == 12
    for im, ax, row in zip(d.images_, d.axes_.ravel(), X):
        assert im.axes is ax
        assert_array_equal(im.get_array(), row.reshape(8, 8))
        assert list(ax.get_xticks()) == [] and list(ax.get_yticks()) == []
    assert [t.get_text() for t in d.titles_] == [str(v) for v in y]
    assert all(t.get_fontsize() == TEXT_SIZE for t in d.titles_)
    assert [ax.axison for ax in d.axes_.ravel()[12:]] == [False] * 3
    assert d.row_labels_ == []


def test_plot_digits_fits_the_page_width():
    d = plot_digits(np.zeros((20, 784)), titles=["7"] * 20)  # ten per row
    width, _ = d.figure_.get_size_inches()
    assert width <= PAGE_WIDTH + 1e-9
    few = plot_digits(np.zeros((2, 784)))
    assert few.figure_.get_size_inches()[0] < PAGE_WIDTH  # small galleries stay small


def test_plot_digits_centered_scale_is_symmetric():
    comps = np.zeros((2, 64))
    comps[0, 3], comps[1, 5] = -2.0, 0.5
    d = plot_digits(comps, centered=True, titles=["a", "b"])
    assert d.images_[0].get_clim() == (-2.0, 2.0)
    assert d.images_[1].get_clim() == (-0.5, 0.5)
    assert d.images_[0].get_cmap().name == "RdBu_r"
    assert plot_digits(comps).images_[0].get_cmap().name == "gray_r"


def test_plot_digits_blank_panels_and_row_labels(rng_images):
    images = [rng_images[0], None, rng_images[1].reshape(28, 28), None]
    d = plot_digits(images, n_cols=2, row_labels=["first", "second"])
    assert d.images_[1] is None and d.images_[3] is None
    assert not d.axes_[0, 1].axison
    assert_array_equal(d.images_[2].get_array(), rng_images[1].reshape(28, 28))
    assert [t.get_text() for t in d.row_labels_] == ["first", "second"]
    assert d.row_labels_[1].axes is d.axes_[1, 0]


def test_plot_digits_uses_given_axes(rng_images):
    fig, axes = plt.subplots(2, 3)
    before = plt.get_fignums()
    d = plot_digits(rng_images, axes=axes)
    assert d.figure_ is fig
    assert not _new_figures(before)
    assert d.images_[5].axes is axes[1, 2]
    assert_array_equal(d.images_[5].get_array(), rng_images[5].reshape(28, 28))


def test_plot_digits_bad_input(rng_images):
    with pytest.raises(ValueError, match="titles has 2 entries but 6 images"):
        plot_digits(rng_images, titles=["a", "b"])
    with pytest.raises(ValueError, match="n_cols must be an integer >= 1"):
        plot_digits(rng_images, n_cols=0)
    with pytest.raises(ValueError, match="row_labels has 1 entries but the grid has 2 rows"):
        plot_digits(rng_images, n_cols=3, row_labels=["a"])
    _, axes = plt.subplots(1, 2)
    with pytest.raises(ValueError, match="axes holds 2 Axes but 6 images"):
        plot_digits(rng_images, axes=axes)
    with pytest.raises(ValueError, match="square image"):
        plot_digits(np.zeros((2, 50)))


# --- galleries built on the grid ---------------------------------------------------------------


def test_plot_misclassified_titles_and_images(rng_images):
    y_true = pd.Series(["7", "5", "3"], dtype="category")
    y_pred = np.array(["4", "8", "5"], dtype=object)
    d = plot_misclassified(rng_images[:3], y_true, y_pred, n_cols=2)
    assert [t.get_text() for t in d.titles_] == [
        "predicted 4\nactual 7",
        "predicted 8\nactual 5",
        "predicted 5\nactual 3",
    ]
    assert_array_equal(d.images_[2].get_array(), rng_images[2].reshape(28, 28))
    ints = plot_misclassified(rng_images[:1], np.array([7]), np.array([4]))
    assert ints.titles_[0].get_text() == "predicted 4\nactual 7"
    with pytest.raises(ValueError, match="same length, got 3, 2 and 3"):
        plot_misclassified(rng_images[:3], ["1", "2"], ["1", "2", "3"])


def test_plot_image_rows_side_by_side(rng_images):
    scaled = rng_images[:3] / 255.0
    d = plot_image_rows({"Original": rng_images[:3], "Scaled": scaled})
    assert d.axes_.shape == (2, 3)
    assert [t.get_text() for t in d.row_labels_] == ["Original", "Scaled"]
    for c in range(3):
        assert_array_equal(d.images_[c].get_array(), rng_images[c].reshape(28, 28))
        assert_array_equal(d.images_[3 + c].get_array(), scaled[c].reshape(28, 28))
    # each image has its own colour scale
    assert d.images_[3].get_clim() == (scaled[0].min(), scaled[0].max())


def test_plot_image_rows_uses_given_axes_and_rejects_bad_input(rng_images):
    fig, axes = plt.subplots(2, 2)
    d = plot_image_rows({"a": rng_images[:2], "b": rng_images[2:4]}, axes=axes)
    assert d.figure_ is fig and d.images_[3].axes is axes[1, 1]
    with pytest.raises(ValueError, match="at least one row"):
        plot_image_rows({})
    with pytest.raises(ValueError, match="same, non-zero number of images"):
        plot_image_rows({"a": rng_images[:3], "b": rng_images[:2]})
    with pytest.raises(ValueError, match="square image"):
        plot_image_rows({"a": np.zeros((2, 50))})
    _, axes = plt.subplots(1, 3)
    with pytest.raises(ValueError, match="axes holds 3 Axes but rows need 2 x 2"):
        plot_image_rows({"a": rng_images[:2], "b": rng_images[2:4]}, axes=axes)


def test_confusion_examples_rows_follow_the_positions():
    rng = np.random.default_rng(0)
    images = rng.random((6, 784))
    y_true = ["4", "4", "7", "4", "7", "1"]
    y_pred = ["9", "9", "1", "4", "1", "1"]
    pairs = [("4", "9"), ("7", "1")]
    d = plot_confusion_examples(images, y_true, y_pred, pairs, n_per_pair=3)
    assert [t.get_text() for t in d.row_labels_] == ["true 4 → 9", "true 7 → 1"]
    # oracle: the positions NumPy finds for each pair; the third panel of each row is blank
    for r, (t, p) in enumerate(pairs):
        positions = np.flatnonzero((np.array(y_true) == t) & (np.array(y_pred) == p))
        assert_array_equal(positions, confusion_examples(y_true, y_pred, t, p, 3))
        for c, i in enumerate(positions):
            assert_array_equal(d.images_[3 * r + c].get_array(), images[i].reshape(28, 28))
        assert d.images_[3 * r + 2] is None


def test_confusion_examples_into_given_axes_and_errors():
    fig, axes = plt.subplots(1, 2)
    d = plot_confusion_examples(
        np.zeros((2, 64)), [1, 1], [2, 2], [(1, 2)], n_per_pair=2, axes=axes
    )
    assert d.figure_ is fig and d.images_[1].axes is axes[1]
    with pytest.raises(ValueError, match="same length"):
        plot_confusion_examples(np.zeros((2, 64)), [1], [2, 2], [(1, 2)])
    with pytest.raises(ValueError, match="pairs"):
        plot_confusion_examples(np.zeros((2, 64)), [1, 1], [2, 2], [])
    with pytest.raises(ValueError, match="n_per_pair"):
        plot_confusion_examples(np.zeros((2, 64)), [1, 1], [2, 2], [(1, 2)], n_per_pair=0)


def test_one_figure_per_call(rng_images):
    before = len(plt.get_fignums())
    plot_digits(rng_images)
    plot_image_rows({"a": rng_images})
    assert len(plt.get_fignums()) == before + 2  # one figure each, nothing hidden


def test_plot_digits_two_rows_of_five_fit_a_phone():
    ten = np.zeros((10, 784))
    row = plot_digits(ten)  # one row of ten: as wide as the page
    assert row.axes_.shape == (1, 10)
    assert row.figure_.get_size_inches()[0] > PHONE_WIDTH
    wrapped = plot_digits(ten, titles=list("0123456789"), n_cols=5)
    assert wrapped.axes_.shape == (2, 5)
    assert wrapped.figure_.get_size_inches()[0] <= PHONE_WIDTH + 1e-9
    labelled = plot_image_rows({"original": ten[:4], "standardised": ten[:4]})
    assert labelled.figure_.get_size_inches()[0] <= PHONE_WIDTH + 1e-9
    # long titles keep panels wide enough not to overlap, even past the phone width
    titled = plot_misclassified(ten[:5], list("01234"), list("56789"))
    width = titled.figure_.get_size_inches()[0]
    assert width > PHONE_WIDTH
    assert width / 5 * 72 >= len("predicted 5") * TEXT_SIZE * 0.62
    for d in (row, wrapped, labelled, titled):
        plt.close(d.figure_)
