"""Checks for chapter 9: ``components_for_variance``, ``reconstruct``, ``reconstruction_error``."""

from __future__ import annotations

import copy
from functools import lru_cache

import numpy as np
from sklearn.decomposition import PCA

from ._core import (
    Chapter,
    CheckFailure,
    call,
    call_float,
    expect_array,
    expect_close,
    expect_float,
    expect_int,
)
from ._data import digits
from ._strategies import Case, as_form, run_cases

CHAPTER = Chapter(
    9,
    "ch09_pca.py",
    ("components_for_variance", "reconstruct", "reconstruction_error"),
    prepare=lambda: (_digits_ratio(), _pca_fit(), _pca(n_components=3)),
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
            strict = int(np.argmax(np.cumsum(ratio) > target)) + 1
            if note and got == strict:
                hint = "'at least target' includes a cumulative ratio equal to it (>=)"
            elif got > want:
                hint = "add the ratios in the order given (largest first)"
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
    pristine = copy.deepcopy(pca)  # the expected value never sees a refitted PCA
    got = call(reconstruct, pca, X)
    if pca.components_.shape != pristine.components_.shape or not np.array_equal(
        pca.components_, pristine.components_
    ):
        raise CheckFailure("reconstruct refitted the PCA; use the fitted one (no .fit on X)")
    pca = pristine
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


# ---------------------------------------------------------------- generated cases

STRATEGIES = {
    "components_for_variance": ["lists", "tuples", "float32", "rounding", "sizes"],
    "reconstruct": ["params", "lists", "int_dtypes", "sizes"],
    "reconstruction_error": ["lists", "tuples", "int_dtypes", "tiny", "huge", "sizes"],
}

#: A cumulative sum this close below the target reaches it (the docstring's tolerance).
TOLERANCE = 1e-9


def _tolerant_oracle(ratio, target):
    total = 0.0
    for n, r in enumerate(np.asarray(ratio, dtype=np.float64).tolist(), start=1):
        total += r
        if total >= target - TOLERANCE:
            return n
    raise AssertionError("target not reachable")


def _variance_cases(rng, strategy):
    ratio = np.sort(rng.dirichlet(np.ones(8)))[::-1]
    cumulative = np.cumsum(ratio)
    middle = float((cumulative[3] + cumulative[4]) / 2)  # far from every sum
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"a {form}", (as_form(ratio, form), middle))
    elif strategy == "float32":
        yield Case("float32 ratios", (ratio.astype(np.float32), middle))
        for i in range(6):  # targets a float32 sum would round onto a float64 sum
            for delta in (0.0, 3e-8):
                yield Case("a target near a float64 sum", (ratio, float(cumulative[i]) + delta))
    elif strategy == "rounding":
        yield Case("0.6 + 0.3 against 0.9", (np.array([0.6, 0.3, 0.1]), 0.9))
        for i in (1, 4):
            for delta in (-1e-15, 0.0, 1e-15, 1e-6):
                yield Case("a target a hair from a sum", (ratio, float(cumulative[i]) + delta))
    elif strategy == "sizes":
        yield Case("one component", (np.array([1.0]), 1.0))
        many = np.sort(rng.dirichlet(np.ones(784)))[::-1]
        yield Case("784 components", (many, float(np.cumsum(many)[700] + 1e-7)))


@part("components_for_variance")
def _components_for_variance_generated(components_for_variance):
    def check(got, pristine, case):
        ratio, target = pristine.args
        what = f"components_for_variance({case.label})"
        got = expect_int(got, what)
        want = _tolerant_oracle(ratio, target)
        if got != want:
            size = "too large" if got > want else "too small"
            raise CheckFailure(
                f"{what} returned {got}, which is {size}; add the ratios in float64, in the "
                f"order given, and count a sum within {TOLERANCE:g} below the target as reaching it"
            )

    run_cases(
        components_for_variance,
        STRATEGIES["components_for_variance"],
        _variance_cases,
        check,
        exercise="components_for_variance",
    )


@lru_cache(maxsize=8)
def _cached_pca(settings):
    X, _ = digits()
    return PCA(**dict(settings)).fit(X[:200])


def _pca(**settings):
    """A fresh copy of a PCA with these settings fitted on 200 digits (fitted once)."""
    return copy.deepcopy(_cached_pca(tuple(sorted(settings.items()))))


def _reconstruct_cases(rng, strategy):
    X, _ = digits()
    X_new = X[400 + int(rng.integers(100)) :][:6]
    if strategy == "params":
        settings = (
            {"n_components": 5, "whiten": True},
            {"n_components": 0.8},
            {"n_components": 1},
            {"n_components": 4, "svd_solver": "randomized", "random_state": 0},
        )
        for kwargs in settings:
            pca = _pca(**kwargs)
            label = "PCA(" + ", ".join(f"{k}={v!r}" for k, v in kwargs.items()) + ")"
            yield Case(label, (pca, X_new))
    elif strategy == "lists":
        yield Case("X as a list of lists", (_pca(n_components=3), X_new.tolist()))
    elif strategy == "int_dtypes":
        yield Case("uint8 X", (_pca(n_components=3), X_new.astype(np.uint8)))
    elif strategy == "sizes":
        yield Case("one image", (_pca(n_components=3), X_new[:1]))
        yield Case("12,000 images", (_pca(n_components=2), np.tile(X_new, (2000, 1))))


@part("reconstruct")
def _reconstruct_generated(reconstruct):
    def check(got, pristine, case):
        pca, X = pristine.args
        what = f"reconstruct({case.label}, X)"
        X = np.asarray(X, dtype=np.float64)
        expect_array(got, what, shape=X.shape, kind="f")
        want = pca.inverse_transform(pca.transform(X))
        hint = "use the fitted PCA's own transform and inverse_transform (whitening, too)"
        expect_close(got, want, what, rtol=1e-7, atol=1e-9, hint=hint)

    run_cases(
        reconstruct,
        STRATEGIES["reconstruct"],
        _reconstruct_cases,
        check,
        exercise="reconstruct",
    )


def _error_cases(rng, strategy):
    X = rng.uniform(0, 255, size=(3, 4))
    R = X + rng.normal(scale=20, size=X.shape)
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"{form}s", (as_form(X, form), as_form(R, form)))
    elif strategy == "int_dtypes":
        yield Case("uint8 arrays", (X.astype(np.uint8), R.clip(0, 255).astype(np.uint8)))
        yield Case("uint8 and float64", (X.astype(np.uint8), R))
    elif strategy == "tiny":
        yield Case("a tiny error", (X, X + rng.normal(scale=1e-5, size=X.shape)))
    elif strategy == "huge":
        yield Case("values near 1e8", (X + 1e8, R + 1e8))
    elif strategy == "sizes":
        yield Case("one pixel", (X[:1, :1], R[:1, :1]))
        big = rng.uniform(0, 255, size=(12_000, 2))
        rec = big.copy()
        rec[11_000:] += 3.0  # errors only past any [:10000] slice
        yield Case("12,000 images", (big, rec))


@part("reconstruction_error")
def _reconstruction_error_generated(reconstruction_error):
    def check(got, pristine, case):
        X, R = (np.asarray(a, dtype=np.float64) for a in pristine.args)
        what = f"reconstruction_error({case.label})"
        hint = "every sample and pixel, in float64, not rounded"
        expect_close(
            expect_float(got, what), np.mean((X - R) ** 2), what, rtol=1e-9, atol=0, hint=hint
        )

    run_cases(
        reconstruction_error,
        STRATEGIES["reconstruction_error"],
        _error_cases,
        check,
        exercise="reconstruction_error",
    )
