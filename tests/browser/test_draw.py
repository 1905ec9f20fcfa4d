"""The "Draw a digit" page: the model in JavaScript agrees with scikit-learn, drawing works.

Needs the book's scaled logistic regression in the fit cache (the book build puts it
there; otherwise fit_cached fits it once, about 40 s).
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
    X_train, X_test, y_train, y_test = mt.mnist_split()
    model = mt.fit_cached(
        mt.make_scaled_lr("minmax", max_iter=1000, class_weight="balanced"), X_train, y_train
    )
    return model, X_test, y_test


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


@pytest.mark.parametrize(("draw", "digit"), [(_draw_one, "1"), (_draw_zero, "0")])
def test_drawn_digit_is_preprocessed_and_classified(draw_page, book_model, draw, digit):
    model, _, _ = book_model
    draw(draw_page)
    state = draw_page.evaluate(
        """() => {
          const api = window.mnistDraw;
          const canvas = document.querySelector("#mnist-draw .mnist-draw-pad canvas");
          return {ink: api.inkFromCanvas(canvas), pixels: api.lastPixels,
                  probabilities: api.lastProbabilities, guess: api.lastGuess,
                  text: document.querySelector("#mnist-draw .mnist-draw-guess").textContent};
        }"""
    )
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
    columns = mt.load_mnist().data.columns
    python_probs = model.predict_proba(pd.DataFrame([expected_pixels.ravel()], columns=columns))
    assert_allclose(state["probabilities"], python_probs[0], rtol=0, atol=1e-6)
    # clearing empties the canvas and the prediction
    draw_page.locator("#mnist-draw .mnist-draw-clear").click()
    assert draw_page.evaluate("window.mnistDraw.lastGuess") is None
    assert draw_page.evaluate("window.mnistDraw.lastPixels.every((v) => v === 0)")
    assert draw_page.errors.messages == []
