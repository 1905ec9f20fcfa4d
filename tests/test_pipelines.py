"""Tests of mnist_tutorial.pipelines (factories and PCA helpers) against scikit-learn."""

from math import comb

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler

import mnist_tutorial as mt
from mnist_tutorial.pca import n_components_for_variance as components_for_variance
from mnist_tutorial.pca import pca_reconstruction as reconstruct
from mnist_tutorial.pipelines import (
    make_pca,
    make_pca_lr,
    make_poly_lr,
    make_scaled_lr,
    make_scaler,
    n_poly_features,
)


@pytest.fixture(scope="module")
def digits():
    bunch = mt.load_digits()
    return bunch.data.astype(np.float64), bunch.target


def test_make_scaler_kinds_and_error():
    assert isinstance(make_scaler("standard"), StandardScaler)
    assert isinstance(make_scaler("minmax"), MinMaxScaler)
    with pytest.raises(ValueError, match="kind must be one of 'standard', 'minmax'"):
        make_scaler("robust")
    with pytest.raises(ValueError, match="scaler must be one of"):
        make_scaled_lr("Standard")


def test_factories_steps_and_params():
    pipe = make_scaled_lr("standard", max_iter=1000, class_weight="balanced")
    assert list(pipe.named_steps) == ["scaler", "logreg"]
    assert pipe.named_steps["logreg"].get_params()["class_weight"] == "balanced"
    pipe = make_pca_lr(30, scaler=None, C=0.5)
    assert list(pipe.named_steps) == ["pca", "logreg"]
    assert pipe.named_steps["pca"].n_components == 30
    pipe = make_poly_lr(80, C=0.1, tol=1e-3)
    assert list(pipe.named_steps) == ["scaler", "pca", "poly", "logreg"]
    poly = pipe.named_steps["poly"]
    assert poly.degree == 2 and poly.include_bias is False
    assert isinstance(pipe.named_steps["scaler"], MinMaxScaler)
    assert pipe.named_steps["logreg"].tol == 1e-3


def test_factories_are_deterministic_for_the_cache():
    """Same call, same parameters: the fit cache key depends on them."""
    from mnist_tutorial.cache import _cache_key

    X, y = np.zeros((4, 3)), np.array([0, 1, 0, 1])
    a = _cache_key(make_poly_lr(30, C=0.1), X, y)
    b = _cache_key(make_poly_lr(30, C=0.1), X, y)
    c = _cache_key(make_poly_lr(31, C=0.1), X, y)
    assert a == b != c


@pytest.mark.parametrize("bad", [0, -3, 2.5, True, "5"])
def test_factories_reject_bad_n_components(bad):
    with pytest.raises((TypeError, ValueError), match="n_components"):
        make_pca_lr(bad)
    with pytest.raises((TypeError, ValueError), match="n_components"):
        make_poly_lr(bad)


def test_poly_pipeline_fits_like_manual_sklearn(digits):
    X, y = digits
    X, y = X[:300], y[:300]
    pipe = make_poly_lr(8, max_iter=300).fit(X, y)
    Z = MinMaxScaler().fit_transform(X)
    Z = PCA(8, random_state=42).fit_transform(Z)
    Z = PolynomialFeatures(2, include_bias=False).fit_transform(Z)
    manual = LogisticRegression(max_iter=300).fit(Z, y)
    assert pipe[-1].coef_.shape == (10, 44)
    np.testing.assert_allclose(pipe.predict_proba(X), manual.predict_proba(Z), atol=1e-6)


@pytest.mark.parametrize(("n", "degree"), [(1, 1), (2, 2), (30, 2), (80, 2), (5, 3)])
def test_n_poly_features_matches_formula(n, degree):
    assert n_poly_features(n, degree) == comb(n + degree, degree) - 1
    assert n_poly_features(30) == 495


def test_n_poly_features_bad_input():
    with pytest.raises(ValueError, match="n_features"):
        n_poly_features(0)
    with pytest.raises(ValueError, match="degree"):
        n_poly_features(3, degree=0)


def test_components_for_variance_matches_cumsum(digits):
    X, _ = digits
    pca = PCA().fit(X)
    for target in [0.5, 0.9, 0.95, 0.99, 1.0]:
        k = components_for_variance(pca, target)
        cumulative = np.cumsum(pca.explained_variance_ratio_)
        assert cumulative[k - 1] >= target - 1e-12
        if k > 1:
            assert cumulative[k - 2] < target
    pipe = clone(make_pca(scaler="standard")).fit(X)
    assert components_for_variance(pipe, 0.9) == components_for_variance(
        pipe.named_steps["pca"].explained_variance_ratio_, 0.9
    )


def test_components_for_variance_bad_input():
    with pytest.raises(ValueError, match="target"):
        components_for_variance([0.5, 0.5], 0)
    with pytest.raises(ValueError, match="target"):
        components_for_variance([0.5, 0.5], 1.5)
    with pytest.raises(ValueError, match="less than target"):
        components_for_variance([0.5, 0.3], 0.9)
    with pytest.raises(ValueError, match="not fitted"):
        components_for_variance(PCA(), 0.9)
    with pytest.raises(ValueError, match="1-D"):
        components_for_variance(np.ones((2, 2)) / 4, 0.9)


def test_reconstruct_matches_sklearn_inverse_transform(digits):
    X, _ = digits
    full = PCA().fit(X)
    small = PCA(n_components=10, svd_solver="full").fit(X)  # exact (1.3's "auto" is randomized)
    np.testing.assert_allclose(
        reconstruct(full, X[:20], 10),
        small.inverse_transform(small.transform(X[:20])),
        atol=1e-8,
    )
    np.testing.assert_allclose(reconstruct(full, X[:20], 64), X[:20], atol=1e-8)


def test_reconstruct_pipeline_undoes_the_scaler(digits):
    X, _ = digits
    pipe = make_pca().fit(X)
    scaler, pca = pipe.named_steps["scaler"], pipe.named_steps["pca"]
    k = 12
    expected = scaler.transform(X[:5])
    expected = (expected - pca.mean_) @ pca.components_[:k].T @ pca.components_[:k] + pca.mean_
    np.testing.assert_allclose(
        reconstruct(pipe, X[:5], k), scaler.inverse_transform(expected), atol=1e-9
    )
    # more components, smaller error
    errors = [np.mean((reconstruct(pipe, X, k) - X) ** 2) for k in (5, 20, 40)]
    assert errors[0] > errors[1] > errors[2]


def test_reconstruct_bad_input(digits):
    X, _ = digits
    pca = PCA(n_components=5).fit(X)
    with pytest.raises(ValueError, match="more than"):
        reconstruct(pca, X, 6)
    with pytest.raises(ValueError, match="shape"):
        reconstruct(pca, X[:, :10], 2)
    with pytest.raises(TypeError, match="fitted PCA"):
        reconstruct(PCA(), X, 2)
    with pytest.raises(ValueError, match="n_components"):
        reconstruct(pca, X, 0)
    with pytest.raises(ValueError, match="Pipeline"):
        reconstruct(make_pca_lr(3).fit(X[:200], np.arange(200) % 2), X, 2)


@pytest.mark.slow
def test_book_best_pipeline_beats_the_tutorial():
    """Chapter 10's best model (from the real fit cache) beats the tutorial's 0.9805."""
    _, X_test, _, y_test = mt.mnist_split()
    model = mt.fit_model("pca60-poly2-c0.1")
    assert model.score(X_test, y_test) > 0.9805
