"""Checks for chapter 10: ``n_polynomial_features`` and ``make_poly_pipeline``."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from sklearn.base import clone
from sklearn.decomposition import PCA
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures
from sklearn.utils.validation import check_is_fitted

from ._core import Chapter, CheckFailure, call, expect_int
from ._data import digits
from ._strategies import Case, run_cases

CHAPTER = Chapter(
    10,
    "ch10_polynomial.py",
    ("n_polynomial_features", "make_poly_pipeline"),
    prepare=lambda: _oracle_predictions(),
)
part = CHAPTER.part


def _n_out(n_features, degree, include_bias):
    poly = PolynomialFeatures(degree=degree, include_bias=include_bias)
    return poly.fit(np.zeros((1, n_features))).n_output_features_


def _expect_count(func, n, d, include_bias):
    what = f"n_polynomial_features({n}, {d}" + (", include_bias=True)" if include_bias else ")")
    got = expect_int(
        call(func, n, d, include_bias=True) if include_bias else call(func, n, d), what
    )
    want = _n_out(n, d, include_bias)
    if got != want:
        hint = "count every monomial of total degree 1 up to degree"
        if include_bias:
            hint = "with include_bias=True the constant column counts too"
        elif got == want + 1:
            hint = "without include_bias the constant column is not counted"
        size = "too large" if got > want else "too small"
        raise CheckFailure(f"{what} returned {got}, which is {size}; {hint}")


@part("n_polynomial_features", points=2)
def _n_polynomial_features_values(n_polynomial_features):
    for n, d in ((2, 2), (3, 2), (30, 2), (5, 3), (4, 1), (1, 4)):
        _expect_count(n_polynomial_features, n, d, include_bias=False)


@part("n_polynomial_features")
def _n_polynomial_features_large(n_polynomial_features):
    # 784 pixels at degree 3: about 81 million columns, still an exact Python int
    _expect_count(n_polynomial_features, 784, 3, include_bias=False)


@part("n_polynomial_features")
def _n_polynomial_features_bias(n_polynomial_features):
    for n, d in ((2, 2), (30, 2), (5, 3)):
        _expect_count(n_polynomial_features, n, d, include_bias=True)


_STEPS = (MinMaxScaler, PCA, PolynomialFeatures, LogisticRegression)


def _expect_pipeline(pipe, what):
    if not isinstance(pipe, Pipeline):
        raise CheckFailure(f"{what} returned {type(pipe).__name__}; expected a sklearn Pipeline")
    kinds = [type(step).__name__ for _, step in pipe.steps]
    if len(kinds) != 4:
        raise CheckFailure(f"{what} has {len(kinds)} steps ({', '.join(kinds)}); expected 4")
    for position, (step, kind) in enumerate(zip(pipe.steps, _STEPS), start=1):
        if not isinstance(step[1], kind):
            raise CheckFailure(
                f"{what}: step {position} is {type(step[1]).__name__}; the steps are, in "
                f"order, scaler, PCA, polynomial features, classifier ({', '.join(kinds)})"
            )
    for name, step in pipe.steps:
        try:
            check_is_fitted(step)
        except NotFittedError:
            continue
        raise CheckFailure(f"{what}: step {name!r} is already fitted; return it unfitted")
    return pipe


@part("make_poly_pipeline", points=2)
def _make_poly_pipeline_structure(make_poly_pipeline):
    _expect_pipeline(call(make_poly_pipeline), "make_poly_pipeline()")


def _expect_params(pipe, what, n_components, degree, C, max_iter):
    _, pca, poly, lr = (step for _, step in pipe.steps)
    checks = [
        ("PCA n_components", pca.n_components, n_components),
        ("PolynomialFeatures degree", poly.degree, degree),
        ("PolynomialFeatures include_bias", poly.include_bias, False),
        ("LogisticRegression C", lr.C, C),
        ("LogisticRegression max_iter", lr.max_iter, max_iter),
    ]
    for label, got, want in checks:
        if got != want:
            extra = (
                "; the logistic regression has its own intercept, so drop the constant column"
                if label.endswith("include_bias")
                else "; pass the argument on"
            )
            raise CheckFailure(f"{what}: {label} is {got!r}{extra}")
    # the pipeline's own settings (memory, verbose, ...) stay at their defaults
    defaults = Pipeline([("step", MinMaxScaler())]).get_params(deep=False)
    for key, value in pipe.get_params(deep=False).items():
        if key != "steps" and value != defaults.get(key):
            raise CheckFailure(
                f"{what}: the Pipeline itself has {key}={value!r}; leave the pipeline's own "
                "settings (memory, verbose, ...) at scikit-learn's defaults"
            )
    # every other setting stays at scikit-learn's default
    described = {"n_components": n_components, "degree": degree, "include_bias": False}
    described.update(C=C, max_iter=max_iter)
    for (_, step), kind in zip(pipe.steps, _STEPS):
        defaults = kind().get_params()
        for key, value in step.get_params().items():
            want = described.get(key, defaults.get(key))
            if key not in described and value != want:
                raise CheckFailure(
                    f"{what}: {kind.__name__} has {key}={value!r}; leave every setting the "
                    "docstring does not mention at scikit-learn's default"
                )


@part("make_poly_pipeline", points=2)
def _make_poly_pipeline_params(make_poly_pipeline):
    pipe = _expect_pipeline(call(make_poly_pipeline), "make_poly_pipeline()")
    _expect_params(pipe, "make_poly_pipeline()", 30, 2, 1.0, 1000)
    what = "make_poly_pipeline(n_components=7, degree=3, C=0.25, max_iter=123)"
    pipe = _expect_pipeline(
        call(make_poly_pipeline, n_components=7, degree=3, C=0.25, max_iter=123), what
    )
    _expect_params(pipe, what, 7, 3, 0.25, 123)


@part("make_poly_pipeline")
def _make_poly_pipeline_new_each_call(make_poly_pipeline):
    first, second = call(make_poly_pipeline), call(make_poly_pipeline)
    if first is second or any(a is b for (_, a), (_, b) in zip(first.steps, second.steps)):
        raise CheckFailure(
            "two calls of make_poly_pipeline() returned the same pipeline (or share a step); "
            "build a new one on every call, or fitting one would change the other"
        )


@lru_cache(maxsize=1)
def _oracle_predictions():
    """Predictions of the pipeline the exercise describes, fitted on 300 8x8 digits."""
    X, y = digits()
    oracle = Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA(n_components=8)),
            ("poly", PolynomialFeatures(degree=2, include_bias=False)),
            ("logreg", LogisticRegression(C=1.0, max_iter=200)),
        ]
    )
    return oracle.fit(X[:300], y[:300]).predict(X[300:600])


@part("make_poly_pipeline")
def _make_poly_pipeline_fits(make_poly_pipeline):
    X, y = digits()
    pipe = call(make_poly_pipeline, n_components=8, degree=2, C=1.0, max_iter=200)
    _expect_pipeline(pipe, "make_poly_pipeline(n_components=8, ...)")
    pipe = clone(pipe).fit(X[:300], y[:300])
    n_out = pipe[:-1].transform(X[:1]).shape[1]
    if n_out != 44:
        raise CheckFailure(
            f"fitted with n_components=8 and degree=2, the pipeline gives the classifier "
            f"{n_out} features"
        )
    agree = np.mean(pipe.predict(X[300:600]) == _oracle_predictions())
    if agree < 0.95:
        raise CheckFailure(
            f"fitted on 300 8x8 digits, the pipeline agrees with the described one on only "
            f"{agree:.0%} of 300 other digits"
        )


# ---------------------------------------------------------------- generated cases

STRATEGIES = {
    "n_polynomial_features": ["big_counts", "numpy_scalars", "params"],
    "make_poly_pipeline": ["params"],
}


def _count_cases(rng, strategy):
    if strategy == "big_counts":
        # a cheap case past 2**53 first (C(792, 8)), so a slow wrong answer fails fast
        for n, d in ((784, 8), (10**6, 3), (10**6, 4), (50_000, 7)):
            for bias in (False, True):
                yield Case(f"{n} features, degree {d}", (n, d), {"include_bias": bias})
    elif strategy == "numpy_scalars":
        yield Case("NumPy integers", (np.int64(30), np.int32(3)))
        yield Case("np.bool_(True)", (np.int64(7), 2), {"include_bias": np.bool_(True)})
        yield Case("np.bool_(False)", (5, np.int64(2)), {"include_bias": np.bool_(False)})
    elif strategy == "params":
        for _ in range(6):
            n, d = int(rng.integers(1, 40)), int(rng.integers(1, 5))
            yield Case("small sizes", (n, d), {"include_bias": bool(rng.integers(2))})


@part("n_polynomial_features")
def _n_polynomial_features_generated(n_polynomial_features):
    def check(got, pristine, case):
        (n, d), flag = pristine.args, pristine.kwargs.get("include_bias", False)
        bias = bool(flag)
        what = f"n_polynomial_features({n!r}, {d!r}, include_bias={flag!r})"
        got = expect_int(got, what)
        n, d = int(n), int(d)
        want = _n_out(n, d, bias) if n < 1000 else math.comb(n + d, d) - (not bias)
        if got != want:
            size = "too large" if got > want else "too small"
            hint = "count every monomial of total degree 1 up to degree"
            if want > 2**53:
                hint = (
                    "the count must be exact for any size: Python integers, no float "
                    "division, no NumPy int64"
                )
            elif isinstance(pristine.kwargs.get("include_bias"), np.bool_):
                hint = "include_bias may be any true or false value, np.bool_ too"
            raise CheckFailure(f"{what} returned {got}, which is {size}; {hint}")

    run_cases(
        n_polynomial_features,
        STRATEGIES["n_polynomial_features"],
        _count_cases,
        check,
        exercise="n_polynomial_features",
    )


def _pipeline_cases(rng, strategy):
    for _ in range(4):
        kwargs = {
            "n_components": int(rng.integers(1, 60)),
            "degree": int(rng.integers(1, 5)),
            "C": float(rng.choice([0.01, 0.5, 3.5, 100.0])),
            "max_iter": int(rng.choice([50, 300, 5000])),
        }
        yield Case("settings", (), kwargs)


@part("make_poly_pipeline")
def _make_poly_pipeline_generated(make_poly_pipeline):
    def check(got, pristine, case):
        kw = pristine.kwargs
        what = "make_poly_pipeline(" + ", ".join(f"{k}={v!r}" for k, v in kw.items()) + ")"
        _expect_pipeline(got, what)
        _expect_params(got, what, kw["n_components"], kw["degree"], kw["C"], kw["max_iter"])

    run_cases(
        make_poly_pipeline,
        STRATEGIES["make_poly_pipeline"],
        _pipeline_cases,
        check,
        exercise="make_poly_pipeline",
    )
