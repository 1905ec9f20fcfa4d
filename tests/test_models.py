"""The model catalogue: every model declared once, by name, and used by name."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import joblib
import numpy as np
import pytest
from sklearn.base import BaseEstimator, clone
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

import mnist_tutorial as mt
from mnist_tutorial import models
from mnist_tutorial.cache import _cache_key

BOOK = Path(__file__).resolve().parents[1] / "book"
PAGES = sorted(p.stem for p in BOOK.glob("*.md"))

# Pages that teach a fit in plain scikit-learn (the reader sees the estimator being
# built) instead of asking the catalogue by name: the catalogue's model must be the same.
TEACHING_FITS = {
    (page, "raw-lbfgs"): LogisticRegression()
    for page in ("ch05_fitting", "ch06_confusion", "ch07_metrics", "ch11_going_further")
}
# chapter 11 writes the book's best model out in scikit-learn
TEACHING_FITS["ch11_going_further", "deskew-hog-pca60-poly2"] = make_pipeline(
    mt.Deskew(),
    mt.Hog(cell_sizes=(4, 7), offset_cells=(4,), n_bins=8, soft_bins=True, eps=800.0),
    PCA(n_components=60, random_state=42),
    PolynomialFeatures(degree=2, include_bias=False),
    LogisticRegression(C=0.3, max_iter=1000),
)


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
    text = (BOOK / f"{page}.md").read_text()
    return "\n".join(re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, flags=re.S))


_CALL = re.compile(r"\b(?:fit_model|make_model)\(\s*(f?)\"([^\"]+)\"")


def _names_used(page: str) -> tuple[set[str], set[str]]:
    """(names a page's code fits or makes, names it merely mentions) by static reading."""
    code = _code(page)
    used: set[str] = set()
    for is_f, text in _CALL.findall(code):
        if is_f and "{" in text:  # f"pca{k}": every catalogue name of that shape
            pattern = re.sub(r"\\\{[^}]*\\\}", r"\\d+", re.escape(text))
            used |= {n for n in mt.CATALOGUE if re.fullmatch(pattern, n)}
        else:
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
    teaching = {name for (p, name) in TEACHING_FITS if p == page}
    declared = set(mt.models_for_page(page))
    assert used | teaching <= declared, f"{page} fits {used - declared}, not in their pages"
    assert declared <= used | mentioned | teaching, (
        f"the catalogue says {page} fits {declared - used - mentioned - teaching}"
    )


def test_teaching_fits_are_the_catalogue_models():
    for (page, name), estimator in TEACHING_FITS.items():
        assert name in mt.models_for_page(page)
        assert joblib.hash(mt.make_model(name)) == joblib.hash(estimator), (page, name)


def test_no_chapter_retypes_model_parameters():
    for page in PAGES:
        code = re.sub(r"#.*", "", _code(page))  # comments may name the parameters
        for pattern in ("fit_cached(mt.make_", "class_weight=", "make_best_pipeline"):
            assert pattern not in code, f"{page} builds a catalogue model by hand: {pattern}"


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


def test_no_library_module_is_over_600_lines():
    package = Path(mt.__file__).parent
    sizes = {
        p.relative_to(package).as_posix(): len(p.read_text().splitlines())
        for p in package.rglob("*.py")
    }
    assert len(sizes) > 10  # the walk found the library
    assert {name: n for name, n in sizes.items() if n > 600} == {}
