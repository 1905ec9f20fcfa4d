"""mnist_tutorial.export: model parameters for the browser, MNIST-style preprocessing."""

from __future__ import annotations

import json

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, StandardScaler

from mnist_tutorial import center_and_scale, export_model


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
        (np.full((5, 5), np.nan), {}, r"\[0, 1\]"),
        (np.zeros((5, 5)), {"box": 30}, "box"),
    ],
)
def test_center_and_scale_bad_input(image, kwargs, error):
    with pytest.raises(ValueError, match=error):
        center_and_scale(image, **kwargs)
