"""The student's process (``mnist_tutorial.checks._remote``): what a function returns or
raises, and what it does to its inputs, comes back to the checks as plain data, with
the types the checks look at kept (Python vs NumPy scalars, dtypes, pandas, estimators)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from mnist_tutorial.checks import CheckFailure, RunEnded, StudentProcess, call


def _remote(func, timeout=10.0):
    process = StudentProcess(functions={func.__name__: func}, timeout=timeout)
    return process, process.function(func.__name__)


@pytest.mark.parametrize(
    "value",
    [
        1.5,
        3,
        2**80,
        True,
        None,
        "text",
        b"bytes",
        float("nan"),
        float("inf"),
        np.float64(0.25),
        np.int64(7),
        np.float32(1.5),
        [1, [2.0, "x"]],
        (1, 2),
        {"a": 1, 2: [3]},
        complex(1, 2),
    ],
    ids=repr,
)
def test_values_come_back_with_their_types(value):
    def echo(x):
        return x

    process, remote = _remote(echo)
    with process:
        got = remote(value)
    assert type(got) is type(value)
    if value == value:  # not NaN
        assert got == value


def test_arrays_frames_and_series_come_back_equal():
    def same(x):
        return x.copy() if hasattr(x, "copy") else x

    frame = pd.DataFrame(np.arange(12.0).reshape(3, 4), columns=list("abcd"), index=[5, 6, 7])
    mixed = pd.DataFrame({"n": [1, 2], "s": ["x", "y"]})
    series = pd.Series(list("ab"), index=[3, 1], name="class")
    objects = np.array([1, "a", None], dtype=object)
    process, remote = _remote(same)
    with process:
        for value in (np.arange(6, dtype=np.uint8).reshape(2, 3), objects, frame, mixed, series):
            got = remote(value)
            assert type(got) is type(value)
            if isinstance(value, np.ndarray):
                assert got.dtype == value.dtype and np.array_equal(got, value)
            else:
                assert got.equals(value) and got.index.equals(value.index)


def test_a_fitted_estimator_comes_back_usable_and_identity_is_kept():
    X = np.random.default_rng(0).normal(size=(40, 5))
    y = (X[:, 0] > 0).astype(int)
    shared = Pipeline([("scale", StandardScaler()), ("lr", LogisticRegression())])

    def fitted(X, y):
        return Pipeline([("scale", StandardScaler()), ("lr", LogisticRegression())]).fit(X, y)

    def same_each_time():
        return shared

    def project(pca, X):
        return pca.transform(X)

    with StudentProcess(
        functions={"fitted": fitted, "same_each_time": same_each_time, "project": project}
    ) as process:
        got = process.function("fitted")(X, y)
        want = fitted(X, y)
        assert isinstance(got, Pipeline)
        assert np.array_equal(got.predict(X), want.predict(X))
        assert got.get_params(deep=False).keys() == want.get_params(deep=False).keys()
        again = process.function("same_each_time")
        assert again() is again()  # the same object in the child: the same one here
        pca = PCA(n_components=2).fit(X)
        assert np.allclose(process.function("project")(pca, X), pca.transform(X))


def test_objects_that_are_not_plain_data_are_refused_or_stand_ins():
    class Custom:
        def get_params(self, deep=False):
            return {}

    def custom_estimator():
        return Custom()

    def generator():
        return (i for i in range(3))

    with StudentProcess(
        functions={"custom_estimator": custom_estimator, "generator": generator}
    ) as process:
        with pytest.raises(CheckFailure, match="only scikit-learn's estimators"):
            process.function("custom_estimator")()
        got = process.function("generator")()
        assert type(got).__name__ == "generator" and not hasattr(got, "__next__")


def test_exceptions_warnings_and_where_they_were_raised():
    def raises(kind):
        if kind == "value":
            raise ValueError("bad\nvalue")
        if kind == "custom":

            class NotFitted(ValueError):
                pass

            raise NotFitted("not fitted")
        if kind == "todo":
            raise NotImplementedError
        warnings.warn("overflow encountered", RuntimeWarning, stacklevel=1)
        return 1.0

    process, remote = _remote(raises)
    with process:
        with pytest.raises(ValueError, match=r"^bad value$") as info:
            remote("value")
        assert "line" in info.value.student_where
        with pytest.raises(ValueError) as info:
            remote("custom")
        assert type(info.value).__name__ == "NotFitted"
        with pytest.raises(NotImplementedError):
            remote("todo")
        with pytest.warns(RuntimeWarning, match="overflow"):
            assert remote("warn") == 1.0


def test_what_a_function_does_to_its_inputs_happens_here_too():
    def scale_in_place(x, items):
        x *= 2
        items.append(4)
        return x

    process, remote = _remote(scale_in_place)
    with process:
        x = np.array([1.0, 2.0])
        items = [1, 2, 3]
        got = remote(x, items)
        assert got is x  # it returned its input
        assert np.array_equal(x, [2.0, 4.0]) and items == [1, 2, 3, 4]
        with pytest.raises(CheckFailure, match="changed its input"):
            call(remote, np.array([1.0]), [])


def test_a_view_of_an_input_shares_its_memory():
    def first_half(x):
        return x[: len(x) // 2]

    process, remote = _remote(first_half)
    with process:
        x = np.arange(6.0)
        assert np.shares_memory(remote(x), x)


def test_a_call_that_never_returns_or_ends_the_process_ends_the_run():
    def forever(x):
        while True:
            pass

    def leave(x):
        import os

        os._exit(3)

    process, remote = _remote(forever, timeout=0.5)
    with process, pytest.raises(RunEnded) as info:
        remote(1)
    assert info.value.status == "timed out" and process.closed
    process, remote = _remote(leave)
    with process, pytest.raises(RunEnded) as info:
        remote(1)
    assert info.value.status == "ended" and process.exitcode == 3


def test_the_signature_is_the_students():
    import inspect

    def classify(probabilities, threshold=0.5, *, strict=False):
        return probabilities

    process, remote = _remote(classify)
    with process:
        params = inspect.signature(remote).parameters
        assert list(params) == ["probabilities", "threshold", "strict"]
        assert params["strict"].kind is inspect.Parameter.KEYWORD_ONLY
