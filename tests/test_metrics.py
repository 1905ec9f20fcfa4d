"""mnist_tutorial.metrics against scikit-learn's metrics on random labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

from mnist_tutorial import (
    confusion_accuracy,
    most_confused_pairs,
    per_class_metrics,
    precision_recall_f1,
)

LABELS = np.arange(10)


def _random_labels(seed: int, n: int = 500, n_classes: int = 10):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, n_classes, n)
    # mostly right, sometimes a random guess: a realistic, unbalanced matrix
    y_pred = np.where(rng.random(n) < 0.7, y_true, rng.integers(0, n_classes, n))
    return y_true, y_pred


def _sklearn_prf(y_true, y_pred, labels=LABELS):
    p, r, f, s = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0, average=None
    )
    return p, r, f, s


@pytest.mark.parametrize("seed", range(5))
def test_precision_recall_f1_matches_sklearn(seed):
    y_true, y_pred = _random_labels(seed)
    cm = confusion_matrix(y_true, y_pred, labels=LABELS)
    p, r, f = precision_recall_f1(cm)
    ep, er, ef, _ = _sklearn_prf(y_true, y_pred)
    assert_allclose(p, ep, rtol=1e-12)
    assert_allclose(r, er, rtol=1e-12)
    assert_allclose(f, ef, rtol=1e-12)
    assert p.shape == r.shape == f.shape == (10,)
    assert p.dtype == np.float64


def test_classes_never_predicted_or_never_present_give_zero_without_warning():
    rng = np.random.default_rng(11)
    y_true = rng.integers(0, 8, 300)  # classes 8 and 9 never present
    y_pred = np.where(y_true == 3, 4, y_true)  # 3 never predicted
    y_pred[:5] = 9  # 9 predicted but never present: precision 0
    cm = confusion_matrix(y_true, y_pred, labels=LABELS)
    p, r, f = precision_recall_f1(cm)  # filterwarnings=error: any warning fails
    ep, er, ef, _ = _sklearn_prf(y_true, y_pred)
    assert_allclose(p, ep, rtol=1e-12)
    assert_allclose(r, er, rtol=1e-12)
    assert_allclose(f, ef, rtol=1e-12)
    assert p[3] == 0.0 and r[3] == 0.0 and f[3] == 0.0
    assert p[8] == r[8] == f[8] == 0.0
    assert p[9] == 0.0
    assert not np.any(np.isnan(np.concatenate([p, r, f])))


def test_precision_recall_f1_of_all_zero_matrix_is_zero():
    p, r, f = precision_recall_f1(np.zeros((3, 3), dtype=int))
    assert_array_equal(np.stack([p, r, f]), np.zeros((3, 3)))


def test_precision_recall_f1_hand_example():
    p, r, f = precision_recall_f1([[50, 10], [5, 35]])
    assert_allclose(p, [50 / 55, 35 / 45])
    assert_allclose(r, [50 / 60, 35 / 40])
    assert_allclose(f, 2 * p * r / (p + r))


@pytest.mark.parametrize("seed", range(3))
def test_confusion_accuracy_matches_accuracy_score(seed):
    y_true, y_pred = _random_labels(seed, n=321)
    cm = confusion_matrix(y_true, y_pred, labels=LABELS)
    acc = confusion_accuracy(cm)
    assert type(acc) is float
    assert acc == pytest.approx(accuracy_score(y_true, y_pred), rel=1e-14)


def test_accuracy_of_empty_matrix_raises():
    with pytest.raises(ValueError, match="cm is all zeros"):
        confusion_accuracy(np.zeros((2, 2)))


def test_per_class_metrics_table():
    y_true, y_pred = _random_labels(4)
    cm = confusion_matrix(y_true, y_pred, labels=LABELS)
    names = [f"digit {k}" for k in LABELS]
    table = per_class_metrics(cm, labels=names)
    ep, er, ef, es = _sklearn_prf(y_true, y_pred)
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == ["precision", "recall", "f1", "support"]
    assert list(table.index) == names
    assert table.index.name == "class"
    assert_allclose(table["precision"], ep, rtol=1e-12)
    assert_allclose(table["recall"], er, rtol=1e-12)
    assert_allclose(table["f1"], ef, rtol=1e-12)
    assert_array_equal(table["support"], es)
    assert table["support"].dtype == np.int64
    assert list(per_class_metrics(cm).index) == list(range(10))


def test_per_class_metrics_of_a_normalised_matrix_keeps_fractional_support():
    table = per_class_metrics([[0.5, 0.25], [0.0, 1.0]])
    assert_allclose(table["support"], [0.75, 1.0])


@pytest.mark.parametrize("func", [per_class_metrics, most_confused_pairs])
def test_wrong_number_of_labels_raises(func):
    with pytest.raises(ValueError, match="labels has 2 entries but cm has 3 classes"):
        func(np.eye(3), labels=["a", "b"])


def _oracle_pairs(cm, k):
    """All off-diagonal cells with a count > 0, largest first, ties by (row, column)."""
    cells = [
        (-cm[i, j], i, j)
        for i in range(cm.shape[0])
        for j in range(cm.shape[1])
        if i != j and cm[i, j] > 0
    ]
    return [(i, j, -c) for c, i, j in sorted(cells)[:k]]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("k", [0, 1, 5, 200])
def test_most_confused_pairs_matches_a_sorted_oracle(seed, k):
    rng = np.random.default_rng(seed)
    cm = rng.integers(0, 4, size=(6, 6)) * (rng.random((6, 6)) < 0.6)  # many ties and zeros
    table = most_confused_pairs(cm, k=k)
    got = list(zip(table["true"], table["predicted"], table["count"]))
    assert got == _oracle_pairs(cm, k)
    assert list(table.columns) == ["true", "predicted", "count"]
    assert len(table) <= k


def test_most_confused_pairs_ties_zero_counts_and_labels():
    cm = np.array([[9, 2, 0], [2, 9, 3], [0, 0, 9]])
    table = most_confused_pairs(cm, labels=["a", "b", "c"], k=10)
    assert table.to_dict("records") == [
        {"true": "b", "predicted": "c", "count": 3},
        {"true": "a", "predicted": "b", "count": 2},  # tie with (b, a): row a first
        {"true": "b", "predicted": "a", "count": 2},
    ]
    assert table["count"].dtype == np.int64
    assert len(most_confused_pairs(np.diag([5, 6, 7]), k=3)) == 0  # no confusion at all


def test_most_confused_pairs_k_zero_is_empty_table():
    table = most_confused_pairs(np.ones((3, 3)), k=0)
    assert len(table) == 0
    assert list(table.columns) == ["true", "predicted", "count"]


@pytest.mark.parametrize("k", [-1, 2.5, True, "3", None])
def test_most_confused_pairs_rejects_bad_k(k):
    with pytest.raises((TypeError, ValueError), match="k must be a non-negative integer"):
        most_confused_pairs(np.ones((3, 3)), k=k)


BAD_SHAPES = [
    np.ones((2, 3)),
    np.ones(4),
    np.ones((2, 2, 2)),
    np.ones((0, 0)),
    [],
    5,
]
BAD_VALUES = [
    [[1, -1], [0, 2]],
    [[1, np.nan], [0, 2]],
    [[1, np.inf], [0, 2]],
]
BAD_TYPES = [
    [["a", "b"], ["c", "d"]],
    np.array([[True, False], [False, True]]),
    np.array([[1 + 1j, 0], [0, 1]]),
    np.array([[1, None], [0, 1]], dtype=object),
]
ALL_FUNCS = [precision_recall_f1, confusion_accuracy, per_class_metrics, most_confused_pairs]


@pytest.mark.parametrize("func", ALL_FUNCS)
@pytest.mark.parametrize("cm", BAD_SHAPES)
def test_bad_shape_raises_value_error_naming_cm(func, cm):
    with pytest.raises(ValueError, match="cm must be a square"):
        func(cm)


@pytest.mark.parametrize("func", ALL_FUNCS)
@pytest.mark.parametrize("cm", BAD_VALUES)
def test_negative_or_non_finite_counts_raise(func, cm):
    with pytest.raises(ValueError, match=r"cm (must hold finite|contains NaN)"):
        func(cm)


@pytest.mark.parametrize("func", ALL_FUNCS)
@pytest.mark.parametrize("cm", BAD_TYPES)
def test_non_numeric_counts_raise_type_error(func, cm):
    with pytest.raises(TypeError, match="cm must"):
        func(cm)


def test_input_is_not_modified():
    cm = np.array([[3, 1], [2, 4]])
    before = cm.copy()
    precision_recall_f1(cm)
    per_class_metrics(cm)
    most_confused_pairs(cm)
    assert_array_equal(cm, before)


# --- accuracy and its uncertainty ---------------------------------------------------------


def test_accuracy_se_is_the_binomial_standard_error():
    from mnist_tutorial import accuracy_se

    assert accuracy_se(0.98, 14_000) == pytest.approx(np.sqrt(0.98 * 0.02 / 14_000), rel=1e-15)
    assert accuracy_se(1.0, 10) == 0.0
    rng = np.random.default_rng(0)  # the spread of accuracies over many test sets of size n
    draws = rng.binomial(2_000, 0.9, size=20_000) / 2_000
    assert accuracy_se(0.9, 2_000) == pytest.approx(draws.std(), rel=0.03)
    for bad, error in [(1.5, ValueError), (float("nan"), ValueError), ("0.9", TypeError)]:
        with pytest.raises(error, match="accuracy"):
            accuracy_se(bad, 100)
    with pytest.raises((TypeError, ValueError), match="n must be a positive integer"):
        accuracy_se(0.9, 0)


def _paired_oracle(y, a, b):
    """Per-image differences of correctness: mean and standard error of the mean."""
    d = (np.asarray(a) == np.asarray(y)).astype(float) - (np.asarray(b) == np.asarray(y))
    return d.mean(), d.std(ddof=0) / np.sqrt(d.size)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_compare_accuracy_matches_a_direct_numpy_computation(seed):
    from mnist_tutorial import compare_accuracy

    rng = np.random.default_rng(seed)
    y = rng.integers(0, 10, 5_000).astype(str)
    a = np.where(rng.random(5_000) < 0.95, y, "0")
    b = np.where(rng.random(5_000) < 0.93, y, "1")
    result = compare_accuracy(y, a, b)
    diff, se = _paired_oracle(y, a, b)
    assert result["diff"] == pytest.approx(diff, abs=1e-15)
    assert result["diff"] == pytest.approx(accuracy_score(y, a) - accuracy_score(y, b))
    assert result["se"] == pytest.approx(se, rel=1e-12)
    assert result["low"] == pytest.approx(diff - 1.959964 * se, rel=1e-6)
    assert result["high"] == pytest.approx(diff + 1.959964 * se, rel=1e-6)
    right_a, right_b = a == y, b == y
    assert result["a_only"] == int(np.sum(right_a & ~right_b))
    assert result["b_only"] == int(np.sum(right_b & ~right_a))


def test_compare_accuracy_edge_cases():
    from mnist_tutorial import compare_accuracy

    same = compare_accuracy([1, 2, 3], [1, 2, 0], [1, 2, 0])
    assert same == {"diff": 0.0, "se": 0.0, "low": 0.0, "high": 0.0, "a_only": 0, "b_only": 0}
    with pytest.raises(ValueError, match="same length"):
        compare_accuracy([1, 2], [1, 2], [1])
    with pytest.raises(ValueError, match="non-empty"):
        compare_accuracy([], [], [])
