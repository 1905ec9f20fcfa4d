"""Checks for chapter 8: ``min_max_scale`` and ``standardize``."""

from __future__ import annotations

import numpy as np
from sklearn.preprocessing import MinMaxScaler, StandardScaler

from ._core import Chapter, CheckFailure, call, expect_array, expect_close
from ._strategies import Case, as_form, run_cases

CHAPTER = Chapter(8, "ch08_scaling.py", ("min_max_scale", "standardize"))
part = CHAPTER.part


def _data():
    """Small train/test sets whose statistics differ; feature 2 is constant in X_train."""
    rng = np.random.default_rng(42)
    X_train = rng.uniform(0, 255, size=(8, 5))
    X_test = rng.uniform(-20, 300, size=(4, 5))
    X_train[:, 2] = 7.0
    return X_train, X_test


def _pair(result, what, n_features=5):
    if not isinstance(result, tuple) or len(result) != 2:
        raise CheckFailure(f"{what} should return a tuple (X_train_scaled, X_test_scaled)")
    train, test = result
    expect_array(train, f"{what}: X_train_scaled", shape=(8, n_features), kind="f")
    expect_array(test, f"{what}: X_test_scaled", shape=(4, n_features), kind="f")
    return train, test


def _check_train(func, scaler, name):
    X_train, X_test = _data()
    keep = [0, 1, 3, 4]  # leave the constant feature to its own part
    train, _ = _pair(call(func, X_train[:, keep], X_test[:, keep]), name, n_features=4)
    hint = ""
    if name == "standardize":
        ddof1 = (X_train[:, keep] - X_train[:, keep].mean(axis=0)) / X_train[:, keep].std(
            axis=0, ddof=1
        )
        if np.allclose(train, ddof1):
            hint = "use the population standard deviation (ddof=0), as StandardScaler does"
    both = np.vstack([X_train[:, keep], X_test[:, keep]])
    if np.allclose(train, scaler().fit(both).transform(X_train[:, keep])):
        hint = (
            "learn the statistics from X_train only, not from X_train and X_test together "
            "(that leaks the test set into the scaling)"
        )
    expected = scaler().fit_transform(X_train[:, keep])
    expect_close(train, expected, f"{name}: X_train_scaled", rtol=1e-9, atol=1e-12, hint=hint)


def _check_test(func, scaler, name):
    X_train, X_test = _data()
    keep = [0, 1, 3, 4]
    _, test = _pair(call(func, X_train[:, keep], X_test[:, keep]), name, n_features=4)
    hint = ""
    if np.allclose(test, scaler().fit_transform(X_test[:, keep])):
        hint = "the test set must be scaled with statistics learned from X_train only"
    expected = scaler().fit(X_train[:, keep]).transform(X_test[:, keep])
    if not hint and name == "min_max_scale" and np.all((test >= 0) & (test <= 1)):
        hint = "test values scaled with the training min and max may fall outside [0, 1]: keep them"
    expect_close(
        test,
        expected,
        f"{name}: X_test_scaled",
        rtol=1e-9,
        atol=1e-12,
        hint=hint or "scale X_test with the training statistics",
    )


def _check_constant(func, scaler, name):
    X_train, X_test = _data()
    train, test = _pair(call(func, X_train, X_test), f"{name} with a constant feature")
    if np.isnan(train).any() or np.isnan(test).any() or np.isinf(test).any():
        raise CheckFailure(
            f"{name} gave NaN or inf for a feature that is constant in X_train (division by "
            "a spread of 0); divide that feature by 1 instead"
        )
    fitted = scaler().fit(X_train)
    expect_close(
        train,
        fitted.transform(X_train),
        f"{name} with a constant feature: X_train_scaled",
        rtol=1e-9,
        atol=1e-12,
        hint="a feature constant in X_train becomes 0 in X_train_scaled",
    )
    expect_close(
        test,
        fitted.transform(X_test),
        f"{name} with a constant feature: X_test_scaled",
        rtol=1e-9,
        atol=1e-12,
        hint="in X_test, a feature constant in X_train is shifted by the training value and "
        "divided by 1 (it is not set to 0)",
    )


def _check_inputs(func, scaler, name):
    # uint8 data, as MNIST stores it: X - min must not wrap around below 0
    X_train = np.array([[10, 200], [30, 100], [20, 250]], dtype=np.uint8)
    X_test = np.array([[5, 255], [40, 0]], dtype=np.uint8)
    result = call(func, X_train, X_test)
    if not isinstance(result, tuple) or len(result) != 2:
        raise CheckFailure(f"{name} should return a tuple (X_train_scaled, X_test_scaled)")
    fitted = scaler().fit(X_train.astype(float))
    hint = "convert to float first (np.asarray(X, dtype=float)): uint8 arithmetic wraps around"
    for got, X, which in ((result[0], X_train, "X_train"), (result[1], X_test, "X_test")):
        what = f"{name}(uint8 data): {which}_scaled"
        expect_array(got, what, shape=X.shape, kind="f")
        expect_close(got, fitted.transform(X.astype(float)), what, rtol=1e-9, atol=1e-12, hint=hint)
    X_train = [[1.5, 2.0], [3.5, -1.0], [2.0, 0.5]]  # lists of lists
    X_test = [[0.0, 1.0]]
    result = call(func, X_train, X_test)
    fitted = scaler().fit(np.array(X_train))
    for got, X, which in ((result[0], X_train, "X_train"), (result[1], X_test, "X_test")):
        what = f"{name}(lists): {which}_scaled"
        expect_array(got, what, shape=np.shape(X), kind="f")
        expect_close(got, fitted.transform(np.array(X)), what, rtol=1e-9, atol=1e-12)


@part("min_max_scale")
def _min_max_scale_train(min_max_scale):
    _check_train(min_max_scale, MinMaxScaler, "min_max_scale")


@part("min_max_scale", points=2)
def _min_max_scale_test_set(min_max_scale):
    _check_test(min_max_scale, MinMaxScaler, "min_max_scale")


@part("min_max_scale")
def _min_max_scale_constant_feature(min_max_scale):
    _check_constant(min_max_scale, MinMaxScaler, "min_max_scale")


@part("standardize")
def _standardize_train(standardize):
    _check_train(standardize, StandardScaler, "standardize")


@part("standardize", points=2)
def _standardize_test_set(standardize):
    _check_test(standardize, StandardScaler, "standardize")


@part("standardize")
def _standardize_constant_feature(standardize):
    _check_constant(standardize, StandardScaler, "standardize")


@part("min_max_scale")
def _min_max_scale_inputs(min_max_scale):
    _check_inputs(min_max_scale, MinMaxScaler, "min_max_scale")


@part("standardize")
def _standardize_inputs(standardize):
    _check_inputs(standardize, StandardScaler, "standardize")


# ---------------------------------------------------------------- generated cases

_KINDS = [
    "lists",
    "tuples",
    "float32",
    "int_dtypes",
    "negative",
    "tiny",
    "huge",
    "near_constant",
    "sizes",
]
STRATEGIES = {"min_max_scale": list(_KINDS), "standardize": list(_KINDS)}


def _scaling_cases(rng, strategy):
    X_train, X_test = rng.uniform(0, 255, size=(6, 3)), rng.uniform(-20, 300, size=(3, 3))
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"{form}s of {form}s", (as_form(X_train, form), as_form(X_test, form)))
    elif strategy == "float32":
        yield Case("float32 arrays", (X_train.astype(np.float32), X_test.astype(np.float32)))
    elif strategy == "int_dtypes":
        yield Case("uint8 arrays", (X_train.astype(np.uint8), X_test.clip(0, 255).astype(np.uint8)))
        yield Case("int64 arrays", (X_train.astype(np.int64) - 300, X_test.astype(np.int64)))
    elif strategy == "negative":
        yield Case("negative values", (X_train - 1000, X_test - 1000))
    elif strategy == "tiny":
        yield Case("tiny values", (X_train * 1e-12, X_test * 1e-12))
    elif strategy == "huge":
        yield Case("values near 1e8", (1e8 + X_train / 255, 1e8 + X_test / 255))
    elif strategy == "near_constant":
        X_train[:, 0] = 0.1  # its variance comes out as rounding error, not 0
        X_train[:, 1] = 1e8 + rng.uniform(0, 1e-8, size=6)
        X_train[:, 2] = 1.0 + np.arange(6) % 2 * np.finfo(float).eps
        yield Case("near-constant features", (X_train, X_test))
    elif strategy == "sizes":
        yield Case("one training row", (X_train[:1], X_test[:1]))
        yield Case("12,000 training rows", (rng.uniform(0, 255, size=(12_000, 2)), X_test[:, :2]))


def _generated(func, scaler, name):
    def check(got, pristine, case):
        X_train, X_test = (np.asarray(X, dtype=np.float64) for X in pristine.args)
        what = f"{name}({case.label})"
        if not isinstance(got, tuple) or len(got) != 2:
            raise CheckFailure(f"{what} should return a tuple (X_train_scaled, X_test_scaled)")
        fitted = scaler().fit(X_train)
        # the oracle computes X * scale + offset: allow for its rounding at large values
        spread = fitted.scale_ if name == "standardize" else 1 / fitted.scale_
        atol = 1e-12 + 100 * np.finfo(float).eps * np.abs(X_train).max() / spread.min()
        hints = {
            "near 1e8": "for values near 1e8, E[X**2] - E[X]**2 loses every digit: take the "
            "mean of squared deviations from the mean",
            "near-constant": "a feature whose spread is rounding error counts as constant "
            "(scikit-learn's rule, in the docstring): divide it by 1",
            "tiny": "tiny values still have a spread: only a spread at the level of rounding "
            "error counts as constant",
        }
        hint = next((h for key, h in hints.items() if key in case.label), "")
        hint = hint or "compute in float64, with the training statistics"
        for got_X, X, which in ((got[0], X_train, "X_train"), (got[1], X_test, "X_test")):
            expect_array(got_X, f"{what}: {which}_scaled", shape=X.shape, kind="f")
            want = fitted.transform(X)
            expect_close(got_X, want, f"{what}: {which}_scaled", rtol=1e-9, atol=atol, hint=hint)

    run_cases(func, STRATEGIES[name], _scaling_cases, check, exercise=name)


@part("min_max_scale")
def _min_max_scale_generated(min_max_scale):
    _generated(min_max_scale, MinMaxScaler, "min_max_scale")


@part("standardize")
def _standardize_generated(standardize):
    _generated(standardize, StandardScaler, "standardize")
