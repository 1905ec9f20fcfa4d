"""Checks for chapter 9: ``components_for_variance``, ``reconstruct``, ``reconstruction_error``."""

from __future__ import annotations

import copy
from functools import lru_cache

import numpy as np
from sklearn.decomposition import PCA

from ._core import Chapter, CheckFailure, call, call_float, expect_array, expect_close, expect_int
from ._data import digits

CHAPTER = Chapter(
    9,
    "ch09_pca.py",
    ("components_for_variance", "reconstruct", "reconstruction_error"),
    prepare=lambda: (_digits_ratio(), _pca_fit()),
)
part = CHAPTER.part


def _oracle_components(ratio, target):
    """Smallest n with sum(ratio[:n]) >= target, by a plain loop."""
    total = 0.0
    for n, r in enumerate(ratio, start=1):
        total += r
        if total >= target:
            return n
    raise AssertionError("target not reachable")


@part("components_for_variance", points=2)
def _components_for_variance_values(components_for_variance):
    ratio = np.array([0.5, 0.25, 0.125, 0.0625, 0.03125, 0.03125])  # exact in binary
    cases = [(0.75, "exactly reached"), (0.8, ""), (0.5, "exactly reached"), (0.3, ""), (1.0, "")]
    for target, note in cases:
        got = expect_int(call(components_for_variance, ratio, target), "components_for_variance")
        want = _oracle_components(ratio, target)
        if got != want:
            hint = "count components from 1 (the answer is a number of components)"
            if note and got > want:
                hint = "'at least target' includes a cumulative ratio equal to it (>=)"
            size = "too large" if got > want else "too small"
            raise CheckFailure(
                f"components_for_variance(ratio, {target}) returned {got}, which is {size}; {hint}"
            )


@lru_cache(maxsize=1)
def _digits_ratio():
    X, _ = digits()
    return PCA().fit(X[:500]).explained_variance_ratio_


@part("components_for_variance")
def _components_for_variance_pca(components_for_variance):
    ratio = _digits_ratio()
    for target in (0.5, 0.9, 0.95):
        got = expect_int(call(components_for_variance, ratio, target), "components_for_variance")
        want = _oracle_components(ratio, target)
        if got != want:
            raise CheckFailure(
                f"components_for_variance(pca.explained_variance_ratio_, {target}) returned "
                f"{got}, which is {'too large' if got > want else 'too small'}"
            )
    got = call(components_for_variance, ratio.tolist(), 0.9)
    if expect_int(got, "components_for_variance(a list, 0.9)") != _oracle_components(ratio, 0.9):
        raise CheckFailure(
            "components_for_variance(a list, 0.9) gave another answer than for "
            "the same ratios as an array; convert with np.asarray"
        )


@part("components_for_variance", requires="values")
def _components_for_variance_unreachable(components_for_variance):
    ratio = np.array([0.5, 0.25])  # a PCA that kept 2 components: 75% at most
    try:
        got = call(components_for_variance, ratio, 0.9)
    except ValueError:
        return
    raise CheckFailure(
        f"components_for_variance([0.5, 0.25], 0.9) returned {got!r}; the ratios never reach "
        "0.9, so it should raise ValueError"
    )


@lru_cache(maxsize=1)
def _pca_fit():
    X, _ = digits()
    return PCA(n_components=6, svd_solver="full").fit(X[:300])


def _fitted_pca():
    """A fresh copy of a PCA fitted on 300 8x8 digits (fitted once), and 40 other digits."""
    X, _ = digits()
    return copy.deepcopy(_pca_fit()), X[300:340].copy()


@part("reconstruct", points=2)
def _reconstruct_values(reconstruct):
    pca, X = _fitted_pca()
    got = call(reconstruct, pca, X)
    if isinstance(got, np.ndarray) and got.shape == (len(X), pca.n_components_):
        raise CheckFailure(
            f"reconstruct returned shape {got.shape}: those are the PCA coordinates; map them "
            "back to the pixel space"
        )
    expect_array(got, "reconstruct(pca, X)", shape=X.shape, kind="f")
    V = pca.components_
    expected = (X - pca.mean_) @ V.T @ V + pca.mean_
    expect_close(
        got,
        expected,
        "reconstruct(pca, X)",
        rtol=1e-7,
        atol=1e-9,
        hint="use the PCA as fitted: transform, then inverse_transform",
    )


@part("reconstruct")
def _reconstruct_keeps_pca(reconstruct):
    pca, X = _fitted_pca()
    before = pca.components_.copy()
    call(reconstruct, pca, X)
    if pca.components_.shape != before.shape or not np.allclose(pca.components_, before):
        raise CheckFailure("reconstruct refitted the PCA; use the fitted one (no .fit on X)")


@part("reconstruction_error", points=2)
def _reconstruction_error_values(reconstruction_error):
    rng = np.random.default_rng(8)
    X = rng.uniform(0, 16, size=(5, 64))
    X_rec = X + rng.normal(scale=2.0, size=X.shape)
    expected = np.mean((X - X_rec) ** 2)
    expect_close(
        call_float(reconstruction_error, X, X_rec),
        expected,
        "reconstruction_error(X, X_rec)",
        rtol=1e-9,
        atol=0,
        hint="the mean over all samples and pixels of the squared difference",
    )


@part("reconstruction_error")
def _reconstruction_error_identity(reconstruction_error):
    X, _ = digits()
    expect_close(
        call_float(reconstruction_error, X[:10], X[:10].copy()),
        0.0,
        "reconstruction_error(X, X)",
        rtol=0,
        atol=1e-12,
    )


@part("reconstruction_error")
def _reconstruction_error_inputs(reconstruction_error):
    X = np.array([[0, 10, 255], [3, 0, 7]], dtype=np.uint8)  # as MNIST stores pixels
    X_rec = np.array([[50, 0, 250], [0, 90, 7]], dtype=np.uint8)  # differences up to 90
    expected = np.mean((X.astype(float) - X_rec.astype(float)) ** 2)
    hint = "convert to float first: uint8 subtraction wraps around below 0"
    got = call_float(reconstruction_error, X, X_rec)
    expect_close(got, expected, "reconstruction_error(uint8 arrays)", rtol=1e-9, atol=0, hint=hint)
    got = call_float(reconstruction_error, X.tolist(), X_rec.tolist())
    expect_close(got, expected, "reconstruction_error(lists)", rtol=1e-9, atol=0)
