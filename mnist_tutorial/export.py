"""Taking a fitted model out of Python: parameters for the browser, drawings made MNIST-like.

The book's "Draw a digit" page runs the fitted model in plain JavaScript. Two things make
that possible and testable:

* :func:`export_model` turns a fitted ``Pipeline(scaler, LogisticRegression)`` (or a bare
  ``LogisticRegression``) into a dict of plain lists that ``json.dumps`` accepts. The
  page computes ``softmax(coef @ (x * scale_mul + scale_add) + intercept)``, which is
  exactly ``predict_proba``. It also exports the book's best pipeline (deskewing, scaler,
  PCA, degree-2 products of the components, logistic regression): the page deskews the
  drawing as :func:`~mnist_tutorial.deskew` does and applies the exported numbers.
* :func:`center_and_scale` is the preprocessing MNIST applied to its digits (fit the ink's
  bounding box into a 20x20 box keeping the aspect ratio, grey levels by area averaging,
  then place it in 28x28 so the centre of mass is at the centre). The page's JavaScript
  implements the same arithmetic; this function is the oracle the browser tests compare
  it with.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from sklearn.decomposition import PCA
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MaxAbsScaler, MinMaxScaler, PolynomialFeatures, StandardScaler
from sklearn.utils.validation import check_is_fitted

from ._validation import check_int, check_numeric
from .features import Deskew
from .hog import Hog, check_params

__all__ = ["center_and_scale", "export_model"]


def _affine_of_scaler(scaler: Any) -> tuple[np.ndarray, np.ndarray]:
    """(mul, add) with ``scaler.transform(X) == X * mul + add`` for the supported scalers."""
    if isinstance(scaler, MinMaxScaler):
        if scaler.clip:
            raise ValueError("model's MinMaxScaler must not clip (clip=True is not affine)")
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


def _rounded(values: Any, significant_digits: int | None, name: str = "parameters") -> list[Any]:
    """``values`` as nested lists of Python floats, optionally to ``significant_digits``.

    NaN or infinity is refused: JSON has no such numbers and the page could not use them.
    """
    arr = np.asarray(values, dtype=float)
    if not np.all(np.isfinite(arr)):
        raise ValueError(
            f"model's {name} hold NaN or infinite values: it cannot be exported "
            "(refit it on finite data)"
        )
    if significant_digits is None:
        return arr.tolist()
    flat = [float(f"{v:.{significant_digits}g}") for v in arr.ravel().tolist()]
    return np.array(flat, dtype=float).reshape(arr.shape).tolist()


def _check_digits(significant_digits: int | None) -> None:
    if significant_digits is None:
        return
    if check_int(significant_digits, "significant_digits") > 17:
        raise ValueError(f"significant_digits must be at most 17, got {significant_digits!r}")


def _softmax_classifier(clf: Any) -> tuple[np.ndarray, np.ndarray]:
    """(coef, intercept) of a fitted multinomial LogisticRegression, checked.

    The page computes ``softmax(coef @ x + intercept)``; that is ``predict_proba`` only
    for a multinomial model. One-vs-rest (``multi_class="ovr"``, or liblinear, on
    scikit-learn before 1.7) normalises sigmoids instead, and a two-class model uses
    one sigmoid: both are refused. The static check is confirmed on random inputs, so
    no other variant can be exported wrongly either.
    """
    if not isinstance(clf, LogisticRegression):
        raise TypeError(
            f"model's classifier must be a LogisticRegression, got {type(clf).__name__}"
        )
    try:
        check_is_fitted(clf)
    except NotFittedError as exc:
        raise ValueError("model must be fitted before it is exported") from exc
    coef = np.asarray(clf.coef_, float)
    if coef.shape[0] < 3:
        raise ValueError(
            f"model must have at least 3 classes (softmax), got {len(clf.classes_)} classes"
        )
    multi_class = getattr(clf, "multi_class", "auto")
    if multi_class == "ovr" or (multi_class == "auto" and clf.solver == "liblinear"):
        raise ValueError(
            "model's LogisticRegression is one-vs-rest (multi_class='ovr' or solver="
            "'liblinear'): its probabilities are not a softmax of its scores, so the "
            "page could not reproduce them; refit it multinomial (e.g. solver='lbfgs')"
        )
    intercept = np.asarray(clf.intercept_, float)
    _rounded(coef, None, "coefficients")
    _rounded(intercept, None, "intercepts")
    probe = np.random.default_rng(0).standard_normal((16, coef.shape[1]))
    with warnings.catch_warnings():  # a model fitted on a DataFrame warns about names
        warnings.simplefilter("ignore", UserWarning)
        expected = clf.predict_proba(probe)
    scores = probe @ coef.T + intercept
    softmax = np.exp(scores - scores.max(axis=1, keepdims=True))
    softmax /= softmax.sum(axis=1, keepdims=True)
    if not np.allclose(softmax, expected, rtol=1e-6, atol=1e-9):
        raise ValueError(
            "model's probabilities are not a softmax of its scores (largest difference "
            f"{np.max(np.abs(softmax - expected)):.2g} on random inputs): it cannot be "
            "exported exactly"
        )
    return coef, intercept


def _poly_terms(poly: PolynomialFeatures) -> list[list[int]]:
    """Each output feature of a fitted PolynomialFeatures as the list of inputs it multiplies.

    ``[]`` is the bias (1), ``[i]`` is ``z_i``, ``[i, j]`` is ``z_i * z_j`` (``[i, i]``: the
    square). Read from ``powers_``, so the order is whatever the fitted step produces.
    """
    powers = np.asarray(poly.powers_)
    if powers.min(initial=0) < 0 or powers.sum(axis=1).max(initial=0) > 2:
        raise ValueError(
            "model's PolynomialFeatures must have degree at most 2, "
            f"got terms of degree {int(powers.sum(axis=1).max())}"
        )
    return [np.repeat(np.arange(powers.shape[1]), row).tolist() for row in powers]


_BEST_SHAPE = "Deskew -> scaler -> PCA -> PolynomialFeatures -> LogisticRegression"
_HOG_SHAPE = "Deskew -> Hog -> PCA -> PolynomialFeatures -> LogisticRegression"


def _check_fitted_steps(steps: list[tuple[str, Any]]) -> None:
    for name, est in steps:
        try:
            check_is_fitted(est)
        except NotFittedError as exc:
            raise ValueError(
                f"model must be fitted before it is exported (step {name!r} is not fitted)"
            ) from exc


def _deskew_pipeline_parts(
    steps: list[tuple[str, Any]], kinds: tuple[type, ...], shape: str
) -> tuple[list[Any], np.ndarray, np.ndarray, int]:
    """Check a fitted Deskew-first pipeline against ``kinds``: its estimators, the softmax
    weights and bias of its classifier, and the side of its square images."""
    if len(steps) != len(kinds) or not all(
        isinstance(est, kind) for (_, est), kind in zip(steps, kinds)
    ):
        raise TypeError(
            f"a pipeline of this kind must be {shape}, got steps "
            f"{[f'{name}: {type(est).__name__}' for name, est in steps]}"
        )
    estimators = [est for _, est in steps]
    _check_fitted_steps(steps[:-1])
    coef, intercept = _softmax_classifier(estimators[-1])
    deskewer = estimators[0]
    if not deskewer.center:
        raise ValueError("model's Deskew step must have center=True, as the page deskews")
    side = math.isqrt(deskewer.n_features_in_)
    if side * side != deskewer.n_features_in_:
        raise ValueError(f"Deskew was fitted on {deskewer.n_features_in_} features, not square")
    return estimators, coef, intercept, side


def _check_steps_fit(sizes: dict[str, tuple[int, int]], names: list[str]) -> None:
    """Each step's input width must be the previous step's output width."""
    for what, (got, expected) in sizes.items():
        if got != expected:
            raise ValueError(
                f"model's steps do not fit together: {what} is {got}, expected {expected} "
                f"(steps {names})"
            )


def _export_deskew_hog_pca_poly(
    steps: list[tuple[str, Any]], significant_digits: int | None
) -> dict[str, Any]:
    """Parameters of a fitted Deskew -> Hog -> PCA -> PolynomialFeatures -> LR pipeline."""
    names = [name for name, _ in steps]
    kinds = (Deskew, Hog, PCA, PolynomialFeatures, LogisticRegression)
    parts, coef, intercept, side = _deskew_pipeline_parts(steps, kinds, _HOG_SHAPE)
    deskewer, hog, pca, poly, clf = parts
    sizes, n_bins, block, norm, offsets = check_params(
        hog.cell_sizes, hog.n_bins, hog.block_size, hog.block_norm, side, hog.offset_cells, hog.eps
    )
    if getattr(pca, "whiten", False):
        raise ValueError("model's PCA must not whiten (whiten=True is not supported)")
    terms = _poly_terms(poly)
    components = np.asarray(pca.components_, float)
    n_components = components.shape[0]
    checks = {
        "Hog inputs": (hog.n_features_in_, deskewer.n_features_in_),
        "PCA inputs": (components.shape[1], hog.n_features_out_),
        "PolynomialFeatures inputs": (poly.n_features_in_, n_components),
        "LogisticRegression inputs": (coef.shape[1], len(terms)),
    }
    _check_steps_fit(checks, names)
    return {
        "kind": "deskew_hog_pca_poly2",
        "classes": [str(c) for c in clf.classes_],
        "n_features": int(deskewer.n_features_in_),
        "image_shape": [side, side],
        "hog": {
            "cell_sizes": list(sizes),
            "n_bins": n_bins,
            "block_size": block,
            "block_norm": norm,
            "offset_cells": list(offsets),
            "eps": float(hog.eps),
            "soft_bins": bool(hog.soft_bins),
        },
        "pca_mean": _rounded(pca.mean_, significant_digits, "pca_mean"),
        "pca_components": _rounded(components, significant_digits, "pca_components"),
        "poly_terms": terms,
        "coef": _rounded(coef, significant_digits, "coef"),
        "intercept": _rounded(intercept, significant_digits, "intercept"),
    }


def _export_deskew_pca_poly(
    steps: list[tuple[str, Any]], significant_digits: int | None
) -> dict[str, Any]:
    """Parameters of a fitted Deskew -> scaler -> PCA -> PolynomialFeatures -> LR pipeline."""
    names = [name for name, _ in steps]
    kinds = (Deskew, object, PCA, PolynomialFeatures, LogisticRegression)
    parts, coef, intercept, side = _deskew_pipeline_parts(steps, kinds, _BEST_SHAPE)
    deskewer, scaler, pca, poly, clf = parts
    mul, add = _affine_of_scaler(scaler)
    if getattr(pca, "whiten", False):
        raise ValueError("model's PCA must not whiten (whiten=True is not supported)")
    terms = _poly_terms(poly)
    components = np.asarray(pca.components_, float)
    n_features, n_components = deskewer.n_features_in_, components.shape[0]
    sizes = {
        "scaler inputs": (len(mul), n_features),
        "PCA inputs": (components.shape[1], n_features),
        "PolynomialFeatures inputs": (poly.n_features_in_, n_components),
        "LogisticRegression inputs": (coef.shape[1], len(terms)),
    }
    _check_steps_fit(sizes, names)
    return {
        "kind": "deskew_pca_poly2",
        "classes": [str(c) for c in clf.classes_],
        "n_features": int(n_features),
        "image_shape": [side, side],
        "scale_mul": _rounded(mul, significant_digits, "scale_mul"),
        "scale_add": _rounded(add, significant_digits, "scale_add"),
        "pca_mean": _rounded(pca.mean_, significant_digits, "pca_mean"),
        "pca_components": _rounded(components, significant_digits, "pca_components"),
        "poly_terms": terms,
        "coef": _rounded(coef, significant_digits, "coef"),
        "intercept": _rounded(intercept, significant_digits, "intercept"),
    }


def export_model(model: Any, *, significant_digits: int | None = None) -> dict[str, Any]:
    """Export a fitted classifier's parameters as JSON-able plain lists.

    Three kinds of model are supported, told apart by the dict's ``"kind"``:

    * ``"linear"``: a ``LogisticRegression``, or a ``Pipeline(scaler, LogisticRegression)``
      (the models of chapters 5 to 8);
    * ``"deskew_pca_poly2"``: ``Pipeline(Deskew, scaler, PCA, PolynomialFeatures,
      LogisticRegression)`` with polynomial degree at most 2 (chapter 11's deskew pipeline,
      the catalogue's ``deskew-pca60-poly2``);
    * ``"deskew_hog_pca_poly2"``: ``Pipeline(Deskew, Hog, PCA, PolynomialFeatures,
      LogisticRegression)`` (chapter 11's best model,
      :func:`~mnist_tutorial.make_hog_pipeline`).

    Parameters
    ----------
    model : fitted LogisticRegression or Pipeline of one of the shapes above
        The scaler is a MinMaxScaler, StandardScaler or MaxAbsScaler; the Deskew step has
        ``center=True``; the PCA does not whiten. The classifier must have more than two
        classes (multinomial softmax), as on MNIST.
    significant_digits : int, optional
        Round every exported float to this many significant decimal digits (a smaller
        JSON; 8 is about float32 precision). Default: full float64 precision, with which
        the exported computation reproduces ``predict_proba`` to rounding error.

    Returns
    -------
    dict
        Common keys: ``"kind"`` (str), ``"classes"`` (list of str, length n_classes),
        ``"n_features"`` (int, n_features), ``"scale_mul"`` and ``"scale_add"`` (lists of
        length n_features: the scaler as ``x * scale_mul + scale_add``; ones and zeros
        without a scaler), ``"coef"`` (n_classes lists of n_inputs floats) and
        ``"intercept"`` (n_classes floats). For ``"linear"``, n_inputs = n_features and the
        probabilities are ``softmax(coef @ (x * scale_mul + scale_add) + intercept)``.

        ``"deskew_pca_poly2"`` adds ``"image_shape"`` ([side, side], side**2 =
        n_features), ``"pca_mean"`` (n_features floats), ``"pca_components"``
        (n_components lists of n_features floats) and ``"poly_terms"`` (n_inputs lists of
        0 to 2 component indices, from the fitted ``powers_``). The probabilities are::

            s = deskew(x) * scale_mul + scale_add          # deskew as mnist_tutorial.deskew
            z = pca_components @ (s - pca_mean)             # (n_components,)
            f = [prod(z[i] for i in term) for term in poly_terms]   # (n_inputs,)
            p = softmax(coef @ f + intercept)

        ``"deskew_hog_pca_poly2"`` has no scaler keys; it has ``"image_shape"``,
        ``"hog"`` (the :class:`~mnist_tutorial.Hog` settings: ``cell_sizes``, ``n_bins``,
        ``block_size``, ``block_norm``, ``offset_cells``, ``eps``), ``"pca_mean"`` and
        ``"pca_components"`` over the HOG features, ``"poly_terms"``, ``"coef"``, ``"intercept"``::

            h = hog_features(deskew(x), **hog)             # mnist_tutorial.hog_features
            z = pca_components @ (h - pca_mean)
            f = [prod(z[i] for i in term) for term in poly_terms]
            p = softmax(coef @ f + intercept)

    Raises
    ------
    TypeError
        If the model is not of one of the shapes above.
    ValueError
        If it is not fitted, has two classes, or its steps are set up or fitted in a way
        the exported computation cannot reproduce.

    Examples
    --------
    >>> import json
    >>> from sklearn.linear_model import LogisticRegression
    >>> X = [[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]
    >>> params = export_model(LogisticRegression().fit(X, ["a", "b", "c", "a"]))
    >>> params["kind"], params["classes"], len(params["coef"]), len(params["coef"][0])
    ('linear', ['a', 'b', 'c'], 3, 2)
    >>> len(json.dumps(params)) > 0
    True

    The best pipeline, here fitted on 30 random "images" of 4x4 pixels:

    >>> from mnist_tutorial.pipelines import make_deskew_lr
    >>> rng = np.random.default_rng(0)
    >>> small = make_deskew_lr(3, degree=2).fit(rng.random((30, 16)), np.arange(30) % 3)
    >>> params = export_model(small, significant_digits=8)
    >>> params["kind"], params["image_shape"], len(params["pca_components"])
    ('deskew_pca_poly2', [4, 4], 3)
    >>> params["poly_terms"]
    [[0], [1], [2], [0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]]
    """
    _check_digits(significant_digits)
    if not isinstance(model, (Pipeline, LogisticRegression)):
        raise TypeError(
            f"model must be a fitted LogisticRegression or Pipeline, got {type(model).__name__}"
        )
    if isinstance(model, Pipeline):
        steps = [(name, est) for name, est in model.steps if est not in (None, "passthrough")]
        _check_fitted_steps(steps)
        if any(isinstance(est, Hog) for _, est in steps):
            return _export_deskew_hog_pca_poly(steps, significant_digits)
        if steps and isinstance(steps[0][1], Deskew):
            return _export_deskew_pca_poly(steps, significant_digits)
        if len(steps) == 2:
            scaler, clf = (est for _, est in steps)
            mul, add = _affine_of_scaler(scaler)
        elif len(steps) == 1:
            ((_, clf),) = steps
            mul = add = None
        else:
            raise TypeError(
                "model must be a Pipeline of (scaler, LogisticRegression) or "
                f"{_BEST_SHAPE}, got steps {[name for name, _ in model.steps]}"
            )
    else:
        clf, mul, add = model, None, None
    coef, intercept = _softmax_classifier(clf)
    n_features = coef.shape[1]
    if mul is None:
        mul, add = np.ones(n_features), np.zeros(n_features)
    return {
        "kind": "linear",
        "classes": [str(c) for c in clf.classes_],
        "n_features": int(n_features),
        "scale_mul": _rounded(mul, significant_digits, "scale_mul"),
        "scale_add": _rounded(add, significant_digits, "scale_add"),
        "coef": _rounded(coef, significant_digits, "coef"),
        "intercept": _rounded(intercept, significant_digits, "intercept"),
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
    img = check_numeric(image, "image")
    if img.ndim != 2 or img.size == 0:
        raise ValueError(f"image must be 2-D (height, width), not empty, got shape {img.shape}")
    if img.size and (img.min() < 0 or img.max() > 1):
        raise ValueError("image must hold finite ink intensities in [0, 1]")
    box, size = check_int(box, "box"), check_int(size, "size")
    if box > size:
        raise ValueError(f"box must be at most size, got box={box}, size={size}")
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
