"""Checks for chapter 5: ``fit_logistic_regression`` (and whether it converged), ``accuracy``,
``misclassified_indices``."""

from __future__ import annotations

import warnings
from functools import lru_cache

import numpy as np
import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from ._core import (
    Chapter,
    CheckFailure,
    call,
    call_float,
    expect_array,
    expect_close,
    expect_equal_array,
    expect_float,
)
from ._data import digits
from ._expect import call_checked
from ._strategies import Case, as_form, run_cases

CHAPTER = Chapter(
    5,
    "ch05_fitting.py",
    ("fit_logistic_regression", "accuracy", "misclassified_indices"),
    prepare=lambda: _oracle_predictions(),
)
part = CHAPTER.part

# What the docstring allows: scikit-learn's ConvergenceWarning (matched by its message too,
# in case a runner re-emits it under another category).
_CONVERGENCE = (ConvergenceWarning, "failed to converge")


def _small_problem():
    """300 training and 200 test 8x8 digits scaled to [0, 1]: fits in a blink."""
    X, y = digits()
    return X[:300] / 16, y[:300], X[300:500] / 16, y[300:500]


@lru_cache(maxsize=1)
def _oracle_predictions():
    """Test-set predictions of a default LogisticRegression(max_iter=1000): the oracle."""
    X_train, y_train, X_test, _ = _small_problem()
    return LogisticRegression(max_iter=1000).fit(X_train, y_train).predict(X_test)


def _unpack(result, what):
    """The (model, converged) pair a fit returns."""
    if isinstance(result, LogisticRegression):
        raise CheckFailure(
            f"{what} returned only the model; return a tuple (model, converged), converged "
            "a bool saying whether the solver stopped before max_iter"
        )
    if not isinstance(result, tuple) or len(result) != 2:
        n = len(result) if isinstance(result, (tuple, list)) else type(result).__name__
        raise CheckFailure(f"{what} should return a tuple (model, converged); got {n}")
    return result


def _expect_converged(converged, expected, what):
    if isinstance(converged, np.bool_):
        raise CheckFailure(
            f"{what}: converged is a numpy.bool_; return a Python bool (wrap it in bool(...))"
        )
    if not isinstance(converged, bool):
        raise CheckFailure(f"{what}: converged is {type(converged).__name__}; return a bool")
    if converged != expected:
        word = "stopped before" if expected else "used all of"
        raise CheckFailure(
            f"{what}: converged is {converged}, but the solver {word} its max_iter "
            "iterations (compare the model's n_iter_ with max_iter: fewer means converged)"
        )


def _expect_fitted_model(model, what):
    if not isinstance(model, LogisticRegression):
        raise CheckFailure(f"{what} returned {type(model).__name__}; expected a LogisticRegression")
    if not hasattr(model, "coef_"):
        raise CheckFailure(f"{what} returned an unfitted LogisticRegression; call .fit(X, y)")


@part("fit_logistic_regression", points=2)
def _fit_logistic_regression_fitted(fit_logistic_regression):
    X_train, y_train, X_test, _ = _small_problem()
    what = "fit_logistic_regression(X_train, y_train)"
    model, _ = _unpack(call(fit_logistic_regression, X_train, y_train), what)
    _expect_fitted_model(model, what)
    if model.coef_.shape != (10, 64):
        raise CheckFailure(f"the model's coef_ has shape {model.coef_.shape}; fit it on X_train")
    agree = np.mean(model.predict(X_test) == _oracle_predictions())
    if agree < 0.98:
        raise CheckFailure(
            f"the fitted model agrees with a default LogisticRegression on only {agree:.0%} of "
            "test digits; fit on (X_train, y_train) with the default settings"
        )


@part("fit_logistic_regression")
def _fit_logistic_regression_params(fit_logistic_regression):
    X_train, y_train, _, _ = _small_problem()
    X_train, y_train = X_train[:60], y_train[:60]
    for setting, max_iter in (("max_iter=37", 37), ("the default max_iter", 1000)):
        kwargs = {"max_iter": 37} if max_iter == 37 else {}
        what = f"fit_logistic_regression with {setting}"
        model, _ = _unpack(
            call_checked(fit_logistic_regression, (X_train, y_train), kwargs, allow=_CONVERGENCE),
            what,
        )
        _expect_fitted_model(model, what)
        expected = LogisticRegression(max_iter=max_iter).get_params()
        for key, value in model.get_params().items():
            if expected.get(key) != value:
                raise CheckFailure(
                    f"with {setting} the model has {key}={value!r}; keep scikit-learn's defaults "
                    "and pass max_iter on"
                )


@part("fit_logistic_regression", points=2)
def _fit_logistic_regression_converged(fit_logistic_regression):
    X_train, y_train, _, _ = _small_problem()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        for max_iter in (5, 1000, 100):
            used = LogisticRegression(max_iter=max_iter).fit(X_train, y_train).n_iter_.max()
            what = f"fit_logistic_regression(300 small digits, max_iter={max_iter})"
            result = call_checked(
                fit_logistic_regression,
                (X_train, y_train),
                {"max_iter": max_iter},
                allow=_CONVERGENCE,
            )
            model, converged = _unpack(result, what)
            _expect_fitted_model(model, what)
            _expect_converged(converged, bool(used < max_iter), what)


@part("accuracy")
def _accuracy_values(accuracy):
    y_true = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 1])
    y_pred = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 1, 7])
    got = call_float(accuracy, y_true, y_pred)
    rounded = any(got == round(10 / 12, digits) for digits in range(1, 8))
    hint = "return the fraction as computed, not rounded" if rounded else ""
    expect_close(got, 10 / 12, "accuracy(y_true, y_pred)", rtol=1e-12, atol=0, hint=hint)
    labels = np.array(list("3141592653"))
    expect_close(call_float(accuracy, labels, labels), 1.0, "accuracy(y, y)", rtol=1e-12, atol=0)


@part("accuracy")
def _accuracy_lists(accuracy):
    y_true = ["7", "2", "1", "0", "4"]
    y_pred = ["7", "2", "7", "0", "4"]
    expect_close(
        call_float(accuracy, y_true, y_pred),
        0.8,
        "accuracy(list, list)",
        rtol=1e-12,
        atol=0,
        hint="two lists compare as a whole with ==; convert them with np.asarray first",
    )


@part("accuracy")
def _accuracy_positions(accuracy):
    y_true = pd.Series(list("7210414959"), index=[52, 3, 17, 8, 40, 1, 33, 9, 25, 0], name="class")
    y_pred = pd.Series(list("7210419959"))
    hint = (
        "compare position by position; pandas aligns Series on their index labels "
        "(use np.asarray or .to_numpy())"
    )
    expect_close(
        call_float(accuracy, y_true, y_pred),
        0.9,
        "accuracy(shuffled Series, Series)",
        rtol=1e-12,
        atol=0,
        hint=hint,
    )
    expect_close(
        call_float(accuracy, y_true, y_pred.to_numpy()),
        0.9,
        "accuracy(shuffled Series, array)",
        rtol=1e-12,
        atol=0,
        hint=hint,
    )


@part("accuracy", requires="values")
def _accuracy_lengths(accuracy):
    for n_true, n_pred in ((3, 4), (1, 4), (5, 0)):
        try:
            call(accuracy, np.zeros(n_true, dtype=int), np.zeros(n_pred, dtype=int))
        except ValueError:
            continue
        raise CheckFailure(
            f"accuracy(y_true of length {n_true}, y_pred of length {n_pred}) did not raise "
            "ValueError; compare the lengths first"
        )


@part("misclassified_indices")
def _misclassified_indices_values(misclassified_indices):
    y_true = np.array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3])
    y_pred = np.array([3, 7, 4, 1, 5, 9, 2, 0, 5, 8])
    got = call(misclassified_indices, y_true, y_pred)
    if isinstance(got, tuple):
        raise CheckFailure(
            "misclassified_indices returned a tuple; np.nonzero gives a tuple of arrays, "
            "take its first element"
        )
    expect_array(got, "misclassified_indices(y_true, y_pred)", kind="iu")
    hint = "positions count from 0" if np.array_equal(got, [2, 8, 10]) else ""
    if np.array_equal(np.sort(got), [1, 7, 9]):
        hint = "return the positions in ascending order"
    expect_equal_array(got, [1, 7, 9], "misclassified_indices(y_true, y_pred)", hint=hint)


@part("misclassified_indices")
def _misclassified_indices_positions(misclassified_indices):
    index = [52, 3, 17, 8, 40, 1, 33, 9, 25, 0]
    y_true = pd.Series(list("7210414959"), index=index, name="class")
    y_pred = np.array(list("7710414999"))
    got = call(misclassified_indices, y_true, y_pred)
    got_arr = expect_array(got, "misclassified_indices(shuffled Series, array)", kind="iu")
    if got_arr.tolist() in ([3, 25], [25, 3]):
        raise CheckFailure(
            "misclassified_indices returned index labels of the Series; return 0-based "
            "positions (work on np.asarray(y_true))"
        )
    expect_equal_array(got_arr, [1, 8], "misclassified_indices(shuffled Series, array)")


@part("misclassified_indices")
def _misclassified_indices_edge_cases(misclassified_indices):
    y = np.array([1, 2, 3])
    got = call(misclassified_indices, y, y)
    expect_array(got, "misclassified_indices(y, y) with no mistakes", shape=(0,), kind="iu")
    got = call(misclassified_indices, np.array([0, 0, 0, 0]), np.array([1, 1, 1, 1]))
    expect_array(got, "misclassified_indices with only mistakes", shape=(4,), kind="iu")
    expect_equal_array(
        got,
        [0, 1, 2, 3],
        "misclassified_indices with only mistakes",
        hint="return positions in ascending order",
    )


@part("misclassified_indices")
def _misclassified_indices_lists(misclassified_indices):
    y_true = ["3", "5", "3", "8", "8"]
    y_pred = ["3", "3", "3", "8", "5"]
    got = call(misclassified_indices, y_true, y_pred)
    what = "misclassified_indices(list, list)"
    hint = "two lists compare as a whole with !=; convert them with np.asarray first"
    if isinstance(got, np.ndarray) and got.ndim == 2:
        raise CheckFailure(f"{what} returned a 2-D array (np.argwhere?); expected 1-D positions")
    expect_array(got, what, kind="iu")
    expect_equal_array(got, [1, 4], what, hint=hint)


# ---------------------------------------------------------------- generated cases

STRATEGIES = {
    "fit_logistic_regression": ["sizes", "labels", "int_dtypes", "params"],
    "accuracy": ["lists", "tuples", "labels", "sizes"],
    "misclassified_indices": ["lists", "tuples", "labels", "sizes"],
}


def _fit_cases(rng, strategy):
    def problem(n, d=2, scale=1.0):
        X = rng.normal(size=(n, d))
        y = (X @ rng.normal(size=d) + rng.normal(size=n) > 0).astype(int)
        return X * scale, y

    if strategy == "sizes":
        X, y = problem(10_500)
        y[10_000:] = 1 - y[10_000:]  # the last rows disagree with the first ones
        yield Case("10,500 rows", (X, y))
    elif strategy == "labels":
        X, y = problem(60)
        yield Case("string labels", (X, np.array(["cat", "dog"])[y]))
        yield Case("NumPy integer labels", (X, (y * 7 + 1).astype(np.int64)))
        frame = pd.DataFrame(X, columns=["ink", "slant"])
        yield Case("a DataFrame and a Series", (frame, pd.Series(y, name="label")))
    elif strategy == "int_dtypes":
        X, y = problem(80)
        yield Case("uint8 pixels up to 255", ((X * 40 + 128).clip(0, 255).astype(np.uint8), y))
    elif strategy == "params":
        X, y = problem(60, d=3, scale=30)
        yield Case("max_iter=3", (X, y), {"max_iter": 3})


@part("fit_logistic_regression")
def _fit_logistic_regression_generated(fit_logistic_regression):
    def check(got, pristine, case):
        what = f"fit_logistic_regression({case.label})"
        got, converged = _unpack(got, what)
        _expect_fitted_model(got, what)
        X, y = pristine.args
        max_iter = pristine.kwargs.get("max_iter", 1000)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            oracle = LogisticRegression(max_iter=max_iter).fit(X, y)
        if got.get_params() != oracle.get_params():
            raise CheckFailure(f"{what}: keep scikit-learn's defaults and pass max_iter on")
        names = list(getattr(oracle, "feature_names_in_", []))
        if list(getattr(got, "feature_names_in_", [])) != names:
            raise CheckFailure(
                f"{what}: the model does not know the DataFrame's column names "
                "(feature_names_in_); fit on X_train as given, not on a NumPy copy"
            )
        if list(getattr(got, "classes_", [])) != list(oracle.classes_):
            raise CheckFailure(f"{what}: the model's classes_ are not the labels of y_train")
        hint = "fit on every row of X_train and y_train, as given (no slice, no rescaling)"
        if got.coef_.shape != oracle.coef_.shape:
            raise CheckFailure(f"{what}: coef_ has shape {got.coef_.shape}; {hint}")
        expect_close(got.coef_, oracle.coef_, f"{what}: coef_", rtol=1e-6, atol=1e-8, hint=hint)
        _expect_converged(converged, bool(oracle.n_iter_.max() < max_iter), what)

    run_cases(
        fit_logistic_regression,
        STRATEGIES["fit_logistic_regression"],
        _fit_cases,
        check,
        exercise="fit_logistic_regression",
        allow=_CONVERGENCE,
    )


def _label_cases(rng, strategy, n=10):
    y_true = rng.integers(0, 4, size=n)
    y_pred = np.where(rng.random(n) < 0.4, rng.integers(0, 4, size=n), y_true)
    names = np.array(["cat", "dog", "7", "bird"])
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(
            f"{form}s of strings", (as_form(names[y_true], form), as_form(names[y_pred], form))
        )
    elif strategy == "labels":
        yield Case("labels that are not digits", (names[y_true], names[y_pred]))
        yield Case("NumPy integer labels", (y_true.astype(np.int16), y_pred.astype(np.int64)))
        yield Case("float labels", (y_true + 0.5, y_pred + 0.5))
        # 1 == 1.0: labels compared as they are, not as their text ("1" != "1.0")
        yield Case("int labels, float predictions", (y_true, y_pred.astype(np.float64)))
    elif strategy == "sizes":
        yield Case("one label", (names[y_true[:1]], names[y_true[:1]]))
        big_true = rng.integers(0, 10, size=70_000)
        big_pred = big_true.copy()
        big_pred[66_000::97] += 1  # every mistake lies past any [:10000] or 65,535 limit
        big_pred[10_000:66_000:250] += 1  # and more mistakes than any [:100] shows
        yield Case("70,000 labels", (big_true, big_pred))


@part("accuracy")
def _accuracy_generated(accuracy):
    def check(got, pristine, case):
        y_true, y_pred = pristine.args
        what = f"accuracy({case.label})"
        want = sum(a == b for a, b in zip(y_true, y_pred)) / len(y_true)
        hint = "compare every position, the labels as they are (no cast, no slice)"
        expect_close(expect_float(got, what), want, what, rtol=1e-12, atol=0, hint=hint)

    run_cases(accuracy, STRATEGIES["accuracy"], _label_cases, check, exercise="accuracy")


@part("misclassified_indices")
def _misclassified_indices_generated(misclassified_indices):
    def check(got, pristine, case):
        y_true, y_pred = pristine.args
        what = f"misclassified_indices({case.label})"
        want = [i for i, (a, b) in enumerate(zip(y_true, y_pred)) if a != b]
        expect_array(got, what, shape=(len(want),), kind="iu")
        hint = "every position, the labels compared as they are (no cast)"
        if got.dtype.itemsize < 8 and len(y_true) > np.iinfo(got.dtype).max:
            hint = f"dtype {got.dtype} cannot hold every position: use int64 (np.intp)"
        expect_equal_array(got, want, what, hint=hint)

    run_cases(
        misclassified_indices,
        STRATEGIES["misclassified_indices"],
        _label_cases,
        check,
        exercise="misclassified_indices",
    )
