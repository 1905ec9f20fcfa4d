"""The fit cache of the book's build: each model is fitted once, across pages and rebuilds.

The build (``scripts/build_book.py``) sets ``MNIST_TUTORIAL_FIT_CACHE=1`` for its kernels;
importing the library then routes ``LogisticRegression.fit`` and ``Pipeline.fit`` through
:func:`fit_cached` (:func:`use_fit_cache`). Without it, as in a downloaded notebook,
``.fit`` is scikit-learn's own.

A fit's key hashes the unfitted estimator, the training data, the scikit-learn version,
the code (without docstrings and comments) of the library modules its steps come from and
of the library modules those use. An entry is one ``joblib`` file: the
fitted estimator and its :class:`FitRecord` (the real fit's time and warnings, which are
replayed on reuse). Processes that need the same model fit it once (a ``flock`` per key).
Not cached: fits that draw from an unseeded ``random_state``, estimators holding code of
the reader's own (a class or function defined in a notebook), what cannot be pickled.

Loading a pickle runs code chosen by whoever wrote it, so the cache trusts only a folder
(created 0o700) and entries owned by the user and writable by no one else, an entry
checked on the open file, not following links, before it is loaded; otherwise a
:class:`FitCacheWarning` says why and the model is fitted. Disk problems cost the reuse,
never the fit (logged on ``mnist_tutorial.cache``). A killed writer's temporary file is
removed on the next use. The folder: ``$MNIST_TUTORIAL_CACHE``, else
``$XDG_CACHE_HOME/mnist-tutorial`` (``~/.cache/mnist-tutorial``); safe to delete.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import functools
import hashlib
import inspect
import logging
import os
import stat
import sys
import sysconfig
import tempfile
import threading
import time
import types
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
import sklearn.exceptions
from sklearn.base import BaseEstimator, clone
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from ._validation import check_float

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

__all__ = ["FitCacheWarning", "FitRecord", "cache_dir", "cached_fits", "fit_cached"]
__all__ += ["code_digest", "fit_record", "fit_seconds", "use_fit_cache"]

SWITCH = "MNIST_TUTORIAL_FIT_CACHE"  # "1": route .fit through the cache (set by the build)
LIBRARY = __name__.partition(".")[0]
_FORMAT = 4  # bump to invalidate every entry when the entry layout or the key changes
_log = logging.getLogger(__name__)
logging.getLogger(LIBRARY).addHandler(logging.NullHandler())  # else unconfigured: stderr
_WARNED: set[str] = set()  # untrusted folders already warned about
_LOCAL = threading.local()  # .inside: the cache is fitting (patched .fit calls the original)
_ORIGINAL_FIT = {cls: cls.__dict__["fit"] for cls in (LogisticRegression, Pipeline)}


class FitCacheWarning(UserWarning):
    """The fit cache was not used for a reason the caller can fix (the model is still fitted)."""


class Uncacheable(Exception):
    """The fit cannot be keyed or stored: it is fitted without the cache (``level``: "warn"
    when the caller can fix it, "info" when it is by design)."""

    def __init__(self, message: str, level: str = "warn") -> None:
        super().__init__(message)
        self.level = level


@dataclass
class FitRecord:
    """One fit: its key ("" if none), the real fit's wall seconds, whether it was loaded,
    the (category, message) warnings the real fit raised, why it was not cached ("")."""

    key: str
    fit_seconds: float
    from_cache: bool
    warnings: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""


def cache_dir() -> Path:
    """The fit cache's folder (created, private to the user, on first use)."""
    env = os.environ.get("MNIST_TUTORIAL_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "mnist-tutorial"


# --- what the key covers --------------------------------------------------------------------


@functools.lru_cache(maxsize=128)
def code_digest(source: str) -> str:
    """SHA-256 of Python code with docstrings and comments left out.

    Examples
    --------
    >>> code_digest("x = 1  # one") == code_digest('"Doc."\\nx = 1')
    True
    >>> code_digest("x = 1") == code_digest("x = 2")
    False
    """
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            node.body = body[1:] or [ast.Pass()]  # a docstring (or a bare constant)
    return hashlib.sha256(ast.dump(tree).encode()).hexdigest()


@functools.lru_cache(maxsize=1)
def _installed_roots() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    roots = {paths[k] for k in ("stdlib", "platstdlib", "purelib", "platlib") if k in paths}
    return tuple(str(Path(r).resolve()) + os.sep for r in roots)


def _origin(module_name: str | None) -> str:
    """``"library"`` (this package), ``"installed"`` or ``"user"`` (everything else)."""
    if module_name and (module_name == LIBRARY or module_name.startswith(LIBRARY + ".")):
        return "library"
    if module_name in sys.builtin_module_names:
        return "installed"
    file = getattr(sys.modules.get(module_name or ""), "__file__", None)
    if file and str(Path(file).resolve()).startswith(_installed_roots()):
        return "installed"
    return "user"  # __main__ of a notebook, a reader's module


def _library_closure(modules: set[str]) -> dict[str, str]:
    """Code digest of each library module in ``modules`` and of the library modules they use."""
    todo, digests = sorted(modules), {}
    while todo:
        name = todo.pop()
        if name in digests:
            continue
        module = sys.modules[name]
        digests[name] = code_digest(inspect.getsource(module))
        for value in vars(module).values():
            used = value.__name__ if isinstance(value, types.ModuleType) else None
            used = used or getattr(value, "__module__", None)
            if isinstance(used, str) and _origin(used) == "library" and used in sys.modules:
                todo.append(used)
    return dict(sorted(digests.items()))


def code_fingerprint(estimator: Any) -> list[str]:
    """The library modules an estimator's code comes from: its classes and the functions in
    its parameters. Raises :class:`Uncacheable` for the reader's own code (a class or
    function defined in a notebook or a module outside the installed packages): the
    cache does not follow edits to it, so such a fit is never cached."""
    library, todo, seen = set(), [estimator], {}
    while todo:
        obj = todo.pop()
        if obj is None or isinstance(obj, (str, bytes, int, float, types.ModuleType)):
            continue
        if id(obj) in seen:
            continue
        seen[id(obj)] = obj  # (kept alive: ids stay unique)
        if isinstance(obj, (list, tuple, set, frozenset)):
            todo += obj
        elif isinstance(obj, dict):
            todo += [*obj.keys(), *obj.values()]
        elif isinstance(obj, functools.partial):
            todo += [obj.func, obj.args, obj.keywords]
        elif isinstance(obj, types.MethodType):
            todo += [obj.__func__, obj.__self__]
        else:
            code = obj if isinstance(obj, (type, types.FunctionType)) else type(obj)
            for item in code.__mro__ if isinstance(code, type) else (code,):
                module = getattr(item, "__module__", None)
                where = _origin(module) if module else "user"
                if where == "library":
                    library.add(module)
                elif where == "user":
                    name = f"{module}.{item.__qualname__}" if module else item.__qualname__
                    raise Uncacheable(
                        f"{name} is code of your own: edits to it are not tracked", "info"
                    )
            if hasattr(obj, "get_params") and not isinstance(obj, type):
                todo += list(obj.get_params(deep=False).values())
    return sorted(library)


def _parts(obj: Any) -> Iterator[Any]:
    """``obj`` and every estimator inside it, at any depth."""
    if hasattr(obj, "get_params") and not isinstance(obj, type):
        yield obj
        for value in obj.get_params(deep=False).values():
            yield from _parts(value)
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _parts(item)


_DETERMINISTIC = ("lbfgs", "newton-cg", "newton-cholesky")


def _unseeded(estimator: Any) -> str:
    """Why two fits can differ ("" if they cannot, or only through a PCA's solver)."""
    for part in _parts(estimator):
        state = part.get_params(deep=False).get("random_state", 0)
        if not (state is None or isinstance(state, (np.random.RandomState, np.random.Generator))):
            continue
        if isinstance(part, LogisticRegression) and part.solver in _DETERMINISTIC:
            continue
        if isinstance(part, PCA) and state is None:
            continue  # random only with a randomized solver: checked after the fit
        return f"{type(part).__name__} has random_state={state!r}"
    return ""


def _pca_was_random(fitted: Any) -> bool:
    return any(
        isinstance(p, PCA)
        and p.random_state is None
        and getattr(p, "_fit_svd_solver", None) not in ("full", "covariance_eigh")
        for p in _parts(fitted)
    )


def _cache_key(estimator: BaseEstimator, X: Any, y: Any = None) -> tuple[str, dict[str, str]]:
    """(key, digests of the library modules it covers); raises Uncacheable."""
    library = _library_closure(set(code_fingerprint(estimator)))
    try:
        joblib.hash(clone(estimator))
    except Exception as exc:  # a lambda, a local function
        raise Uncacheable(
            f"its parameters cannot be pickled ({type(exc).__name__}: {exc}), so its fit could "
            "not be stored; a function defined with `def` at the top level of a module can be"
        ) from None
    parts = (_FORMAT, sklearn.__version__, library, clone(estimator), _data(X), _data(y), [])
    # (the last part once held the reader's code; kept empty, so earlier entries stay valid)
    return joblib.hash(parts, hash_name="sha1"), library


def _data(value: Any) -> Any:
    """What identifies training data: its values, dtypes and labels, not its memory layout.

    (pandas 2's ``DataFrame.copy()`` stores the same pixels in another order; without this,
    an equal copy would miss the cache.)
    """
    if hasattr(value, "columns") and hasattr(value, "dtypes"):  # a DataFrame
        dtypes = [str(dtype) for dtype in value.dtypes]
        parts = (list(value.columns), _data(value.index), dtypes)
        return ("frame", *parts, np.ascontiguousarray(value.to_numpy()))
    if hasattr(value, "cat") and hasattr(value, "index"):  # a categorical Series: its codes
        parts = (value.name, str(value.dtype), _data(value.index), list(value.cat.categories))
        return ("categorical", *parts, value.cat.ordered, _data(value.cat.codes.to_numpy()))
    if hasattr(value, "index") and hasattr(value, "dtype"):  # a Series
        parts = (value.name, str(value.dtype), _data(value.index))
        return ("series", *parts, _data(value.to_numpy()))
    if hasattr(value, "to_numpy") and hasattr(value, "dtype"):  # an Index
        return ("index", str(value.dtype), _data(value.to_numpy()))
    strings = isinstance(value, np.ndarray) and value.dtype == object and value.size
    if strings and all(type(s) is str and not s.endswith("\0") for s in value.flat):
        return ("strings", value.shape, np.ascontiguousarray(value.astype(str)))  # one block
    if isinstance(value, np.ndarray):
        return np.ascontiguousarray(value)
    return value


# --- trust ------------------------------------------------------------------------------------


def _problem(st: os.stat_result, what: str) -> str:
    """Why a file or folder with this stat must not be trusted ("" if it can be)."""
    if not hasattr(os, "getuid"):  # Windows: no POSIX owner and mode bits
        return ""
    if st.st_uid != os.getuid():
        return f"{what} is owned by user id {st.st_uid}, not by you (user id {os.getuid()})"
    who = [w for w, bit in (("group", stat.S_IWGRP), ("others", stat.S_IWOTH)) if st.st_mode & bit]
    if who:
        return f"{what} is writable by {' and '.join(who)} (mode {stat.S_IMODE(st.st_mode):o})"
    return ""


def _open_folder(folder: Path, notes: list[tuple[str, str]]) -> bool:
    """Create the folder if needed; whether it can be trusted. Sweeps stale temporary files."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(folder)
    except OSError as exc:
        notes.append(("log", f"cannot create the fit cache folder {folder} ({exc})"))
        return False
    problem = _problem(st, f"the fit cache folder {folder}")
    if not problem and not stat.S_ISDIR(st.st_mode):
        problem = f"the fit cache folder {folder} is not a folder"
    if problem:
        level = "log" if str(folder) in _WARNED else "warn"  # warned once per process
        _WARNED.add(str(folder))
        notes.append((level, _untrusted(problem, folder)))
        return False
    for tmp in folder.glob(".*.tmp"):  # a writer killed mid-write: its lock is free
        with _lock(folder / f"{tmp.name.split('.')[1]}.lock", wait=False) as held:
            if held:
                with contextlib.suppress(OSError):
                    tmp.unlink()
    return True


def _untrusted(problem: str, folder: Path) -> str:
    return (
        f"{problem}: anyone who can write there could make this process run their code "
        "(a cache entry is a pickle), so the fit cache is not used and the model is "
        f"fitted. Fix: `chmod 700 {folder}` if it is yours, or point MNIST_TUTORIAL_CACHE "
        "at a folder only you can write to."
    )


@contextlib.contextmanager
def _lock(path: Path, wait: bool = True) -> Iterator[bool]:
    """Hold an exclusive POSIX ``flock`` on ``path`` (yields whether it is held; without
    ``fcntl`` or a writable folder there is no lock: at worst a model is fitted twice)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    except OSError:
        fd = None
    try:
        held = True
        if fd is not None and fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                held = False
        yield held
    finally:
        if fd is not None:
            os.close(fd)  # closing releases the lock


def _load(path: Path, notes: list[tuple[str, str]], key: str | None) -> Any:
    """The entry's estimator (with its record), or None: opened without following a link,
    owner and mode checked on the open file, then unpickled."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:  # a symbolic link (ELOOP), no permission
        notes.append(("warn", f"fit cache entry {path.name} cannot be opened safely ({exc})"))
        return None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        problem = _problem(st, f"fit cache entry {path}")
        if not problem and not stat.S_ISREG(st.st_mode):
            problem = f"fit cache entry {path} is not a regular file"
        if problem:
            notes.append(("warn", _untrusted(problem, path.parent)))
            return None
        try:
            entry = joblib.load(handle)
            fitted, (found, seconds, raised) = entry["estimator"], entry["record"]
            if entry["format"] != _FORMAT or (key is not None and found != key):
                raise ValueError("the entry does not match its key")
            library = entry["library"]
        except Exception as exc:  # anything wrong: refit, never trust
            why = f"{type(exc).__name__}: {str(exc)[:300]}"
            notes.append(("log", f"fit cache entry {path.name} is unreadable ({why}); refitting"))
            return None
    if key is None and (entry.get("sklearn") != sklearn.__version__ or not _is_current(library)):
        return None  # a listing: an entry fit_cached would no longer return
    fitted._mnist_tutorial_fit_record = FitRecord(found, float(seconds), True, list(raised))
    return fitted


def _is_current(library: dict[str, str]) -> bool:
    try:
        return _library_closure(set(library)) == library
    except (KeyError, OSError, TypeError):  # a module that is gone
        return False


# --- fitting ------------------------------------------------------------------------------------


def fit_cached(estimator: BaseEstimator, X: Any, y: Any = None) -> BaseEstimator:
    """A fitted clone of ``estimator`` (fitted on (X, y), or the identical fit loaded);
    :func:`fit_record` tells the fit's time, whether it was loaded, why it was not cached.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> model = fit_cached(LogisticRegression(), [[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    >>> model.predict([[3.0]]).tolist(), fit_record(model).fit_seconds >= 0
    ([1], True)
    """
    if not isinstance(estimator, BaseEstimator) or not hasattr(estimator, "fit"):
        got = type(estimator).__name__
        raise TypeError(f"estimator must be an unfitted scikit-learn estimator, got {got}")
    notes: list[tuple[str, str]] = []
    fitted = _fit(estimator, X, y, notes)
    _emit(notes)
    for category_name, message in fitted._mnist_tutorial_fit_record.warnings:  # replay
        category = vars(sklearn.exceptions).get(category_name) or vars(builtins).get(category_name)
        ok = isinstance(category, type) and issubclass(category, Warning)
        warnings.warn(message, category if ok else UserWarning, stacklevel=2)
    return fitted


def _emit(notes: list[tuple[str, str]]) -> None:
    """A FitCacheWarning for what the caller can fix; a log record for the rest."""
    for level, message in notes:
        if level == "warn":
            warnings.warn(message, FitCacheWarning, stacklevel=3)
        else:
            (_log.warning if level == "log" else _log.info)(message)


def _fit(estimator: BaseEstimator, X: Any, y: Any, notes: list[tuple[str, str]]) -> Any:
    name, folder = type(estimator).__name__, cache_dir()
    key, why = "", _unseeded(estimator)
    if why:
        notes.append(("info", f"{name} is fitted without the fit cache: {why}: fits can differ"))
    else:
        try:
            key, library = _cache_key(estimator, X, y)
        except Uncacheable as exc:
            notes.append((exc.level, f"{name} is fitted without the fit cache: {exc}"))
    if not key or not _open_folder(folder, notes):
        fitted = _timed_fit(estimator, X, y, "")
        fitted._mnist_tutorial_fit_record.note = notes[0][1] if notes else ""
        return fitted
    path = folder / f"{name}-{key}.joblib"
    with _lock(folder / f"{key}.lock"):  # another process fitting it: wait, then load
        fitted = _load(path, notes, key)
        if fitted is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # used now (see cached_fits)
            return fitted
        fitted = _timed_fit(estimator, X, y, key)
        record = fitted._mnist_tutorial_fit_record
        if _pca_was_random(fitted):
            record.note = f"{name} is not cached: a PCA with random_state=None used a random solver"
            notes.append(("info", record.note))
            return fitted
        entry = {
            "format": _FORMAT,
            "estimator": fitted,
            "library": library,
            "sklearn": sklearn.__version__,
        }
        entry["record"], tmp = (key, record.fit_seconds, record.warnings), None
        del fitted._mnist_tutorial_fit_record  # (plain data in the entry, no class of ours)
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{key}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                joblib.dump(entry, handle)
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:  # a read-only or vanished folder costs the reuse
            record.note = f"could not write the fit cache entry {path} ({exc!r})"
            notes.append(("log", record.note + "; the model is fitted but not cached"))
        except Exception as exc:  # pickling a lock, a lambda, an open file
            record.note = f"the fitted {name} cannot be pickled ({type(exc).__name__}: {exc})"
            notes.append(("warn", record.note + "; it is returned but not cached"))
        finally:
            fitted._mnist_tutorial_fit_record = record
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    return fitted


def _timed_fit(estimator: BaseEstimator, X: Any, y: Any, key: str) -> Any:
    """Fit a clone, time it and record the warnings it raised (once each)."""
    fitted = clone(estimator)
    outer = getattr(_LOCAL, "inside", False)
    _LOCAL.inside = True
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            start = time.perf_counter()
            fitted.fit(X, y)
            seconds = time.perf_counter() - start
    finally:
        _LOCAL.inside = outer
    seen = list(dict.fromkeys((w.category.__name__, str(w.message)) for w in caught))
    fitted._mnist_tutorial_fit_record = FitRecord(key, seconds, False, seen)
    return fitted


def fit_record(estimator: Any) -> FitRecord:
    """The :class:`FitRecord` of an estimator fitted through the fit cache."""
    try:
        return estimator._mnist_tutorial_fit_record
    except AttributeError:
        raise ValueError(
            "this estimator was not fitted through fit_cached: no fit record"
        ) from None


def fit_seconds(estimator: Any, start: float) -> float:
    """Seconds the fit of ``estimator``, started at ``time.perf_counter() == start``, took
    (or, if the build's fit cache loaded it, the seconds its real fit took).

    >>> from sklearn.linear_model import LogisticRegression
    >>> start = time.perf_counter()
    >>> 0 <= fit_seconds(LogisticRegression().fit([[0.0], [1.0]], [0, 1]), start) < 60
    True
    """
    start, now = check_float(start, "start"), time.perf_counter()
    if start > now:  # another clock (time.time()), or a start taken after the fit
        raise ValueError(f"start must be a time.perf_counter() reading before the fit, got {start}")
    record = getattr(estimator, "_mnist_tutorial_fit_record", None)
    return float(record.fit_seconds) if record is not None else now - start


def cached_fits(folder: str | Path | None = None) -> Iterator[tuple[float, BaseEstimator]]:
    """(last use as a POSIX time, fitted estimator) of every current entry of the cache.

    The same checks as :func:`fit_cached`: nothing is loaded from a folder or an entry
    others can write to (a :class:`FitCacheWarning` says why), and entries written by
    another scikit-learn or another version of the library are skipped.
    """
    if folder is not None and not isinstance(folder, (str, os.PathLike)):
        raise TypeError(f"folder must be a path (str or os.PathLike) or None, got {folder!r}")
    folder = Path(folder) if folder is not None else cache_dir()
    notes: list[tuple[str, str]] = []
    if folder.is_dir() and _open_folder(folder, notes):
        for path in sorted(folder.glob("*.joblib")):
            fitted = _load(path, notes, None)
            if fitted is not None:
                yield path.lstat().st_mtime, fitted
    _emit(notes)


# --- plain .fit through the cache ---------------------------------------------------------------


def use_fit_cache(enabled: bool = True) -> None:
    """Route ``LogisticRegression.fit`` and ``Pipeline.fit`` through :func:`fit_cached`.

    The book's build calls it (through ``MNIST_TUTORIAL_FIT_CACHE=1``); ``model.fit(X, y)``
    then loads the identical fit when there is one and returns ``model`` fitted, its
    pipeline steps the caller's own objects. Other calls (``sample_weight=``) are plain.
    ``use_fit_cache(False)`` restores scikit-learn's methods.
    """
    if not isinstance(enabled, (bool, np.bool_)):
        raise TypeError(f"enabled must be True or False, got {enabled!r}")
    for cls, original in _ORIGINAL_FIT.items():
        cls.fit = _routed(original) if enabled else original


def _routed(original: Any) -> Any:
    @functools.wraps(original)
    def fit(self: Any, X: Any = None, y: Any = None, *args: Any, **kwargs: Any) -> Any:
        if getattr(_LOCAL, "inside", False) or args or kwargs or X is None:
            vars(self).pop("_mnist_tutorial_fit_record", None)
            return original(self, X, y, *args, **kwargs)
        _graft(self, fit_cached(self, X, y))
        return self

    return fit


def _graft(target: Any, source: Any) -> None:
    """Make ``target`` fitted like ``source`` (its fitted clone), keeping its own steps."""
    params = target.get_params(deep=False)
    for name, value in vars(source).items():
        mine = vars(target).get(name)
        if name not in params:
            setattr(target, name, value)  # a fitted attribute
        elif hasattr(mine, "get_params") and type(mine) is type(value):
            _graft(mine, value)
        elif isinstance(mine, list) and len(mine) == len(value):  # (name, estimator) steps
            for ours, theirs in zip(mine, value):
                step = isinstance(ours, tuple) and hasattr(ours[-1], "get_params")
                if step and type(ours[-1]) is type(theirs[-1]):
                    _graft(ours[-1], theirs[-1])


if os.environ.get(SWITCH) == "1":
    use_fit_cache()
