"""``use_fit_cache()``: plain ``.fit`` calls that go through the fit cache (private module).

Re-exported by :mod:`mnist_tutorial.cache`; kept apart so that the cache itself stays one
readable module. The cache calls :func:`_inside_cache` around every real fit, so a
patched ``.fit`` met inside it (the steps of a pipeline) is the original one.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np

__all__ = ["use_fit_cache"]

_PATCHED: dict[type, Any] = {}
_PATCH_LOCK = threading.Lock()
_LOCAL = threading.local()


@contextlib.contextmanager
def _inside_cache() -> Iterator[None]:
    """While the cache fits, patched ``.fit`` methods call the original (no recursion)."""
    outer = getattr(_LOCAL, "inside", False)
    _LOCAL.inside = True
    try:
        yield
    finally:
        _LOCAL.inside = outer


def use_fit_cache(enabled: bool = True) -> None:
    """Make ``LogisticRegression.fit`` and ``Pipeline.fit`` go through the fit cache.

    After ``use_fit_cache()``, ``model.fit(X, y)`` on a scikit-learn
    :class:`~sklearn.linear_model.LogisticRegression` or :class:`~sklearn.pipeline.Pipeline`
    loads the identical fit from the cache when there is one (else fits and stores it) and
    returns ``model`` itself, fitted, as ``.fit`` does: the steps of a pipeline are the
    reader's own objects, fitted. What the cache does not cache (unseeded randomness,
    unreadable code, see :func:`fit_cached`) and fits with other arguments (such as
    ``sample_weight``) are plain ``.fit`` calls. The book calls it in a hidden cell at the
    top of a chapter so that a rebuild does not refit; the code a reader copies works the
    same without it, only slower. ``use_fit_cache(False)`` restores the original methods.

    Examples
    --------
    >>> from sklearn.linear_model import LogisticRegression
    >>> from mnist_tutorial import fit_record
    >>> use_fit_cache()
    >>> model = LogisticRegression().fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    >>> model.predict([[3.0]]).tolist(), fit_record(model).fit_seconds >= 0
    ([1], True)
    >>> use_fit_cache(False)
    """
    if not isinstance(enabled, (bool, np.bool_)):
        raise TypeError(f"enabled must be True or False, got {enabled!r}")
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    with _PATCH_LOCK:
        for cls in (LogisticRegression, Pipeline):
            if enabled and cls not in _PATCHED:
                _PATCHED[cls] = cls.__dict__["fit"]
                cls.fit = _cached_fit_method(cls.__dict__["fit"])
            elif not enabled and cls in _PATCHED:
                original = _PATCHED.pop(cls)
                if getattr(cls.__dict__.get("fit"), "_mnist_tutorial_cached", False):
                    cls.fit = original  # (leave alone a method someone patched after us)


def _cached_fit_method(original: Any) -> Any:
    @functools.wraps(original)
    def fit(self: Any, *args: Any, **kwargs: Any) -> Any:
        from .cache import _emit, _fit_through_cache, _replay

        if getattr(_LOCAL, "inside", False) or not _only_X_and_y(args, kwargs):
            vars(self).pop("_mnist_tutorial_fit_record", None)  # no stale record
            return original(self, *args, **kwargs)
        X = args[0] if args else kwargs["X"]
        y = args[1] if len(args) > 1 else kwargs.get("y")
        fitted, notes = _fit_through_cache(self, X, y)
        _emit(notes, stacklevel=2)
        _replay(fitted._mnist_tutorial_fit_record, stacklevel=2)
        _transplant(self, fitted)
        return self

    fit._mnist_tutorial_cached = True
    return fit


def _only_X_and_y(args: tuple, kwargs: dict) -> bool:
    """A call ``fit(X)``, ``fit(X, y)`` (positional or by name), nothing else."""
    names = ["X", "y"][len(args) :]
    return len(args) <= 2 and set(kwargs) <= set(names) and (args or "X" in kwargs)


def _transplant(target: Any, source: Any) -> None:
    """Make ``target`` fitted like ``source`` (a fitted clone of it), keeping its own
    parameter objects: a pipeline's steps are the caller's objects, fitted, as after
    ``Pipeline.fit``."""
    params = target.get_params(deep=False) if hasattr(target, "get_params") else {}
    for name, value in vars(source).items():
        if name in params and name in vars(target):
            _transplant_param(vars(target)[name], value)
        else:
            setattr(target, name, value)


def _transplant_param(target: Any, source: Any) -> None:
    if hasattr(target, "get_params") and type(target) is type(source):
        _transplant(target, source)
    elif (
        isinstance(target, (list, tuple))
        and isinstance(source, (list, tuple))
        and len(target) == len(source)
    ):
        for t, s in zip(target, source):
            _transplant_param(t, s)
