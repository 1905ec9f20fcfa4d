"""Tests of mnist_tutorial.metrics (rates, confusion, fitted-model reports) against
scikit-learn, on small data; moved from test_evaluation.py and test_fitting.py, named
after modules that no longer exist."""

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_digits
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

import mnist_tutorial as mt
from mnist_tutorial.metrics import (
    accuracy_report,
    binary_rates,
    confident_share,
    confusion_examples,
    confusion_from_model,
    describe_model,
    misclassified_positions,
    model_table,
)


@pytest.fixture(scope="module")
def small_digits():
    X, y = load_digits(return_X_y=True)
    X = X / 16.0
    return X[:300], y[:300], X[300:600], y[300:600]


@pytest.fixture(scope="module")
def digits_model(tmp_path_factory):
    """A small LogisticRegression on sklearn's 8x8 digits, fitted through a private cache."""
    import os

    bunch = mt.load_digits()
    X, y = bunch.data[:600] / 16.0, bunch.target[:600].astype(str)
    old = os.environ.get("MNIST_TUTORIAL_CACHE")
    os.environ["MNIST_TUTORIAL_CACHE"] = str(tmp_path_factory.mktemp("fitcache"))
    try:
        model = mt.fit_cached(LogisticRegression(max_iter=500), X[:400], y[:400])
    finally:
        if old is None:
            del os.environ["MNIST_TUTORIAL_CACHE"]
        else:
            os.environ["MNIST_TUTORIAL_CACHE"] = old
    return model, X[400:], y[400:]


def test_binary_rates_worked_examples():
    r = binary_rates(tp=90, fp=10, fn=30)
    assert r["precision"] == pytest.approx(0.9)
    assert r["recall"] == pytest.approx(0.75)
    assert r["f1"] == pytest.approx(2 * 0.9 * 0.75 / 1.65)
    assert "accuracy" not in r
    med = binary_rates(tp=50, fp=5, fn=10, tn=35)
    assert med["accuracy"] == pytest.approx(0.85)
    assert med["specificity"] == pytest.approx(35 / 40)
    assert med["recall"] == pytest.approx(50 / 60)


def test_binary_rates_matches_sklearn():
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 2, 200), rng.integers(0, 2, 200)
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred).ravel()
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="binary")
    rates = binary_rates(tp=int(tp), fp=int(fp), fn=int(fn), tn=int(tn))
    np.testing.assert_allclose([rates["precision"], rates["recall"], rates["f1"]], [p, r, f])
    assert rates["accuracy"] == pytest.approx(np.mean(y_true == y_pred))


def test_binary_rates_zero_division_and_bad_input():
    assert binary_rates(tp=0, fp=0, fn=0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    with pytest.raises(ValueError, match="fp"):
        binary_rates(tp=1, fp=-1, fn=0)
    with pytest.raises(TypeError, match="tp"):
        binary_rates(tp=1.5, fp=1, fn=0)


def test_confusion_from_model_matches_sklearn(digits_model):
    model, X, y = digits_model
    cm = confusion_from_model(model, X, y)
    expected = confusion_matrix(y, model.predict(X), labels=model.classes_)
    np.testing.assert_array_equal(cm.to_numpy(), expected)
    assert list(cm.index) == list(model.classes_) == list(cm.columns)
    assert cm.index.name == "true" and cm.columns.name == "predicted"
    assert mt.confusion_accuracy(cm) == pytest.approx(model.score(X, y))


def test_confusion_from_model_bad_input(digits_model):
    model, X, y = digits_model
    with pytest.raises(ValueError, match="rows"):
        confusion_from_model(model, X, y[:-1])
    with pytest.raises(TypeError, match="model"):
        confusion_from_model(object(), X, y)
    with pytest.raises(ValueError, match="1-D"):
        confusion_from_model(model, X, np.c_[y, y])


def test_confusion_examples_positions():
    y_true = np.array(["4", "9", "4", "4", "7", "4"])
    y_pred = np.array(["9", "9", "9", "4", "1", "9"])
    np.testing.assert_array_equal(confusion_examples(y_true, y_pred, "4", "9"), [0, 2, 5])
    np.testing.assert_array_equal(confusion_examples(y_true, y_pred, "4", "9", n=2), [0, 2])
    assert confusion_examples(y_true, y_pred, "1", "7").size == 0
    with pytest.raises(ValueError, match="same length"):
        confusion_examples(y_true, y_pred[:-1], "4", "9")
    with pytest.raises(ValueError, match="n must"):
        confusion_examples(y_true, y_pred, "4", "9", n=-1)


def test_describe_model_and_table(digits_model):
    model, X, y = digits_model
    row = describe_model(model, X, y)
    assert row["accuracy"] == pytest.approx(model.score(X, y))
    assert row["n_iter"] == int(model.n_iter_.max())
    assert row["n_features"] == X.shape[1]
    assert row["fit_seconds"] == mt.fit_record(model).fit_seconds
    table = model_table({"b": model, "a": model}, X, y, features={"a": "x", "b": "y"})
    assert list(table.index) == ["b", "a"]
    assert list(table["features"]) == ["y", "x"]
    assert table.loc["a", "accuracy"] == pytest.approx(row["accuracy"])


def test_model_table_bad_input(digits_model):
    model, X, y = digits_model
    with pytest.raises(ValueError, match="non-empty"):
        model_table({}, X, y)
    with pytest.raises(ValueError, match="features"):
        model_table({"a": model}, X, y, features={})
    # a model fitted without the fit cache (a notebook outside the book) has no fit time
    unfitted_by_cache = DummyClassifier().fit(X, y)
    assert np.isnan(describe_model(unfitted_by_cache, X, y)["fit_seconds"])


def test_model_table_pipeline_without_n_iter(digits_model, tmp_path, monkeypatch):
    _, X, y = digits_model
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(tmp_path))
    dummy = mt.fit_cached(DummyClassifier(strategy="most_frequent"), X, y)
    table = model_table({"dummy": dummy}, X, y)
    assert pd.isna(table.loc["dummy", "n_iter"])
    assert table.loc["dummy", "accuracy"] == pytest.approx(np.mean(y == dummy.predict(X)))


def test_describe_model_without_the_fit_cache_has_no_fit_time(digits_model):
    _, X, y = digits_model
    plain = LogisticRegression(max_iter=500).fit(X, y)  # no fit record
    row = describe_model(plain, X, y)
    assert np.isnan(row["fit_seconds"]) and row["convergence_warning"] is False
    assert row["accuracy"] == pytest.approx(plain.score(X, y))


def test_model_table_uses_given_predictions_without_predicting(digits_model):
    model, X, y = digits_model
    y_pred = model.predict(X)

    class NoPredict:  # the fitted model, but predicting again is an error
        def __init__(self, inner):
            self.coef_, self.n_iter_ = inner.coef_, inner.n_iter_

        def score(self, X, y):
            raise AssertionError("model_table predicted although predictions were given")

    expected = model_table({"m": model}, X, y)
    table = model_table({"m": NoPredict(model)}, X, y, predictions={"m": y_pred})
    assert table.loc["m", "accuracy"] == pytest.approx(expected.loc["m", "accuracy"])
    assert table.loc["m", "accuracy"] == pytest.approx(np.mean(y_pred == np.asarray(y)))
    # bad predictions are refused, never scored silently
    with pytest.raises(ValueError, match="predictions has none for"):
        model_table({"m": model, "n": model}, X, y, predictions={"m": y_pred})
    with pytest.raises(ValueError, match="y_pred has shape"):
        model_table({"m": model}, X, y, predictions={"m": y_pred[:-1]})
    with pytest.raises(TypeError, match="Mix of label input types"):
        model_table({"m": model}, X, y, predictions={"m": y_pred.astype(int)})


def test_misclassified_positions_matches_numpy():
    rng = np.random.default_rng(0)
    t = rng.integers(0, 10, 200).astype(str)
    p = t.copy()
    p[[3, 50, 199]] = "x"
    assert misclassified_positions(t, p).tolist() == [3, 50, 199]
    assert misclassified_positions(t, t).size == 0


def test_misclassified_positions_are_positions_not_labels():
    t = pd.Series(["1", "2", "3"], index=[10, 20, 30])
    p = np.array(["1", "5", "3"])
    assert misclassified_positions(t, p).tolist() == [1]


def test_misclassified_positions_bad_input():
    with pytest.raises(ValueError, match="same length"):
        misclassified_positions([1, 2], [1])
    with pytest.raises(ValueError, match="1-D"):
        misclassified_positions([[1, 2]], [[1, 2]])


def test_accuracy_report_matches_sklearn(small_digits):
    X_train, y_train, X_test, y_test = small_digits
    model = LogisticRegression(max_iter=500).fit(X_train, y_train)
    report = accuracy_report(model, X_train, y_train, X_test, y_test)
    assert report["train"] == accuracy_score(y_train, model.predict(X_train))
    assert report["test"] == accuracy_score(y_test, model.predict(X_test))
    assert report["gap"] == pytest.approx(report["train"] - report["test"])
    assert report["train"] > report["test"] > 0.8


def test_accuracy_report_needs_a_classifier():
    with pytest.raises(TypeError, match="model"):
        accuracy_report(object(), [[0]], [0], [[0]], [0])


def test_confident_share():
    p = np.array([0.0, 0.05, 0.1, 0.5, 0.9, 0.95, 1.0, 0.3])
    assert confident_share(p) == pytest.approx(np.mean((p < 0.1) | (p > 0.9)))
    assert confident_share(p, margin=0.25) == pytest.approx(6 / 8)


@pytest.mark.parametrize(
    "p, margin, match",
    [([], 0.1, "empty"), ([0.2, 1.5], 0.1, "between 0 and 1"), ([0.2], 0.5, "margin")],
)
def test_confident_share_bad_input(p, margin, match):
    with pytest.raises(ValueError, match=match):
        confident_share(p, margin=margin)
