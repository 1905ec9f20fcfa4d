"""Factories for the book's scikit-learn pipelines, and PCA helpers.

Every factory returns an *unfitted* :class:`~sklearn.pipeline.Pipeline` with fixed step
names (``scaler``, ``pca``, ``poly``, ``logreg``), so the same call in two chapters gives
the same fit-cache key and the model is fitted once (see :func:`mnist_tutorial.fit_cached`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler

from .data import RANDOM_STATE

__all__ = [
    "components_for_variance",
    "make_pca",
    "make_pca_lr",
    "make_poly_lr",
    "make_scaled_lr",
    "make_scaler",
    "n_poly_features",
    "reconstruct",
]

_SCALERS = {"standard": StandardScaler, "minmax": MinMaxScaler}


def make_scaler(kind: str) -> BaseEstimator:
    """A fresh scaler by name: ``"standard"`` (StandardScaler) or ``"minmax"`` (MinMaxScaler).

    Examples
    --------
    >>> make_scaler("minmax")
    MinMaxScaler()
    """
    if kind not in _SCALERS:
        raise ValueError(f"scaler must be one of {sorted(_SCALERS)}, got {kind!r}")
    return _SCALERS[kind]()


def _check_n_components(n_components: Any, name: str = "n_components") -> int:
    if (
        isinstance(n_components, bool)
        or not isinstance(n_components, (int, np.integer))
        or n_components < 1
    ):
        raise ValueError(f"{name} must be a positive integer, got {n_components!r}")
    return int(n_components)


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
    return Pipeline([("scaler", make_scaler(scaler)), ("logreg", LogisticRegression(**lr_params))])


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
        n_components = _check_n_components(n_components)
    steps = [] if scaler is None else [("scaler", make_scaler(scaler))]
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
    steps = make_pca(_check_n_components(n_components), scaler=scaler).steps
    return Pipeline([*steps, ("logreg", LogisticRegression(**lr_params))])


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
    degree = _check_n_components(degree, "degree")
    steps = make_pca(_check_n_components(n_components), scaler=scaler).steps
    return Pipeline(
        [
            *steps,
            ("poly", PolynomialFeatures(degree=degree, include_bias=False)),
            ("logreg", LogisticRegression(**lr_params)),
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
    n_features = _check_n_components(n_features, "n_features")
    degree = _check_n_components(degree, "degree")
    poly = PolynomialFeatures(degree=degree, include_bias=False)
    poly.fit(np.zeros((1, n_features)))
    return int(poly.n_output_features_)


def _explained_ratio(pca_or_ratio: Any) -> np.ndarray:
    if isinstance(pca_or_ratio, Pipeline):
        pca_or_ratio = pca_or_ratio.named_steps.get("pca", pca_or_ratio[-1])
    if isinstance(pca_or_ratio, PCA):
        if not hasattr(pca_or_ratio, "explained_variance_ratio_"):
            raise ValueError("the PCA is not fitted yet")
        return np.asarray(pca_or_ratio.explained_variance_ratio_, dtype=np.float64)
    ratio = np.asarray(pca_or_ratio, dtype=np.float64)
    if ratio.ndim != 1 or ratio.size == 0:
        raise ValueError(
            f"pca must be a fitted PCA/Pipeline or a 1-D explained-variance ratio, "
            f"got an array of shape {ratio.shape}"
        )
    if np.any(ratio < 0) or not np.all(np.isfinite(ratio)) or ratio.sum() > 1 + 1e-9:
        raise ValueError("explained-variance ratios must be finite, non-negative, sum <= 1")
    return ratio


def components_for_variance(pca: Any, target: float) -> int:
    """The fewest components whose explained variance reaches ``target`` (e.g. 0.95).

    Parameters
    ----------
    pca : fitted PCA, Pipeline ending in a fitted PCA, or array_like of shape (n_components,)
        Explained-variance ratios, largest first.
    target : float in (0, 1]

    Returns
    -------
    int

    Examples
    --------
    >>> components_for_variance([0.5, 0.3, 0.15, 0.05], 0.8)
    2
    >>> components_for_variance([0.5, 0.3, 0.15, 0.05], 0.81)
    3
    """
    ratio = _explained_ratio(pca)
    if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 < target <= 1:
        raise ValueError(f"target must be a fraction in (0, 1], got {target!r}")
    cumulative = np.cumsum(ratio)
    # a small tolerance so that e.g. 0.5 + 0.3 counts as reaching 0.8
    reached = np.nonzero(cumulative >= target - 1e-12)[0]
    if reached.size == 0:
        raise ValueError(
            f"the {ratio.size} components explain only {cumulative[-1]:.4f} of the variance, "
            f"less than target={target}"
        )
    return int(reached[0] + 1)


def reconstruct(pca: Any, X: ArrayLike, n_components: int) -> np.ndarray:
    """Project X on the first ``n_components`` components and map it back to pixels.

    Works with a fitted PCA, or a fitted Pipeline of (scaler ->) PCA from :func:`make_pca`
    (the scaler is undone too, so the result is in X's units).

    Parameters
    ----------
    pca : fitted PCA or Pipeline
    X : array_like of shape (n_samples, n_features)
    n_components : int, at most the number of fitted components

    Returns
    -------
    ndarray of shape (n_samples, n_features)

    Examples
    --------
    >>> X = np.random.default_rng(0).normal(size=(50, 6))
    >>> p = PCA().fit(X)
    >>> np.allclose(reconstruct(p, X, 6), X)
    True
    >>> reconstruct(p, X, 2).shape
    (50, 6)
    """
    scaler = None
    if isinstance(pca, Pipeline):
        steps = list(pca.named_steps.values())
        if not isinstance(steps[-1], PCA) or len(steps) > 2:
            raise ValueError("pca must be a PCA or a Pipeline (scaler ->) PCA")
        scaler = steps[0] if len(steps) == 2 else None
        pca = steps[-1]
    if not isinstance(pca, PCA) or not hasattr(pca, "components_"):
        raise TypeError(f"pca must be a fitted PCA or Pipeline, got {type(pca).__name__}")
    k = _check_n_components(n_components)
    if k > pca.components_.shape[0]:
        raise ValueError(
            f"n_components={k} is more than the {pca.components_.shape[0]} fitted components"
        )
    Z = np.asarray(X, dtype=np.float64)
    if Z.ndim != 2 or Z.shape[1] != pca.components_.shape[1]:
        raise ValueError(
            f"X must have shape (n_samples, {pca.components_.shape[1]}), got {Z.shape}"
        )
    if scaler is not None:
        # transform X itself (not Z) so a DataFrame keeps the feature names it was fitted on
        Z = np.asarray(scaler.transform(X), dtype=np.float64)
    components = pca.components_[:k]
    scores = (Z - pca.mean_) @ components.T
    back = scores @ components + pca.mean_
    if scaler is not None:
        back = scaler.inverse_transform(back)
    return back
