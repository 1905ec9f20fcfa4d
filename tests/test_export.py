"""mnist_tutorial.export: model parameters for the browser, MNIST-style preprocessing."""

from __future__ import annotations

import copy
import json
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, PolynomialFeatures, StandardScaler

from mnist_tutorial import (
    Deskew,
    center_and_scale,
    deskew,
    export_model,
    load_mnist,
    make_deskew_lr,
    make_model,
    make_poly_lr,
)


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return X[:600], y[:600].astype(str), X[600:700]


def _proba_from_params(params, X):
    """What draw.js computes, in NumPy: softmax(coef @ (x * mul + add) + intercept)."""
    params = json.loads(json.dumps(params))  # exactly what the page receives
    scaled = np.asarray(X) * params["scale_mul"] + params["scale_add"]
    scores = scaled @ np.array(params["coef"]).T + params["intercept"]
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("scaler", [None, MinMaxScaler(), StandardScaler(), MaxAbsScaler()])
def test_exported_parameters_reproduce_predict_proba(digits, scaler):
    X, y, X_new = digits
    clf = LogisticRegression(max_iter=2000)
    model = clf if scaler is None else Pipeline([("scale", scaler), ("logreg", clf)])
    model.fit(X, y)
    params = export_model(model)
    assert params["kind"] == "linear"
    assert params["classes"] == [str(c) for c in range(10)]
    assert params["n_features"] == 64
    assert len(params["coef"]) == 10 and all(len(row) == 64 for row in params["coef"])
    assert all(isinstance(v, float) for v in params["scale_mul"] + params["intercept"])
    assert_allclose(_proba_from_params(params, X_new), model.predict_proba(X_new), atol=1e-12)


def test_export_rejects_what_it_cannot_run(digits):
    X, y, _ = digits
    with pytest.raises(ValueError, match="fitted"):
        export_model(LogisticRegression())
    binary = LogisticRegression(max_iter=2000).fit(X, y == "1")
    with pytest.raises(ValueError, match="3 classes"):
        export_model(binary)
    pca = Pipeline([("pca", PCA(5)), ("logreg", LogisticRegression(max_iter=2000))]).fit(X, y)
    with pytest.raises(TypeError, match="scaler"):
        export_model(pca)
    with pytest.raises(TypeError, match="LogisticRegression"):
        export_model(MinMaxScaler().fit(X))


@pytest.mark.parametrize("solver", ["lbfgs", "newton-cg", "sag", "saga"])
def test_every_multinomial_solver_exports_exactly(digits, solver):
    """Every solver that fits a multinomial model is accepted and reproduced exactly."""
    X, y, X_new = digits
    model = Pipeline(
        [("scale", MinMaxScaler()), ("logreg", LogisticRegression(solver=solver, max_iter=3000))]
    )
    with warnings.catch_warnings():  # sag/saga may stop before converging: not the point
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    params = export_model(model)
    assert_allclose(_proba_from_params(params, X_new), model.predict_proba(X_new), atol=1e-12)


class _OneVsRestProba(LogisticRegression):
    """A multinomial fit whose probabilities are one-vs-rest's normalised sigmoids: what
    ``multi_class="ovr"`` gave on scikit-learn < 1.7, on every version."""

    def predict_proba(self, X):
        scores = self.decision_function(X)
        sig = 1 / (1 + np.exp(-scores))
        return sig / sig.sum(axis=1, keepdims=True)


def test_export_refuses_probabilities_that_are_not_a_softmax(digits):
    X, y, _ = digits
    model = _OneVsRestProba(max_iter=2000).fit(X, y)
    with pytest.raises(ValueError, match="not a softmax"):
        export_model(model)
    with pytest.raises(ValueError, match="not a softmax"):
        export_model(Pipeline([("scale", MinMaxScaler().fit(X)), ("logreg", model)]))


@pytest.mark.skipif(
    "multi_class" not in LogisticRegression().get_params(),
    reason="this scikit-learn has no multi_class (one-vs-rest needs OneVsRestClassifier)",
)
@pytest.mark.parametrize("params", [{"multi_class": "ovr"}, {"solver": "liblinear"}])
def test_export_refuses_one_vs_rest_logistic_regression(digits, params):
    """On scikit-learn < 1.7 a LogisticRegression can be one-vs-rest: refused."""
    X, y, _ = digits
    with warnings.catch_warnings():  # multi_class is deprecated from 1.5
        warnings.simplefilter("ignore", FutureWarning)
        model = LogisticRegression(max_iter=2000, **params).fit(X, y)
    with pytest.raises(ValueError, match="one-vs-rest"):
        export_model(model)


def test_export_refuses_wrappers_unfitted_steps_and_non_finite_numbers(digits):
    X, y, _ = digits
    ovr = OneVsRestClassifier(LogisticRegression(max_iter=2000)).fit(X, y)
    with pytest.raises(TypeError, match="LogisticRegression"):
        export_model(ovr)
    with pytest.raises(ValueError, match="fitted"):
        export_model(Pipeline([("scale", StandardScaler()), ("logreg", LogisticRegression())]))
    half = Pipeline([("scale", StandardScaler().fit(X)), ("logreg", LogisticRegression())])
    with pytest.raises(ValueError, match="fitted"):
        export_model(half)
    with pytest.raises(ValueError, match="fitted"):
        export_model(make_deskew_lr(5, degree=2))
    broken = LogisticRegression(max_iter=2000).fit(X, y)
    broken.coef_ = broken.coef_.copy()
    broken.coef_[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN or infinite"):
        export_model(broken)
    scaled = Pipeline([("scale", MaxAbsScaler()), ("logreg", LogisticRegression(max_iter=2000))])
    scaled.fit(X, y)
    scaled[0].scale_ = np.where(np.arange(64) == 0, np.nan, scaled[0].scale_)
    with pytest.raises(ValueError, match="scale_mul hold NaN or infinite"):
        export_model(scaled)
    with pytest.raises(TypeError, match="model must be"):
        export_model("model")


# --- the best pipeline: Deskew -> MinMaxScaler -> PCA -> PolynomialFeatures -> LR ---------------

N_COMPONENTS = 12


@pytest.fixture(scope="module")
def mnist_small():
    """A few hundred MNIST images: training, new images, labels."""
    data = load_mnist(as_frame=False)
    X, y = data.data[:700], data.target[:700]
    return X[:400], y[:400], X[400:]


@pytest.fixture(scope="module")
def small_best(mnist_small):
    """The best pipeline's shape, smaller (fast): PCA(12), degree 2, on 400 images."""
    X, y, _ = mnist_small
    return make_deskew_lr(N_COMPONENTS, degree=2, C=0.1, max_iter=1000).fit(X, y)


def _proba_from_best_params(params, X, *, deskew_first=True):
    """What draw.js computes for "deskew_pca_poly2", in NumPy, from the JSON alone."""
    params = json.loads(json.dumps(params))  # exactly what the page receives
    X = np.asarray(X, dtype=float)
    if deskew_first:
        X = deskew(X.reshape(len(X), *params["image_shape"])).reshape(len(X), -1)
    scaled = X * params["scale_mul"] + params["scale_add"]
    z = (scaled - params["pca_mean"]) @ np.array(params["pca_components"]).T
    features = np.column_stack([np.prod(z[:, term], axis=1) for term in params["poly_terms"]])
    scores = features @ np.array(params["coef"]).T + params["intercept"]
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def test_best_pipeline_export_reproduces_predict_proba(mnist_small, small_best):
    _, _, X_new = mnist_small
    params = export_model(small_best)
    assert params["kind"] == "deskew_pca_poly2"
    assert params["classes"] == [str(c) for c in range(10)]
    assert params["n_features"] == 784 and params["image_shape"] == [28, 28]
    assert len(params["scale_mul"]) == len(params["scale_add"]) == len(params["pca_mean"]) == 784
    assert np.shape(params["pca_components"]) == (N_COMPONENTS, 784)
    n_poly = N_COMPONENTS + N_COMPONENTS * (N_COMPONENTS + 1) // 2
    assert np.shape(params["coef"]) == (10, n_poly) and len(params["intercept"]) == 10
    # sklearn's order: the components, then z_i * z_j for i <= j
    pairs = [[i, j] for i in range(N_COMPONENTS) for j in range(i, N_COMPONENTS)]
    assert params["poly_terms"] == [[i] for i in range(N_COMPONENTS)] + pairs
    assert all(isinstance(v, float) for v in params["pca_mean"] + params["intercept"])
    expected = small_best.predict_proba(X_new)
    assert_allclose(_proba_from_best_params(params, X_new), expected, rtol=0, atol=1e-9)
    # the comparison can fail: leaving out the deskewing changes the probabilities a lot
    wrong = _proba_from_best_params(params, X_new, deskew_first=False)
    assert np.abs(wrong - expected).max() > 1e-2


class _ReorderedPoly(PolynomialFeatures):
    """Degree-2 features in a given order (rows of ``powers``), like a future sklearn might."""

    def __init__(self, powers=None):
        super().__init__(degree=2, include_bias=True)
        self.powers = powers

    @property
    def powers_(self):
        return self.powers

    def transform(self, X):
        z = np.asarray(X, dtype=float)
        return np.column_stack([np.prod(z**row, axis=1) for row in self.powers])


def test_best_pipeline_export_follows_the_fitted_powers(mnist_small, small_best):
    """The terms are read from ``powers_``, not assumed: reordered features, same answers."""
    _, _, X_new = mnist_small
    fitted = small_best.named_steps["poly"].powers_
    order = np.random.default_rng(0).permutation(len(fitted))
    powers = np.vstack([np.zeros((1, N_COMPONENTS), dtype=int), fitted[order]])  # bias first
    poly = _ReorderedPoly(powers).fit(np.zeros((1, N_COMPONENTS)))
    clf = copy.deepcopy(small_best.named_steps["logreg"])
    clf.coef_ = np.column_stack([np.zeros(len(clf.coef_)), clf.coef_[:, order]])
    clf.n_features_in_ = clf.coef_.shape[1]
    model = Pipeline([*small_best.steps[:3], ("poly", poly), ("logreg", clf)])
    expected = model.predict_proba(X_new)
    assert_allclose(expected, small_best.predict_proba(X_new), atol=1e-12)
    params = export_model(model)
    assert params["poly_terms"][0] == [] and len(params["poly_terms"]) == len(powers)
    assert_allclose(_proba_from_best_params(params, X_new), expected, rtol=0, atol=1e-9)


def test_best_pipeline_export_rounds_when_asked(mnist_small, small_best):
    _, _, X_new = mnist_small
    full = export_model(small_best)
    rounded = export_model(small_best, significant_digits=8)
    assert len(json.dumps(rounded)) < 0.8 * len(json.dumps(full))
    flat = np.ravel(rounded["pca_components"])
    assert_allclose(flat, np.ravel(full["pca_components"]), rtol=1e-7, atol=0)
    assert all(v == float(f"{v:.8g}") for v in flat)
    assert rounded["poly_terms"] == full["poly_terms"]
    expected = small_best.predict_proba(X_new)
    assert_allclose(_proba_from_best_params(rounded, X_new), expected, rtol=0, atol=1e-6)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_best_pipeline_export_rejects_what_the_page_cannot_run(mnist_small, small_best):
    X, y, _ = mnist_small
    X, y = X[:200], y[:200]
    with pytest.raises(ValueError, match="fitted"):
        export_model(make_model("deskew-pca60-poly2"))
    with pytest.raises(TypeError, match="Deskew -> scaler -> PCA -> PolynomialFeatures"):
        export_model(make_deskew_lr(max_iter=200).fit(X, y))  # no PCA, no products
    with pytest.raises(TypeError, match="scaler"):
        export_model(make_poly_lr(5, max_iter=200).fit(X, y))  # chapter 10's: no deskewing
    with pytest.raises(ValueError, match="center=True"):
        export_model(make_deskew_lr(5, degree=2, center=False, max_iter=200).fit(X, y))
    with pytest.raises(ValueError, match="degree at most 2"):
        export_model(make_deskew_lr(3, degree=3, max_iter=200).fit(X, y))
    clipped = copy.deepcopy(small_best)
    clipped.named_steps["scaler"].clip = True
    with pytest.raises(ValueError, match="clip"):
        export_model(clipped)
    whitened = copy.deepcopy(small_best)
    whitened.named_steps["pca"].whiten = True
    with pytest.raises(ValueError, match="whiten"):
        export_model(whitened)
    mismatched = Pipeline(
        [
            *small_best.steps[:3],
            ("poly", PolynomialFeatures(2).fit(np.zeros((1, 3)))),
            small_best.steps[4],
        ]
    )
    with pytest.raises(ValueError, match="do not fit together"):
        export_model(mismatched)
    binary = make_deskew_lr(3, degree=2, max_iter=200).fit(X, y == "1")
    with pytest.raises(ValueError, match="3 classes"):
        export_model(binary)
    with pytest.raises(ValueError, match="significant_digits"):
        export_model(small_best, significant_digits=0)
    no_scaler = [("deskew", Deskew()), ("pca0", PCA(20)), *make_deskew_lr(5, degree=2).steps[2:]]
    with pytest.raises(TypeError, match="scaler must be"):
        export_model(Pipeline(no_scaler).fit(X, y))


def test_center_and_scale_blank_and_shape():
    assert_allclose(center_and_scale(np.zeros((50, 40))), np.zeros((28, 28)))
    out = center_and_scale(np.ones((10, 10)))
    assert out.shape == (28, 28) and out.dtype == np.float64
    assert_allclose(out[4:24, 4:24], 255.0)  # a square fills the 20x20 box, centred
    assert out.sum() == pytest.approx(255.0 * 400)


def test_center_and_scale_integer_factor_is_block_average():
    rng = np.random.default_rng(0)
    img = np.zeros((60, 60))
    img[:40, :40] = rng.random((40, 40))  # 40x40 ink -> factor 1/2: 2x2 block means
    img[0, 0] = img[39, 39] = 1.0  # pin the bounding box
    out = center_and_scale(img)
    expected = img[:40, :40].reshape(20, 2, 20, 2).mean(axis=(1, 3)) * 255
    rows = np.flatnonzero(out.any(axis=1))
    cols = np.flatnonzero(out.any(axis=0))
    top, left = rows[0], cols[0]
    assert_allclose(out[top : top + 20, left : left + 20], expected, atol=1e-9)


def test_center_and_scale_keeps_aspect_and_centres_mass():
    img = np.zeros((300, 300))
    img[20:260, 100:160] = 1.0  # 240 x 60 bar -> 20 x 5
    img[20:60, 160:200] = 0.5  # a flag at the top right moves the centre of mass
    out = center_and_scale(img)
    rows = np.flatnonzero(out.any(axis=1))
    cols = np.flatnonzero(out.any(axis=0))
    assert rows[-1] - rows[0] + 1 == 20
    assert cols[-1] - cols[0] + 1 == round(100 * 20 / 240)
    mass = out.sum()
    cy = (np.arange(28) @ out.sum(axis=1)) / mass
    cx = (np.arange(28) @ out.sum(axis=0)) / mass
    assert abs(cy - 13.5) <= 0.5 and abs(cx - 13.5) <= 0.5
    # area averaging keeps the amount of ink, scaled by the area ratio
    assert mass / 255 == pytest.approx(img.sum() * (20 * 8) / (240 * 100), rel=1e-12)


@pytest.mark.parametrize(
    ("image", "kwargs", "error"),
    [
        (np.zeros(10), {}, "2-D"),
        (np.full((5, 5), 2.0), {}, r"\[0, 1\]"),
        (np.full((5, 5), np.nan), {}, "NaN"),
        (np.zeros((5, 5)), {"box": 30}, "box"),
    ],
)
def test_center_and_scale_bad_input(image, kwargs, error):
    with pytest.raises(ValueError, match=error):
        center_and_scale(image, **kwargs)


@pytest.fixture(scope="module")
def small_hog(mnist_small):
    """Chapter 11's best model's shape, smaller: 7 px cells and a shifted grid, PCA(12)."""
    from mnist_tutorial import make_hog_pipeline

    X, y, _ = mnist_small
    return make_hog_pipeline(
        cell_sizes=(7,),
        offset_cells=(7,),
        eps=20.0,
        n_components=N_COMPONENTS,
        C=1.0,
        n_bins=8,
        soft_bins=True,
    ).fit(X, y)


def _proba_from_hog_params(params, X, *, hog=True):
    """What draw.js computes for "deskew_hog_pca_poly2", in NumPy, from the JSON alone."""
    from mnist_tutorial import hog_features

    params = json.loads(json.dumps(params))
    X = np.asarray(X, dtype=float)
    images = deskew(X.reshape(len(X), *params["image_shape"]))
    settings = params["hog"]
    features = hog_features(images, **settings) if hog else images.reshape(len(X), -1)
    if not hog:
        features = features[:, : len(params["pca_mean"])]
    z = (features - params["pca_mean"]) @ np.array(params["pca_components"]).T
    f = np.column_stack([np.prod(z[:, term], axis=1) for term in params["poly_terms"]])
    scores = f @ np.array(params["coef"]).T + params["intercept"]
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def test_hog_pipeline_export_reproduces_predict_proba(mnist_small, small_hog):
    _, _, X_new = mnist_small
    params = export_model(small_hog)
    assert params["kind"] == "deskew_hog_pca_poly2"
    assert params["hog"] == {
        "cell_sizes": [7],
        "n_bins": 8,
        "block_size": 2,
        "block_norm": "L1-sqrt",
        "offset_cells": [7],
        "eps": 20.0,
        "soft_bins": True,
    }
    assert np.shape(params["pca_components"]) == (N_COMPONENTS, 576)
    assert "scale_mul" not in params
    expected = small_hog.predict_proba(X_new)
    assert_allclose(_proba_from_hog_params(params, X_new), expected, rtol=0, atol=1e-9)
    rounded = export_model(small_hog, significant_digits=8)
    assert_allclose(_proba_from_hog_params(rounded, X_new), expected, rtol=0, atol=1e-6)
    # the check can fail: PCA on pixels instead of HOG features gives other probabilities
    assert np.abs(_proba_from_hog_params(params, X_new, hog=False) - expected).max() > 1e-2


def test_hog_pipeline_export_rejects_what_the_page_cannot_run(mnist_small, small_hog):
    from mnist_tutorial import Hog, make_hog_pipeline

    with pytest.raises(ValueError, match="fitted"):
        export_model(make_hog_pipeline())
    with pytest.raises(TypeError, match="Deskew -> Hog -> PCA"):
        export_model(Pipeline([("hog", small_hog[1]), *small_hog.steps[2:]]))
    off_centre = copy.deepcopy(small_hog)
    off_centre[0].center = False
    with pytest.raises(ValueError, match="center=True"):
        export_model(off_centre)
    whitened = copy.deepcopy(small_hog)
    whitened[2].whiten = True
    with pytest.raises(ValueError, match="whiten"):
        export_model(whitened)
    other_hog = copy.deepcopy(small_hog)
    other_hog.steps[1] = ("hog", Hog(cell_sizes=(4,)).fit(np.zeros((1, 784))))
    with pytest.raises(ValueError, match="do not fit together"):
        export_model(other_hog)
