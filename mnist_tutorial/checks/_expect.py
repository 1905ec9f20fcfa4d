"""What a check uses to call the student's function and judge the answer.

:func:`call` runs the student's function and fails the check when an argument came back
changed; the ``expect_*`` helpers compare an answer with an oracle's and raise
:class:`CheckFailure` with a message that says what is wrong (type, shape, dtype, NaN,
the first mismatching position, "too large by a factor of about 3") and never prints the
expected answer.
"""

from __future__ import annotations

import ast
import copy
import inspect
import textwrap
import types
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = [
    "CheckFailure",
    "call",
    "call_checked",
    "call_float",
    "describe_miss",
    "expect_array",
    "expect_close",
    "expect_equal_array",
    "expect_float",
    "expect_int",
]


class CheckFailure(AssertionError):
    """A check found a wrong answer; the message is shown to the student."""


# ---------------------------------------------------------------- calling the student


def _snapshot(value: Any) -> Any:
    """A deep copy of what the student receives, for the "not modified" comparison."""
    module = type(value).__module__
    if isinstance(value, np.ndarray) or module.startswith("pandas"):
        return value.copy()
    if isinstance(value, (list, dict, tuple)):
        return copy.deepcopy(value)
    return None  # numbers, strings, estimators: not compared here


def _changed(before: Any, after: Any) -> str:
    """'' if equal, otherwise a short description of the change."""
    if isinstance(before, np.ndarray):
        if not isinstance(after, np.ndarray) or after.shape != before.shape:
            return "its shape changed"
        if after.dtype != before.dtype:
            return f"its dtype changed from {before.dtype} to {after.dtype}"
        same = (after == before) | ((after != after) & (before != before))
        if not np.all(same):
            return f"{int(np.size(same) - np.count_nonzero(same))} of {after.size} values changed"
        return ""
    if type(before).__module__.startswith("pandas"):
        if not before.equals(after) or not before.index.equals(after.index):
            return "its values or index changed"
        return ""
    if isinstance(before, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(after) != len(before):
            return "its length changed"
        for i, (b, a) in enumerate(zip(before, after)):
            if isinstance(b, (np.ndarray, list, tuple)) or type(b).__module__.startswith("pandas"):
                if _changed(b, a):
                    return f"item {i} changed"
            elif not (b == a or (b != b and a != a)):
                return f"item {i} changed"
        return ""
    try:
        return "" if before == after else "its contents changed"
    except Exception:  # comparison itself failed: contents differ in kind
        return "its contents changed"


#: NumPy 2.4's warning for a ufunc given where= without out= (the output's other entries
#: are uninitialised memory); earlier NumPy says nothing, so the checks say it for them.
WHERE_WITHOUT_OUT = "'where' used without 'out', expect unitialized memory in output"


def where_without_out(func: Any) -> bool:
    """Whether ``func``, or a function of its module that it calls, passes a NumPy ufunc
    ``where=`` without ``out=`` (read from the source; ``False`` when there is none)."""
    found, todo, seen = False, [func], set()
    while todo and not found:
        f = inspect.unwrap(todo.pop())
        if not inspect.isfunction(f) or f.__code__ in seen:
            continue
        seen.add(f.__code__)
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(f)))
        except (OSError, TypeError, SyntaxError):
            continue
        found = any(_ufunc_where(node, f.__globals__) for node in ast.walk(tree))
        todo += [v for n in f.__code__.co_names if inspect.isfunction(v := f.__globals__.get(n))]
        todo = [g for g in todo if getattr(g, "__module__", None) == f.__module__]
    return found


def _ufunc_where(node: ast.AST, names: dict[str, Any]) -> bool:
    if not isinstance(node, ast.Call):
        return False
    keywords = {k.arg for k in node.keywords}
    return "where" in keywords and "out" not in keywords and _is_ufunc(node.func, names)


def _is_ufunc(node: ast.AST, names: dict[str, Any]) -> bool:
    """Whether ``np.exp``, ``numpy.divide``, ``exp`` (imported) names a NumPy ufunc."""
    path = []
    while isinstance(node, ast.Attribute):
        path.append(node.attr)
        node = node.value
    value = names.get(node.id) if isinstance(node, ast.Name) else None
    for attr in reversed(path):
        value = getattr(value, attr, None) if isinstance(value, types.ModuleType) else None
    return isinstance(value, np.ufunc)


#: Exercises whose task forbids a library ("no scikit-learn"), by function name.
FORBIDDEN_LIBRARIES = {
    "accuracy": ("sklearn", "scikit-learn"),
    "confusion_matrix_counts": ("sklearn", "scikit-learn"),
}

#: The warning a call to a forbidden library raises (in the child process too).
FORBIDDEN_LIBRARY = "this exercise asks you not to use"


def forbidden_library(func: Any) -> str:
    """The warning text when ``func`` uses a library its exercise forbids, else ``''``.

    Read from the source of ``func`` and of the functions of its module that it calls:
    an ``import`` of the library, or a name bound to one of its modules or functions.
    """
    library, title = FORBIDDEN_LIBRARIES.get(getattr(func, "__name__", ""), ("", ""))
    if not library:
        return ""
    todo, seen = [func], set()
    while todo:
        f = inspect.unwrap(todo.pop())
        if not inspect.isfunction(f) or f.__code__ in seen:
            continue
        seen.add(f.__code__)
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(f)))
        except (OSError, TypeError, SyntaxError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            elif isinstance(node, ast.Name):
                value = f.__globals__.get(node.id)
                name = value.__name__ if isinstance(value, types.ModuleType) else None
                modules = [name or getattr(value, "__module__", None) or ""]
            else:
                continue
            if any(m == library or m.startswith(library + ".") for m in modules):
                return f"{func.__name__} uses {title} ({library}): {FORBIDDEN_LIBRARY} it"
        todo += [v for n in f.__code__.co_names if inspect.isfunction(v := f.__globals__.get(n))]
        todo = [g for g in todo if getattr(g, "__module__", None) == f.__module__]
    return ""


def _warning_hint(w: warnings.WarningMessage) -> str:
    text = str(w.message)
    if FORBIDDEN_LIBRARY in text:
        return "the task is to compute it yourself, with NumPy or plain Python"
    if "where" in text and "out" in text:
        return "pass out= (e.g. out=np.zeros_like(...)) whenever you pass where="
    if issubclass(w.category, RuntimeWarning):
        return "look for an overflow, an invalid value or a division by zero"
    return "the docstring allows no warning"


def call_checked(
    func: Callable[..., Any],
    args: tuple = (),
    kwargs: dict | None = None,
    *,
    allow: tuple[type[Warning] | str, ...] = (),
    warning_hint: str = "",
) -> Any:
    """Call the student's ``func``; fail on a changed argument or on any warning.

    Arrays, lists, tuples, DataFrames and Series passed in are copied before the call
    and compared after it; a change is a :class:`CheckFailure` naming the argument.
    Any warning the call emits fails the check too, unless its category is in
    ``allow`` (what the docstring allows, e.g. scikit-learn's ConvergenceWarning) or its
    message contains a string given in ``allow`` (for a warning re-emitted under another
    category by a runner that calls the function in another process);
    ``warning_hint`` replaces the generic advice in that message.
    """
    kwargs = kwargs or {}
    try:
        names = list(inspect.signature(func).bind(*args, **kwargs).arguments)
    except (TypeError, ValueError):
        names = []
    values = list(args) + list(kwargs.values())
    names += [f"argument {i + 1}" for i in range(len(names), len(values))]
    saved = [(name, value, _snapshot(value)) for name, value in zip(names, values)]
    fname = getattr(func, "__name__", "the function")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args, **kwargs)
        if not any(WHERE_WITHOUT_OUT in str(w.message) for w in caught) and where_without_out(func):
            warnings.warn(WHERE_WITHOUT_OUT, UserWarning, stacklevel=1)
        if not any(FORBIDDEN_LIBRARY in str(w.message) for w in caught):
            forbidden = forbidden_library(func)
            if forbidden:
                warnings.warn(forbidden, UserWarning, stacklevel=1)
    for name, value, before in saved:
        if before is None:
            continue
        change = _changed(before, value)
        if change:
            raise CheckFailure(
                f"{fname} changed its input `{name}` in place ({change}); the caller's data "
                "must stay as it was: compute into a new array (no out=, no +=, -=, *=, /= "
                "or item assignment on the argument; np.array(x, dtype=float) makes a copy)"
            )
    classes = tuple(a for a in allow if isinstance(a, type))
    texts = [a for a in allow if isinstance(a, str)]
    for w in caught:
        if not (issubclass(w.category, classes) or any(t in str(w.message) for t in texts)):
            hint = warning_hint or _warning_hint(w)
            raise CheckFailure(
                f"{fname} emitted a warning ({w.category.__name__}: "
                f"{' '.join(str(w.message).split())[:120]}); {hint}"
            )
    return result


def call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call the student's ``func`` with these arguments (see :func:`call_checked`)."""
    return call_checked(func, args, kwargs)


def call_float(func: Callable[..., Any], *args: Any, **kwargs: Any) -> float:
    """:func:`call`, then require a Python float answer (:func:`expect_float`)."""
    return expect_float(call(func, *args, **kwargs), f"{getattr(func, '__name__', 'f')}(...)")


# ---------------------------------------------------------------- comparison helpers


def _describe_type(x: Any) -> str:
    name = type(x).__name__
    module = type(x).__module__
    if module.startswith("pandas"):
        return f"a pandas {name}"
    if module == "builtins":
        return f"a {name}" if name[0] not in "aeiou" else f"an {name}"
    return f"a {module.split('.')[0]}.{name}"


def _round2(x: float) -> str:
    """``x`` to two significant digits, written plainly (255.3 -> '260', 1.46 -> '1.5')."""
    if x == 0 or not np.isfinite(x):
        return f"{x:g}"
    if abs(x) >= 1e5:
        return f"{x:.1e}"
    digits = 1 - int(np.floor(np.log10(abs(x))))
    value = round(x, digits)
    return f"{value:.{max(digits, 0)}f}"


def describe_miss(got: float, want: float) -> str:
    """How a wrong number misses, without giving the right one.

    Examples
    --------
    >>> describe_miss(255.0, 1.0), describe_miss(0.5, 1.0)
    ('too large by a factor of about 260', 'too small by a factor of about 2.0')
    >>> describe_miss(1.1, 1.0), describe_miss(1.0 + 1e-7, 1.0)
    ('too large by about 10%', 'too large (relative error 1.0e-07)')
    >>> describe_miss(-2.0, 3.0), describe_miss(1.0, 0.0), describe_miss(1e300, 1.0)
    ('of the wrong sign', 'too large', 'too large by a factor of about 1.0e+300')
    """
    if want == 0 or got == 0:
        return "too large" if got > want else "too small"
    if (got > 0) != (want > 0):
        return "of the wrong sign"
    ratio = got / want
    bigger = "too large" if abs(got) > abs(want) else "too small"
    factor = ratio if ratio >= 1 else 1 / ratio
    if factor >= 1.5:
        return f"{bigger} by a factor of about {_round2(factor)}"
    percent = abs(ratio - 1) * 100
    if percent >= 0.1:
        return f"{bigger} by about {_round2(percent)}%"
    return f"{bigger} (relative error {abs(ratio - 1):.1e})"


def expect_array(
    got: Any,
    what: str,
    *,
    shape: tuple[int, ...] | None = None,
    kind: str | None = None,
) -> np.ndarray:
    """Check that ``got`` is a NumPy array of ``shape`` and dtype kind ``kind``.

    ``kind`` is a string of accepted ``dtype.kind`` letters: ``"f"`` float64 (what every
    docstring promises; float32 fails), ``"iu"`` integer, ``"b"`` bool.
    """
    if not isinstance(got, np.ndarray):
        raise CheckFailure(
            f"{what} returned {_describe_type(got)}; expected a NumPy array "
            "(wrap the result in np.asarray)"
        )
    if shape is not None and got.shape != shape:
        raise CheckFailure(f"{what} returned an array of shape {got.shape}; expected {shape}")
    if kind == "f" and got.dtype.kind == "f" and got.dtype != np.float64:
        raise CheckFailure(
            f"{what} returned dtype {got.dtype}; expected float64 (the docstring promises "
            "float64: compute in float64, e.g. np.asarray(x, dtype=np.float64), also for a "
            "float32 input)"
        )
    if kind is not None and got.dtype.kind not in kind:
        wanted = {"f": "float", "i": "integer", "u": "integer", "b": "bool"}
        names = " or ".join(dict.fromkeys(wanted.get(k, k) for k in kind))
        article = "an" if names[0] in "aeiou" else "a"
        raise CheckFailure(f"{what} returned dtype {got.dtype}; expected {article} {names} dtype")
    return got


def expect_float(got: Any, what: str) -> float:
    """Check that ``got`` is a Python float and not NaN.

    ``np.float64`` is refused although it subclasses ``float``: it prints as
    ``np.float64(0.5)`` and the docstrings promise a Python float.
    """
    if type(got) is not float:
        if isinstance(got, bool):
            raise CheckFailure(f"{what} returned a bool; expected a float")
        if isinstance(got, int):
            raise CheckFailure(
                f"{what} returned an int; expected a float (a fraction or a mean, not a count?)"
            )
        if isinstance(got, (np.generic, np.ndarray)) and np.ndim(got) == 0:  # np.float64 too
            raise CheckFailure(
                f"{what} returned {_describe_type(got)}; expected a Python float: "
                "wrap the result in float(...)"
            )
        raise CheckFailure(f"{what} returned {_describe_type(got)}; expected a single float")
    value = float(got)
    if np.isnan(value):
        raise CheckFailure(f"{what} returned NaN")
    return value


def _real_number(got: Any, what: str) -> float:
    """``got`` as a float if it is a real number (Python, NumPy or 0-d array), not NaN."""
    if isinstance(got, np.ndarray) and got.ndim == 0:
        got = got[()]
    if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, float, np.number)):
        raise CheckFailure(f"{what} returned {_describe_type(got)}; expected a single number")
    if isinstance(got, complex | np.complexfloating):
        raise CheckFailure(f"{what} returned a complex number; expected a real number")
    value = float(got)
    if np.isnan(value):
        raise CheckFailure(f"{what} returned NaN")
    return value


def expect_int(got: Any, what: str) -> int:
    """Check that ``got`` is a Python int (not a bool, not ``np.int64``)."""
    if isinstance(got, bool) or not isinstance(got, int):
        if isinstance(got, np.integer):
            raise CheckFailure(
                f"{what} returned {_describe_type(got)}; expected a Python int: "
                "wrap the result in int(...)"
            )
        raise CheckFailure(f"{what} returned {_describe_type(got)}; expected an int")
    return got


def _fmt_index(index: tuple[int, ...]) -> str:
    return str(index[0]) if len(index) == 1 else str(tuple(int(i) for i in index))


def _tolerance(rtol: float, atol: float) -> str:
    if rtol == 0 and atol == 0:
        return "exactly"
    parts = [f"rtol={rtol:g}" if rtol else "", f"atol={atol:g}" if atol else ""]
    return "within " + ", ".join(p for p in parts if p)


def _precision_hint(got: float, want: float) -> str:
    """A note when a miss is the size of float32 rounding (about 1e-7 relative)."""
    if want == 0 or not np.isfinite(got):
        return ""
    relative = abs(got / want - 1)
    if 1e-9 < relative < 1e-6:
        return (
            "; an error the size of float32's rounding (or of a rounded answer): compute "
            "in float64 and do not round"
        )
    return ""


def expect_close(
    got: Any,
    expected: Any,
    what: str,
    *,
    rtol: float,
    atol: float,
    hint: str = "",
) -> None:
    """Compare numbers or arrays like ``np.isclose``, with a student-friendly message.

    A scalar ``expected`` accepts any real number (Python or NumPy; call
    :func:`expect_float` first where the answer must be a Python float). The message
    names the first mismatching position, the value found there and how it misses (too
    large, too small, by what factor), never the expected value.
    """
    tail = f"; {hint}" if hint else ""
    expected = np.asarray(expected, dtype=np.float64)
    if expected.ndim == 0:
        value = _real_number(got, what)
        want = float(expected)
        if not np.isclose(value, want, rtol=rtol, atol=atol):
            raise CheckFailure(
                f"{what} returned {value:.6g}, which is {describe_miss(value, want)} "
                f"(compared {_tolerance(rtol, atol)}){_precision_hint(value, want)}{tail}"
            )
        return
    arr = np.asarray(got)
    if arr.shape != expected.shape:
        raise CheckFailure(f"{what} returned shape {arr.shape}; expected {expected.shape}{tail}")
    if arr.dtype.kind not in "biuf":
        raise CheckFailure(f"{what} returned dtype {arr.dtype}; expected numbers")
    arr = arr.astype(np.float64)
    nan = np.isnan(arr) & ~np.isnan(expected)
    if nan.any():
        first = _fmt_index(np.argwhere(nan)[0])
        raise CheckFailure(
            f"{what} has {int(nan.sum())} NaN value(s), the first at index {first}{tail}"
        )
    bad = ~np.isclose(arr, expected, rtol=rtol, atol=atol)
    if bad.any():
        pos = tuple(np.argwhere(bad)[0])
        raise CheckFailure(
            f"{what}: {int(bad.sum())} of {arr.size} values differ (compared "
            f"{_tolerance(rtol, atol)}); the first at index {_fmt_index(pos)} is "
            f"{arr[pos]:.6g}, {describe_miss(arr[pos], expected[pos])}"
            f"{_precision_hint(arr[pos], expected[pos])}{tail}"
        )


def expect_equal_array(got: Any, expected: Any, what: str, *, hint: str = "") -> None:
    """Exact comparison of integer (or label) arrays, with the first mismatch."""
    arr = np.asarray(got)
    expected = np.asarray(expected)
    tail = f"; {hint}" if hint else ""
    if arr.shape != expected.shape:
        raise CheckFailure(f"{what} returned shape {arr.shape}; expected {expected.shape}{tail}")
    bad = arr != expected
    if np.any(bad):
        pos = tuple(np.argwhere(bad)[0])
        found = arr[pos].item() if hasattr(arr[pos], "item") else arr[pos]
        extra = ""
        if arr.dtype.kind in "biuf" and expected.dtype.kind in "biuf":
            extra = f", {describe_miss(float(found), float(expected[pos].item()))}"
        raise CheckFailure(
            f"{what}: {int(np.sum(bad))} of {arr.size} values differ; the first at index "
            f"{_fmt_index(pos)} is {found!r}{extra}{tail}"
        )
