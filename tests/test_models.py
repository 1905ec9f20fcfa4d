"""The model catalogue: every model declared once, by name, and used by name."""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import re
import time
from pathlib import Path

import joblib
import numpy as np
import pytest
from sklearn.base import BaseEstimator, clone, is_classifier
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

import mnist_tutorial as mt
from mnist_tutorial import models
from mnist_tutorial.cache import _cache_key

BOOK = Path(__file__).resolve().parents[1] / "book"
PAGES = sorted(p.stem for p in BOOK.glob("*.md"))


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    return X[:300], y[:300]


def test_every_entry_is_well_formed():
    assert len(mt.CATALOGUE) >= 15
    for name, spec in mt.CATALOGUE.items():
        assert spec.name == name
        assert re.fullmatch(r"[a-z0-9.-]+", name), name
        assert spec.description and "\n" not in spec.description
        assert spec.chapter in PAGES, (name, spec.chapter)
        assert set(spec.pages) <= set(PAGES), (name, spec.pages)
        assert not spec.pages or spec.chapter in spec.pages, name
        first, second = mt.make_model(name), mt.make_model(name)
        assert isinstance(first, BaseEstimator) and first is not second
        assert not hasattr(first, "n_features_in_"), f"{name} is fitted"
        assert joblib.hash(first) == joblib.hash(clone(second))


def test_the_catalogue_models_are_the_ones_the_book_fitted_before(digits):
    """Same estimators as the chapters built before the catalogue, so cache keys are stable."""
    X, y = digits
    balanced = {"max_iter": 1000, "class_weight": "balanced"}
    before = {
        "raw-lbfgs": LogisticRegression(),
        "raw-balanced": LogisticRegression(class_weight="balanced"),
        "standard": mt.make_scaled_lr("standard", **balanced),
        "minmax": mt.make_scaled_lr("minmax", **balanced),
        "pca50": mt.make_pca_lr(50, **balanced),
        "pca60-poly2-c0.1": mt.make_poly_lr(60, C=0.1, max_iter=1000),
        "pca30-poly2-balanced": mt.make_poly_lr(30, **balanced),
        "deskew-pca60-poly2": mt.make_deskew_lr(60, degree=2, C=0.1, max_iter=1000),
        "deskew-nocenter-pca60-poly2": mt.make_deskew_lr(
            60, degree=2, C=0.1, max_iter=1000, center=False
        ),
        "raw-liblinear": mt.make_solver_model("liblinear"),
    }
    for name, estimator in before.items():
        assert _cache_key(mt.make_model(name), X, y) == _cache_key(estimator, X, y), name
    assert _cache_key(mt.make_model("minmax-pca"), X, None) == _cache_key(mt.make_pca(), X, None)


def test_unknown_names_are_refused_with_a_suggestion():
    with pytest.raises(ValueError, match="did you mean 'minmax'"):
        mt.make_model("minmx")
    with pytest.raises(TypeError, match="name"):
        mt.fit_model(3)
    with pytest.raises(ValueError, match="subset"):
        mt.fit_model("raw-saga")  # fitted on a subset only: needs X and y
    with pytest.raises(ValueError, match="pass y"):
        mt.fit_model("minmax", np.zeros((2, 4)))
    with pytest.raises(ValueError, match="y is given without X"):
        mt.fit_model("minmax", y=[0, 1])
    with pytest.raises(TypeError, match="docname"):
        mt.models_for_page(None)


def test_fit_model_goes_through_the_fit_cache(digits):
    X, y = digits
    model = mt.fit_model("minmax", X, y)
    assert not mt.fit_record(model).from_cache
    again = mt.fit_model("minmax", X, y)
    assert mt.fit_record(again).from_cache
    assert again.score(X, y) == model.score(X, y)
    pca = mt.fit_model("minmax-pca", X)  # no classifier: fitted on X only
    assert pca.named_steps["pca"].components_.shape == (64, 64)


@pytest.mark.parametrize(
    ("name", "X", "y", "message"),
    [
        ("minmax", "X", [0, 1], "X must"),
        ("minmax", [[0.0, 1.0], [np.nan, 0.0]], [0, 1], "X must hold finite numbers"),
        ("minmax", np.zeros((3, 4)), [0, 1], "X has 3 rows but y has 2 labels"),
        ("minmax", np.zeros((0, 4)), [], "X has no samples"),
        ("minmax-pca", "X", None, "X must"),
    ],
)
def test_fit_model_names_what_is_wrong_with_the_data(name, X, y, message):
    with pytest.raises((TypeError, ValueError), match=message):
        mt.fit_model(name, X, y)


def test_fit_seconds_refuses_a_start_from_another_clock():
    model = LogisticRegression().fit([[0.0], [1.0]], [0, 1])
    with pytest.raises(ValueError, match="perf_counter"):
        mt.fit_seconds(model, time.time())  # seconds since 1970, far ahead of perf_counter


def test_changing_a_parameter_in_the_catalogue_changes_it_everywhere(monkeypatch, digits):
    X, y = digits
    spec = mt.CATALOGUE["deskew-pca60-poly2"]
    faster = dataclasses.replace(
        spec, factory=lambda: mt.make_deskew_lr(5, degree=2, C=0.5, max_iter=300)
    )
    monkeypatch.setitem(models.CATALOGUE, "deskew-pca60-poly2", faster)
    # make_model and fit_model see the new parameters...
    assert mt.make_model("deskew-pca60-poly2").named_steps["logreg"].C == 0.5
    X_img = X.repeat(2, axis=0)[:, :64]  # 8x8 images are fine for Deskew
    fitted = mt.fit_model("deskew-pca60-poly2", X_img, y.repeat(2))
    assert fitted.named_steps["pca"].n_components_ == 5
    # ...and so does the model declared from it (same pipeline, Deskew(center=False))
    derived = mt.make_model("deskew-nocenter-pca60-poly2")
    assert derived.named_steps["pca"].n_components == 5
    assert derived.named_steps["deskew"].center is False
    # moving a model to another page moves it in models_for_page
    moved = dataclasses.replace(faster, pages=("ch01_classification",))
    monkeypatch.setitem(models.CATALOGUE, "deskew-pca60-poly2", moved)
    assert "deskew-pca60-poly2" in mt.models_for_page("ch01_classification")
    assert "deskew-pca60-poly2" not in mt.models_for_page("draw_a_digit")
    # compare_solvers builds its models from the catalogue too
    saga = dataclasses.replace(
        mt.CATALOGUE["raw-saga"], factory=lambda: LogisticRegression(solver="saga", max_iter=1)
    )
    monkeypatch.setitem(models.CATALOGUE, "raw-saga", saga)
    table = mt.compare_solvers(X, y, X, y, ["saga"])
    assert table.loc[0, "iterations"] == 1 and not table.loc[0, "converged"]


def _code(page: str) -> str:
    """The page's code cells, without their options (``:tags:`` lines, a ``---`` block)."""
    text = (BOOK / f"{page}.md").read_text()
    cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, flags=re.S)
    cells = [re.sub(r"\A(---\n.*?\n---\n|(:[a-z-]+:[^\n]*\n)+)", "", c, flags=re.S) for c in cells]
    return "\n".join(cells)


def _same(a, b) -> bool:
    """Same estimator: same type and get_params, nested estimators compared alike."""
    if hasattr(a, "get_params") and not isinstance(a, type):
        pa, pb = a.get_params(deep=False), getattr(b, "get_params", dict)(deep=False)
        return (
            type(a) is type(b) and pa.keys() == pb.keys() and all(_same(pa[k], pb[k]) for k in pa)
        )
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


class _TrainingSplit:
    """Stands for the book's training split in a page's code: nothing is loaded or fitted."""


class _Fits(ast.NodeTransformer):
    """``est.fit(args)`` becomes ``_fit(site, est, args)``, which records and returns est."""

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "fit":
            site = ast.Constant(node.lineno)
            return ast.Call(ast.Name("_fit", ast.Load()), [site, node.func.value, *node.args], [])
        return node


def _loads_data(statement: ast.stmt) -> bool:
    """Whether a statement loads data or binds X_train/y_train (the stand-ins stay)."""
    for node in ast.walk(statement):
        stored = isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
        if stored and node.id in ("X_train", "y_train"):
            return True
        if isinstance(node, ast.Attribute) and node.attr in ("load_mnist", "mnist_split"):
            return True
    return False


def _page_fits(page: str) -> tuple[set[int], list[tuple[int, object]]]:
    """(lines of the .fit calls on the training split, (line, estimator) of those evaluated).

    Runs a page's imports and the statements that build or fit estimators, with
    ``X_train`` a stand-in and ``.fit`` recording the estimator instead of fitting it.
    """
    tree = ast.parse(_code(page))
    sites = {
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr == "fit"
        and n.args
        and isinstance(n.args[0], ast.Name)
        and n.args[0].id == "X_train"
    }
    fits: list[tuple[int, object]] = []

    def fit(site, estimator, X=None, *args):
        if isinstance(X, _TrainingSplit):
            fits.append((site, clone(estimator)))
        return estimator

    namespace = {"_fit": fit, "X_train": _TrainingSplit(), "y_train": _TrainingSplit()}
    for statement in tree.body:
        if _loads_data(statement):
            continue
        code = compile(
            ast.fix_missing_locations(ast.Module([_Fits().visit(statement)], [])), page, "exec"
        )
        with contextlib.suppress(Exception):  # needs data or fitted models
            exec(code, namespace)
    return sites, fits


def _matches(estimator) -> list[str]:
    return [name for name in mt.CATALOGUE if _same(estimator, mt.make_model(name))]


@pytest.mark.parametrize("page", PAGES)
def test_every_model_a_page_fits_on_the_training_split_is_a_catalogue_model(page):
    """The page's own scikit-learn code builds exactly a catalogue entry: no drift, and the
    fit cache's key is the one the benchmark, the draw page and the tests use."""
    sites, fits = _page_fits(page)
    assert {site for site, _ in fits} == sites, (
        f"{page}: could not evaluate the fits on lines {sites - {s for s, _ in fits}}"
    )
    for site, estimator in fits:
        if not (is_classifier(estimator) or hasattr(estimator, "steps")):
            continue  # a transformer fitted alone, such as a Hog to look at, is not a model
        assert _matches(estimator), f"{page}, line {site}: {estimator!r} is not in the catalogue"


def test_the_page_check_tells_a_drifted_model():
    assert _matches(LogisticRegression(class_weight="balanced")) == ["raw-balanced"]
    drifted = mt.make_model("pca50").set_params(logreg__C=0.5)
    assert not _matches(drifted)
    assert not _matches(mt.make_model("standard").set_params(scaler__with_mean=False))


_CALL = re.compile(r"\bmake_model\(\s*(f?)\"([^\"]+)\"")


def _names_used(page: str) -> tuple[set[str], set[str]]:
    """(catalogue names a page fits or makes, names it merely mentions)."""
    code = _code(page)
    used = {name for _, estimator in _page_fits(page)[1] for name in _matches(estimator)}
    for _, text in _CALL.findall(code):
        used.add(text)
    for other in re.findall(r"models_for_page\(\"([^\"]+)\"\)", code):
        used |= set(mt.models_for_page(other))
    for solvers in re.findall(r"compare_solvers\(.*?solvers=\[([^\]]*)\]", code, flags=re.S):
        used |= {f"raw-{s}" for s in re.findall(r"\"([^\"]+)\"", solvers)}
    mentioned = set(re.findall(r"\"([a-z0-9.-]+)\"", code)) & set(mt.CATALOGUE)
    return used, mentioned


@pytest.mark.parametrize("page", PAGES)
def test_pages_use_catalogue_names_and_match_the_catalogue(page):
    used, mentioned = _names_used(page)
    unknown = used - set(mt.CATALOGUE)
    assert not unknown, f"{page} asks for models the catalogue does not have: {unknown}"
    declared = set(mt.models_for_page(page))
    assert used <= declared, f"{page} fits {used - declared}, not in their pages"
    assert declared <= used | mentioned, (
        f"the catalogue says {page} fits {declared - used - mentioned}"
    )


def test_stats_page_lists_every_model_fitted_on_the_training_split():
    listed = mt.models_for_page("execution_stats")
    assert "minmax" in listed and "deskew-pca60-poly2" in listed
    assert "raw-saga" not in listed  # fitted on a subset only
    assert "pca30-poly2-balanced" in listed  # chapter 10 fits the tutorial's pipeline
    assert mt.models_for_page("book/draw_a_digit.md") == ["minmax", "deskew-hog-pca60-poly2"]


def test_describe_estimator():
    assert mt.describe_estimator(LogisticRegression(C=2.0)) == "LogisticRegression(C=2.0)"
    text = mt.describe_estimator(mt.make_model("deskew-pca60-poly2"))
    assert text.startswith("Deskew > MinMaxScaler > PCA(n_components=60)")
    assert np.isscalar(text)


@pytest.fixture(scope="module")
def small_digits():
    X, y = load_digits(return_X_y=True)
    X = X / 16.0  # scaled, so every solver converges fast
    return X[:300], y[:300], X[300:600], y[300:600]


def test_make_solver_model():
    for solver in mt.SOLVERS:
        model = mt.make_solver_model(solver, max_iter=50)
        inner = model.estimator if isinstance(model, OneVsRestClassifier) else model
        assert inner.solver == solver and inner.max_iter == 50
    assert isinstance(mt.make_solver_model("liblinear"), OneVsRestClassifier)
    with pytest.raises(ValueError, match="solver must be one of"):
        mt.make_solver_model("adam")
    with pytest.raises(ValueError, match="max_iter"):
        mt.make_solver_model("lbfgs", max_iter=0)


def test_compare_solvers_matches_direct_fits(small_digits):
    X_train, y_train, X_test, y_test = small_digits
    table = mt.compare_solvers(X_train, y_train, X_test, y_test, ["lbfgs", "liblinear"])
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


def test_compare_solvers_sets_the_penalty_and_budget_of_every_solver(small_digits):
    X_train, y_train, X_test, y_test = small_digits
    solvers = ["lbfgs", "liblinear"]
    table = mt.compare_solvers(X_train, y_train, X_test, y_test, solvers, C=0.05, max_iter=500)
    direct = LogisticRegression(C=0.05, max_iter=500).fit(X_train, y_train)
    assert table.loc[0, "test_accuracy"] == pytest.approx(direct.score(X_test, y_test))
    assert table.loc[0, "iterations"] == direct.n_iter_.max()
    inner = LogisticRegression(solver="liblinear", C=0.05, max_iter=500, random_state=42)
    ovr = OneVsRestClassifier(inner).fit(X_train, y_train)
    assert table.loc[1, "train_accuracy"] == pytest.approx(ovr.score(X_train, y_train))
    default = mt.compare_solvers(X_train, y_train, X_test, y_test, ["lbfgs"])
    assert default.loc[0, "iterations"] != table.loc[0, "iterations"]  # C reached the model
    for bad, error in [(0, ValueError), (-1.0, ValueError), (np.nan, ValueError), ("1", TypeError)]:
        with pytest.raises(error, match="C must"):
            mt.compare_solvers(X_train, y_train, X_test, y_test, ["lbfgs"], C=bad)


def test_compare_solvers_reports_non_convergence_without_warning(small_digits):
    X_train, y_train, X_test, y_test = small_digits
    # filterwarnings=error: a leaked ConvergenceWarning would fail this test
    table = mt.compare_solvers(X_train, y_train, X_test, y_test, ["saga"], max_iter=1)
    assert not table.loc[0, "converged"]
    assert table.loc[0, "iterations"] == 1
    # under the build's fit cache, a second call loads the fits and says the same, with
    # the real fit's time
    mt.use_fit_cache()
    try:
        first = mt.compare_solvers(X_train, y_train, X_test, y_test, ["saga"], max_iter=1)
        again = mt.compare_solvers(X_train, y_train, X_test, y_test, ["saga"], max_iter=1)
    finally:
        mt.use_fit_cache(False)
    assert not again.loc[0, "converged"] and again.loc[0, "iterations"] == 1
    assert again.loc[0, "fit_seconds"] == first.loc[0, "fit_seconds"]


def test_compare_solvers_bad_input(small_digits):
    X_train, y_train, X_test, y_test = small_digits
    with pytest.raises(ValueError, match="solvers"):
        mt.compare_solvers(X_train, y_train, X_test, y_test, "lbfgs")
    with pytest.raises(ValueError, match="solvers must be among"):
        mt.compare_solvers(X_train, y_train, X_test, y_test, ["lbfgs", "sgd"])


def test_every_model_has_its_own_short_label_for_readers():
    labels = [spec.label for spec in mt.CATALOGUE.values()]
    assert all(labels) and len(set(labels)) == len(labels), labels
    spec = mt.CATALOGUE["minmax"]
    with pytest.raises(ValueError, match="needs a label"):
        mt.ModelSpec(spec.name, spec.description, spec.chapter, spec.pages, spec.factory)
