"""Checks for chapter 10: ``n_polynomial_features`` and ``make_poly_search``."""

from __future__ import annotations

import math
import numbers
from collections import Counter
from functools import lru_cache
from itertools import product

import numpy as np
from sklearn.base import clone
from sklearn.decomposition import PCA
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, ParameterGrid
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures
from sklearn.utils.validation import check_is_fitted

from ._core import Chapter, CheckFailure, call, expect_int
from ._data import digits
from ._strategies import Case, run_cases

CHAPTER = Chapter(
    10,
    "ch10_polynomial.py",
    ("n_polynomial_features", "make_poly_search"),
    prepare=lambda: _oracle_scores(),
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
# what the docstring fixes; PCA's n_components and the classifier's C come from the grid
_FIXED = {"degree": 2, "include_bias": False, "max_iter": 1000}
_FROM_GRID = {"n_components", "C"}


def _expect_pipeline(pipe, what):
    if not isinstance(pipe, Pipeline):
        raise CheckFailure(f"{what} is {type(pipe).__name__}; expected a sklearn Pipeline")
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


def _expect_search(search, what):
    if not isinstance(search, GridSearchCV):
        hint = ""
        if isinstance(search, Pipeline):
            hint = "; wrap the pipeline in GridSearchCV(pipeline, param_grid, cv=cv)"
        raise CheckFailure(
            f"{what} returned {type(search).__name__}; expected a GridSearchCV{hint}"
        )
    if hasattr(search, "cv_results_"):
        raise CheckFailure(f"{what} is already fitted; return it unfitted")
    _expect_pipeline(search.estimator, f"{what}: its estimator")
    defaults = GridSearchCV(LogisticRegression(), {}).get_params(deep=False)
    settings = search.get_params(deep=False)
    if settings["scoring"] not in (None, "accuracy"):
        raise CheckFailure(
            f"{what} has scoring={settings['scoring']!r}; keep the default scoring (accuracy)"
        )
    if settings["refit"] is not defaults["refit"]:
        raise CheckFailure(
            f"{what} has refit={settings['refit']!r}; keep refit=True, so the best pipeline is "
            "refitted on all the data"
        )
    return search


def _expect_settings(pipe, what):
    """Every setting of the steps at the docstring's value or scikit-learn's default."""
    defaults = Pipeline([("step", MinMaxScaler())]).get_params(deep=False)
    for key, value in pipe.get_params(deep=False).items():
        if key != "steps" and value != defaults.get(key):
            raise CheckFailure(
                f"{what}: the Pipeline itself has {key}={value!r}; leave the pipeline's own "
                "settings (memory, verbose, ...) at scikit-learn's defaults"
            )
    for (_, step), kind in zip(pipe.steps, _STEPS):
        defaults = kind().get_params()
        for key, value in step.get_params().items():
            if key in _FROM_GRID and kind in (PCA, LogisticRegression):
                continue
            if key == "random_state" and kind is PCA:
                continue  # the page's PCA(random_state=42) is fine
            want = _FIXED.get(key, defaults.get(key))
            if value != want:
                hint = (
                    "leave every setting the docstring does not mention at scikit-learn's default"
                )
                if key == "include_bias":
                    hint = (
                        "the logistic regression has its own intercept, so drop the constant column"
                    )
                elif key in _FIXED:
                    hint = f"the docstring asks for {key}={want!r}"
                raise CheckFailure(f"{what}: {kind.__name__} has {key}={value!r}; {hint}")


def _number(value):
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def _grid_pairs(search, what):
    """(n_components, C) of every point of the search's grid, each pipeline checked."""
    try:
        points = list(ParameterGrid(search.param_grid))
    except (TypeError, ValueError) as exc:
        raise CheckFailure(f"{what}: GridSearchCV cannot read its param_grid ({exc})") from None
    pairs = []
    for params in points:
        try:
            pipe = clone(search.estimator).set_params(**params)
        except ValueError:
            raise CheckFailure(
                f"{what}: the grid's keys {sorted(params)} do not all name a step's parameter; "
                "write '<step name>__<parameter>' with the names of your pipeline's steps"
            ) from None
        _expect_settings(pipe, f"{what}, at the grid point {params}")
        _, pca, _, lr = (step for _, step in pipe.steps)
        pairs.append((_number(pca.n_components), _number(lr.C)))
    return pairs


def _expect_grid(search, what, n_components, C):
    got = Counter(_grid_pairs(search, what))
    want = Counter(product([int(n) for n in n_components], [float(c) for c in C]))
    if got == want:
        return
    swapped = Counter((c, n) for n, c in got)
    if swapped == want:
        hint = "n_components and C are swapped: each list goes to its own step's parameter"
    elif any(count > 1 for count in got.values()):
        hint = "the grid tries a combination more than once; each exactly once"
    elif set(got) < set(want):
        hint = (
            "the grid misses combinations: it must try every value of n_components with "
            "every value of C (a dict of two lists gives them all; zip only pairs them)"
        )
    else:
        hint = "its values are not the given n_components and C; pass the arguments on"
    raise CheckFailure(f"{what}: the grid holds {len(got)} (n_components, C) points; {hint}")


def _expect_cv(search, what, cv):
    folds = search.cv
    if isinstance(folds, bool) or not isinstance(folds, numbers.Integral) or folds != cv:
        shown = repr(folds) if folds is None or isinstance(folds, numbers.Number) else "an object"
        raise CheckFailure(
            f"{what} cross-validates with cv={shown}; pass the cv argument on ({cv} folds)"
        )


@part("make_poly_search", points=2)
def _make_poly_search_structure(make_poly_search):
    _expect_search(call(make_poly_search), "make_poly_search()")


@part("make_poly_search", points=2)
def _make_poly_search_grid(make_poly_search):
    search = _expect_search(call(make_poly_search), "make_poly_search()")
    _expect_grid(search, "make_poly_search()", (30, 60), (0.01, 0.1, 1.0))
    _expect_cv(search, "make_poly_search()", 3)
    what = "make_poly_search(n_components=[5, 7, 9], C=[0.5, 2.0], cv=4)"
    search = _expect_search(
        call(make_poly_search, n_components=[5, 7, 9], C=[0.5, 2.0], cv=4), what
    )
    _expect_grid(search, what, (5, 7, 9), (0.5, 2.0))
    _expect_cv(search, what, 4)


@part("make_poly_search")
def _make_poly_search_new_each_call(make_poly_search):
    first, second = call(make_poly_search), call(make_poly_search)
    _expect_search(first, "make_poly_search()")
    shared = first is second or first.estimator is second.estimator
    shared = shared or any(
        a is b for (_, a), (_, b) in zip(first.estimator.steps, second.estimator.steps)
    )
    if shared:
        raise CheckFailure(
            "two calls of make_poly_search() share their pipeline (or a step); build a new "
            "one on every call, or fitting one would change the other"
        )


_FIT_GRID = {"n_components": (4, 8), "C": (0.1, 1.0), "cv": 3}


@lru_cache(maxsize=1)
def _oracle_scores():
    """Mean validation accuracy of each (n_components, C) of the described search, fitted
    on 300 8x8 digits."""
    X, y = digits()
    pipeline = Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA()),
            ("poly", PolynomialFeatures(degree=2, include_bias=False)),
            ("logreg", LogisticRegression(max_iter=1000)),
        ]
    )
    grid = {"pca__n_components": list(_FIT_GRID["n_components"]), "logreg__C": list(_FIT_GRID["C"])}
    oracle = GridSearchCV(pipeline, grid, cv=_FIT_GRID["cv"]).fit(X[:300], y[:300])
    results = oracle.cv_results_
    return {
        (int(p["pca__n_components"]), float(p["logreg__C"])): float(score)
        for p, score in zip(results["params"], results["mean_test_score"])
    }


@part("make_poly_search")
def _make_poly_search_fits(make_poly_search):
    X, y = digits()
    what = "make_poly_search(n_components=(4, 8), C=(0.1, 1.0), cv=3)"
    search = _expect_search(call(make_poly_search, **_FIT_GRID), what)
    search = clone(search).fit(X[:300], y[:300])
    want = _oracle_scores()
    pairs = _grid_pairs(search, what)
    got = dict(zip(pairs, search.cv_results_["mean_test_score"]))
    for pair, score in want.items():
        if pair not in got or abs(got[pair] - score) > 1e-9:
            raise CheckFailure(
                f"fitted on 300 8x8 digits, {what} gives another mean validation accuracy for "
                f"n_components={pair[0]}, C={pair[1]}; the folds and the pipeline are as "
                "described (no shuffling, every other setting at its default)"
            )
    best = (
        _number(search.best_estimator_.steps[1][1].n_components),
        _number(search.best_estimator_.steps[3][1].C),
    )
    if want.get(best) != max(want.values()):
        raise CheckFailure(f"fitted, {what} refits a pipeline that is not the best of the grid")


# ---------------------------------------------------------------- generated cases

STRATEGIES = {
    "n_polynomial_features": ["big_counts", "numpy_scalars", "params"],
    "make_poly_search": ["params", "lists"],
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
    def draw():
        n_components = sorted({int(k) for k in rng.integers(1, 60, size=int(rng.integers(1, 4)))})
        C = sorted({float(c) for c in rng.choice([0.001, 0.05, 0.5, 3.5, 100.0], size=2)})
        return n_components, C, int(rng.integers(2, 7))

    if strategy == "params":
        for _ in range(4):
            n_components, C, cv = draw()
            kwargs = {"n_components": tuple(n_components), "C": tuple(C), "cv": cv}
            yield Case("settings", (), kwargs)
    elif strategy == "lists":
        n_components, C, cv = draw()
        yield Case("lists", (), {"n_components": n_components, "C": C, "cv": cv})
        yield Case(
            "ndarrays", (), {"n_components": np.array(n_components), "C": np.array(C), "cv": cv}
        )


@part("make_poly_search")
def _make_poly_search_generated(make_poly_search):
    def check(got, pristine, case):
        kw = pristine.kwargs
        what = (
            "make_poly_search("
            + ", ".join(f"{k}={list(v) if k != 'cv' else v!r}" for k, v in kw.items())
            + ")"
        )
        _expect_search(got, what)
        _expect_grid(got, what, kw["n_components"], kw["C"])
        _expect_cv(got, what, kw["cv"])

    run_cases(
        make_poly_search,
        STRATEGIES["make_poly_search"],
        _pipeline_cases,
        check,
        exercise="make_poly_search",
    )
