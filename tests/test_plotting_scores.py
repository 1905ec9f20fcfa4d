"""Confusion matrix, per-class scores and model comparisons, against scikit-learn/NumPy."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.metrics import (
    ConfusionMatrixDisplay,
    confusion_matrix,
    precision_score,
    recall_score,
)

from mnist_tutorial import (
    per_class_metrics,
    plot_accuracy_vs_time,
    plot_confusion_matrix,
    plot_model_comparison,
    plot_per_class_metrics,
    plot_tradeoff,
)
from mnist_tutorial.plotting import TEXT_SIZE


@pytest.fixture(scope="module")
def predictions():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 3, 300)
    y_pred = np.where(rng.random(300) < 0.8, y_true, rng.integers(0, 3, 300))
    return y_true, y_pred


# --- plot_confusion_matrix ------------------------------------------------------------------


def test_plot_confusion_matrix_is_scikit_learns_display(predictions):
    y_true, y_pred = predictions
    cm = confusion_matrix(y_true, y_pred)
    disp = plot_confusion_matrix(cm, labels=["a", "b", "c"])
    assert isinstance(disp, ConfusionMatrixDisplay)
    assert_array_equal(disp.im_.get_array(), cm)
    assert [[t.get_text() for t in row] for row in disp.text_] == cm.astype(str).tolist()
    assert all(t.get_fontsize() == TEXT_SIZE for t in disp.text_.ravel())
    assert [t.get_text() for t in disp.ax_.get_xticklabels()] == ["a", "b", "c"]
    assert [t.get_text() for t in disp.ax_.get_yticklabels()] == ["a", "b", "c"]
    assert disp.ax_.get_xlabel() == "Predicted label" and disp.ax_.get_ylabel() == "True label"
    assert disp.im_.colorbar is not None


def test_plot_confusion_matrix_normalised_like_scikit_learn(predictions):
    y_true, y_pred = predictions
    cm = confusion_matrix(y_true, y_pred)
    disp = plot_confusion_matrix(cm, normalize=True)
    expected = confusion_matrix(y_true, y_pred, normalize="true")
    assert_allclose(disp.confusion_matrix, expected)
    assert disp.text_[0, 0].get_text() == f"{expected[0, 0]:.2f}"
    # an empty row stays 0, not NaN
    shown = plot_confusion_matrix([[8, 2], [0, 0]], normalize=True).confusion_matrix
    assert_allclose(shown, [[0.8, 0.2], [0.0, 0.0]])


def test_plot_confusion_matrix_on_given_ax_without_colorbar():
    fig, ax = plt.subplots()
    before = plt.get_fignums()
    disp = plot_confusion_matrix([[1, 0], [0, 1]], ax=ax, colorbar=False)
    assert disp.ax_ is ax and set(plt.get_fignums()) == set(before)
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


# --- plot_per_class_metrics -----------------------------------------------------------------


def test_per_class_metrics_dots_and_intervals(predictions):
    y_true, y_pred = predictions
    table = per_class_metrics(confusion_matrix(y_true, y_pred))
    d = plot_per_class_metrics(table)
    recall = recall_score(y_true, y_pred, average=None)
    precision = precision_score(y_true, y_pred, average=None)
    assert_allclose(d.points_["recall"].lines[0].get_ydata(), recall)
    assert_allclose(d.points_["precision"].lines[0].get_ydata(), precision)
    # 95% intervals: recall over the true samples of a class, precision over its predictions
    n_true, n_pred = np.bincount(y_true), np.bincount(y_pred)
    assert_allclose(d.errors_["recall"], 1.96 * np.sqrt(recall * (1 - recall) / n_true))
    assert_allclose(d.errors_["precision"], 1.96 * np.sqrt(precision * (1 - precision) / n_pred))
    assert d.errors_["f1"] is None
    segments = d.points_["recall"].lines[2][0].get_segments()
    assert_allclose([s[1, 1] - s[0, 1] for s in segments], 2 * d.errors_["recall"])
    assert [t.get_text() for t in d.ax_.get_xticklabels()] == ["0", "1", "2"]
    assert [t.get_text() for t in d.ax_.get_legend().get_texts()] == ["precision", "recall", "f1"]


def test_per_class_metrics_without_support_and_bad_input():
    table = pd.DataFrame({"precision": [0.9, 0.8], "recall": [0.7, 0.85], "f1": [0.79, 0.82]})
    d = plot_per_class_metrics(table)
    assert d.errors_ == {"precision": None, "recall": None, "f1": None}
    with pytest.raises(ValueError, match="missing"):
        plot_per_class_metrics(table[["precision"]])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        plot_per_class_metrics(table.assign(f1=[1.5, 0.2]))


# --- comparisons ------------------------------------------------------------------------------


def test_model_comparison_dots_with_binomial_intervals():
    rng = np.random.default_rng(3)
    n = 2000
    correct = {"raw": rng.random(n) < 0.918, "poly": rng.random(n) < 0.981}
    accuracy = pd.Series({name: c.mean() for name, c in correct.items()})
    d = plot_model_comparison(accuracy, n=n, benchmark=0.975)
    assert_allclose(d.points_.lines[0].get_xdata(), accuracy.to_numpy())
    # oracle: the standard error of a mean of 0/1 outcomes, from NumPy
    se = np.array([np.std(c) / np.sqrt(n) for c in correct.values()])
    assert_allclose(d.errors_, 1.96 * se)
    assert [t.get_text() for t in d.names_] == ["raw", "poly"]
    assert d.names_[0].xy[1] > d.names_[1].xy[1]  # top to bottom in the given order
    assert [t.get_text() for t in d.text_] == [f"{v:.3f}" for v in accuracy]
    assert d.benchmark_line_.get_xdata()[0] == pytest.approx(0.975)
    assert plot_model_comparison(accuracy).errors_ is None


def test_model_comparison_bad_input():
    with pytest.raises(ValueError, match="at least one"):
        plot_model_comparison({})
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        plot_model_comparison({"x": 1.5})
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        plot_model_comparison({"x": 0.5}, n=0)


def test_accuracy_vs_time_points_labels_and_intervals():
    table = pd.DataFrame(
        {"accuracy": [0.9, 0.98], "fit_seconds": [3.0, 20.0]}, index=["plain", "deskew"]
    )
    d = plot_accuracy_vs_time(table, n=10_000)
    assert_allclose(d.points_.lines[0].get_xdata(), [3.0, 20.0])
    assert_allclose(d.points_.lines[0].get_ydata(), [0.9, 0.98])
    assert_allclose(d.errors_, 1.96 * np.sqrt([0.9 * 0.1 / 1e4, 0.98 * 0.02 / 1e4]))
    assert [t.get_text() for t in d.text_] == ["plain", "deskew"]
    assert d.ax_.get_xlim()[0] == 0
    with pytest.raises(ValueError, match="missing"):
        plot_accuracy_vs_time(table[["accuracy"]])


def test_tradeoff_two_axes():
    d = plot_tradeoff([10, 30, 50], [0.8, 0.89, 0.91], [2.0, 4.0, 5.0], n=1000)
    assert_allclose(d.accuracy_.lines[0].get_ydata(), [0.8, 0.89, 0.91])
    assert_allclose(d.seconds_.get_ydata(), [2.0, 4.0, 5.0])
    assert d.time_ax_.get_ylabel() == "fit seconds" and d.time_ax_.get_ylim()[0] == 0
    assert d.time_ax_ in d.figure_.axes
    with pytest.raises(ValueError, match="equal length"):
        plot_tradeoff([1, 2], [0.5], [1.0, 2.0])
