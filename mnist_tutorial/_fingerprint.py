"""What the fit cache's key must cover beyond an estimator's parameters (private).

Two questions about an unfitted estimator, answered by walking its parameters at every
depth (nested estimators, pipeline steps, lists, dicts, ``functools.partial``, the
``func`` of a ``FunctionTransformer``, the classes of the estimator and its parts):

- :func:`code_fingerprint`: the source code a fit depends on that is not part of an
  installed package (the reader's functions, lambdas and classes, and the helpers and
  global values they refer to), plus the modules of this library it uses. Installed
  code (the standard library, scikit-learn, NumPy: anything under a ``site-packages`` or
  the standard library's folder) is covered by the versions in the key.
- :func:`unseeded`: whether the fit draws random numbers from an unseeded
  ``random_state``, so that two fits can differ.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import site
import sys
import sysconfig
import types
from pathlib import Path
from typing import Any

import joblib
import numpy as np

LIBRARY = "mnist_tutorial"


class Uncacheable(Exception):
    """The estimator's fit cannot be keyed (its code cannot be read): fit without the cache."""


@functools.lru_cache(maxsize=1)
def _installed_roots() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    roots = {paths[k] for k in ("stdlib", "platstdlib", "purelib", "platlib") if k in paths}
    roots.update(getattr(site, "getsitepackages", list)())
    user_site = getattr(site, "getusersitepackages", lambda: None)()
    if user_site:
        roots.add(user_site)
    return tuple(sorted(str(Path(r).resolve()) for r in roots if r))


def origin(module_name: str | None) -> str:
    """``"library"`` (mnist_tutorial), ``"installed"`` or ``"user"`` (everything else)."""
    if not module_name:
        return "user"
    if module_name == LIBRARY or module_name.startswith(LIBRARY + "."):
        return "library"
    if module_name in sys.builtin_module_names:
        return "installed"
    module = sys.modules.get(module_name)
    file = getattr(module, "__file__", None)
    if not file:  # __main__ of a notebook or a REPL, a module made on the fly
        return "user"
    resolved = str(Path(file).resolve())
    if any(resolved.startswith(root.rstrip("/") + "/") for root in _installed_roots()):
        return "installed"
    return "user"


class _Walker:
    def __init__(self) -> None:
        self.library: set[str] = set()
        self.user: dict[str, Any] = {}  # "kind module.qualname" -> source or value hash
        self.seen: set[int] = set()

    def value(self, obj: Any) -> None:
        if id(obj) in self.seen or obj is None or isinstance(obj, (str, bytes, int, float)):
            return
        self.seen.add(id(obj))
        if isinstance(obj, types.ModuleType):
            return
        if isinstance(obj, (list, tuple, set, frozenset)):
            for item in obj:
                self.value(item)
        elif isinstance(obj, dict):
            for k, v in obj.items():
                self.value(k)
                self.value(v)
        elif isinstance(obj, functools.partial):
            self.value(obj.func)
            self.value(obj.args)
            self.value(obj.keywords)
        elif isinstance(obj, types.MethodType):
            self.value(obj.__func__)
            self.value(type(obj.__self__))
        elif isinstance(obj, type):
            self.cls(obj)
        elif isinstance(obj, types.FunctionType):
            self.function(obj)
        elif isinstance(obj, types.BuiltinFunctionType) and _builtin_is_users(obj):
            raise Uncacheable(
                f"{obj.__module__}.{obj.__name__} is compiled code outside an installed "
                "package, whose source cannot be read"
            )
        else:
            self.cls(type(obj))
            if hasattr(obj, "get_params") and not isinstance(obj, type):
                try:
                    params = obj.get_params(deep=False)
                except Exception:  # a broken get_params: walk what we can
                    params = {}
                for item in params.values():
                    self.value(item)

    def cls(self, cls: type) -> None:
        for klass in cls.__mro__:
            where = origin(getattr(klass, "__module__", None))
            if where == "library":
                # the module of a library class (as before), and of a library class a
                # user class derives from
                if klass is cls or origin(cls.__module__) == "user":
                    self.library.add(klass.__module__)
            elif where == "user" and klass.__module__ != "builtins":
                name = f"class {klass.__module__}.{klass.__qualname__}"
                if name in self.user or _is_compiled_helper_type(klass):
                    continue
                self.user[name] = _source(klass)
                for member in vars(klass).values():
                    if isinstance(member, (staticmethod, classmethod)):
                        member = member.__func__
                    if isinstance(member, types.FunctionType):
                        self.references(member)

    def function(self, func: types.FunctionType) -> None:
        where = origin(func.__module__)
        if where == "library":
            self.library.add(func.__module__)
            return
        if where == "installed":
            return
        name = f"function {func.__module__}.{func.__qualname__}"
        if name in self.user:
            return
        self.user[name] = _source(func)
        self.references(func)

    def references(self, func: types.FunctionType) -> None:
        """The helpers, classes and global values a user function refers to."""
        for cell in func.__closure__ or ():
            with contextlib.suppress(ValueError):  # an empty cell
                self.global_value(f"{func.__qualname__} closure", cell.cell_contents)
        for default in (*(func.__defaults__ or ()), *(func.__kwdefaults__ or {}).values()):
            self.global_value(f"{func.__qualname__} default", default)
        for name in sorted(_names(func.__code__)):
            if name in func.__globals__:
                self.global_value(f"{func.__module__}.{name}", func.__globals__[name])

    def global_value(self, label: str, value: Any) -> None:
        if isinstance(value, (types.ModuleType, types.FunctionType, type, functools.partial)):
            self.value(value)
            return
        if callable(value) and origin(getattr(type(value), "__module__", None)) != "user":
            return  # a ufunc, a builtin, an installed callable object
        key = f"value {label}"
        if key not in self.user:
            try:
                self.user[key] = joblib.hash(value, hash_name="sha1")
            except Exception as exc:  # an unpicklable global: cannot key it
                raise Uncacheable(
                    f"{label} ({type(value).__name__}) cannot be hashed: {exc}"
                ) from None
        self.value(value)


def _is_compiled_helper_type(klass: type) -> bool:
    """A compiled type in a made-up module, such as Cython's ``cython_function_or_method``."""
    module = sys.modules.get(klass.__module__)
    if klass.__module__ == "__main__" or getattr(module, "__file__", None):
        return False
    try:
        inspect.getfile(klass)
    except TypeError:  # "is a built-in class": no Python source anywhere
        return True
    return False


def _builtin_is_users(func: Any) -> bool:
    """A compiled function from outside the installed packages (a bound method's owner counts)."""
    module = func.__module__ or type(getattr(func, "__self__", None)).__module__
    return origin(module) == "user"


def _names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def _source(obj: Any) -> str:
    try:
        return inspect.getsource(obj)
    except (OSError, TypeError) as exc:
        raise Uncacheable(
            f"the source of {obj.__module__}.{obj.__qualname__} cannot be read ({exc}), so "
            "the cache could not tell when it changes"
        ) from None


def code_fingerprint(estimator: Any) -> tuple[list[str], list[tuple[str, str]]]:
    """(library modules used, sorted (name, source or hash) of the user's code).

    Raises
    ------
    Uncacheable
        A user function or class whose source cannot be read (defined in a REPL, made
        with ``exec``), or a global value it uses that cannot be hashed.
    """
    walker = _Walker()
    walker.value(estimator)
    return sorted(walker.library), sorted(walker.user.items())


# --- randomness -------------------------------------------------------------------------------

_DETERMINISTIC_LR_SOLVERS = {"lbfgs", "newton-cg", "newton-cholesky"}


def _is_unseeded(value: Any) -> bool:
    return value is None or isinstance(value, (np.random.RandomState, np.random.Generator))


def _parts(obj: Any, seen: set[int] | None = None) -> list[Any]:
    """Every object with a ``get_params`` or a ``random_state`` inside ``obj`` (and obj)."""
    seen = set() if seen is None else seen
    if id(obj) in seen or obj is None or isinstance(obj, (str, bytes, int, float, type)):
        return []
    seen.add(id(obj))
    found = []
    if isinstance(obj, (list, tuple)):
        for item in obj:
            found += _parts(item, seen)
    elif isinstance(obj, dict):
        for item in obj.values():
            found += _parts(item, seen)
    elif hasattr(obj, "get_params"):
        found.append(obj)
        try:
            params = obj.get_params(deep=False)
        except Exception:
            params = {}
        for item in params.values():
            found += _parts(item, seen)
    elif hasattr(obj, "random_state"):  # a CV splitter, a sampler
        found.append(obj)
    return found


def unseeded(estimator: Any) -> tuple[str | None, int]:
    """(why the fit is random, or None; number of PCAs to check after the fit).

    Practical where the rule is known: ``LogisticRegression`` uses ``random_state`` only
    with the sag, saga and liblinear solvers; a PCA with ``random_state=None`` is random
    only if the solver it picks is randomized or arpack, which :func:`pca_was_random`
    tells after the fit. Conservative everywhere else: any other ``random_state=None``
    (or a ``RandomState``/``Generator`` instance, which a fit advances) makes the fit
    random.
    """
    from sklearn.decomposition import PCA
    from sklearn.linear_model import LogisticRegression

    pcas = 0
    for part in _parts(estimator):
        if hasattr(part, "get_params"):
            try:
                params = part.get_params(deep=False)
            except Exception:
                params = {}
            if "random_state" not in params:
                continue
            state = params["random_state"]
        else:
            state = part.random_state
            if getattr(part, "shuffle", True) is False:
                continue
        if not _is_unseeded(state):
            continue
        if isinstance(part, LogisticRegression) and part.solver in _DETERMINISTIC_LR_SOLVERS:
            continue
        if isinstance(part, PCA) and state is None:
            pcas += 1
            continue
        return f"{type(part).__name__} has random_state={state!r}", pcas
    return None, pcas


def pca_was_random(fitted: Any, expected: int) -> bool:
    """Whether a fitted estimator's unseeded PCAs drew random numbers (or cannot be told)."""
    from sklearn.decomposition import PCA

    checked = 0
    for part in _parts(fitted):
        if isinstance(part, PCA) and part.random_state is None:
            solver = getattr(part, "_fit_svd_solver", None)
            if solver not in ("full", "covariance_eigh"):
                return True
            checked += 1
    return checked < expected  # a PCA the walk could not see after the fit: assume random
