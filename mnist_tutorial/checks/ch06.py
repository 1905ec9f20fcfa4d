"""Checks for chapter 6: ``confusion_matrix_counts``, ``accuracy_from_confusion``,
``most_confused``."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import confusion_matrix

from ._core import (
    Chapter,
    CheckFailure,
    call,
    call_float,
    expect_array,
    expect_close,
    expect_equal_array,
    expect_int,
)

CHAPTER = Chapter(
    6, "ch06_confusion.py", ("confusion_matrix_counts", "accuracy_from_confusion", "most_confused")
)
part = CHAPTER.part


def _predictions(seed=0, n=200, k=4):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, k, size=n)
    wrong = rng.random(n) < 0.3
    y_pred = np.where(wrong, (y_true + rng.integers(1, 3, size=n)) % k, y_true)
    return y_true, y_pred


@part("confusion_matrix_counts", points=2)
def _confusion_matrix_counts_values(confusion_matrix_counts):
    y_true, y_pred = _predictions()
    labels = [0, 1, 2, 3]
    got = call(confusion_matrix_counts, y_true, y_pred, labels)
    expect_array(got, "confusion_matrix_counts(y_true, y_pred, labels)", shape=(4, 4), kind="iu")
    expected = confusion_matrix(y_true, y_pred, labels=labels)
    hint = ""
    if np.array_equal(got, expected.T):
        hint = "the matrix is transposed: true labels go on the rows, predictions on the columns"
    expect_equal_array(got, expected, "confusion_matrix_counts(y_true, y_pred, labels)", hint=hint)


@part("confusion_matrix_counts")
def _confusion_matrix_counts_labels(confusion_matrix_counts):
    y_true = np.array(["7", "1", "7", "3", "1", "7"])
    y_pred = np.array(["7", "7", "1", "3", "1", "7"])
    labels = ["7", "9", "1", "3"]  # not sorted, and "9" never occurs
    got = call(confusion_matrix_counts, y_true, y_pred, labels)
    what = "confusion_matrix_counts with labels ['7', '9', '1', '3']"
    expect_array(got, what, shape=(4, 4), kind="iu")
    expected = confusion_matrix(y_true, y_pred, labels=labels)
    expect_equal_array(
        got,
        expected,
        what,
        hint="rows and columns follow the order of `labels`, including unused ones",
    )


@part("confusion_matrix_counts")
def _confusion_matrix_counts_inputs(confusion_matrix_counts):
    y_true = ["b", "a", "b", "c", "a"]  # lists
    y_pred = ["b", "b", "b", "c", "a"]
    for labels, kind in ((np.array(["a", "b", "c"]), "an array"), (("a", "b", "c"), "a tuple")):
        what = f"confusion_matrix_counts(lists, labels as {kind})"
        got = call(confusion_matrix_counts, y_true, y_pred, labels)
        expect_array(got, what, shape=(3, 3), kind="iu")
        expected = confusion_matrix(y_true, y_pred, labels=list(labels))
        expect_equal_array(got, expected, what)


@part("accuracy_from_confusion", points=2)
def _accuracy_from_confusion_values(accuracy_from_confusion):
    for seed, k in ((1, 4), (2, 3)):
        y_true, y_pred = _predictions(seed=seed, n=150, k=k)
        cm = confusion_matrix(y_true, y_pred)
        expected = np.mean(y_true == y_pred)
        expect_close(
            call_float(accuracy_from_confusion, cm),
            expected,
            f"accuracy_from_confusion({k}x{k} cm)",
            rtol=1e-12,
            atol=0,
            hint="correct predictions are on the diagonal",
        )


@part("accuracy_from_confusion")
def _accuracy_from_confusion_inputs(accuracy_from_confusion):
    cm = [[5, 1], [2, 12]]  # a list of lists of ints
    expect_close(
        call_float(accuracy_from_confusion, cm),
        17 / 20,
        "accuracy_from_confusion(a list of lists)",
        rtol=1e-12,
        atol=0,
        hint="work on np.asarray(cm)",
    )


def _oracle_most_confused(cm, labels, k):
    off = cm.astype(float).copy()
    np.fill_diagonal(off, -1)
    order = np.argsort(-off, axis=None, kind="stable")[:k]
    rows, cols = np.unravel_index(order, cm.shape)
    return [(labels[i], labels[j], int(cm[i, j])) for i, j in zip(rows, cols)]


def _confused_cm():
    # distinct off-diagonal counts and a large diagonal, so the answer is unique
    return np.array(
        [
            [50, 2, 9, 0],
            [4, 61, 1, 12],
            [3, 7, 40, 5],
            [11, 0, 6, 70],
        ]
    )


def _expect_triples(got, what, k):
    if not isinstance(got, list):
        raise CheckFailure(f"{what} returned {type(got).__name__}; expected a list of tuples")
    if len(got) != k:
        raise CheckFailure(f"{what} returned {len(got)} items; expected k={k}")
    for item in got:
        if not isinstance(item, tuple) or len(item) != 3:
            raise CheckFailure(
                f"{what} holds {item!r}; expected (true_label, predicted_label, count)"
            )
        expect_int(item[2], f"{what}: a count")


@part("most_confused", points=2)
def _most_confused_values(most_confused):
    cm = _confused_cm()
    labels = ["a", "b", "c", "d"]
    got = call(most_confused, cm, labels, k=3)
    _expect_triples(got, "most_confused(cm, labels, k=3)", 3)
    expected = _oracle_most_confused(cm, labels, 3)
    if [(p, t, c) for t, p, c in got] == expected:
        raise CheckFailure("most_confused swaps true and predicted labels: rows are true labels")
    for position, (item, want) in enumerate(zip(got, expected)):
        if tuple(item) != want:
            if item[0] == item[1]:
                hint = "skip the diagonal: those are correct predictions"
            elif position and item[2] < got[position - 1][2]:
                hint = ""
            else:
                hint = "return the largest off-diagonal counts, largest first, with their labels"
            raise CheckFailure(
                f"most_confused(cm, labels, k=3): item {position} is {item!r}, which is not "
                f"the expected cell" + (f"; {hint}" if hint else "")
            )


@part("most_confused")
def _most_confused_k(most_confused):
    cm = _confused_cm()
    labels = [3, 5, 8, 9]
    for k in (1, 5):
        got = call(most_confused, cm, labels, k=k)
        _expect_triples(got, f"most_confused(cm, labels, k={k})", k)
        expected = _oracle_most_confused(cm, labels, k)
        if [tuple(x) for x in got] != expected:
            raise CheckFailure(
                f"most_confused(cm, [3, 5, 8, 9], k={k}) gave {got[0]!r} first or a wrong item; "
                "use the labels, not the row/column numbers"
            )


@part("most_confused")
def _most_confused_inputs(most_confused):
    cm = _confused_cm()
    for labels, kind in ((np.array([3, 5, 8, 9]), "an array"), (("w", "x", "y", "z"), "a tuple")):
        what = f"most_confused(cm, labels as {kind}, k=2)"
        got = call(most_confused, cm, labels, k=2)
        _expect_triples(got, what, 2)
        if [tuple(x) for x in got] != _oracle_most_confused(cm, list(labels), 2):
            raise CheckFailure(f"{what} gave a wrong item")
