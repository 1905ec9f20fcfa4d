"""Describing fitted models for the execution-statistics page and the benchmark script.

The listing of the fit cache, :func:`fit_cache_table`, lives in :mod:`mnist_tutorial.cache`
(it reads the entries' JSON descriptions, never their pickles); it is re-exported here
for the pages and scripts that import it from this module."""

from __future__ import annotations

from typing import Any

from .cache import fit_cache_table

__all__ = ["describe_estimator", "fit_cache_table"]

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
