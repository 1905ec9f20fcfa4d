"""What the fit cache holds: each entry's JSON description, and the listing of them.

Every entry of the fit cache (:mod:`mnist_tutorial.cache`) has, next to its pickle, a
small JSON file that describes it: the model (:func:`mnist_tutorial.describe_estimator`),
its fit time, solver iterations, the warnings its fit raised, the versions it was fitted
with and the test accuracies it has been scored at. :func:`fit_cache_table` lists the
cache from these files alone, so listing a cache folder never unpickles (runs) anything;
scoring loads a model only through the cache's own checks.
"""

from __future__ import annotations

import json
import os
import sys
import warnings
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn.base import BaseEstimator

from .cache import (
    _FORMAT,
    _folder_problem,
    _library_sources,
    _load_verified,
    _log,
    _Plan,
    _write_json,
    cache_dir,
)

__all__ = ["fit_cache_table"]

_META_MAX_BYTES = 1_000_000


def _describe(estimator: BaseEstimator) -> str:
    try:
        from mnist_tutorial import describe_estimator

        return describe_estimator(estimator)
    except Exception:  # a description is not worth a failed fit
        return type(estimator).__name__


def _write_meta(fitted: BaseEstimator, plan: _Plan, notes: list[tuple[str, str]]) -> None:
    """The JSON file that describes an entry: what listings read instead of the pickle."""
    record = fitted._mnist_tutorial_fit_record
    final = fitted[-1] if hasattr(fitted, "steps") else fitted
    n_iter = getattr(final, "n_iter_", None)
    n_features = getattr(fitted, "n_features_in_", None)
    meta = {
        "format": _FORMAT,
        "key": plan.key,
        "estimator": type(fitted).__name__,
        "model": _describe(fitted),
        "fit_seconds": float(record.fit_seconds),
        "warnings": [list(w) for w in record.warnings],
        "sklearn": sklearn.__version__,
        "python": sys.version.split()[0],
        "library_modules": plan.modules,
        "library": plan.library,
        "n_iter": int(np.max(n_iter)) if n_iter is not None else None,
        "n_features_in": int(n_features) if n_features is not None else None,
        "scores": {},
    }
    _write_json(plan.meta_path, meta, notes)


_TABLE_COLUMNS = ["model", "fit_seconds", "n_iter", "test_accuracy", "warnings"]


def _read_meta(path: Path) -> dict | None:
    """A JSON description, or None if it is not a well-formed one (it is data, never code)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_META_MAX_BYTES + 1)
        meta = json.loads(raw) if len(raw) <= _META_MAX_BYTES else None
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(meta, dict):
        return None
    checks = {
        "key": lambda v: isinstance(v, str) and path.stem.endswith("-" + v),
        "model": lambda v: isinstance(v, str),
        "fit_seconds": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "warnings": lambda v: (
            isinstance(v, list)
            and all(isinstance(w, list) and w and all(isinstance(x, str) for x in w) for w in v)
        ),
        "n_iter": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)),
        "n_features_in": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)),
        "scores": lambda v: isinstance(v, dict),
    }
    if not all(name in meta and check(meta[name]) for name, check in checks.items()):
        return None
    return meta


def _library_hash(modules: tuple[str, ...]) -> str | None:
    if not all(m == "mnist_tutorial" or m.startswith("mnist_tutorial.") for m in modules):
        return None
    try:
        return joblib.hash(_library_sources(list(modules)), hash_name="sha1")
    except Exception:  # a module that no longer exists
        return None


def _is_current(meta: dict) -> bool:
    """Whether fit_cached could still return this entry (same format, scikit-learn, library)."""
    modules = meta.get("library_modules")
    if not isinstance(modules, list) or not all(isinstance(m, str) for m in modules):
        return False
    return (
        meta.get("format") == _FORMAT
        and meta.get("sklearn") == sklearn.__version__
        and meta.get("library") == _library_hash(tuple(modules))
    )


def fit_cache_table(
    X_test: Any = None,
    y_test: Any = None,
    *,
    folder: str | Path | None = None,
    used_since: float | None = None,
) -> pd.DataFrame:
    """One row per entry of the fit cache, in the order they were last used.

    The listing reads each entry's JSON description, never its pickle. Scoring on
    ``X_test`` loads a model only as :func:`fit_cached` would (from a folder only you can
    write to, after the same checks), and only once: the accuracy is written to the
    JSON description and read from there next time.

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
    DataFrame with columns ``model`` (see :func:`mnist_tutorial.describe_estimator`),
    ``fit_seconds`` (the real fit's wall time), ``n_iter`` (solver iterations of the
    final step, if any), ``test_accuracy`` (NaN when not scored) and ``warnings``
    (categories raised by the real fit). Entries without a description, and entries that
    :func:`fit_cached` can no longer return (written by another scikit-learn or another
    version of the library), are skipped.

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
    listed = []
    for meta_path in folder.glob("*.json"):
        meta = _read_meta(meta_path)
        try:
            used = os.stat(meta_path.with_suffix(".joblib")).st_mtime
        except OSError:
            continue
        if meta is None or not _is_current(meta):
            continue
        if used_since is None or used >= used_since:
            listed.append((used, meta_path, meta))
    listed.sort(key=lambda item: item[0])
    data_key = None if width is None else joblib.hash((X_test, y_test), hash_name="sha1")
    trusted = width is not None and _folder_problem(folder) is None
    rows = []
    for _, meta_path, meta in listed:
        accuracy = np.nan
        if width is not None and meta.get("n_features_in") == width:
            known = meta["scores"].get(data_key)
            if isinstance(known, float):
                accuracy = known
            elif trusted:
                accuracy = _score_entry(meta_path, meta, X_test, y_test, data_key)
        rows.append(
            {
                "model": meta["model"],
                "fit_seconds": float(meta["fit_seconds"]),
                "n_iter": pd.NA if meta["n_iter"] is None else meta["n_iter"],
                "test_accuracy": float(accuracy),
                "warnings": ", ".join(sorted({w[0] for w in meta["warnings"]})),
            }
        )
    table = pd.DataFrame(rows, columns=_TABLE_COLUMNS)
    table["n_iter"] = table["n_iter"].astype("Int64")
    return table


def _score_entry(meta_path: Path, meta: dict, X_test: Any, y_test: Any, data_key: str) -> float:
    """Load one entry as fit_cached would, score it and remember the score in its JSON."""
    plan = _Plan(
        meta["key"], meta_path.parent, meta_path.with_suffix(".joblib"), [], meta.get("library", "")
    )
    notes: list[tuple[str, str]] = []
    model = _load_verified(plan, notes, touch=False)
    accuracy = np.nan
    if model is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. feature names of array-fitted models
            try:
                accuracy = float(model.score(X_test, y_test))
            except Exception:  # fitted on other inputs of the same width
                accuracy = np.nan
    if not np.isnan(accuracy):
        meta = {**meta, "scores": {**meta["scores"], data_key: accuracy}}
        _write_json(meta_path, meta, notes)
    for _, message in notes:
        _log.warning(message)
    return accuracy
