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
    expect_float,
    expect_int,
)
from ._strategies import Case, as_form, run_cases

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


# ---------------------------------------------------------------- generated cases

STRATEGIES = {
    "confusion_matrix_counts": ["lists", "tuples", "labels", "big_counts", "sizes"],
    "accuracy_from_confusion": ["lists", "tuples", "int_dtypes", "big_counts", "sizes"],
    "most_confused": ["labels", "tuples", "params", "sizes"],
}


def _counts_cases(rng, strategy):
    y_true, y_pred = _predictions(seed=int(rng.integers(1000)), n=30, k=3)
    names = np.array(["cat", "dog", "bird"])
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        args = (as_form(names[y_true], form), as_form(names[y_pred], form), ("dog", "bird", "cat"))
        yield Case(f"{form}s of strings", args)
    elif strategy == "labels":
        yield Case("unsorted integer labels", (y_true, y_pred, [2, 0, 1]))
        yield Case("an array of unsorted labels", (y_true * 5, y_pred * 5, np.array([10, 5, 0])))
        labels = (np.int64(1), np.int64(0), np.int64(2), np.int64(7))
        yield Case("NumPy integer labels, one unused", (y_true.tolist(), y_pred.tolist(), labels))
    elif strategy == "big_counts":
        y = np.repeat([0, 1, 1, 2], [300, 70_000, 3, 1])
        yield Case(
            "a cell of 300 and one of 70,000",
            (y, np.repeat([0, 1, 2, 2], [300, 70_000, 3, 1]), [0, 1, 2]),
        )
    elif strategy == "sizes":
        yield Case("one sample", (["7"], ["7"], ["7"]))
        big = rng.integers(0, 10, size=12_000)
        yield Case(
            "12,000 samples", (big, (big + (rng.random(12_000) < 0.1)) % 10, list(range(10)))
        )


@part("confusion_matrix_counts")
def _confusion_matrix_counts_generated(confusion_matrix_counts):
    def check(got, pristine, case):
        y_true, y_pred, labels = pristine.args
        what = f"confusion_matrix_counts({case.label})"
        k = len(labels)
        expect_array(got, what, shape=(k, k), kind="iu")
        want = confusion_matrix(list(y_true), list(y_pred), labels=list(labels))
        hint = "rows and columns in the order of `labels`, counts of any size"
        if got.dtype.itemsize < 8 and want.max() > np.iinfo(got.dtype).max:
            hint = f"dtype {got.dtype} cannot hold a count of {int(want.max())}: use int64"
        expect_equal_array(got, want, what, hint=hint)

    run_cases(
        confusion_matrix_counts,
        STRATEGIES["confusion_matrix_counts"],
        _counts_cases,
        check,
        exercise="confusion_matrix_counts",
    )


def _cm_cases(rng, strategy):
    cm = rng.integers(0, 40, size=(3, 3)) + np.diag(rng.integers(50, 90, size=3))
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"a {form} of {form}s", (as_form(cm, form),))
    elif strategy == "int_dtypes":
        for dtype in ("uint8", "int32", "float64"):
            yield Case(f"{dtype} counts", (cm.astype(dtype),))
    elif strategy == "big_counts":
        yield Case("counts above 255", (cm * 7,))
        yield Case("counts above 2**31", (cm * 3_000_000_000,))
        huge = cm.astype(np.int64) * 2**54 + rng.integers(0, 1000, size=(3, 3))
        yield Case("counts above 2**53", (huge,))
    elif strategy == "sizes":
        yield Case("a 1x1 matrix", (np.array([[5]]),))
        yield Case("a 30x30 matrix", (rng.integers(0, 9, size=(30, 30)),))


@part("accuracy_from_confusion")
def _accuracy_from_confusion_generated(accuracy_from_confusion):
    def check(got, pristine, case):
        cm = np.asarray(pristine.args[0])
        what = f"accuracy_from_confusion({case.label})"
        if cm.dtype.kind == "f":
            want = np.trace(cm) / cm.sum()
        else:  # exact, with Python integers
            want = sum(int(cm[i, i]) for i in range(len(cm))) / sum(int(v) for v in cm.ravel())
        hint = (
            "use the counts as given, in a dtype that holds them (no narrower cast)"
            if cm.max() > 255
            else "the correct predictions (the diagonal) over the total of every count"
        )
        expect_close(expect_float(got, what), want, what, rtol=1e-12, atol=0, hint=hint)

    run_cases(
        accuracy_from_confusion,
        STRATEGIES["accuracy_from_confusion"],
        _cm_cases,
        check,
        exercise="accuracy_from_confusion",
    )


def _confused_cases(rng, strategy):
    def sparse_cm(n, nonzero):
        cm = np.diag(rng.integers(20, 90, size=n))
        cells = [(i, j) for i in range(n) for j in range(n) if i != j]
        for count, index in enumerate(rng.permutation(len(cells))[:nonzero], start=1):
            cm[cells[index]] = count  # distinct non-zero counts
        return cm

    if strategy == "labels":
        yield Case(
            "string labels in an array", (sparse_cm(3, 6), np.array(["a", "b", "c"])), {"k": 2}
        )
        yield Case(
            "NumPy integer labels",
            (sparse_cm(3, 6), [np.int64(4), np.int64(2), np.int64(9)]),
            {"k": 2},
        )
    elif strategy == "tuples":
        yield Case("a tuple of labels", (sparse_cm(4, 12), ("w", "x", "y", "z")), {"k": 4})
    elif strategy == "params":
        yield Case("k larger than the non-zero cells", (sparse_cm(3, 2), ["a", "b", "c"]), {"k": 5})
        yield Case("k = every off-diagonal cell", (sparse_cm(3, 4), [0, 1, 2]), {"k": 6})
        yield Case("k=1", (sparse_cm(4, 9), [0, 1, 2, 3]), {"k": 1})
    elif strategy == "sizes":
        yield Case("a 2x2 matrix", (sparse_cm(2, 1), ["p", "q"]), {"k": 2})
        yield Case("a 12x12 matrix", (sparse_cm(12, 40), list(range(12))), {"k": 10})


@part("most_confused")
def _most_confused_generated(most_confused):
    def check(got, pristine, case):
        (cm, labels), k = pristine.args, pristine.kwargs["k"]
        what = f"most_confused({case.label}, k={k})"
        _expect_triples(got, what, k)
        cm = np.asarray(cm)
        index = {label: i for i, label in enumerate(labels)}
        off = sorted(
            (cm[i, j] for i in range(len(cm)) for j in range(len(cm)) if i != j), reverse=True
        )
        seen = set()
        for position, (t, p, count) in enumerate(got):
            if t not in index or p not in index:
                raise CheckFailure(f"{what}: item {position} holds a label that is not in `labels`")
            i, j = index[t], index[p]
            if i == j:
                raise CheckFailure(
                    f"{what}: item {position} is a diagonal cell; only off-diagonal cells count, "
                    "also when fewer than k of them are non-zero (then cells of 0 come next)"
                )
            if (i, j) in seen or count != cm[i, j] or count != off[position]:
                raise CheckFailure(
                    f"{what}: item {position} is not the next largest off-diagonal cell with its "
                    "own count; cells of 0 count too when fewer than k are non-zero"
                )
            seen.add((i, j))

    run_cases(
        most_confused,
        STRATEGIES["most_confused"],
        _confused_cases,
        check,
        exercise="most_confused",
    )
