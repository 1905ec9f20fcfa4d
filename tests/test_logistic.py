"""mnist_tutorial.logistic against SciPy and NumPy (pytest turns any warning into an error)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import expit
from scipy.special import softmax as sp_softmax

from mnist_tutorial import logistic, sigmoid_naive, simulate_logistic
from mnist_tutorial import stable_sigmoid as sigmoid
from mnist_tutorial import stable_softmax as softmax

TINY = np.finfo(np.float64).smallest_subnormal
EXTREMES = np.array(
    [
        -np.inf,
        -1e308,
        -1000.0,
        -745.2,
        -709.8,
        -40.0,
        -1.0,
        -TINY,
        -0.0,
        0.0,
        TINY,
        1.0,
        36.0,
        709.8,
        1000.0,
        1e308,
        np.inf,
    ]
)


# --- sigmoid ---------------------------------------------------------------------------------


# SciPy's expit flushes results below the smallest normal float (about 2.2e-308, z < -708)
# to 0, where sigmoid keeps the subnormal value exp(z): compare with that absolute margin,
# and check the far tail against exp(z) itself (for z < -40, 1 + exp(z) == 1 in float64).
NORMAL = np.finfo(np.float64).tiny


def test_sigmoid_matches_expit_on_a_wide_grid():
    z = np.concatenate([np.linspace(-800, 800, 20001), EXTREMES])
    assert_allclose(sigmoid(z), expit(z), rtol=1e-14, atol=NORMAL)


def test_sigmoid_far_left_tail_is_exp():
    z = np.linspace(-745, -40, 5001)
    assert_allclose(sigmoid(z), np.exp(z), rtol=1e-14, atol=0)


def test_sigmoid_extremes_are_exact_and_silent():
    # pytest runs with filterwarnings=error: an overflow warning would fail this test.
    out = sigmoid(EXTREMES)
    assert_allclose(out, expit(EXTREMES), rtol=1e-15, atol=NORMAL)
    assert out[0] == 0.0 and out[-1] == 1.0
    assert sigmoid(-1000.0) == 0.0
    assert sigmoid(1000.0) == 1.0
    assert sigmoid(-0.0) == 0.5
    assert sigmoid(TINY) == 0.5
    # the tail below -709 keeps its tiny, positive values (no underflow to 0 too early)
    assert sigmoid(-700.0) == pytest.approx(expit(-700.0), rel=1e-14)
    assert sigmoid(-700.0) > 0


def test_sigmoid_is_symmetric():
    z = np.linspace(-30, 30, 601)
    assert_allclose(sigmoid(z) + sigmoid(-z), 1.0, rtol=0, atol=1e-15)


@pytest.mark.parametrize("z", [0.0, 2, np.float32(1.5), np.int64(-3), np.array(0.7), True])
def test_sigmoid_scalar_in_gives_python_float_out(z):
    out = sigmoid(z)
    assert type(out) is float
    assert out == pytest.approx(float(expit(float(z))), rel=1e-15)


@pytest.mark.parametrize("shape", [(0,), (5,), (2, 3), (2, 0, 4), (3, 1, 2)])
def test_sigmoid_preserves_shape(shape):
    z = np.random.default_rng(0).normal(scale=10, size=shape)
    out = sigmoid(z)
    assert isinstance(out, np.ndarray)
    assert out.shape == shape
    assert out.dtype == np.float64
    assert_allclose(out, expit(z), rtol=1e-14)


def test_sigmoid_accepts_lists_and_does_not_modify_input():
    z = np.array([-2.0, 0.0, 2.0])
    before = z.copy()
    assert_allclose(sigmoid(z.tolist()), expit(before), rtol=1e-15)
    sigmoid(z)
    assert_array_equal(z, before)


def test_sigmoid_nan_gives_nan_like_expit():
    out = sigmoid(np.array([np.nan, 0.0, -np.nan]))
    assert np.isnan(out[0]) and np.isnan(out[2])
    assert out[1] == 0.5
    assert np.isnan(sigmoid(float("nan")))


@pytest.mark.parametrize(
    "bad", ["1.5", "abc", None, [1.0, None], 1 + 2j, np.array([1 + 0j]), {"a": 1}, [[1, 2], [3]]]
)
def test_sigmoid_rejects_non_numeric_input(bad):
    with pytest.raises(TypeError, match="z must be a number"):
        sigmoid(bad)


def test_sigmoid_naive_agrees_in_range_and_warns_at_minus_1000():
    z = np.linspace(-30, 30, 61)
    assert_allclose(sigmoid_naive(z), expit(z), rtol=1e-13)
    with pytest.warns(RuntimeWarning, match="overflow"):
        out = sigmoid_naive(-1000.0)
    assert out == 0.0
    assert type(sigmoid_naive(0.0)) is float


# --- softmax ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_matches_scipy_row_wise(seed):
    Z = np.random.default_rng(seed).normal(scale=5, size=(50, 10))
    P = softmax(Z)
    assert P.shape == Z.shape
    assert_allclose(P, sp_softmax(Z, axis=1), rtol=1e-13)
    assert_allclose(P.sum(axis=1), 1.0, rtol=0, atol=1e-14)


def test_softmax_is_stable_for_huge_scores():
    Z = np.array([[1e300, 1e300, 0.0], [1000.0, 999.0, -1000.0], [-1e300, -1e300, -1e300]])
    P = softmax(Z)
    assert np.all(np.isfinite(P))
    assert_allclose(P, sp_softmax(Z, axis=1), rtol=1e-13)
    assert_allclose(P[0], [0.5, 0.5, 0.0])
    assert_allclose(P[2], [1 / 3] * 3)


def test_softmax_is_shift_invariant_and_does_not_modify_input():
    Z = np.random.default_rng(3).normal(size=(4, 5))
    before = Z.copy()
    assert_allclose(softmax(Z), softmax(Z + 123.0), rtol=1e-12)
    assert_array_equal(Z, before)


def test_softmax_1d_is_one_row():
    z = [1.0, 2.0, 3.0]
    p = softmax(z)
    assert p.shape == (3,)
    assert_allclose(p, sp_softmax(z), rtol=1e-14)
    assert_allclose(softmax([[1.0, 2.0, 3.0]])[0], p, rtol=0, atol=0)


def test_softmax_single_class_is_one():
    assert_array_equal(softmax(np.full((4, 1), 3.0)), np.ones((4, 1)))


@pytest.mark.parametrize(
    "bad, match",
    [
        (np.zeros((2, 2, 2)), "1-D or 2-D"),
        (np.float64(3.0), "1-D or 2-D"),
        (np.zeros((0, 3)), "at least one"),
        (np.zeros((3, 0)), "at least one"),
        (np.zeros(0), "at least one"),
        ([[1.0, np.nan]], "NaN"),
        ([[1.0, np.inf]], "infinite"),
    ],
)
def test_softmax_rejects_bad_shapes_and_values(bad, match):
    with pytest.raises(ValueError, match=match):
        softmax(bad)


def test_softmax_rejects_non_numeric():
    with pytest.raises(TypeError, match="Z must be"):
        softmax([["a", "b"]])


# --- simulate_logistic -----------------------------------------------------------------------


def test_simulate_logistic_follows_the_documented_draws():
    sim = simulate_logistic(40, 3, weight_scale=2.5, bias_shift=-1.5, random_state=7)
    rng = np.random.default_rng(7)
    X = rng.standard_normal((40, 3))
    w = rng.standard_normal(3)
    b = float(rng.standard_normal())
    assert_array_equal(sim.X, X)
    assert_array_equal(sim.weights, w * 2.5)
    assert sim.bias == b - 1.5
    assert isinstance(sim.bias, float)
    assert_allclose(sim.z, X @ (w * 2.5) + (b - 1.5), rtol=1e-14)
    assert_allclose(sim.y_hat, expit(sim.z), rtol=1e-14)
    assert sim.X.shape == (40, 3) and sim.z.shape == (40,) and sim.y_hat.shape == (40,)
    assert np.all((sim.y_hat > 0) & (sim.y_hat < 1))


def test_simulate_logistic_is_reproducible_and_seeds_differ():
    a = simulate_logistic(20, 2, random_state=0)
    b = simulate_logistic(20, 2, random_state=0)
    c = simulate_logistic(20, 2, random_state=1)
    for key in ("X", "weights", "z", "y_hat"):
        assert_array_equal(a[key], b[key])
    assert a.bias == b.bias
    assert not np.array_equal(a.X, c.X)
    assert not np.array_equal(a.weights, c.weights)


def test_simulate_logistic_weight_scale_and_bias_shift():
    base = simulate_logistic(30, 4, random_state=5)
    steep = simulate_logistic(30, 4, weight_scale=3.0, random_state=5)
    shifted = simulate_logistic(30, 4, bias_shift=2.0, random_state=5)
    assert_array_equal(steep.X, base.X)
    assert_allclose(steep.weights, 3.0 * base.weights, rtol=1e-15)
    assert steep.bias == base.bias
    assert_allclose(shifted.z, base.z + 2.0, rtol=1e-13)
    assert_array_equal(shifted.weights, base.weights)
    flat = simulate_logistic(30, 4, weight_scale=0.0, random_state=5)
    assert_allclose(flat.y_hat, expit(base.bias), rtol=1e-15)


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10", None, np.float64(3.0)])
def test_simulate_logistic_rejects_bad_sizes(bad):
    with pytest.raises((TypeError, ValueError), match="n_samples must be a positive integer"):
        simulate_logistic(bad, 2, random_state=0)
    with pytest.raises((TypeError, ValueError), match="n_features must be a positive integer"):
        simulate_logistic(5, bad, random_state=0)


def test_simulate_logistic_accepts_numpy_integers():
    sim = simulate_logistic(np.int64(5), np.int32(2), random_state=0)
    assert sim.X.shape == (5, 2)


def test_module_exports():
    assert set(logistic.__all__) == {
        "sigmoid_naive",
        "simulate_logistic",
        "stable_sigmoid",
        "stable_softmax",
    }
