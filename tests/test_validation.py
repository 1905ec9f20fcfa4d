"""The shared input checks (mnist_tutorial._validation) and the bad inputs of issue 11."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import confusion_matrix

import mnist_tutorial as mt
from mnist_tutorial._validation import (
    check_float,
    check_images,
    check_int,
    check_numeric,
    check_same_label_type,
)


@pytest.mark.parametrize("bad", [True, 2.0, "3", None, np.float64(1.0)])
def test_check_int_refuses_non_integers(bad):
    with pytest.raises(TypeError, match="k must be a positive integer"):
        check_int(bad, "k")


def test_check_int_bounds():
    assert check_int(np.int32(4), "k") == 4 and type(check_int(np.int32(4), "k")) is int
    assert check_int(-3, "dx", min_value=None) == -3
    with pytest.raises(ValueError, match="n must be a non-negative integer, got -1"):
        check_int(-1, "n", min_value=0)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -np.inf])
def test_check_float_refuses_non_finite(bad):
    with pytest.raises(ValueError, match="margin must be a finite number"):
        check_float(bad, "margin")


@pytest.mark.parametrize("bad", ["0.1", True, None, 1j])
def test_check_float_refuses_non_numbers(bad):
    with pytest.raises(TypeError, match="margin must be a real number"):
        check_float(bad, "margin")


@pytest.mark.parametrize("bad", [["1", "2"], [None, 1.0], [1 + 2j], [[1, 2], [3]], [True, "a"]])
def test_check_numeric_refuses_strings_and_objects(bad):
    with pytest.raises(TypeError, match="X must be a number or an array"):
        check_numeric(bad, "X")


def test_check_numeric_accepts_dataframes_and_copies_nothing_it_changes():
    frame = pd.DataFrame({"a": [1, 2], "b": [3.5, 4.0]})
    arr = check_numeric(frame, "X")
    assert arr.dtype == np.float64 and arr.shape == (2, 2)
    with pytest.raises(ValueError, match="NaN"):
        check_numeric([1.0, np.nan], "X")
    assert np.isnan(check_numeric([1.0, np.nan], "X", allow_nan=True)[1])


@pytest.mark.parametrize(
    ("shape", "stack", "flat"),
    [
        ((5, 28, 28), (5, 28, 28), False),
        ((5, 784), (5, 28, 28), True),
        ((28, 28), (1, 28, 28), False),
        ((784,), (1, 28, 28), True),
        ((16, 16), (1, 16, 16), False),  # one 16x16 image, not sixteen 4x4 images
        ((3, 64), (3, 8, 8), True),
    ],
)
def test_check_images_rules(shape, stack, flat):
    out, was_flat = check_images(np.zeros(shape))
    assert out.shape == stack and was_flat is flat


@pytest.mark.parametrize("shape", [(3, 780), (783,), (2, 28, 27), (2, 3, 4, 4), (0, 0)])
def test_check_images_refuses_non_square(shape):
    with pytest.raises(ValueError, match="images"):
        check_images(np.zeros(shape))


def test_check_images_refuses_strings():
    with pytest.raises(TypeError, match="images must be a number or an array"):
        check_images(np.full((2, 4), "1"))


# --- labels: strings and numbers never compared silently ----------------------------------


def test_check_same_label_type_names_both_arguments():
    with pytest.raises(TypeError, match=r"Mix of label input types: a holds strings .* b holds"):
        check_same_label_type(["1", "2"], np.array([1, 2]), ("a", "b"))
    with pytest.raises(TypeError, match="both strings and numbers"):
        check_same_label_type(np.array(["1", 2], dtype=object), ["1"], ("a", "b"))
    check_same_label_type([], [1, 2], ("a", "b"))  # nothing to compare
    check_same_label_type(pd.Series(["3", "4"]), np.array(["3"], dtype=object), ("a", "b"))
    check_same_label_type([1, 2.5], np.array([True]), ("a", "b"))  # numbers of any kind


def test_misclassified_positions_refuses_mixed_label_types():
    y = pd.Series(["4", "9", "7"])
    with pytest.raises(TypeError, match=r"y_true holds strings .* y_pred holds numbers"):
        mt.misclassified_positions(y, y.astype(int))  # would flag every sample
    assert mt.misclassified_positions(y, y).tolist() == []


def test_confusion_examples_refuses_mixed_label_types():
    y_true, y_pred = np.array(["4", "9", "4"]), np.array(["9", "9", "9"])
    assert mt.confusion_examples(y_true, y_pred, "4", "9").tolist() == [0, 2]
    with pytest.raises(TypeError, match="true_label"):
        mt.confusion_examples(y_true, y_pred, 4, "9")  # would return nothing
    with pytest.raises(TypeError, match="predicted_label"):
        mt.confusion_examples(y_true, y_pred, "4", 9)
    with pytest.raises(TypeError, match="y_pred"):
        mt.confusion_examples(y_true, np.array([9, 9, 9]), "4", "9")


def test_compare_accuracy_refuses_mixed_label_types():
    with pytest.raises(TypeError, match="pred_b"):
        mt.compare_accuracy(["1", "2"], ["1", "2"], [1, 2])


def _labelled_cm(labels):
    y_true = [labels[i % 3] for i in range(30)]
    y_pred = [labels[(i + 1 + i // 10) % 3] if i % 4 else labels[i % 3] for i in range(30)]
    cm = confusion_matrix(y_true, y_pred, labels=labels)
    index = pd.Index(labels, name="true")
    return pd.DataFrame(cm, index=index, columns=pd.Index(labels, name="predicted"))


def test_labelled_confusion_matrices_keep_their_labels():
    cm = _labelled_cm(["3", "5", "8"])
    table = mt.per_class_metrics(cm)
    assert table.index.tolist() == ["3", "5", "8"]
    assert table["support"].tolist() == cm.to_numpy().sum(axis=1).tolist()
    pairs = mt.most_confused_pairs(cm, k=2)
    assert set(pairs["true"]) <= {"3", "5", "8"} and set(pairs["predicted"]) <= {"3", "5", "8"}
    top = cm.to_numpy().copy()
    np.fill_diagonal(top, -1)
    i, j = np.unravel_index(np.argmax(top), top.shape)
    assert (pairs.loc[0, "true"], pairs.loc[0, "predicted"]) == (
        ["3", "5", "8"][i],
        ["3", "5", "8"][j],
    )


def test_labels_that_contradict_a_labelled_confusion_matrix_raise():
    cm = _labelled_cm(["3", "5", "8"])
    with pytest.raises(TypeError, match="Mix of label input types"):
        mt.per_class_metrics(cm, labels=[3, 5, 8])
    with pytest.raises(ValueError, match="differ"):
        mt.most_confused_pairs(cm, labels=["5", "3", "8"])
    shuffled = cm.loc[:, ["5", "3", "8"]]
    with pytest.raises(ValueError, match="same labels"):
        mt.per_class_metrics(shuffled)


def test_confusion_from_model_refuses_mixed_label_types():
    from sklearn.dummy import DummyClassifier

    model = DummyClassifier(strategy="most_frequent").fit([[0], [0]], ["a", "b"])
    with pytest.raises(TypeError, match="labels"):
        mt.confusion_from_model(model, [[0], [0]], ["a", "b"], labels=[0, 1])
    with pytest.raises(TypeError, match=r"model.classes_ holds strings .* but y holds numbers"):
        mt.confusion_from_model(model, [[0], [0]], [0, 1], labels=[0, 1])


# --- the other bad inputs of issue 11 -----------------------------------------------------


@pytest.mark.parametrize("shift", [(0.5, 0), (1, 1.5), (np.float64(1.0), 0), ("1", 0), (True, 0)])
def test_augment_shifted_refuses_non_integer_shifts(shift):
    X, y = np.zeros((2, 784)), np.array([0, 1])
    with pytest.raises(TypeError, match=r"shifts\[0\]"):
        mt.augment_shifted(X, y, shifts=(shift,))


def test_augment_shifted_refuses_malformed_pairs():
    with pytest.raises(ValueError, match=r"shifts\[1\] must be a \(dx, dy\) pair"):
        mt.augment_shifted(np.zeros((2, 784)), [0, 1], shifts=((1, 0), (1, 0, 2)))


@pytest.mark.parametrize(
    "call",
    [
        lambda: mt.stable_sigmoid(["1.5"]),
        lambda: mt.stable_softmax([["1", "2"]]),
        lambda: mt.ink_frequency([["0", "255"]]),
        lambda: mt.deskew(np.full((1, 784), "0")),
        lambda: mt.shift_images([["0", "1", "2", "3"]], 1, 0),
        lambda: mt.center_and_scale(np.full((5, 5), "1")),
        lambda: mt.pca_reconstruction(mt.make_pca().fit(np.eye(4)), [["1"] * 4], 1),
    ],
)
def test_strings_are_not_numbers(call):
    with pytest.raises(TypeError, match="must be a number or an array"):
        call()


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "0.1", True])
def test_float_options_are_checked(bad):
    with pytest.raises((TypeError, ValueError), match="margin"):
        mt.confident_share([0.1, 0.9], margin=bad)
    with pytest.raises((TypeError, ValueError), match="target"):
        mt.n_components_for_variance([0.5, 0.5], bad)
