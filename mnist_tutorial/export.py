"""Taking a fitted model out of Python: parameters for the browser, drawings made MNIST-like.

The book's "Draw a digit" page runs the fitted model in plain JavaScript. Two things make
that possible and testable:

* :func:`export_model` turns a fitted ``Pipeline(scaler, LogisticRegression)`` (or a bare
  ``LogisticRegression``) into a dict of plain lists that ``json.dumps`` accepts. The
  page computes ``softmax(coef @ (x * scale_mul + scale_add) + intercept)``, which is
  exactly ``predict_proba``.
* :func:`center_and_scale` is the preprocessing MNIST applied to its digits (fit the ink's
  bounding box into a 20x20 box keeping the aspect ratio, grey levels by area averaging,
  then place it in 28x28 so the centre of mass is at the centre). The page's JavaScript
  implements the same arithmetic; this function is the oracle the browser tests compare
  it with.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, StandardScaler

__all__ = ["center_and_scale", "export_model"]

_N_FEATURES = 784


def _affine_of_scaler(scaler: Any) -> tuple[np.ndarray, np.ndarray]:
    """(mul, add) with ``scaler.transform(X) == X * mul + add`` for the supported scalers."""
    if isinstance(scaler, MinMaxScaler):
        return np.asarray(scaler.scale_, float), np.asarray(scaler.min_, float)
    if isinstance(scaler, StandardScaler):
        n = scaler.n_features_in_
        scale = np.ones(n) if scaler.scale_ is None else np.asarray(scaler.scale_, float)
        mean = np.zeros(n) if scaler.mean_ is None else np.asarray(scaler.mean_, float)
        return 1.0 / scale, -mean / scale
    if isinstance(scaler, MaxAbsScaler):
        return 1.0 / np.asarray(scaler.scale_, float), np.zeros(scaler.n_features_in_)
    raise TypeError(
        "model's scaler must be a MinMaxScaler, StandardScaler or MaxAbsScaler, "
        f"got {type(scaler).__name__}"
    )


def export_model(model: Any) -> dict[str, Any]:
    """Export a fitted linear classifier's parameters as JSON-able plain lists.

    Parameters
    ----------
    model : fitted LogisticRegression, or fitted Pipeline of (scaler, LogisticRegression)
        The scaler is a MinMaxScaler, StandardScaler or MaxAbsScaler. The model must
        have more than two classes (multinomial softmax), as on MNIST.

    Returns
    -------
    dict with keys
        ``"classes"`` (list of str, length n_classes), ``"n_features"`` (int),
        ``"scale_mul"`` and ``"scale_add"`` (lists of length n_features: the scaler as
        ``x * scale_mul + scale_add``; ones and zeros without a scaler), ``"coef"``
        (n_classes lists of n_features floats) and ``"intercept"`` (n_classes floats).
        Probabilities are ``softmax(coef @ (x * scale_mul + scale_add) + intercept)``.

    Examples
    --------
    >>> import json
    >>> from sklearn.linear_model import LogisticRegression
    >>> X = [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
    >>> params = export_model(LogisticRegression().fit(X, ["a", "b", "c", "a"]))
    >>> params["classes"], len(params["coef"]), len(params["coef"][0])
    (['a', 'b', 'c'], 3, 2)
    >>> len(json.dumps(params)) > 0
    True
    """
    if isinstance(model, Pipeline):
        steps = [est for _, est in model.steps if est not in (None, "passthrough")]
        if len(steps) == 2:
            scaler, clf = steps
            mul, add = _affine_of_scaler(scaler)
        elif len(steps) == 1:
            (clf,) = steps
            mul = add = None
        else:
            raise TypeError(
                "model must be a Pipeline of (scaler, LogisticRegression), "
                f"got steps {[name for name, _ in model.steps]}"
            )
    else:
        clf, mul, add = model, None, None
    if not isinstance(clf, LogisticRegression):
        raise TypeError(
            f"model's classifier must be a LogisticRegression, got {type(clf).__name__}"
        )
    if not hasattr(clf, "coef_"):
        raise ValueError("model must be fitted before it is exported")
    coef = np.asarray(clf.coef_, float)
    if coef.shape[0] < 3:
        raise ValueError(
            f"model must have at least 3 classes (softmax), got {len(clf.classes_)} classes"
        )
    n_features = coef.shape[1]
    if mul is None:
        mul, add = np.ones(n_features), np.zeros(n_features)
    return {
        "classes": [str(c) for c in clf.classes_],
        "n_features": int(n_features),
        "scale_mul": mul.tolist(),
        "scale_add": add.tolist(),
        "coef": coef.tolist(),
        "intercept": np.asarray(clf.intercept_, float).tolist(),
    }


def _round_half_up(x: float) -> int:
    """Round like JavaScript's ``Math.round`` (halves go up), so both sides agree."""
    return math.floor(x + 0.5)


def _area_weights(n_in: int, n_out: int) -> np.ndarray:
    """(n_out, n_in) matrix averaging n_in cells into n_out cells by overlap length."""
    weights = np.zeros((n_out, n_in))
    step = n_in / n_out
    for i in range(n_out):
        lo, hi = i * step, (i + 1) * step
        for k in range(math.floor(lo), min(n_in, math.ceil(hi))):
            overlap = min(hi, k + 1) - max(lo, k)
            if overlap > 0:
                weights[i, k] = overlap / step
    return weights


def center_and_scale(image: Any, *, box: int = 20, size: int = 28) -> np.ndarray:
    """Preprocess a drawing the way MNIST's digits were.

    1. Crop to the bounding box of the ink (pixels > 0).
    2. Resize so the longer side is ``box`` pixels, keeping the aspect ratio; each new
       pixel is the area-weighted average of the pixels it covers (anti-aliasing).
    3. Place it in a ``size`` x ``size`` image so its centre of mass falls on the centre
       (shifted by whole pixels, kept inside the image).
    4. Scale grey levels to MNIST's 0..255 (ink = 255), keeping fractions.

    Parameters
    ----------
    image : array_like of shape (height, width)
        Ink intensity in [0, 1] (0 = paper), e.g. a canvas's alpha channel / 255.
    box : int, default 20
        Size of the box the ink is fitted into.
    size : int, default 28
        Size of the output image; must be at least ``box``.

    Returns
    -------
    ndarray of shape (size, size), float64 in [0, 255]
        All zeros if there is no ink.

    Examples
    --------
    >>> img = np.zeros((100, 60))
    >>> img[10:90, 25:35] = 1.0          # a vertical bar, 80 x 10
    >>> out = center_and_scale(img)
    >>> out.shape, float(out.max())
    ((28, 28), 255.0)
    >>> rows = np.flatnonzero(out.sum(axis=1)); int(rows[0]), int(rows[-1])
    (4, 23)
    >>> cols = np.flatnonzero(out.sum(axis=0)); int(cols[0]), int(cols[-1])
    (13, 15)
    """
    img = np.asarray(image, dtype=float)
    if img.ndim != 2:
        raise ValueError(f"image must be 2-D (height, width), got shape {img.shape}")
    if not np.all(np.isfinite(img)) or (img.size and (img.min() < 0 or img.max() > 1)):
        raise ValueError("image must hold finite ink intensities in [0, 1]")
    if not (isinstance(box, int) and isinstance(size, int) and 1 <= box <= size):
        raise ValueError(f"box and size must be integers with 1 <= box <= size, got {box}, {size}")
    out = np.zeros((size, size))
    rows = np.flatnonzero(img.max(axis=1, initial=0) > 0)
    cols = np.flatnonzero(img.max(axis=0, initial=0) > 0)
    if rows.size == 0:
        return out
    crop = img[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = crop.shape
    factor = box / max(h, w)
    nh, nw = max(1, _round_half_up(h * factor)), max(1, _round_half_up(w * factor))
    small = _area_weights(h, nh) @ crop @ _area_weights(w, nw).T
    mass = small.sum()
    cy = (np.arange(nh) @ small.sum(axis=1)) / mass
    cx = (np.arange(nw) @ small.sum(axis=0)) / mass
    centre = (size - 1) / 2
    top = min(max(_round_half_up(centre - cy), 0), size - nh)
    left = min(max(_round_half_up(centre - cx), 0), size - nw)
    out[top : top + nh, left : left + nw] = small * 255.0
    return out
