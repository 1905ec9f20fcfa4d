"""The model catalogue: every model the book fits, declared once, by name.

Each :class:`ModelSpec` says what the model is (a factory returning a fresh, unfitted
estimator built with :mod:`mnist_tutorial.pipelines`), which page introduces it and
every page that fits or loads it. Chapters, the draw-a-digit page, the statistics page,
the benchmark and the tests ask for models by name:

* :func:`make_model` returns a fresh, unfitted estimator;
* :func:`fit_model` fits it through the fit cache (:func:`mnist_tutorial.fit_cached`),
  by default on the book's training split, so a model fitted in one chapter is loaded,
  not refitted, in the next;
* :func:`models_for_page` lists the models a page needs (the build orders pages by it).

Parameters live here only: change a parameter in :data:`CATALOGUE` and every page,
table and test that uses the model changes with it (and the fit cache refits it once).
Names are what comparison tables show: ``minmax``, ``pca50``, ``deskew-pca60-poly2``.
"""

from __future__ import annotations

import difflib
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePath
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator, is_classifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from ._validation import (
    check_float,
    check_int,
    check_numeric,
    check_same_label_type,
    check_samples,
)
from .cache import cache_dir, cached_fits, fit_cached, fit_record, fit_seconds
from .data import mnist_split
from .hog import make_hog_pipeline
from .pipelines import (
    SOLVERS,
    make_deskew_lr,
    make_pca,
    make_pca_lr,
    make_poly_lr,
    make_scaled_lr,
    make_solver_model,
)

__all__ = [
    "CATALOGUE",
    "ModelSpec",
    "compare_solvers",
    "describe_estimator",
    "fit_cache_table",
    "fit_model",
    "make_model",
    "models_for_page",
]


@dataclass(frozen=True)
class ModelSpec:
    """One model of the book.

    Attributes
    ----------
    name : str
        The model's name in the catalogue and in comparison tables, e.g. ``"minmax"``.
    description : str
        One line: the steps and the parameters that matter.
    chapter : str
        Docname of the page that introduces it, e.g. ``"ch05_fitting"``.
    pages : tuple of str
        Docnames of every page that fits or loads it.
    factory : callable
        Returns a fresh, unfitted estimator.
    full_data : bool, default True
        Fitted on the book's training split (56,000 images). False for models the
        pages fit on a subset or on augmented data they build themselves: for those,
        :func:`fit_model` needs ``X`` and ``y``.
    label : str
        A short name for readers (figure labels, prose), e.g. ``"MinMaxScaler"``.
    """

    name: str
    description: str
    chapter: str
    pages: tuple[str, ...]
    factory: Callable[[], BaseEstimator]
    full_data: bool = True
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            raise ValueError(f"model {self.name!r} needs a label for readers")


#: The docname of the page that lists every model the book fits on the training split.
STATS_PAGE = "execution_stats"

# The classifier settings of chapters 8 and 9, and of chapter 10's polynomial models.
_BALANCED = {"max_iter": 1000, "class_weight": "balanced"}
_POLY = {"C": 0.1, "max_iter": 1000}


def _best() -> BaseEstimator:
    return make_deskew_lr(60, degree=2, **_POLY)


def _best_not_centred() -> BaseEstimator:
    return make_model("deskew-pca60-poly2").set_params(deskew__center=False)


_CH10 = ("ch09_pca", "ch10_polynomial")
_SPECS = [
    ModelSpec(
        "raw-lbfgs",
        "LogisticRegression() on raw pixels: scikit-learn's defaults (lbfgs, 100 iterations)",
        "ch05_fitting",
        (
            "ch05_fitting",
            "ch06_confusion",
            "ch07_metrics",
            "ch08_scaling",
            "ch10_polynomial",
            "ch11_going_further",
        ),
        partial(make_solver_model, "lbfgs"),
        label="raw pixels",
    ),
    *(
        ModelSpec(
            f"raw-{solver}",
            f"LogisticRegression(solver={solver!r})"
            + (", one-vs-rest" if solver == "liblinear" else "")
            + ": chapter 5's solver comparison (0-1 pixels, a subset)",
            "ch05_fitting",
            () if solver == "sag" else ("ch05_fitting",),  # sag: compare_solvers' default only
            partial(make_solver_model, solver),
            full_data=False,  # chapter 5 compares the solvers on a subset
            label=f"raw pixels ({solver})",
        )
        for solver in SOLVERS
        if solver != "lbfgs"
    ),
    ModelSpec(
        "raw-balanced",
        "LogisticRegression(class_weight='balanced') on raw pixels",
        "ch07_metrics",
        ("ch07_metrics", "ch08_scaling", "ch10_polynomial"),
        partial(LogisticRegression, class_weight="balanced"),
        label="raw pixels (balanced)",
    ),
    ModelSpec(
        "standard",
        "StandardScaler → LogisticRegression(max_iter=1000, class_weight='balanced')",
        "ch08_scaling",
        ("ch08_scaling", "ch10_polynomial"),
        partial(make_scaled_lr, "standard", **_BALANCED),
        label="StandardScaler",
    ),
    ModelSpec(
        "minmax",
        "MinMaxScaler → LogisticRegression(max_iter=1000, class_weight='balanced')",
        "ch08_scaling",
        ("ch08_scaling", *_CH10, "ch11_going_further", "draw_a_digit"),
        partial(make_scaled_lr, "minmax", **_BALANCED),
        label="MinMaxScaler",
    ),
    ModelSpec(
        "minmax-pca",
        "MinMaxScaler → PCA keeping every component (no classifier; fitted on X only)",
        "ch09_pca",
        ("ch09_pca",),
        make_pca,
        label="MinMaxScaler + PCA (all components)",
    ),
    *(
        ModelSpec(
            f"pca{k}",
            f"MinMaxScaler → PCA({k}) → LogisticRegression(max_iter=1000, class_weight='balanced')",
            "ch09_pca",
            (*_CH10, "ch11_going_further") if k == 50 else _CH10,
            partial(make_pca_lr, k, **_BALANCED),
            label=f"PCA({k})",
        )
        for k in (10, 30, 50, 100, 150)
    ),
    *(
        ModelSpec(
            f"pca{k}-poly2-c0.1",
            f"MinMaxScaler → PCA({k}) → degree 2 → LogisticRegression(C=0.1)",
            "ch10_polynomial",
            ("ch10_polynomial", "ch11_going_further") if k == 60 else ("ch10_polynomial",),
            partial(make_poly_lr, k, **_POLY),
            label=f"PCA({k}) + degree 2",
        )
        for k in (30, 60)
    ),
    ModelSpec(
        "pca30-poly2-balanced",
        "A tutorial pipeline: MinMaxScaler → PCA(30) → degree 2 → "
        "LogisticRegression(class_weight='balanced')",
        "ch10_polynomial",
        ("ch10_polynomial",),
        partial(make_poly_lr, 30, **_BALANCED),
        label="PCA(30) + degree 2 (balanced)",
    ),
    ModelSpec(
        "deskew-pca60-poly2",
        "Deskew → MinMaxScaler → PCA(60) → degree 2 → LogisticRegression(C=0.1)",
        "ch11_going_further",
        ("ch11_going_further",),
        _best,
        label="deskew + PCA(60) + degree 2",
    ),
    ModelSpec(
        "deskew-hog-pca60-poly2",
        "The book's best: Deskew → gradient orientations (HOG: 4 px cells in two grids, one "
        "shifted by 2 px, 8 orientation bins, each vote split between two bins, normalised "
        "with a constant of 800) → "
        "PCA(60) → degree 2 → LogisticRegression(C=0.3)",
        "ch11_going_further",
        ("ch11_going_further", "draw_a_digit"),
        make_hog_pipeline,
        label="deskew + HOG + PCA(60) + degree 2",
    ),
    ModelSpec(
        "deskew-nocenter-pca60-poly2",
        "The deskew pipeline with Deskew(center=False), for shifted copies (not in the book)",
        "ch11_going_further",
        (),
        _best_not_centred,
        full_data=False,
        label="deskew (not centred) + PCA(60) + degree 2",
    ),
]

#: Every model the book fits, by name (see :class:`ModelSpec`).
CATALOGUE: dict[str, ModelSpec] = {spec.name: spec for spec in _SPECS}


def _spec(name: Any) -> ModelSpec:
    if not isinstance(name, str):
        raise TypeError(f"name must be a model name (str), got {type(name).__name__}")
    if name not in CATALOGUE:
        close = difflib.get_close_matches(name, list(CATALOGUE), n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ValueError(
            f"name {name!r} is not in the model catalogue{hint} (known: {', '.join(CATALOGUE)})"
        )
    return CATALOGUE[name]


def make_model(name: str) -> BaseEstimator:
    """A fresh, unfitted estimator of the catalogue's model ``name``.

    Examples
    --------
    >>> make_model("raw-lbfgs")
    LogisticRegression()
    >>> list(make_model("pca50").named_steps)
    ['scaler', 'pca', 'logreg']
    """
    estimator = _spec(name).factory()
    if not isinstance(estimator, BaseEstimator):
        raise TypeError(f"the factory of {name!r} returned {type(estimator).__name__}")
    return estimator


def fit_model(name: str, X: ArrayLike | None = None, y: ArrayLike | None = None) -> BaseEstimator:
    """The catalogue's model ``name``, fitted through the fit cache.

    Parameters
    ----------
    name : str
        A key of :data:`CATALOGUE`.
    X, y : array_like, optional
        Training data. Default: the book's training split (``mnist_split()``); a model
        without a classifier (``minmax-pca``) is fitted on X only.

    Returns
    -------
    The fitted estimator, as :func:`mnist_tutorial.fit_cached` returns it (with its
    :func:`mnist_tutorial.fit_record`).

    Examples
    --------
    >>> from sklearn.datasets import load_digits
    >>> X, y = load_digits(return_X_y=True)
    >>> model = fit_model("minmax", X[:300], y[:300])
    >>> round(float(model.score(X[300:600], y[300:600])), 2)
    0.85
    """
    spec = _spec(name)
    estimator = make_model(name)
    if X is None:
        if y is not None:
            raise ValueError("y is given without X: give both, or neither")
        if not spec.full_data:
            raise ValueError(
                f"{name!r} is fitted by its page on a subset of the data: pass X and y"
            )
        X, _, y_train, _ = mnist_split()
        y = y_train if is_classifier(estimator) else None
    elif y is None and is_classifier(estimator):
        raise ValueError(f"{name!r} is a classifier: pass y (the labels of X) too")
    elif y is None:
        check_numeric(X, "X")
    else:
        check_samples(X, y, ("X", "y"))
    return fit_cached(estimator, X, y)


def models_for_page(docname: str) -> list[str]:
    """Names of the catalogue's models that the page ``docname`` fits or loads, in order.

    ``docname`` is the page's file name without ``.md`` (a path is accepted). The
    statistics page (``execution_stats``) loads every model fitted on the training split
    by some page.

    Examples
    --------
    >>> models_for_page("ch11_going_further")[:2]
    ['raw-lbfgs', 'minmax']
    >>> models_for_page("book/draw_a_digit.md")
    ['minmax', 'deskew-hog-pca60-poly2']
    """
    if not isinstance(docname, str) or not docname:
        raise TypeError(f"docname must be a page name (str), got {docname!r}")
    page = PurePath(docname).stem
    if page == STATS_PAGE:
        return [n for n, s in CATALOGUE.items() if s.full_data and s.pages]
    return [n for n, s in CATALOGUE.items() if page in s.pages]


# --- describing models --------------------------------------------------------------

_SHOWN_PARAMS = (
    "center",
    "n_components",
    "degree",
    "C",
    "max_iter",
    "tol",
    "solver",
    "class_weight",
)


def describe_estimator(estimator: Any) -> str:
    """A one-line description: the steps of a pipeline and their telling parameters.

    Examples
    --------
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import MinMaxScaler
    >>> from sklearn.linear_model import LogisticRegression
    >>> describe_estimator(make_pipeline(MinMaxScaler(), LogisticRegression(C=0.1)))
    'MinMaxScaler > LogisticRegression(C=0.1)'
    """
    if not isinstance(estimator, BaseEstimator):
        got = type(estimator).__name__
        raise TypeError(f"estimator must be a scikit-learn estimator, got {got}")
    steps = [s for _, s in estimator.steps] if hasattr(estimator, "steps") else [estimator]
    parts = []
    for step in steps:
        params = step.get_params(deep=False)
        defaults = type(step)().get_params(deep=False) if _has_default_init(step) else {}
        shown = [
            f"{k}={params[k]!r}"
            for k in _SHOWN_PARAMS
            if k in params and (k not in defaults or params[k] != defaults[k])
        ]
        parts.append(type(step).__name__ + (f"({', '.join(shown)})" if shown else ""))
    return " > ".join(parts)


def _has_default_init(step: Any) -> bool:
    try:
        type(step)()
    except TypeError:
        return False
    return True


def compare_solvers(
    X_train: ArrayLike,
    y_train: ArrayLike,
    X_test: ArrayLike,
    y_test: ArrayLike,
    solvers: Sequence[str] = SOLVERS,
    *,
    max_iter: int | None = None,
    C: float | None = None,
) -> pd.DataFrame:
    """Fit the catalogue's ``raw-<solver>`` model per solver (through the fit cache).

    Convergence warnings are not shown; whether a fit converged is a column instead.

    Parameters
    ----------
    X_train, X_test : array_like or DataFrame of shape (n_samples, n_features)
    y_train, y_test : array_like of shape (n_samples,)
    solvers : sequence of str, default=SOLVERS
    max_iter : int, optional
        Iteration budget of every solver; default: the catalogue's (scikit-learn's 100).
    C : float, optional
        Inverse penalty strength of every solver; default: the catalogue's
        (scikit-learn's 1.0).

    Returns
    -------
    pandas.DataFrame, one row per solver, columns
        ``solver``, ``fit_seconds`` (of the real fit, also when loaded from the cache),
        ``iterations`` (the most any class needed), ``converged`` (no
        ``ConvergenceWarning``), ``train_accuracy``, ``test_accuracy``.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> X, y = load_iris(return_X_y=True)
    >>> table = compare_solvers(X[::2], y[::2], X[1::2], y[1::2], ["lbfgs", "liblinear"])
    >>> table["solver"].tolist(), bool(table["test_accuracy"].min() > 0.8)
    (['lbfgs', 'liblinear'], True)
    """
    train_labels = check_samples(X_train, y_train, ("X_train", "y_train"))
    test_labels = check_samples(X_test, y_test, ("X_test", "y_test"))
    if np.shape(X_train)[1] != np.shape(X_test)[1]:
        raise ValueError(
            f"X_train has {np.shape(X_train)[1]} features but X_test has {np.shape(X_test)[1]}"
        )
    check_same_label_type(train_labels, test_labels, ("y_train", "y_test"))
    if np.unique(train_labels).size < 2:
        raise ValueError("y_train must hold at least 2 classes, got one")
    if isinstance(solvers, str) or len(solvers) == 0:
        raise ValueError(f"solvers must be a non-empty sequence of solver names, got {solvers!r}")
    for solver in solvers:
        if solver not in SOLVERS:
            raise ValueError(f"solvers must be among {SOLVERS}, got {solver!r}")
    models = [make_model(f"raw-{solver}") for solver in solvers]
    settings = {}
    if max_iter is not None:
        settings["max_iter"] = check_int(max_iter, "max_iter")
    if C is not None:
        settings["C"] = check_float(C, "C", low=0, inclusive=(False, True))
    for model in models:
        prefix = "estimator__" if hasattr(model, "estimator") else ""
        model.set_params(**{prefix + key: value for key, value in settings.items()})
    rows = []
    for solver, model in zip(solvers, models):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            start = time.perf_counter()
            model.fit(X_train, y_train)
        seconds = fit_seconds(model, start)
        rows.append(
            {
                "solver": solver,
                "fit_seconds": seconds,
                "iterations": _iterations(model),
                "converged": not any(w.category is ConvergenceWarning for w in caught),
                "train_accuracy": float(model.score(X_train, y_train)),
                "test_accuracy": float(model.score(X_test, y_test)),
            }
        )
    return pd.DataFrame(rows)


def _iterations(model: BaseEstimator) -> int | None:
    """Solver iterations of a fitted model's final step (the most any class needed)."""
    final = model[-1] if hasattr(model, "steps") else model
    parts = getattr(final, "estimators_", [final])  # one-vs-rest: one model per class
    counts = [np.max(p.n_iter_) for p in parts if hasattr(p, "n_iter_")]
    return int(max(counts)) if counts else None


_TABLE_COLUMNS = ["model", "fit_seconds", "n_iter", "test_accuracy", "warnings"]


def fit_cache_table(
    X_test: Any = None,
    y_test: Any = None,
    *,
    folder: str | Path | None = None,
    used_since: float | None = None,
) -> pd.DataFrame:
    """One row per entry of the fit cache, in the order they were last used.

    Entries are loaded with the fit cache's own checks (:func:`mnist_tutorial.cached_fits`):
    nothing is loaded from a folder or an entry others can write to, and entries the
    cache would no longer return (another scikit-learn, another library) are skipped.

    Parameters
    ----------
    X_test, y_test : array_like, optional
        If given, each model whose input width matches ``X_test`` is scored on them.
    folder : path, optional
        The cache folder (default: :func:`mnist_tutorial.cache_dir`).
    used_since : float, optional
        A POSIX time: keep only the entries fitted or loaded since then.

    Returns
    -------
    DataFrame with columns ``model`` (:func:`describe_estimator`), ``fit_seconds`` (the
    real fit's wall time), ``n_iter`` (solver iterations of the final step),
    ``test_accuracy`` (NaN when not scored) and ``warnings`` (categories the fit raised).

    Examples
    --------
    >>> import tempfile
    >>> fit_cache_table(folder=tempfile.mkdtemp()).columns.tolist()
    ['model', 'fit_seconds', 'n_iter', 'test_accuracy', 'warnings']
    """
    if (X_test is None) != (y_test is None):
        raise ValueError("give both X_test and y_test, or neither")
    if X_test is not None:
        check_samples(X_test, y_test, ("X_test", "y_test"))
    if used_since is not None:
        used_since = check_float(used_since, "used_since")
    width = None if X_test is None else np.shape(X_test)[1]
    fits = sorted(cached_fits(cache_dir() if folder is None else folder), key=lambda f: f[0])
    rows = []
    for used, model in fits:
        if used_since is not None and used < used_since:
            continue
        record = fit_record(model)
        accuracy = np.nan
        if width is not None and getattr(model, "n_features_in_", None) == width:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. feature names of array-fitted models
                try:
                    accuracy = float(model.score(X_test, y_test))
                except Exception:  # fitted on other inputs of the same width
                    accuracy = np.nan
        rows.append(
            {
                "model": describe_estimator(model),
                "fit_seconds": float(record.fit_seconds),
                "n_iter": pd.NA if _iterations(model) is None else _iterations(model),
                "test_accuracy": accuracy,
                "warnings": ", ".join(sorted({category for category, _ in record.warnings})),
            }
        )
    table = pd.DataFrame(rows, columns=_TABLE_COLUMNS)
    table["n_iter"] = table["n_iter"].astype("Int64")
    return table
