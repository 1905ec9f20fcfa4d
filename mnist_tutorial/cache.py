"""One shared on-disk cache of fitted estimators, so each model is fitted once.

A model fitted in one chapter is reused by the next chapter and by every rebuild. The
key is a hash of the (unfitted) estimator's class and parameters, the training data
(X and y), the scikit-learn version, the source code of any step defined in this
library (so editing, say, ``Deskew`` refits what uses it) and the source code of every
function and class in the estimator that is not part of an installed package (the
reader's own transformer, the function of a ``FunctionTransformer``, a lambda, and the
helpers and global values they use). An entry is a pickle of the fitted estimator, its
fit time and the warnings the fit raised (replayed on every reuse, so a lesson about
``ConvergenceWarning`` still shows it), plus a small JSON file next to it that describes
it (written and read by ``mnist_tutorial.cache_table``, whose ``fit_cache_table``
lists the cache). An entry's modification time is the last time it was fitted or loaded.
Processes that need the same model at the same time fit it once: the others wait for
the entry.

**What is not cached** (fitted exactly as ``.fit`` would, every time):

- an estimator that draws random numbers from an unseeded ``random_state`` (``None``
  or a ``RandomState``), since two fits of it can differ: ``LogisticRegression`` with
  the sag, saga or liblinear solver, a PCA whose solver turns out randomized, any
  other estimator with ``random_state=None``;
- an estimator with code whose source cannot be read (a lambda typed at the Python
  prompt), whose parameters cannot be hashed, or whose fitted model cannot be pickled.

**Security.** Loading a pickle runs code chosen by whoever wrote it, so the cache only
trusts a folder that only its user can write: the folder (created with mode 0o700) and
every entry must be owned by the current user and not writable by group or others.
Otherwise the cache is not used (a :class:`FitCacheWarning` says why and how to fix it)
and the model is fitted. Listing the cache reads only the JSON files, never a pickle.

**How problems are reported.** A :class:`FitCacheWarning` (a Python warning) for what
the person running the code should fix: a folder others can write to, an estimator whose
code cannot be read, a fitted model that cannot be pickled. Problems of the disk (a
folder that cannot be created or written, that became read-only mid-build, a damaged
entry) only cost the reuse, never the fit: they are logged on the ``mnist_tutorial.cache``
logger (silent unless logging is configured, so they never reach a notebook cell's
stderr and never fail the book build). Either way :func:`fit_record` tells why a model
was not cached (``FitRecord.note``).

The cache lives in ``$MNIST_TUTORIAL_CACHE`` if set, otherwise in
``$XDG_CACHE_HOME/mnist-tutorial`` (default ``~/.cache/mnist-tutorial``). It is safe to
delete at any time.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import json
import logging
import os
import stat
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import sklearn
from sklearn.base import BaseEstimator, clone

from ._fingerprint import Uncacheable, code_fingerprint, pca_was_random, unseeded
from ._fitpatch import _inside_cache, use_fit_cache

__all__ = [
    "FitCacheWarning",
    "FitRecord",
    "cache_dir",
    "fit_cached",
    "fit_record",
    "use_fit_cache",
]

_FORMAT = 2  # bump to invalidate every entry when the entry layout or the key changes

_WARNED: set[tuple[str, str]] = set()  # untrusted folders already warned about
_log = logging.getLogger(__name__)
# A library logs, the application decides what to show: without this, Python prints
# warnings of an unconfigured logger to stderr, which fails the book build.
logging.getLogger("mnist_tutorial").addHandler(logging.NullHandler())


class FitCacheWarning(UserWarning):
    """The fit cache was not used for a reason the caller can fix (the model is still fitted)."""


@dataclass
class FitRecord:
    """What the cache knows about one fit.

    Attributes
    ----------
    key : str
        Hash of estimator parameters, code, training data and scikit-learn version
        (empty if the estimator cannot be keyed).
    fit_seconds : float
        Wall-clock seconds of the real fit (measured when the model was fitted, not
        when it was loaded from the cache).
    from_cache : bool
        True if this call loaded the model instead of fitting it.
    warnings : list of (category name, message)
        Warnings the real fit raised.
    note : str
        Why the model was not loaded from or not stored in the cache ("" if it was).
    """

    key: str
    fit_seconds: float
    from_cache: bool
    warnings: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""


def cache_dir() -> Path:
    """The fit cache's folder (created, private to the user, on first use).

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


# --- trust ------------------------------------------------------------------------------------


def _ownership_problem(st: os.stat_result, what: str) -> str | None:
    """Why a file or folder with this stat must not be trusted, or None."""
    if not hasattr(os, "getuid"):  # Windows: no POSIX owner and mode bits to check
        return None
    uid = os.getuid()
    if st.st_uid != uid:
        return f"{what} is owned by user id {st.st_uid}, not by you (user id {uid})"
    writable = [who for who, bit in (("group", 0o020), ("others", 0o002)) if st.st_mode & bit]
    if writable:
        return f"{what} is writable by {' and '.join(writable)} (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def _folder_problem(folder: Path) -> str | None:
    """Why the cache folder must not be trusted (None if only its user can write to it)."""
    try:
        st = os.stat(folder)
    except OSError as exc:
        return f"the fit cache folder {folder} cannot be inspected ({exc})"
    if not stat.S_ISDIR(st.st_mode):
        return f"the fit cache folder {folder} is not a folder"
    return _ownership_problem(st, f"the fit cache folder {folder}")


def _untrusted_message(problem: str, folder: Path) -> str:
    return (
        f"{problem}: anyone who can write there could make this process run their code "
        "(a cache entry is a pickle), so the fit cache is not used and the model is "
        f"fitted. Fix: `chmod 700 {folder}` if it is yours, or point MNIST_TUTORIAL_CACHE "
        "at a folder only you can write to."
    )


# --- keys ---------------------------------------------------------------------------------------


def _library_sources(modules: list[str]) -> list[tuple[str, str]]:
    """Source of each named module of this library (as the key has always covered them)."""
    return [(name, inspect.getsource(importlib.import_module(name))) for name in modules]


@dataclass
class _Plan:
    """Where and under which key one estimator's fit is cached."""

    key: str
    folder: Path
    path: Path
    modules: list[str]
    library: str  # hash of the library modules' sources (to tell stale entries in listings)

    @property
    def meta_path(self) -> Path:
        return self.path.with_suffix(".json")


def _plan(estimator: BaseEstimator, X: Any, y: Any, folder: Path) -> _Plan:
    """The key of a fit; raises Uncacheable if it cannot be keyed."""
    modules, user_code = code_fingerprint(estimator)
    library = _library_sources(modules)
    parts: tuple = (_FORMAT, sklearn.__version__, library, clone(estimator), X, y)
    if user_code:  # keys of estimators made only of installed and library code are unchanged
        parts = (*parts, user_code)
    try:
        joblib.hash(parts[3], hash_name="sha1")
    except Exception as exc:  # a lambda, a local function, a lock: pickling fails
        raise Uncacheable(
            f"its parameters cannot be pickled ({_error(exc, 160)}), so its fit could not be "
            "stored; a function defined with `def` at the top level of a module or notebook "
            "can be"
        ) from None
    try:
        key = joblib.hash(parts, hash_name="sha1")
    except Exception as exc:
        raise Uncacheable(f"its data cannot be hashed ({_error(exc, 160)})") from None
    path = folder / f"{type(estimator).__name__}-{key}.joblib"
    return _Plan(key, folder, path, modules, joblib.hash(library, hash_name="sha1"))


def _cache_key(estimator: BaseEstimator, X: Any, y: Any = None) -> str:
    """The key :func:`fit_cached` would use (raises Uncacheable if there is none)."""
    return _plan(estimator, X, y, cache_dir()).key


# --- fitting ------------------------------------------------------------------------------------


def _replay(record: FitRecord, stacklevel: int) -> None:
    """Raise again the warnings the real fit raised (same category and message)."""
    import builtins

    import sklearn.exceptions

    for category_name, message in record.warnings:
        category = getattr(sklearn.exceptions, category_name, None) or getattr(
            builtins, category_name, None
        )
        if not (isinstance(category, type) and issubclass(category, Warning)):
            category = UserWarning
        warnings.warn(message, category, stacklevel=stacklevel + 1)


def _emit(notes: list[tuple[str, str]], stacklevel: int) -> None:
    """Report what happened: a FitCacheWarning, a log record, or an info log record."""
    for level, message in notes:
        if level == "warn":
            warnings.warn(message, FitCacheWarning, stacklevel=stacklevel + 1)
        elif level == "log":
            _log.warning(message)
        else:
            _log.info(message)


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
    the warnings it raised, why it was not cached) are available from :func:`fit_record`.

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
    fitted, notes = _fit_through_cache(estimator, X, y)
    _emit(notes, stacklevel=2)
    _replay(fitted._mnist_tutorial_fit_record, stacklevel=2)
    return fitted


def _fit_through_cache(
    estimator: BaseEstimator, X: Any, y: Any
) -> tuple[BaseEstimator, list[tuple[str, str]]]:
    """The fitted estimator and what to report; never raises for a cache problem."""
    notes: list[tuple[str, str]] = []
    name = type(estimator).__name__
    folder = cache_dir()
    plan: _Plan | None = None
    why, n_pcas = unseeded(estimator)  # first: it is cheap, hashing the data is not
    if why:
        notes.append(
            (
                "info",
                f"{name} is fitted without the fit cache: {why}, so two fits can "
                "differ (pass an int random_state to cache it)",
            )
        )
    else:
        try:
            plan = _plan(estimator, X, y, folder)
        except Uncacheable as exc:
            notes.append(("warn", f"{name} is fitted without the fit cache: {exc}"))
    if plan is not None:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            notes.append(("log", f"cannot create the fit cache folder {folder} ({exc})"))
            plan = None
    if plan is not None:
        problem = _folder_problem(folder)
        if problem:  # warned once per folder and process, then logged
            level = "log" if (str(folder), problem) in _WARNED else "warn"
            _WARNED.add((str(folder), problem))
            notes.append((level, _untrusted_message(problem, folder)))
            plan = None
    if plan is None:
        fitted = _timed_fit(estimator, X, y, "")
        fitted._mnist_tutorial_fit_record.note = notes[0][1] if notes else ""
        return fitted, notes
    with _fit_lock(plan, notes):  # another process fitting the same model: wait, then load
        fitted = _load_verified(plan, notes)
        if fitted is None:
            fitted = _timed_fit(estimator, X, y, plan.key)
            if n_pcas and pca_was_random(fitted, n_pcas):
                note = f"{name} is not cached: a PCA with random_state=None used a random solver"
                notes.append(("info", note))
                fitted._mnist_tutorial_fit_record.note = note
            else:
                _store(fitted, plan, notes)
    return fitted, notes


def _timed_fit(estimator: BaseEstimator, X: Any, y: Any, key: str) -> BaseEstimator:
    """Fit a clone of ``estimator``, time it and record its warnings."""
    fitted = clone(estimator)
    with _inside_cache(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        fitted.fit(X, y)
        seconds = time.perf_counter() - start
    seen = []
    for w in caught:
        item = (w.category.__name__, str(w.message))
        if item not in seen:
            seen.append(item)
    fitted._mnist_tutorial_fit_record = FitRecord(key, seconds, False, seen)
    return fitted


@contextlib.contextmanager
def _fit_lock(plan: _Plan, notes: list[tuple[str, str]]) -> Iterator[None]:
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
        fd = os.open(plan.folder / f"{plan.key}.lock", os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError as exc:  # an unwritable cache: fit_cached still fits
        notes.append(("log", f"cannot lock the fit cache entry {plan.key} ({exc})"))
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _load_verified(
    plan: _Plan, notes: list[tuple[str, str]], *, touch: bool = True
) -> BaseEstimator | None:
    """The cached fit, or None if there is none, it is untrusted or it is unreadable.

    The caller has checked the folder. The entry is opened without following a symbolic
    link, and its owner and mode are checked on the open file (so it cannot be swapped
    between the check and the load) before it is unpickled.
    """
    path = plan.path
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:  # a symbolic link (ELOOP), no permission
        notes.append(
            ("warn", f"fit cache entry {path.name} cannot be opened safely ({exc}); refitting")
        )
        return None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        problem = _ownership_problem(st, f"fit cache entry {path}")
        if problem is None and not stat.S_ISREG(st.st_mode):
            problem = f"fit cache entry {path} is not a regular file"
        if problem:
            notes.append(("warn", _untrusted_message(problem, plan.folder)))
            return None
        try:
            entry = joblib.load(handle)
            fitted, record = entry["estimator"], entry["record"]
            if entry.get("format") != _FORMAT or record.key != plan.key:
                raise ValueError("entry does not match its key")
        except Exception as exc:  # anything wrong: refit, never trust
            notes.append(
                (
                    "log",
                    f"fit cache entry {path.name} is unreadable ({_error(exc)}); refitting",
                )
            )
            return None
    fitted._mnist_tutorial_fit_record = FitRecord(
        record.key, record.fit_seconds, True, list(record.warnings)
    )
    if touch:
        with contextlib.suppress(OSError):  # mark the entry as used (see fit_cache_table)
            os.utime(path)
        if not plan.meta_path.exists():  # an entry written before the JSON files existed
            from .cache_table import _write_meta  # the description lives with the listing

            _write_meta(fitted, plan, notes)
    return fitted


def _store(fitted: BaseEstimator, plan: _Plan, notes: list[tuple[str, str]]) -> None:
    """Write the entry (atomically, private to the user) and its JSON description."""
    record = fitted._mnist_tutorial_fit_record
    entry = {
        "format": _FORMAT,
        "estimator": fitted,
        "record": record,
        "sklearn": sklearn.__version__,
        "library": plan.library,
    }
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=plan.folder, prefix=f".{plan.path.stem}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            joblib.dump(entry, handle)
        os.replace(tmp, plan.path)
        tmp = None
    except OSError as exc:  # a read-only or vanished folder costs the reuse, not the fit
        record.note = (
            f"could not write the fit cache entry {plan.path} ({type(exc).__name__}: {exc})"
        )
        notes.append(("log", record.note + "; the model is fitted but not cached"))
        return
    except Exception as exc:  # pickling a lock, a lambda, an open file
        record.note = (
            f"the fitted {type(fitted).__name__} cannot be pickled ({type(exc).__name__}: {exc})"
        )
        notes.append(("warn", record.note + "; it is returned but not cached"))
        return
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    from .cache_table import _write_meta  # the description lives with the listing

    _write_meta(fitted, plan, notes)


def _error(exc: BaseException, limit: int = 300) -> str:
    """``Type: message`` of an exception, shortened to about ``limit`` characters."""
    text = str(exc.args[0][0] if exc.args and isinstance(exc.args[0], tuple) else exc)
    text = text if len(text) <= limit else text[:limit] + "..."
    return f"{type(exc).__name__}: {text}"


def _write_json(path: Path, data: dict, notes: list[tuple[str, str]]) -> None:
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        with os.fdopen(fd, "w") as handle:
            json.dump(data, handle, indent=1)
        os.replace(tmp, path)
        tmp = None
    except (OSError, TypeError, ValueError) as exc:
        notes.append(("log", f"could not write {path} ({type(exc).__name__}: {exc})"))
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def fit_record(estimator: BaseEstimator) -> FitRecord:
    """The :class:`FitRecord` of an estimator returned by :func:`fit_cached`."""
    try:
        return estimator._mnist_tutorial_fit_record
    except AttributeError:
        raise ValueError(
            "this estimator was not fitted through fit_cached, so it has no fit record"
        ) from None
