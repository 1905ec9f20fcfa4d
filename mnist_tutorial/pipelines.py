"""Builders of the book's scikit-learn pipelines, used by the model catalogue.

Every builder returns an *unfitted* estimator with fixed step names (``deskew``,
``scaler``, ``pca``, ``poly``, ``standardize``, ``logreg``), so equal calls give equal
fit-cache keys. The book's models are declared once, by name, in
:data:`mnist_tutorial.models.CATALOGUE` with these builders; chapters ask for them by
name (:func:`mnist_tutorial.make_model`, :func:`mnist_tutorial.fit_model`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler

from ._validation import check_bool, check_float, check_int, check_option
from .data import RANDOM_STATE
from .features import Deskew

__all__ = [
    "SOLVERS",
    "make_deskew_lr",
    "make_pca",
    "make_pca_lr",
    "make_poly_lr",
    "make_scaled_lr",
    "make_scaler",
    "make_solver_model",
    "n_poly_features",
]

#: The solvers of :class:`~sklearn.linear_model.LogisticRegression` (chapter 5).
SOLVERS = ("lbfgs", "newton-cg", "sag", "saga", "liblinear")

_SCALERS = {"standard": StandardScaler, "minmax": MinMaxScaler}


def _logreg(lr_params: dict[str, Any]) -> LogisticRegression:
    """``LogisticRegression(**lr_params)``, its numeric settings checked now, not at fit.

    The values are passed on unchanged (``C=1`` stays an int), so equal calls still give
    equal parameters; scikit-learn checks the other settings when the model is fitted.
    """
    if "C" in lr_params:  # finite, as everywhere in the library (make_hog_pipeline too)
        check_float(lr_params["C"], "C", low=0, inclusive=(False, True))
    if "tol" in lr_params:
        check_float(lr_params["tol"], "tol", low=0, inclusive=(False, True))
    if "max_iter" in lr_params:
        check_int(lr_params["max_iter"], "max_iter")
    return LogisticRegression(**lr_params)


def make_scaler(kind: str, *, name: str = "kind") -> BaseEstimator:
    """A fresh scaler by name: ``"standard"`` (StandardScaler) or ``"minmax"`` (MinMaxScaler).

    Examples
    --------
    >>> make_scaler("minmax")
    MinMaxScaler()
    """
    return _SCALERS[check_option(kind, name, tuple(_SCALERS))]()


def make_scaled_lr(scaler: str = "standard", **lr_params: Any) -> Pipeline:
    """Scaler -> LogisticRegression, as one pipeline (the scaler is fitted on X_train only).

    Parameters
    ----------
    scaler : {"standard", "minmax"}
    **lr_params
        Passed to :class:`~sklearn.linear_model.LogisticRegression`.

    Returns
    -------
    Pipeline with steps ``scaler`` and ``logreg`` (unfitted).

    Examples
    --------
    >>> pipe = make_scaled_lr("minmax", max_iter=1000)
    >>> list(pipe.named_steps), pipe.named_steps["logreg"].max_iter
    (['scaler', 'logreg'], 1000)
    """
    scaler_step = make_scaler(scaler, name="scaler")
    return Pipeline([("scaler", scaler_step), ("logreg", _logreg(lr_params))])


def make_pca(n_components: int | None = None, *, scaler: str | None = "minmax") -> Pipeline:
    """Scaler -> PCA (no classifier): for explained-variance curves and reconstructions.

    Parameters
    ----------
    n_components : int, optional
        Components kept; ``None`` keeps them all.
    scaler : {"minmax", "standard"} or None

    Returns
    -------
    Pipeline with steps (``scaler``,) ``pca`` (unfitted).

    Examples
    --------
    >>> list(make_pca(5).named_steps)
    ['scaler', 'pca']
    """
    if n_components is not None:
        n_components = check_int(n_components, "n_components")
    steps = [] if scaler is None else [("scaler", make_scaler(scaler, name="scaler"))]
    steps.append(("pca", PCA(n_components=n_components, random_state=RANDOM_STATE)))
    return Pipeline(steps)


def make_pca_lr(n_components: int, *, scaler: str | None = "minmax", **lr_params: Any) -> Pipeline:
    """Scaler -> PCA(n_components) -> LogisticRegression.

    Examples
    --------
    >>> pipe = make_pca_lr(30, max_iter=500)
    >>> list(pipe.named_steps), pipe.named_steps["pca"].n_components
    (['scaler', 'pca', 'logreg'], 30)
    """
    steps = make_pca(check_int(n_components, "n_components"), scaler=scaler).steps
    return Pipeline([*steps, ("logreg", _logreg(lr_params))])


def make_poly_lr(
    n_components: int = 30, *, degree: int = 2, scaler: str = "minmax", **lr_params: Any
) -> Pipeline:
    """Scaler -> PCA -> PolynomialFeatures(degree, include_bias=False) -> LogisticRegression.

    The well-known tutorial uses ``make_poly_lr(30, max_iter=1000, class_weight="balanced")``;
    the book's best chapter-9 model uses more components and a smaller ``C``.

    Examples
    --------
    >>> pipe = make_poly_lr(30, C=0.1)
    >>> list(pipe.named_steps)
    ['scaler', 'pca', 'poly', 'logreg']
    >>> pipe.named_steps["poly"].include_bias, pipe.named_steps["logreg"].C
    (False, 0.1)
    """
    degree = check_int(degree, "degree")
    steps = make_pca(check_int(n_components, "n_components"), scaler=scaler).steps
    return Pipeline(
        [
            *steps,
            ("poly", PolynomialFeatures(degree=degree, include_bias=False)),
            ("logreg", _logreg(lr_params)),
        ]
    )


def n_poly_features(n_features: int, degree: int = 2) -> int:
    """How many features PolynomialFeatures(degree, include_bias=False) makes from n_features.

    Computed by fitting scikit-learn's PolynomialFeatures on one row of zeros (so it
    cannot disagree with the pipeline), which is C(n + d, d) - 1.

    Examples
    --------
    >>> n_poly_features(2), n_poly_features(30), n_poly_features(80)
    (5, 495, 3320)
    """
    n_features = check_int(n_features, "n_features")
    degree = check_int(degree, "degree")
    poly = PolynomialFeatures(degree=degree, include_bias=False)
    poly.fit(np.zeros((1, n_features)))
    return int(poly.n_output_features_)


def make_deskew_lr(
    n_components: int | None = None,
    *,
    degree: int = 1,
    standardize: bool = False,
    center: bool = True,
    **lr_params: Any,
) -> Pipeline:
    """Deskew -> MinMaxScaler (-> PCA) (-> PolynomialFeatures) (-> StandardScaler) -> LR.

    Step names are ``deskew``, ``scaler``, ``pca``, ``poly``, ``standardize``, ``logreg``
    (absent steps are left out), so equal calls give equal fit-cache keys.

    Parameters
    ----------
    n_components : int, optional
        PCA components (``None``: no PCA).
    degree : int, default 1
        Degree of the polynomial features (1: none).
    standardize : bool, default False
        Standardise the (polynomial) features before the model.
    center : bool, default True
        Passed to :class:`~mnist_tutorial.Deskew`.
    **lr_params
        Passed to :class:`~sklearn.linear_model.LogisticRegression`.

    Examples
    --------
    >>> list(make_deskew_lr().named_steps)
    ['deskew', 'scaler', 'logreg']
    >>> list(make_deskew_lr(40, degree=2, standardize=True, C=0.01).named_steps)
    ['deskew', 'scaler', 'pca', 'poly', 'standardize', 'logreg']
    """
    degree = check_int(degree, "degree")
    standardize = check_bool(standardize, "standardize")
    center = check_bool(center, "center")
    steps: list[tuple[str, Any]] = [("deskew", Deskew(center)), ("scaler", MinMaxScaler())]
    if n_components is not None:
        n_components = check_int(n_components, "n_components")
        steps.append(("pca", PCA(n_components=n_components, random_state=RANDOM_STATE)))
    if degree > 1:
        steps.append(("poly", PolynomialFeatures(degree=degree, include_bias=False)))
    if standardize:
        steps.append(("standardize", StandardScaler()))
    steps.append(("logreg", _logreg(lr_params)))
    return Pipeline(steps)


def make_solver_model(solver: str, *, max_iter: int = 100) -> BaseEstimator:
    """A default ``LogisticRegression`` with the given solver, ready to fit on ten classes.

    ``liblinear`` fits one binary model per class (one-vs-rest); scikit-learn asks for
    that to be explicit, so it comes wrapped in a
    :class:`~sklearn.multiclass.OneVsRestClassifier`. The other solvers fit one
    multinomial (softmax) model. The solvers that draw random numbers (sag and saga
    shuffle the data, liblinear too) get the book's seed, so that the same call fits the
    same model (and the fit cache may reuse it: it never caches an unseeded fit).

    Examples
    --------
    >>> make_solver_model("saga")
    LogisticRegression(random_state=42, solver='saga')
    >>> make_solver_model("lbfgs")
    LogisticRegression()
    >>> type(make_solver_model("liblinear")).__name__
    'OneVsRestClassifier'
    """
    check_option(solver, "solver", SOLVERS)
    seed = RANDOM_STATE if solver in ("sag", "saga", "liblinear") else None
    model = LogisticRegression(
        solver=solver, max_iter=check_int(max_iter, "max_iter"), random_state=seed
    )
    return OneVsRestClassifier(model) if solver == "liblinear" else model
