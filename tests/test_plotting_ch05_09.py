"""Tests of the chapter 6-10 plotting functions: they assert on the drawn objects."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression

from mnist_tutorial.plotting import (
    plot_confusion_examples,
    plot_decision_boundary,
    plot_explained_variance,
    plot_model_comparison,
    plot_pca_components,
    plot_per_class_metrics,
    plot_tradeoff,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_confusion_examples_rows_and_images():
    rng = np.random.default_rng(0)
    images = rng.random((6, 784))
    y_true = ["4", "4", "7", "4", "7", "1"]
    y_pred = ["9", "9", "1", "4", "1", "1"]
    fig = plot_confusion_examples(images, y_true, y_pred, [("4", "9"), ("7", "1")], n_per_pair=3)
    axes = np.array(fig.axes).reshape(2, 3)
    assert axes[0, 0].get_ylabel() == "true 4 → 9"
    assert axes[1, 0].get_ylabel() == "true 7 → 1"
    # row 0 shows images 0 and 1, row 1 images 2 and 4; the third panels are blank
    np.testing.assert_allclose(axes[0, 1].images[0].get_array(), images[1].reshape(28, 28))
    np.testing.assert_allclose(axes[1, 1].images[0].get_array(), images[4].reshape(28, 28))
    assert len(axes[0, 2].images) == 0 and len(axes[1, 2].images) == 0


def test_confusion_examples_into_given_axes_and_errors():
    fig, axes = plt.subplots(1, 2)
    out = plot_confusion_examples(
        np.zeros((2, 64)), [1, 1], [2, 2], [(1, 2)], n_per_pair=2, axes=axes
    )
    assert out is fig and len(axes[1].images) == 1
    with pytest.raises(ValueError, match="same length"):
        plot_confusion_examples(np.zeros((2, 64)), [1], [2, 2], [(1, 2)])
    with pytest.raises(ValueError, match="pairs"):
        plot_confusion_examples(np.zeros((2, 64)), [1, 1], [2, 2], [])
    with pytest.raises(ValueError, match="n_per_pair"):
        plot_confusion_examples(np.zeros((2, 64)), [1, 1], [2, 2], [(1, 2)], n_per_pair=0)


def test_per_class_metrics_bars():
    table = pd.DataFrame(
        {"precision": [0.9, 0.8, 0.95], "recall": [0.7, 0.85, 0.9], "f1": [0.79, 0.82, 0.92]},
        index=pd.Index(["a", "b", "c"], name="class"),
    )
    ax = plot_per_class_metrics(table)
    assert len(ax.containers) == 3
    heights = [[float(b.get_height()) for b in c] for c in ax.containers]
    np.testing.assert_allclose(heights, table[["precision", "recall", "f1"]].T.to_numpy())
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["precision", "recall", "f1"]
    with pytest.raises(ValueError, match="missing"):
        plot_per_class_metrics(table[["precision"]])


def test_explained_variance_curve_and_targets():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 10)) * np.arange(10, 0, -1)
    pca = PCA().fit(X)
    ax = plot_explained_variance(pca, targets=(0.5, 0.9))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), np.cumsum(pca.explained_variance_ratio_))
    cumulative = np.cumsum(pca.explained_variance_ratio_)
    k50 = int(np.argmax(cumulative >= 0.5)) + 1
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == f"50%: {k50} components"
    assert len(labels) == 2


def test_pca_components_symmetric_colour_scale():
    comps = np.zeros((2, 64))
    comps[0, 3], comps[1, 5] = -2.0, 0.5
    fig = plot_pca_components(comps, n_cols=2)
    im = fig.axes[0].images[0]
    assert im.get_clim() == (-2.0, 2.0)
    assert fig.axes[1].images[0].get_clim() == (-0.5, 0.5)
    assert im.get_cmap().name == "RdBu_r"


def test_decision_boundary_regions_follow_model():
    X = np.array([[0.0, 0.0], [0.1, 0.2], [1.0, 1.0], [0.9, 1.1]])
    y = np.array([0, 0, 1, 1])
    model = LogisticRegression().fit(X, y)
    ax = plot_decision_boundary(model, X, y, resolution=30)
    assert ax.get_xlabel() == "$x_1$"
    # one filled contour set plus one scatter per class
    assert len(ax.collections) >= 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]
    with pytest.raises(ValueError, match="shape"):
        plot_decision_boundary(model, np.zeros((4, 3)), y)
    with pytest.raises(ValueError, match="resolution"):
        plot_decision_boundary(model, X, y, resolution=1)


def test_tradeoff_two_axes():
    ax = plot_tradeoff([10, 30, 50], [0.8, 0.89, 0.91], [2.0, 4.0, 5.0])
    twin = ax.figure.axes[-1]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0.8, 0.89, 0.91])
    np.testing.assert_allclose(twin.lines[0].get_ydata(), [2.0, 4.0, 5.0])
    assert twin.get_ylabel() == "fit seconds"
    with pytest.raises(ValueError, match="equal length"):
        plot_tradeoff([1, 2], [0.5], [1.0, 2.0])


def test_model_comparison_bars_and_benchmark():
    acc = pd.Series({"raw": 0.918, "poly": 0.981})
    ax = plot_model_comparison(acc, benchmark=0.975)
    widths = [p.get_width() for p in ax.patches]
    np.testing.assert_allclose(widths, [0.918, 0.981])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["raw", "poly"]
    # the bar above the benchmark is coloured differently
    assert ax.patches[0].get_facecolor() != ax.patches[1].get_facecolor()
    assert ax.lines[0].get_xdata()[0] == pytest.approx(0.975)
    with pytest.raises(ValueError, match="at least one"):
        plot_model_comparison({})
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        plot_model_comparison({"x": 1.5})
