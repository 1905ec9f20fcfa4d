"""What the fit cache holds: one row per entry (the book's own pages list the catalogue's
models instead, see :mod:`mnist_tutorial.models`)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd

from .cache import cache_dir, entry_is_current
from .models import describe_estimator

__all__ = ["fit_cache_table"]


def fit_cache_table(
    X_test: Any = None,
    y_test: Any = None,
    *,
    folder: str | Path | None = None,
    used_since: float | None = None,
) -> pd.DataFrame:
    """One row per entry of the fit cache, in the order they were last used.

    Parameters
    ----------
    X_test, y_test : array_like, optional
        If given, each model whose input width matches ``X_test`` is scored on them.
    folder : path, optional
        The cache folder (default: :func:`mnist_tutorial.cache_dir`).
    used_since : float, optional
        A POSIX timestamp: keep only the entries fitted or loaded since then (for
        example, the models one build of the book used).

    Returns
    -------
    DataFrame with columns ``model`` (see :func:`describe_estimator`), ``fit_seconds``
    (the real fit's wall time), ``n_iter`` (solver iterations of the final step, if
    any), ``test_accuracy`` (NaN when not scored) and ``warnings`` (categories raised by
    the real fit). Unreadable entries, and entries that :func:`fit_cached` can no longer
    return (written by another scikit-learn or another version of the library), are
    skipped.

    Examples
    --------
    >>> import tempfile
    >>> fit_cache_table(folder=tempfile.mkdtemp()).columns.tolist()
    ['model', 'fit_seconds', 'n_iter', 'test_accuracy', 'warnings']
    """
    folder = Path(folder) if folder is not None else cache_dir()
    if (X_test is None) != (y_test is None):
        raise ValueError("give both X_test and y_test, or neither")
    width = None if X_test is None else np.shape(X_test)[1]
    rows = []
    paths = sorted(folder.glob("*.joblib"), key=lambda p: p.stat().st_mtime)
    if used_since is not None:
        paths = [p for p in paths if p.stat().st_mtime >= used_since]
    for path in paths:
        try:
            entry = joblib.load(path)
            estimator, record = entry["estimator"], entry["record"]
        except Exception:
            continue
        if not entry_is_current(entry):  # left by an older library or scikit-learn
            continue
        final = estimator[-1] if hasattr(estimator, "steps") else estimator
        n_iter = getattr(final, "n_iter_", None)
        accuracy = np.nan
        if width is not None and getattr(estimator, "n_features_in_", None) == width:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. feature names of array-fitted models
                try:
                    accuracy = float(estimator.score(X_test, y_test))
                except Exception:  # fitted on other inputs of the same width
                    accuracy = np.nan
        rows.append(
            {
                "model": describe_estimator(estimator),
                "fit_seconds": float(record.fit_seconds),
                "n_iter": int(np.max(n_iter)) if n_iter is not None else pd.NA,
                "test_accuracy": accuracy,
                "warnings": ", ".join(sorted({c for c, _ in record.warnings})),
            }
        )
    table = pd.DataFrame(
        rows, columns=["model", "fit_seconds", "n_iter", "test_accuracy", "warnings"]
    )
    table["n_iter"] = table["n_iter"].astype("Int64")
    return table
