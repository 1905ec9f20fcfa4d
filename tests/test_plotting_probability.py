"""The sigmoid, the simulated model and class probabilities: oracle scipy's expit/logit."""

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.special import expit, logit

from mnist_tutorial import plot_probabilities, plot_sigmoid, plot_simulation, simulate_logistic


def test_plot_sigmoid_curve_and_threshold():
    d = plot_sigmoid(threshold=0.8, z_range=(-6.0, 6.0))
    z = d.curve_.get_xdata()
    assert z[0] == -6.0 and z[-1] == 6.0
    assert_allclose(d.curve_.get_ydata(), expit(z), rtol=1e-14)
    assert tuple(d.threshold_line_.get_ydata()) == (0.8, 0.8)
    assert d.cut_line_.get_xdata()[0] == pytest.approx(logit(0.8))
    assert "threshold 0.8" in [t.get_text() for t in d.ax_.get_legend().get_texts()]
    assert d.ax_.get_xlim() == (-6.0, 6.0)
    assert d.points_ == {}


def test_plot_sigmoid_points_are_split_at_the_threshold():
    z = np.array([-2.0, -0.1, 0.5, 3.0])
    _, ax = plt.subplots()
    before = plt.get_fignums()
    d = plot_sigmoid(ax=ax, points=(z, expit(z)), threshold=0.7)
    assert d.ax_ is ax and set(plt.get_fignums()) == set(before)
    assert_allclose(d.points_[1].get_offsets(), [[3.0, expit(3.0)]])
    assert_allclose(d.points_[0].get_offsets()[:, 0], [-2.0, -0.1, 0.5])


def test_plot_sigmoid_threshold_outside_the_range_has_no_cut_line():
    assert plot_sigmoid(threshold=0.999, z_range=(-2.0, 2.0)).cut_line_ is None


@pytest.mark.parametrize("threshold", [0.0, 1.0, -0.1, 1.5, float("nan"), "0.5"])
def test_plot_sigmoid_rejects_threshold_outside_0_1(threshold):
    with pytest.raises(ValueError, match="threshold must be strictly between 0 and 1"):
        plot_sigmoid(threshold=threshold)


def test_plot_sigmoid_other_bad_input():
    with pytest.raises(ValueError, match="z_range"):
        plot_sigmoid(z_range=(3.0, -3.0))
    with pytest.raises(ValueError, match="points: z and probabilities differ in shape"):
        plot_sigmoid(points=([0.0, 1.0], [0.5]))


def test_plot_simulation_curve_points_and_boundary():
    sim = simulate_logistic(50, 3, random_state=1)
    d = plot_simulation(sim.X, sim.weights, sim.bias)
    norm = np.linalg.norm(sim.weights)
    t = sim.X @ sim.weights / norm
    # the points sit on the model's probabilities (oracle: expit of the scores)
    offsets = np.vstack([d.points_[1].get_offsets(), d.points_[0].get_offsets()])
    assert_allclose(np.sort(offsets[:, 0]), np.sort(t))
    assert_allclose(np.sort(offsets[:, 1]), np.sort(expit(sim.X @ sim.weights + sim.bias)))
    assert np.all(d.points_[1].get_offsets()[:, 1] >= 0.5)
    # the curve is expit(||w|| t + b) and the boundary is where it crosses 0.5
    x = d.curve_.get_xdata()
    assert_allclose(d.curve_.get_ydata(), expit(norm * x + sim.bias))
    assert d.boundary_line_.get_xdata()[0] == pytest.approx(-sim.bias / norm)


def test_plot_simulation_scaled_weights_are_steeper_and_legend_optional():
    base = simulate_logistic(50, 3, random_state=1)
    steep = simulate_logistic(50, 3, weight_scale=4.0, random_state=1)
    a = plot_simulation(base.X, base.weights, base.bias, t_range=(-1, 1), title="base")
    b = plot_simulation(steep.X, steep.weights, steep.bias, t_range=(-1, 1), legend=False)
    assert np.ptp(b.curve_.get_ydata()) > np.ptp(a.curve_.get_ydata())
    assert a.ax_.get_title() == "base"
    assert a.ax_.get_legend() is not None and b.ax_.get_legend() is None


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
    with pytest.raises(ValueError, match="t_range"):
        plot_simulation(X, [1.0, 0.0], 0.0, t_range=(1.0, 1.0))


def test_plot_probabilities_bars_and_highlight():
    p = np.array([0.05, 0.1, 0.6, 0.25])
    d = plot_probabilities(p, classes=["w", "x", "y", "z"])
    assert_allclose([bar.get_height() for bar in d.bars_], p)
    colours = [mcolors.to_hex(bar.get_facecolor()) for bar in d.bars_]
    assert colours[2] == mcolors.to_hex("C1")
    assert set(colours[:2] + colours[3:]) == {mcolors.to_hex("C0")}
    assert [t.get_text() for t in d.ax_.get_xticklabels()] == ["w", "x", "y", "z"]
    assert d.ax_.get_ylim()[0] == 0


@pytest.mark.parametrize(
    "p, classes, match",
    [
        ([], None, "empty"),
        ([0.5, 1.5], None, "between 0 and 1"),
        ([-0.1, 0.5], None, "between 0 and 1"),
        ([np.nan, 0.5], None, "probabilities must hold finite numbers"),
        ([0.3, 0.7], ["a"], "classes has 1 entries but 2 probabilities"),
    ],
)
def test_plot_probabilities_bad_input(p, classes, match):
    with pytest.raises(ValueError, match=match):
        plot_probabilities(p, classes)
