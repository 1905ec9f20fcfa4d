"""Tests for mnist_tutorial.fitting (chapters 3 and 5)."""

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.multiclass import OneVsRestClassifier

from mnist_tutorial import (
    SOLVERS,
    accuracy_report,
    compare_solvers,
    confident_share,
    make_solver_model,
    misclassified_positions,
)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def small_digits():
    X, y = load_digits(return_X_y=True)
    X = X / 16.0  # scaled, so every solver converges fast
    return X[:300], y[:300], X[300:600], y[300:600]


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


def test_make_solver_model():
    for solver in SOLVERS:
        model = make_solver_model(solver, max_iter=50)
        inner = model.estimator if isinstance(model, OneVsRestClassifier) else model
        assert inner.solver == solver and inner.max_iter == 50
    assert isinstance(make_solver_model("liblinear"), OneVsRestClassifier)
    with pytest.raises(ValueError, match="solver must be one of"):
        make_solver_model("adam")
    with pytest.raises(ValueError, match="max_iter"):
        make_solver_model("lbfgs", max_iter=0)


def test_compare_solvers_matches_direct_fits(small_digits):
    X_train, y_train, X_test, y_test = small_digits
    table = compare_solvers(X_train, y_train, X_test, y_test, ["lbfgs", "liblinear"])
    assert table.columns.tolist() == [
        "solver",
        "fit_seconds",
        "iterations",
        "converged",
        "train_accuracy",
        "test_accuracy",
    ]
    assert table["solver"].tolist() == ["lbfgs", "liblinear"]
    direct = LogisticRegression().fit(X_train, y_train)
    assert table.loc[0, "test_accuracy"] == pytest.approx(direct.score(X_test, y_test))
    assert table.loc[0, "iterations"] == direct.n_iter_.max()
    ovr = OneVsRestClassifier(LogisticRegression(solver="liblinear")).fit(X_train, y_train)
    assert table.loc[1, "train_accuracy"] == pytest.approx(ovr.score(X_train, y_train))
    assert table["converged"].all()
    assert (table["fit_seconds"] >= 0).all()


def test_compare_solvers_reports_non_convergence_without_warning(small_digits):
    X_train, y_train, X_test, y_test = small_digits
    # filterwarnings=error: a leaked ConvergenceWarning would fail this test
    table = compare_solvers(X_train, y_train, X_test, y_test, ["saga"], max_iter=1)
    assert not table.loc[0, "converged"]
    assert table.loc[0, "iterations"] == 1
    # The second call loads from the cache and says the same
    again = compare_solvers(X_train, y_train, X_test, y_test, ["saga"], max_iter=1)
    assert not again.loc[0, "converged"]
    assert again.loc[0, "fit_seconds"] == table.loc[0, "fit_seconds"]


def test_compare_solvers_bad_input(small_digits):
    X_train, y_train, X_test, y_test = small_digits
    with pytest.raises(ValueError, match="solvers"):
        compare_solvers(X_train, y_train, X_test, y_test, "lbfgs")
    with pytest.raises(ValueError, match="solvers must be among"):
        compare_solvers(X_train, y_train, X_test, y_test, ["lbfgs", "sgd"])
