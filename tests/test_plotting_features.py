"""Explained variance and decision boundaries, against scikit-learn."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import make_circles
from sklearn.decomposition import PCA
from sklearn.inspection import DecisionBoundaryDisplay
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

from mnist_tutorial import plot_decision_boundary, plot_explained_variance


def test_explained_variance_curve_and_targets():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 10)) * np.arange(10, 0, -1)
    pca = PCA().fit(X)
    d = plot_explained_variance(pca, targets=(0.5, 0.9))
    cumulative = np.cumsum(pca.explained_variance_ratio_)
    assert_allclose(d.curve_.get_ydata(), cumulative)
    for target, (hline, vline) in d.targets_.items():
        k = int(np.argmax(cumulative >= target)) + 1  # oracle: first k reaching the target
        assert vline.get_xdata()[0] == k
        assert hline.get_ydata()[0] == target
    labels = [t.get_text() for t in d.ax_.get_legend().get_texts()]
    assert labels[0] == f"50%: {int(np.argmax(cumulative >= 0.5)) + 1} components"
    pipe = make_pipeline(PCA(3)).fit(X)
    assert plot_explained_variance(pipe, targets=[0.5]).curve_.get_ydata().size == 3


def test_decision_boundary_regions_follow_the_model():
    X, y = make_circles(200, factor=0.4, noise=0.05, random_state=0)
    model = make_pipeline(PolynomialFeatures(2), LogisticRegression()).fit(X, y)
    d = plot_decision_boundary(model, X, y, resolution=30)
    assert isinstance(d.display_, DecisionBoundaryDisplay)
    assert d.surface_ is d.display_.surface_
    # oracle: the model's own predictions on the display's grid
    grid = np.c_[d.display_.xx0.ravel(), d.display_.xx1.ravel()]
    assert_array_equal(d.display_.response.ravel(), model.predict(grid))
    assert d.display_.xx0.shape == (30, 30)
    for label, points in d.points_.items():
        assert_allclose(points.get_offsets(), X[y == label])
    assert [t.get_text() for t in d.ax_.get_legend().get_texts()] == ["class 0", "class 1"]
    assert d.ax_.get_xlabel() == "$x_1$"


def test_decision_boundary_does_not_fit():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    with pytest.raises(Exception, match="not fitted"):
        plot_decision_boundary(LogisticRegression(), X, [0, 1, 1, 0])


def test_decision_boundary_bad_input():
    X = np.array([[0.0, 0.0], [0.1, 0.2], [1.0, 1.0], [0.9, 1.1]])
    y = np.array([0, 0, 1, 1])
    model = LogisticRegression().fit(X, y)
    with pytest.raises(ValueError, match="X must have shape"):
        plot_decision_boundary(model, np.zeros((4, 3)), y)
    with pytest.raises(ValueError, match="y must have shape"):
        plot_decision_boundary(model, X, y[:3])
    with pytest.raises(ValueError, match="resolution"):
        plot_decision_boundary(model, X, y, resolution=1)
