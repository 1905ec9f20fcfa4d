"""The foundation plotting functions: assertions on the drawn objects, not on pixels."""

from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import expit, logit

from mnist_tutorial import (
    as_images,
    load_digits,
    plot_confusion_matrix,
    plot_digit_matrix,
    plot_digits,
    plot_image_rows,
    plot_misclassified,
    plot_probabilities,
    plot_sigmoid,
)

WHITE = mcolors.to_rgba("white")
BLACK = mcolors.to_rgba("black")


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
    out = as_images(rng_images)
    assert out.shape == (6, 28, 28)
    assert_array_equal(out, rng_images.reshape(6, 28, 28))
    assert_array_equal(as_images(rng_images[0]), rng_images[:1].reshape(1, 28, 28))
    frame = pd.DataFrame(rng_images)
    assert_array_equal(as_images(frame), out)
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
    with pytest.raises(TypeError, match="numeric"):
        as_images([["a"] * 4])


# --- plot_digits ----------------------------------------------------------------------------


def test_plot_digits_draws_each_image_with_its_title(digits):
    X, y = digits
    fig = plot_digits(X, titles=y, n_cols=5)
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 15  # 3 rows of 5, the last 3 switched off
    drawn = [ax for ax in fig.axes if ax.images]
    assert len(drawn) == 12
    for ax, row, label in zip(drawn, X, y):
        assert_array_equal(ax.images[0].get_array(), row.reshape(8, 8))
        assert ax.get_title() == str(label)
        assert list(ax.get_xticks()) == [] and list(ax.get_yticks()) == []
    assert [ax.axison for ax in fig.axes[12:]] == [False] * 3


def test_plot_digits_uses_given_axes(rng_images):
    fig, axes = plt.subplots(2, 3)
    before = plt.get_fignums()
    out = plot_digits(rng_images, axes=axes)
    assert out is fig
    assert not _new_figures(before)
    assert_array_equal(axes[1, 2].images[0].get_array(), rng_images[5].reshape(28, 28))
    assert axes[0, 0].get_title() == ""


def test_plot_digits_bad_input(rng_images):
    with pytest.raises(ValueError, match="titles has 2 entries but 6 images"):
        plot_digits(rng_images, titles=["a", "b"])
    with pytest.raises(ValueError, match="n_cols must be a positive integer"):
        plot_digits(rng_images, n_cols=0)
    _, axes = plt.subplots(1, 2)
    with pytest.raises(ValueError, match="axes holds 2 Axes but 6 images"):
        plot_digits(rng_images, axes=axes)
    with pytest.raises(ValueError, match="square image"):
        plot_digits(np.zeros((2, 50)))


# --- plot_digit_matrix ----------------------------------------------------------------------


def test_plot_digit_matrix_annotates_non_zero_pixels(digits):
    X, _ = digits
    image = X[0].reshape(8, 8)
    ax = plot_digit_matrix(X[0])
    assert isinstance(ax, Axes)
    assert_array_equal(ax.images[0].get_array(), image)
    nonzero = [(r, c, v) for (r, c), v in np.ndenumerate(image) if v]
    assert len(ax.texts) == len(nonzero)
    for text, (r, c, v) in zip(ax.texts, nonzero):
        assert text.get_position() == (c, r)
        assert text.get_text() == f"{v:.0f}"
        expected = WHITE if v > image.max() / 2 else BLACK  # light text on dark cells
        assert mcolors.to_rgba(text.get_color()) == expected


def test_plot_digit_matrix_on_given_ax_without_annotations(rng_images):
    _, ax = plt.subplots()
    before = plt.get_fignums()
    out = plot_digit_matrix(rng_images[0].reshape(28, 28), ax=ax, annotate=False)
    assert out is ax
    assert not _new_figures(before)
    assert len(ax.texts) == 0
    assert_array_equal(ax.images[0].get_array(), rng_images[0].reshape(28, 28))


def test_plot_digit_matrix_rejects_several_images(rng_images):
    with pytest.raises(ValueError, match="expected a single image, got 6"):
        plot_digit_matrix(rng_images)


# --- plot_sigmoid ---------------------------------------------------------------------------


def test_plot_sigmoid_curve_and_threshold():
    ax = plot_sigmoid(threshold=0.8, z_range=(-6.0, 6.0))
    assert isinstance(ax, Axes)
    curve = ax.lines[0]
    z = curve.get_xdata()
    assert z[0] == -6.0 and z[-1] == 6.0
    assert_allclose(curve.get_ydata(), expit(z), rtol=1e-14)
    horizontal = [line for line in ax.lines[1:] if np.ptp(line.get_ydata()) == 0]
    vertical = [line for line in ax.lines[1:] if np.ptp(line.get_xdata()) == 0]
    assert [tuple(line.get_ydata()) for line in horizontal] == [(0.8, 0.8)]
    assert len(vertical) == 1
    assert vertical[0].get_xdata()[0] == pytest.approx(logit(0.8))
    assert "threshold 0.8" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.get_xlim() == (-6.0, 6.0)


def test_plot_sigmoid_points_are_split_at_the_threshold():
    z = np.array([-2.0, -0.1, 0.5, 3.0])
    _, ax = plt.subplots()
    before = plt.get_fignums()
    out = plot_sigmoid(ax=ax, points=(z, expit(z)), threshold=0.7)
    assert out is ax
    assert not _new_figures(before)
    positive, negative = ax.collections
    assert_allclose(positive.get_offsets(), [[3.0, expit(3.0)]])
    assert_allclose(negative.get_offsets()[:, 0], [-2.0, -0.1, 0.5])


def test_plot_sigmoid_threshold_outside_the_range_has_no_vertical_line():
    ax = plot_sigmoid(threshold=0.999, z_range=(-2.0, 2.0))
    assert not [line for line in ax.lines[1:] if np.ptp(line.get_xdata()) == 0]


@pytest.mark.parametrize("threshold", [0.0, 1.0, -0.1, 1.5, float("nan")])
def test_plot_sigmoid_rejects_threshold_outside_0_1(threshold):
    with pytest.raises(ValueError, match="threshold must be strictly between 0 and 1"):
        plot_sigmoid(threshold=threshold)


def test_plot_sigmoid_other_bad_input():
    with pytest.raises(ValueError, match="z_range"):
        plot_sigmoid(z_range=(3.0, -3.0))
    with pytest.raises(ValueError, match="points: z and probabilities differ in shape"):
        plot_sigmoid(points=([0.0, 1.0], [0.5]))


# --- plot_confusion_matrix ------------------------------------------------------------------


def test_plot_confusion_matrix_draws_counts_labels_and_colours():
    cm = np.array([[50, 2, 0], [5, 35, 1], [0, 9, 40]])
    ax = plot_confusion_matrix(cm, labels=["a", "b", "c"])
    assert isinstance(ax, Axes)
    assert_array_equal(ax.images[0].get_array(), cm)
    assert [t.get_text() for t in ax.texts] == [str(v) for v in cm.ravel()]
    colours = [mcolors.to_rgba(t.get_color()) for t in ax.texts]
    assert colours == [WHITE if v > 25 else BLACK for v in cm.ravel()]  # light on dark cells
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    assert ax.get_xlabel() == "Predicted label" and ax.get_ylabel() == "True label"
    assert len(ax.figure.axes) == 2  # the heatmap and its colour bar


def test_plot_confusion_matrix_normalised_rows_sum_to_one():
    cm = np.array([[8, 2, 0], [1, 1, 2], [0, 0, 0]])
    ax = plot_confusion_matrix(cm, normalize=True)
    shown = np.asarray(ax.images[0].get_array())
    assert_allclose(shown.sum(axis=1), [1.0, 1.0, 0.0])  # an empty row stays 0, not NaN
    assert_allclose(shown[0], [0.8, 0.2, 0.0])
    assert [t.get_text() for t in ax.texts[:3]] == ["0.80", "0.20", "0.00"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2"]


def test_plot_confusion_matrix_on_given_ax_without_colorbar():
    fig, ax = plt.subplots()
    before = plt.get_fignums()
    out = plot_confusion_matrix([[1, 0], [0, 1]], ax=ax, colorbar=False)
    assert out is ax
    assert not _new_figures(before)
    assert fig.axes == [ax]


@pytest.mark.parametrize(
    "cm, error",
    [
        (np.ones((2, 3)), ValueError),
        (np.ones(3), ValueError),
        (np.zeros((0, 0)), ValueError),
        ([[1, -1], [0, 1]], ValueError),
        ([[1, np.nan], [0, 1]], ValueError),
        ([["a", "b"], ["c", "d"]], TypeError),
    ],
)
def test_plot_confusion_matrix_rejects_bad_cm(cm, error):
    with pytest.raises(error, match="cm must"):
        plot_confusion_matrix(cm)


def test_plot_confusion_matrix_rejects_wrong_labels():
    with pytest.raises(ValueError, match="labels has 3 entries but cm has 2 classes"):
        plot_confusion_matrix(np.eye(2), labels=["a", "b", "c"])


# --- plot_misclassified ---------------------------------------------------------------------


def test_plot_misclassified_titles_and_images(rng_images):
    y_true = pd.Series(["7", "5", "3"], dtype="category")
    y_pred = np.array(["4", "8", "5"], dtype=object)
    fig = plot_misclassified(rng_images[:3], y_true, y_pred, n_cols=2)
    assert isinstance(fig, Figure)
    titles = [ax.get_title() for ax in fig.axes if ax.images]
    assert titles == [
        "Predicted: 4, Actual: 7",
        "Predicted: 8, Actual: 5",
        "Predicted: 5, Actual: 3",
    ]
    assert_array_equal(fig.axes[2].images[0].get_array(), rng_images[2].reshape(28, 28))
    int_fig = plot_misclassified(rng_images[:1], np.array([7]), np.array([4]))
    assert int_fig.axes[0].get_title() == "Predicted: 4, Actual: 7"


def test_plot_misclassified_uses_given_axes(rng_images):
    fig, axes = plt.subplots(1, 2)
    before = plt.get_fignums()
    assert plot_misclassified(rng_images[:2], [1, 2], [3, 4], axes=axes) is fig
    assert not _new_figures(before)
    assert axes[1].get_title() == "Predicted: 4, Actual: 2"


def test_plot_misclassified_rejects_mismatched_lengths(rng_images):
    with pytest.raises(ValueError, match="same length, got 3, 2 and 3"):
        plot_misclassified(rng_images[:3], ["1", "2"], ["1", "2", "3"])


# --- plot_image_rows ------------------------------------------------------------------------


def test_plot_image_rows_side_by_side(rng_images):
    scaled = rng_images[:3] / 255.0
    fig = plot_image_rows({"Original": rng_images[:3], "Scaled": scaled})
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 6
    assert fig.axes[0].get_ylabel() == "Original" and fig.axes[3].get_ylabel() == "Scaled"
    assert fig.axes[1].get_ylabel() == ""
    for c in range(3):
        assert_array_equal(fig.axes[c].images[0].get_array(), rng_images[c].reshape(28, 28))
        assert_array_equal(fig.axes[3 + c].images[0].get_array(), scaled[c].reshape(28, 28))


def test_plot_image_rows_uses_given_axes(rng_images):
    fig, axes = plt.subplots(2, 2)
    before = plt.get_fignums()
    out = plot_image_rows({"a": rng_images[:2], "b": rng_images[2:4]}, axes=axes)
    assert out is fig
    assert not _new_figures(before)
    assert_array_equal(axes[1, 1].images[0].get_array(), rng_images[3].reshape(28, 28))


def test_plot_image_rows_bad_input(rng_images):
    with pytest.raises(ValueError, match="at least one row"):
        plot_image_rows({})
    with pytest.raises(ValueError, match="same number of images"):
        plot_image_rows({"a": rng_images[:3], "b": rng_images[:2]})
    with pytest.raises(ValueError, match="square image"):
        plot_image_rows({"a": np.zeros((2, 50))})
    _, axes = plt.subplots(1, 3)
    with pytest.raises(ValueError, match="axes holds 3 Axes but rows need 2 x 2"):
        plot_image_rows({"a": rng_images[:2], "b": rng_images[2:4]}, axes=axes)


# --- plot_probabilities ---------------------------------------------------------------------


def test_plot_probabilities_bars_and_highlight():
    p = np.array([0.05, 0.1, 0.6, 0.25])
    ax = plot_probabilities(p, classes=["w", "x", "y", "z"])
    assert isinstance(ax, Axes)
    assert_allclose([bar.get_height() for bar in ax.patches], p)
    colours = [mcolors.to_hex(bar.get_facecolor()) for bar in ax.patches]
    assert colours[2] == mcolors.to_hex("C1")
    assert set(colours[:2] + colours[3:]) == {mcolors.to_hex("C0")}
    assert [t.get_text() for t in ax.get_xticklabels()] == ["w", "x", "y", "z"]


def test_plot_probabilities_on_given_ax():
    _, ax = plt.subplots()
    before = plt.get_fignums()
    assert plot_probabilities([0.5, 0.5], ax=ax) is ax
    assert not _new_figures(before)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1"]


@pytest.mark.parametrize(
    "p, classes, match",
    [
        ([], None, "empty"),
        ([0.5, 1.5], None, "between 0 and 1"),
        ([-0.1, 0.5], None, "between 0 and 1"),
        ([np.nan, 0.5], None, "between 0 and 1"),
        ([0.3, 0.7], ["a"], "classes has 1 entries but 2 probabilities"),
    ],
)
def test_plot_probabilities_bad_input(p, classes, match):
    with pytest.raises(ValueError, match=match):
        plot_probabilities(p, classes)


def test_no_function_leaves_extra_figures(rng_images):
    before = len(plt.get_fignums())
    plot_digits(rng_images)
    plot_sigmoid()
    assert len(plt.get_fignums()) == before + 2  # one figure each, nothing hidden
