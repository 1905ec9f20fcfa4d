"""The "Draw a digit" page: the models in JavaScript agree with scikit-learn, drawing works.

Needs the book's scaled logistic regression and best model (``make_hog_pipeline``) in the
fit cache (the book build puts them there; otherwise fit_cached fits them once, about 2
minutes and 30 s).
"""

from __future__ import annotations

import math
from urllib.parse import urljoin

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import mnist_tutorial as mt

pytestmark = [pytest.mark.browser, pytest.mark.slow]

N_DIGITS = 20


@pytest.fixture(scope="module")
def book_model():
    _, X_test, _, y_test = mt.mnist_split()
    return mt.fit_model("minmax"), X_test, y_test


@pytest.fixture(scope="module")
def best_model():
    _, X_test, _, y_test = mt.mnist_split()
    return mt.fit_model("deskew-hog-pca60-poly2"), X_test, y_test


@pytest.fixture
def draw_page(page, base_url, book_html):
    if not (book_html / "book" / "draw_a_digit.html").is_file():
        pytest.skip("this build has no draw-a-digit page")
    page.goto(urljoin(base_url, "book/draw_a_digit.html"))
    page.wait_for_function("window.mnistDraw && window.mnistDraw.ready")
    assert page.evaluate("window.mnistDraw.model !== null"), "the page has no model"
    return page


def test_classify_matches_predict_proba(draw_page, book_model):
    model, X_test, _ = book_model
    X = X_test.iloc[:N_DIGITS]
    expected = model.predict_proba(X)
    got = np.array(
        draw_page.evaluate(
            "rows => rows.map((x) => window.mnistDraw.classify(x))", X.to_numpy().tolist()
        )
    )
    assert got.shape == (N_DIGITS, 10)
    assert_allclose(got, expected, rtol=0, atol=1e-6)
    classes = draw_page.evaluate("window.mnistDraw.model.classes")
    assert classes == [str(c) for c in model.classes_]


def test_probabilities_are_shown_without_false_certainty(draw_page):
    shown = draw_page.evaluate(
        "[1, 0.99999, 0.9994, 0.5, 0.0004, 1e-9, 0].map(window.mnistDraw.percent)"
    )
    assert shown == ["100.0%", "> 99.9%", "99.9%", "50.0%", "< 0.1%", "< 0.1%", "0.0%"]


def test_best_model_classify_matches_predict_proba(draw_page, best_model):
    model, X_test, _ = best_model
    X = X_test.iloc[:N_DIGITS]
    expected = model.predict_proba(X)
    assert draw_page.evaluate("window.mnistDraw.models.best !== null"), "no best model"
    got = np.array(
        draw_page.evaluate(
            """rows => rows.map((x) =>
                 window.mnistDraw.classify(x, window.mnistDraw.models.best))""",
            X.to_numpy().tolist(),
        )
    )
    assert got.shape == (N_DIGITS, 10)
    print(
        f"best model, {N_DIGITS} test digits: max |page - predict_proba| = "
        f"{np.abs(got - expected).max():.3g}"
    )
    assert_allclose(got, expected, rtol=0, atol=1e-6)
    assert (got.argmax(axis=1) == expected.argmax(axis=1)).all()
    assert draw_page.evaluate("window.mnistDraw.models.best.classes") == [
        str(c) for c in model.classes_
    ]
    # the page's deskewing is the library's
    straight = np.array(
        draw_page.evaluate(
            "rows => rows.map((x) => Array.from(window.mnistDraw.deskew(x, 28)))",
            X.to_numpy().tolist(),
        )
    )
    assert_allclose(straight, mt.deskew(X.to_numpy()), rtol=0, atol=1e-9)
    blank = draw_page.evaluate("Array.from(window.mnistDraw.deskew(new Array(784).fill(0), 28))")
    assert blank == [0.0] * 784
    # the page's HOG features are the library's: the model's settings, and both ways of
    # voting (whole votes, scikit-image's, and votes split between two bins).
    # Tolerance: whole votes agree to rounding. With split votes, Math.atan2 and NumPy's
    # arctan2 may differ in the last bit, which moves a share near 0 by about 1e-16 of a
    # vote; in a block of dust-sized gradients L1-sqrt's square root turns that into up to
    # about 1e-8 (seen: 1.2e-9). The probabilities still agree to 1e-6 (test above).
    settings = draw_page.evaluate("window.mnistDraw.models.best.hog")
    variants = [settings] + [{**settings, "soft_bins": soft, "n_bins": 9} for soft in (False, True)]
    for hog in variants:
        features = np.array(
            draw_page.evaluate(
                "([rows, hog]) => rows.map((x) => window.mnistDraw.hog(x, 28, hog))",
                [straight.tolist(), hog],
            )
        )
        atol = 1e-7 if hog["soft_bins"] else 1e-12
        assert_allclose(features, mt.hog_features(straight, **hog), rtol=0, atol=atol)


def _stroke(page, points):
    page.mouse.move(*points[0])
    page.mouse.down()
    for point in points[1:]:
        page.mouse.move(*point, steps=2)
    page.mouse.up()


def _pad_box(page):
    box = page.locator("#mnist-draw .mnist-draw-pad canvas").bounding_box()
    return box["x"], box["y"], box["width"], box["height"]


def _draw_one(page):
    x, y, w, h = _pad_box(page)
    _stroke(page, [(x + 0.52 * w, y + 0.15 * h), (x + 0.48 * w, y + 0.85 * h)])


def _draw_zero(page):
    x, y, w, h = _pad_box(page)
    cx, cy, rx, ry = x + w / 2, y + h / 2, 0.22 * w, 0.33 * h
    points = [
        (cx + rx * math.sin(t), cy - ry * math.cos(t)) for t in np.linspace(0, 2 * math.pi, 41)
    ]
    _stroke(page, points)


def _select(page, name):
    """Click the switch's label for model ``name`` ("linear" or "best"), like a reader."""
    label = {"linear": "linear model (chapter 8)", "best": "best model (chapter 11)"}[name]
    page.locator("#mnist-draw .mnist-draw-models label", has_text=label).click()
    assert page.evaluate("window.mnistDraw.selected") == name


def _state(page):
    return page.evaluate(
        """() => {
          const api = window.mnistDraw;
          const canvas = document.querySelector("#mnist-draw .mnist-draw-pad canvas");
          const text = (css) => document.querySelector("#mnist-draw " + css).textContent;
          return {ink: api.inkFromCanvas(canvas), pixels: api.lastPixels,
                  probabilities: api.lastProbabilities, guess: api.lastGuess,
                  selected: api.selected, text: text(".mnist-draw-guess"),
                  info: text(".mnist-draw-model-info"),
                  caption: text(".mnist-draw-seen .mnist-draw-caption")};
        }"""
    )


def _python_probs(model, pixels):
    columns = mt.load_mnist().data.columns
    return model.predict_proba(pd.DataFrame([np.ravel(pixels)], columns=columns))[0]


@pytest.mark.parametrize("which", ["linear", "best"])
@pytest.mark.parametrize(("draw", "digit"), [(_draw_one, "1"), (_draw_zero, "0")])
def test_drawn_digit_is_preprocessed_and_classified(
    draw_page, book_model, best_model, draw, digit, which
):
    model = {"linear": book_model, "best": best_model}[which][0]
    if which != "linear":
        _select(draw_page, which)
    draw(draw_page)
    state = _state(draw_page)
    assert state["selected"] == which
    ink = np.array(state["ink"]["data"]).reshape(state["ink"]["height"], state["ink"]["width"])
    assert ink.max() == 1.0, "the stroke left no ink on the canvas"
    # the page's preprocessing is the library's, to rounding
    expected_pixels = mt.center_and_scale(ink)
    assert_allclose(np.array(state["pixels"]).reshape(28, 28), expected_pixels, atol=1e-9)
    # the digit sits in a 20x20 box, centred
    rows = np.flatnonzero(expected_pixels.sum(axis=1))
    cols = np.flatnonzero(expected_pixels.sum(axis=0))
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 == 20
    # a person would read it as `digit`, and so does the page (and the Python model)
    assert state["guess"] == digit, state["probabilities"]
    assert f"reads a {digit}" in state["text"]
    python_probs = _python_probs(model, expected_pixels)
    assert_allclose(state["probabilities"], python_probs, rtol=0, atol=1e-6)
    # clearing empties the canvas and the prediction
    draw_page.locator("#mnist-draw .mnist-draw-clear").click()
    assert draw_page.evaluate("window.mnistDraw.lastGuess") is None
    assert draw_page.evaluate("window.mnistDraw.lastPixels.every((v) => v === 0)")
    assert draw_page.errors.messages == []


def test_switch_reclassifies_the_drawing(draw_page, book_model, best_model):
    linear, X_test, y_test = book_model
    best = best_model[0]
    radios = draw_page.locator('#mnist-draw input[name="mnist-draw-model"]')
    assert radios.count() == 2 and draw_page.locator("#mnist-draw .mnist-draw-models").is_visible()
    assert draw_page.evaluate("window.mnistDraw.selected") == "linear"
    assert radios.nth(0).is_checked() and not radios.nth(1).is_checked()
    _draw_one(draw_page)
    before = _state(draw_page)
    pixels = np.array(before["pixels"])
    assert_allclose(before["probabilities"], _python_probs(linear, pixels), rtol=0, atol=1e-6)
    assert "Showing the linear model" in before["info"]
    # click the other model: the same drawing, read again by the best pipeline
    _select(draw_page, "best")
    after = _state(draw_page)
    assert radios.nth(1).is_checked() and not radios.nth(0).is_checked()
    assert after["pixels"] == before["pixels"]
    assert np.abs(np.subtract(after["probabilities"], before["probabilities"])).max() > 1e-3
    assert_allclose(after["probabilities"], _python_probs(best, pixels), rtol=0, atol=1e-6)
    assert "Showing the best model" in after["info"] and "best model reads" in after["text"]
    assert "deskewed" in after["caption"] and "deskewed" not in before["caption"]
    # the accuracy shown is the model's test accuracy, computed when the page was built
    # (two decimals: k/14,000 never falls on a rounding tie, so JS and Python agree)
    for state, model in ((before, linear), (after, best)):
        accuracy = model.score(X_test, y_test)
        assert f"{100 * accuracy:.2f}% of the test digits" in state["info"]
    # and back
    _select(draw_page, "linear")
    back = _state(draw_page)
    assert_allclose(back["probabilities"], before["probabilities"], rtol=0, atol=1e-12)
    assert back["info"] == before["info"]
    assert draw_page.errors.messages == []
