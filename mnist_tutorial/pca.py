"""Reading a fitted PCA (chapter 9): how many components reach a share of the variance,
and images projected on the first k components and mapped back to pixels."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from sklearn.base import BaseEstimator
from sklearn.decomposition import PCA
from sklearn.pipeline import Pipeline

from ._validation import check_float, check_int, check_numeric

__all__ = ["n_components_for_variance", "pca_reconstruction"]


def explained_ratio(pca_or_ratio: Any) -> np.ndarray:
    if isinstance(pca_or_ratio, Pipeline):
        pca_or_ratio = pca_or_ratio.named_steps.get("pca", pca_or_ratio[-1])
    if isinstance(pca_or_ratio, PCA):
        if not hasattr(pca_or_ratio, "explained_variance_ratio_"):
            raise ValueError("the PCA is not fitted yet")
        return np.asarray(pca_or_ratio.explained_variance_ratio_, dtype=np.float64)
    if pca_or_ratio is None or isinstance(pca_or_ratio, (str, bytes, BaseEstimator, type)):
        raise TypeError(
            "pca must be a fitted PCA/Pipeline or a 1-D explained-variance ratio, "
            f"got {type(pca_or_ratio).__name__}"
        )
    ratio = check_numeric(pca_or_ratio, "pca", allow_nan=True)
    if ratio.ndim != 1 or ratio.size == 0:
        raise ValueError(
            f"pca must be a fitted PCA/Pipeline or a 1-D explained-variance ratio, "
            f"got an array of shape {ratio.shape}"
        )
    if np.any(ratio < 0) or not np.all(np.isfinite(ratio)) or ratio.sum() > 1 + 1e-9:
        raise ValueError(
            "pca (explained-variance ratios) must be finite, non-negative and sum to at most 1"
        )
    return ratio


def n_components_for_variance(pca: Any, target: float) -> int:
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
    >>> n_components_for_variance([0.5, 0.3, 0.15, 0.05], 0.8)
    2
    >>> n_components_for_variance([0.5, 0.3, 0.15, 0.05], 0.81)
    3
    """
    ratio = explained_ratio(pca)
    target = check_float(target, "target", low=0, high=1, inclusive=(False, True))
    cumulative = np.cumsum(ratio)
    # a small tolerance so that e.g. 0.5 + 0.3 counts as reaching 0.8
    reached = np.nonzero(cumulative >= target - 1e-12)[0]
    if reached.size == 0:
        raise ValueError(
            f"the {ratio.size} components explain only {cumulative[-1]:.4f} of the variance, "
            f"less than target={target}"
        )
    return int(reached[0] + 1)


def pca_reconstruction(pca: Any, X: ArrayLike, n_components: int) -> np.ndarray:
    """Project X on the first ``n_components`` components and map it back to pixels.

    Works with a fitted PCA, or a fitted Pipeline of (scaler ->) PCA from
    :func:`~mnist_tutorial.make_pca` (the scaler is undone too, so the result is in X's
    units).

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
    >>> np.allclose(pca_reconstruction(p, X, 6), X)
    True
    >>> pca_reconstruction(p, X, 2).shape
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
    k = check_int(n_components, "n_components")
    if k > pca.components_.shape[0]:
        raise ValueError(
            f"n_components={k} is more than the {pca.components_.shape[0]} fitted components"
        )
    Z = check_numeric(X, "X")
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
