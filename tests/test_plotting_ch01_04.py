"""Tests for the chapter 1-5 plotting functions: assertions on the drawn objects."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from mnist_tutorial import (
    plot_class_counts,
    plot_pixel_histogram,
    plot_pixel_map,
    plot_simulation,
    simulate_logistic,
    stable_sigmoid,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_plot_class_counts_bars_and_labels():
    counts = pd.Series([3, 10, 7], index=["0", "1", "2"])
    ax = plot_class_counts(counts)
    assert [p.get_height() for p in ax.patches] == [3, 10, 7]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2"]
    assert [t.get_text() for t in ax.texts] == ["3", "10", "7"]
    assert ax.get_ylabel() == "number of images"


def test_plot_class_counts_uses_given_ax_and_rejects_bad_input():
    _, ax = plt.subplots()
    assert plot_class_counts({"a": 1}, ax=ax) is ax
    with pytest.raises(ValueError, match="at least one"):
        plot_class_counts({})
    with pytest.raises(ValueError, match="non-negative"):
        plot_class_counts({"a": -1})


def test_plot_pixel_histogram_counts_match_numpy():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 256, (20, 784))
    ax = plot_pixel_histogram(X, bins=8)
    expected, _ = np.histogram(X.ravel(), bins=8)
    assert [p.get_height() for p in ax.patches] == expected.tolist()
    assert ax.get_yscale() == "log"


def test_plot_pixel_histogram_bad_input():
    with pytest.raises(ValueError, match="empty"):
        plot_pixel_histogram([])
    with pytest.raises(ValueError, match="bins"):
        plot_pixel_histogram([1, 2], bins=0)


def test_plot_pixel_map_draws_the_values():
    values = np.linspace(0, 1, 784)
    ax = plot_pixel_map(values, label="share of images")
    np.testing.assert_allclose(ax.images[0].get_array(), values.reshape(28, 28))
    assert len(ax.figure.axes) == 2  # the colour bar
    assert ax.figure.axes[1].get_ylabel() == "share of images"
    ax2 = plot_pixel_map(values, colorbar=False)
    assert len(ax2.figure.axes) == 1
    with pytest.raises(ValueError, match="single image"):
        plot_pixel_map(np.zeros((2, 784)))


def test_plot_simulation_curve_points_and_boundary():
    sim = simulate_logistic(50, 3, random_state=1)
    ax = plot_simulation(sim.X, sim.weights, sim.bias)
    norm = np.linalg.norm(sim.weights)
    t = sim.X @ sim.weights / norm
    # the points sit on the model's probabilities
    offsets = np.vstack([c.get_offsets() for c in ax.collections])
    np.testing.assert_allclose(np.sort(offsets[:, 0]), np.sort(t))
    np.testing.assert_allclose(np.sort(offsets[:, 1]), np.sort(sim.y_hat))
    # the curve is sigmoid(||w|| t + b) and the boundary is where it crosses 0.5
    curve = ax.lines[0]
    np.testing.assert_allclose(
        curve.get_ydata(), stable_sigmoid(norm * curve.get_xdata() + sim.bias)
    )
    assert ax.lines[2].get_xdata()[0] == pytest.approx(-sim.bias / norm)


def test_plot_simulation_scaled_weights_are_steeper():
    base = simulate_logistic(50, 3, random_state=1)
    steep = simulate_logistic(50, 3, weight_scale=4.0, random_state=1)
    a = plot_simulation(base.X, base.weights, base.bias, t_range=(-1, 1))
    b = plot_simulation(steep.X, steep.weights, steep.bias, t_range=(-1, 1))
    slope = [np.ptp(ax.lines[0].get_ydata()) for ax in (a, b)]
    assert slope[1] > slope[0]


def test_plot_simulation_bad_input():
    X = np.zeros((4, 2))
    with pytest.raises(ValueError, match="weights must have shape"):
        plot_simulation(X, [1.0, 2.0, 3.0], 0.0)
    with pytest.raises(ValueError, match="all zero"):
        plot_simulation(X, [0.0, 0.0], 0.0)
    with pytest.raises(ValueError, match="threshold"):
        plot_simulation(X, [1.0, 0.0], 0.0, threshold=1.0)
    with pytest.raises(ValueError, match="X must have shape"):
        plot_simulation(np.zeros(4), [1.0], 0.0)
