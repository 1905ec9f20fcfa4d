"""One shared on-disk cache of fitted estimators, so each model is fitted once.

A model fitted in one chapter is reused by the next chapter and by every rebuild. The
key is a hash of the (unfitted) estimator's class and parameters, the training data
(X and y), the scikit-learn version and the source code of any step defined in this
library (so editing, say, ``Deskew`` refits what uses it); the entry stores the fitted
estimator, the wall-clock time of the real fit and the warnings it raised (replayed on
every reuse, so a lesson about ``ConvergenceWarning`` still shows it). An entry's
modification time is the last time it was fitted or loaded. Processes that
need the same model at the same time fit it once: the others wait for the entry.

The cache lives in ``$MNIST_TUTORIAL_CACHE`` if set, otherwise in
``$XDG_CACHE_HOME/mnist-tutorial`` (default ``~/.cache/mnist-tutorial``). It is safe to
delete at any time. An entry that cannot be read is refitted, never trusted; if the
folder cannot be written, the model is still fitted and returned (with a FitCacheWarning).
"""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import sklearn
from sklearn.base import BaseEstimator, clone

__all__ = ["FitCacheWarning", "FitRecord", "cache_dir", "fit_cached", "fit_record", "use_fit_cache"]

_FORMAT = 2  # bump to invalidate every entry when the entry layout or the key changes


class FitCacheWarning(UserWarning):
    """A cache entry was unreadable and the model was refitted."""


@dataclass
class FitRecord:
    """What the cache knows about one fit.

    Attributes
    ----------
    key : str
        Hash of estimator parameters, training data and scikit-learn version.
    fit_seconds : float
        Wall-clock seconds of the real fit (measured when the model was fitted, not
        when it was loaded from the cache).
    from_cache : bool
        True if this call loaded the model instead of fitting it.
    warnings : list of (category name, message)
        Warnings the real fit raised.
    """

    key: str
    fit_seconds: float
    from_cache: bool
    warnings: list[tuple[str, str]] = field(default_factory=list)


def cache_dir() -> Path:
    """The fit cache's folder (created on first use).

    Examples
    --------
    >>> isinstance(cache_dir(), Path)
    True
    """
    env = os.environ.get("MNIST_TUTORIAL_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "mnist-tutorial"


def _library_sources(estimator: BaseEstimator) -> list[tuple[str, str]]:
    """Source of each module of this library that defines the estimator or one of its parts."""
    parts = [estimator, *estimator.get_params(deep=True).values()]
    modules = sorted(
        {type(p).__module__ for p in parts if type(p).__module__.startswith("mnist_tutorial")}
    )
    return [(name, inspect.getsource(sys.modules[name])) for name in modules]


def entry_is_current(entry: dict) -> bool:
    """Whether a loaded cache entry could still be returned by :func:`fit_cached`.

    An entry written by another entry format, another scikit-learn version or another
    version of a library step it uses is never hit again (its key cannot recur); it stays
    on disk until the cache folder is deleted, and reports on the cache skip it.
    """
    try:
        estimator = entry["estimator"]
        return (
            entry.get("format") == _FORMAT
            and entry.get("sklearn") == sklearn.__version__
            and entry.get("library") == joblib.hash(_library_sources(estimator), hash_name="sha1")
        )
    except Exception:
        return False


def _cache_key(estimator: BaseEstimator, X: Any, y: Any) -> str:
    parts = (_FORMAT, sklearn.__version__, _library_sources(estimator), clone(estimator), X, y)
    return joblib.hash(parts, hash_name="sha1")


def _replay(record: FitRecord) -> None:
    """Raise again the warnings the real fit raised (same category and message)."""
    import builtins

    import sklearn.exceptions

    for category_name, message in record.warnings:
        category = getattr(sklearn.exceptions, category_name, None) or getattr(
            builtins, category_name, None
        )
        if not (isinstance(category, type) and issubclass(category, Warning)):
            category = UserWarning
        warnings.warn(message, category, stacklevel=3)


def fit_cached(estimator: BaseEstimator, X: Any, y: Any = None) -> BaseEstimator:
    """Fit ``estimator`` on (X, y), or load the identical fit from the cache.

    Parameters
    ----------
    estimator : scikit-learn estimator (unfitted; it is cloned, never modified)
    X : array_like or DataFrame of shape (n_samples, n_features)
    y : array_like of shape (n_samples,), optional

    Returns
    -------
    The fitted estimator. Details of the fit (time, whether it came from the cache,
    the warnings it raised) are available from :func:`fit_record`.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> model = fit_cached(LogisticRegression(), [[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    >>> model.predict([[3.0]]).tolist()
    [1]
    >>> fit_cached(LogisticRegression(), [[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1]) is model
    False
    >>> fit_record(model).fit_seconds >= 0
    True
    """
    if not isinstance(estimator, BaseEstimator) or not hasattr(estimator, "fit"):
        raise TypeError(
            f"estimator must be an unfitted scikit-learn estimator, got {type(estimator).__name__}"
        )
    key = _cache_key(estimator, X, y)
    folder = cache_dir()
    path = folder / f"{type(estimator).__name__}-{key}.joblib"
    with _fit_lock(folder, key):  # another process fitting the same model: wait, then load
        fitted = _load(path, key)
        if fitted is None:
            fitted = _fit_and_store(estimator, X, y, key, path)
    _replay(fitted._mnist_tutorial_fit_record)
    return fitted


@contextlib.contextmanager
def _fit_lock(folder: Path, key: str) -> Iterator[None]:
    """Hold an exclusive lock on one cache key (POSIX ``flock``; no lock elsewhere).

    Two processes that need the same model (two chapters executed in parallel by
    ``scripts/build_book.py``) then fit it once: the second waits and loads the entry.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no lock, at worst a model is fitted twice
        yield
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / f"{key}.lock", "a")  # noqa: SIM115 (closed below)
    except OSError:  # an unwritable cache: fit_cached still fits and warns
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _load(path: Path, key: str) -> BaseEstimator | None:
    """The cached fit at ``path``, or None if there is none or it is unreadable."""
    if not path.exists():
        return None
    try:
        entry = joblib.load(path)
        fitted, record = entry["estimator"], entry["record"]
        if entry.get("format") != _FORMAT or record.key != key:
            raise ValueError("entry does not match its key")
    except Exception as exc:
        warnings.warn(
            f"fit cache entry {path.name} is unreadable ({type(exc).__name__}: {exc}); refitting",
            FitCacheWarning,
            stacklevel=3,
        )
        return None
    fitted._mnist_tutorial_fit_record = FitRecord(
        record.key, record.fit_seconds, True, list(record.warnings)
    )
    with contextlib.suppress(OSError):  # mark the entry as used (see fit_cache_table)
        os.utime(path)
    return fitted


def _fit_and_store(estimator: BaseEstimator, X: Any, y: Any, key: str, path: Path) -> BaseEstimator:
    """Fit a clone of ``estimator``, time it, record its warnings and write the entry."""
    fitted = clone(estimator)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        fitted.fit(X, y)
        seconds = time.perf_counter() - start
    seen = []
    for w in caught:
        item = (w.category.__name__, str(w.message))
        if item not in seen:
            seen.append(item)
    record = FitRecord(key, seconds, False, seen)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = {
            "format": _FORMAT,
            "estimator": fitted,
            "record": record,
            "sklearn": sklearn.__version__,
            "library": joblib.hash(_library_sources(estimator), hash_name="sha1"),
        }
        joblib.dump(entry, tmp)
        os.replace(tmp, path)
    except OSError as exc:  # a read-only or invalid cache folder costs the reuse, not the fit
        with contextlib.suppress(OSError):
            tmp.unlink()
        warnings.warn(
            f"could not write the fit cache entry {path} ({type(exc).__name__}: {exc}); "
            "the model is fitted but not cached",
            FitCacheWarning,
            stacklevel=3,
        )
    fitted._mnist_tutorial_fit_record = record
    return fitted


def fit_record(estimator: BaseEstimator) -> FitRecord:
    """The :class:`FitRecord` of an estimator returned by :func:`fit_cached`."""
    try:
        return estimator._mnist_tutorial_fit_record
    except AttributeError:
        raise ValueError(
            "this estimator was not fitted through fit_cached, so it has no fit record"
        ) from None


_PATCHED: dict[type, Any] = {}


def use_fit_cache(enabled: bool = True) -> None:
    """Make ``LogisticRegression.fit`` and ``Pipeline.fit`` go through the fit cache.

    After ``use_fit_cache()``, ``model.fit(X, y)`` on a scikit-learn
    :class:`~sklearn.linear_model.LogisticRegression` or :class:`~sklearn.pipeline.Pipeline`
    loads the identical fit from the cache when there is one (else fits and stores it) and
    returns ``model`` itself, fitted, exactly as ``.fit`` does. The book calls it in a
    hidden cell at the top of a chapter so that a rebuild does not refit; the code a
    reader copies works the same without it, only slower. ``use_fit_cache(False)``
    restores the original methods.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> use_fit_cache()
    >>> model = LogisticRegression().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    >>> model.predict([[3.0]]).tolist(), fit_record(model).fit_seconds >= 0
    ([1], True)
    >>> use_fit_cache(False)
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    for cls in (LogisticRegression, Pipeline):
        if enabled and cls not in _PATCHED:
            _PATCHED[cls] = cls.fit
            cls.fit = _cached_fit_method(cls.fit)
        elif not enabled and cls in _PATCHED:
            cls.fit = _PATCHED.pop(cls)


def _cached_fit_method(original: Any) -> Any:
    import functools

    @functools.wraps(original)
    def fit(self: BaseEstimator, X: Any, y: Any = None, **fit_params: Any) -> BaseEstimator:
        if fit_params or getattr(_LOCAL, "inside", False):
            return original(self, X, y, **fit_params)
        _LOCAL.inside = True
        try:
            fitted = fit_cached(self, X, y)
        finally:
            _LOCAL.inside = False
        self.__dict__.update(fitted.__dict__)
        return self

    return fit


import threading  # noqa: E402

_LOCAL = threading.local()
