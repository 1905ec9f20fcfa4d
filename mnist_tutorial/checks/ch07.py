"""Checks for chapter 7: ``precision_per_class``, ``recall_per_class``, ``f1_per_class``."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import precision_recall_fscore_support

from ._core import Chapter, call, expect_array, expect_close
from ._strategies import Case, as_form, run_cases

CHAPTER = Chapter(7, "ch07_metrics.py", ("precision_per_class", "recall_per_class", "f1_per_class"))
part = CHAPTER.part

_WHICH = {"precision_per_class": 0, "recall_per_class": 1, "f1_per_class": 2}

# Tolerances, on purpose: any sensible order of operations agrees to ~1e-15, and adding a
# small epsilon such as 1e-9 to a denominator (a common way to avoid 0 / 0) changes a
# ratio by about 1e-9 relative. rtol=1e-6 accepts both and still catches every wrong
# formula (those are off by percents).
RTOL, ATOL = 1e-6, 1e-9


def _labels_from_cm(cm):
    """y_true, y_pred with exactly these confusion counts (true labels on rows)."""
    k = cm.shape[0]
    pairs = [(i, j) for i in range(k) for j in range(k)]
    counts = [int(cm[i, j]) for i, j in pairs]
    y_true = np.repeat([i for i, _ in pairs], counts)
    y_pred = np.repeat([j for _, j in pairs], counts)
    return y_true, y_pred


def _oracle(cm, name):
    y_true, y_pred = _labels_from_cm(np.asarray(cm))
    scores = precision_recall_fscore_support(
        y_true, y_pred, labels=np.arange(len(cm)), zero_division=0
    )
    return scores[_WHICH[name]]


# Asymmetric, so row sums and column sums differ for every class.
_CM = np.array([[30, 5, 2], [10, 20, 0], [1, 9, 40]])
# Class 1 is never predicted, class 2 never occurs, class 3 is predicted and present
# but never right (precision and recall both 0).
_CM_UNDEFINED = np.array([[8, 0, 2, 1], [3, 0, 1, 0], [0, 0, 0, 0], [2, 0, 0, 0]])


def _values(func, name, hint):
    got = call(func, _CM.copy())
    expect_array(got, f"{name}(cm)", shape=(3,), kind="f")
    expect_close(got, _oracle(_CM, name), f"{name}(cm)", rtol=RTOL, atol=ATOL, hint=hint)


def _undefined(func, name):
    got = call(func, _CM_UNDEFINED.copy())
    expect_array(got, f"{name}(cm with empty rows/columns)", shape=(4,), kind="f")
    expect_close(
        got,
        _oracle(_CM_UNDEFINED, name),
        f"{name}(cm with empty rows/columns)",
        rtol=RTOL,
        atol=ATOL,
        hint="an undefined value (0 / 0) should be 0.0, never NaN or a warning",
    )


@part("precision_per_class", points=2)
def _precision_per_class_values(precision_per_class):
    hint = ""
    got = call(precision_per_class, _CM.copy())
    if np.shape(got) == (3,) and np.allclose(got, _oracle(_CM, "recall_per_class")):
        hint = "that is the recall: precision divides by how often each class was predicted"
    _values(precision_per_class, "precision_per_class", hint)


@part("precision_per_class")
def _precision_per_class_undefined(precision_per_class):
    _undefined(precision_per_class, "precision_per_class")


@part("recall_per_class", points=2)
def _recall_per_class_values(recall_per_class):
    hint = ""
    got = call(recall_per_class, _CM.copy())
    if np.shape(got) == (3,) and np.allclose(got, _oracle(_CM, "precision_per_class")):
        hint = "that is the precision: recall divides by how often each class truly occurs"
    _values(recall_per_class, "recall_per_class", hint)


@part("recall_per_class")
def _recall_per_class_undefined(recall_per_class):
    _undefined(recall_per_class, "recall_per_class")


@part("f1_per_class", points=2)
def _f1_per_class_values(f1_per_class):
    hint = "F1 is the harmonic mean 2 * p * r / (p + r), per class"
    _values(f1_per_class, "f1_per_class", hint)


@part("f1_per_class")
def _f1_per_class_undefined(f1_per_class):
    _undefined(f1_per_class, "f1_per_class")


def _inputs(func, name):
    expected = _oracle(_CM, name)
    for cm, kind in ((_CM.tolist(), "a list of lists"), (_CM.astype(float), "float counts")):
        got = call(func, cm)
        expect_array(got, f"{name}(cm as {kind})", shape=(3,), kind="f")
        expect_close(got, expected, f"{name}(cm as {kind})", rtol=RTOL, atol=ATOL)


@part("precision_per_class")
def _precision_per_class_inputs(precision_per_class):
    _inputs(precision_per_class, "precision_per_class")


@part("recall_per_class")
def _recall_per_class_inputs(recall_per_class):
    _inputs(recall_per_class, "recall_per_class")


@part("f1_per_class")
def _f1_per_class_inputs(f1_per_class):
    _inputs(f1_per_class, "f1_per_class")


# ---------------------------------------------------------------- generated cases

_KINDS = ["lists", "tuples", "float32", "int_dtypes", "big_counts", "tiny", "sizes"]
STRATEGIES = {name: list(_KINDS) for name in _WHICH}


def _weighted_oracle(cm, name):
    """scikit-learn's scores with each cell's count as a sample weight (float counts too)."""
    cm = np.asarray(cm, dtype=np.float64)
    k = len(cm)
    rows, cols = np.nonzero(cm)
    if len(rows) == 0:
        return np.zeros(k)
    scores = precision_recall_fscore_support(
        rows, cols, labels=np.arange(k), sample_weight=cm[rows, cols], zero_division=0
    )
    return scores[_WHICH[name]]


def _metric_cases(rng, strategy):
    cm = rng.integers(0, 30, size=(4, 4)) + np.diag(rng.integers(20, 60, size=4))
    cm[:, 1] = 0  # a class never predicted
    cm[2, :] = 0  # a class that never occurs
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"a {form} of {form}s", (as_form(cm, form),))
    elif strategy == "float32":
        yield Case("float32 counts", (cm.astype(np.float32),))
    elif strategy == "int_dtypes":
        for dtype in ("uint8", "int32", "uint64"):
            yield Case(f"{dtype} counts", (cm.astype(dtype),))
    elif strategy == "big_counts":
        yield Case("counts above 255", (cm * 37,))
        yield Case("counts above 2**31", (cm.astype(np.int64) * 3_000_000_000,))
    elif strategy == "tiny":
        yield Case("a normalised matrix", (cm / cm.sum(),))
    elif strategy == "sizes":
        yield Case("a 1x1 matrix", (np.array([[3]]),))
        yield Case("a matrix of zeros", (np.zeros((2, 2), dtype=int),))
        yield Case("a 30x30 matrix", (rng.integers(0, 50, size=(30, 30)),))


def _generated(func, name):
    def check(got, pristine, case):
        cm = np.asarray(pristine.args[0])
        what = f"{name}({case.label})"
        expect_array(got, what, shape=(len(cm),), kind="f")
        hint = "work in float64 on the counts as given (no narrower cast); only an exact 0 is empty"
        expect_close(got, _weighted_oracle(cm, name), what, rtol=RTOL, atol=0, hint=hint)

    run_cases(func, STRATEGIES[name], _metric_cases, check, exercise=name)


@part("precision_per_class")
def _precision_per_class_generated(precision_per_class):
    _generated(precision_per_class, "precision_per_class")


@part("recall_per_class")
def _recall_per_class_generated(recall_per_class):
    _generated(recall_per_class, "recall_per_class")


@part("f1_per_class")
def _f1_per_class_generated(f1_per_class):
    _generated(f1_per_class, "f1_per_class")
