"""The machinery shared by every chapter's checks: parts, results, the scoring policy and
friendly comparisons.

A chapter's exercise is checked by a few *parts*, each worth some points. A part is a
function that receives the student's function and raises :class:`CheckFailure` with a
helpful message when something is wrong. Messages say what is wrong (type, shape,
dtype, NaN, the first mismatching position, "too large by a factor of about 3") and
never print the expected answer.

The exception policy, in one place (:func:`run_part`):

- ``CheckFailure`` from a check: the part is ``failed``;
- ``NotImplementedError`` from the student's code: the part is ``not started``;
- ``SystemExit`` (``sys.exit()``, ``exit()``) or any other exception from the student's
  code: the part is an ``error`` whose message names the exception and the line;
- a ``RuntimeWarning`` (overflow, division by zero, invalid value): ``failed``.

:func:`summarize` turns the parts of one exercise into its status and points: points are
the sum of the passed parts; an exercise is ``not started`` only when no part ran any
code of the student's, ``passed`` when every part passed, and otherwise ``failed`` (or
``error`` when nothing passed and the code raised).
"""

from __future__ import annotations

import copy
import importlib.util
import inspect
import sys
import traceback
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

__all__ = [
    "Chapter",
    "CheckFailure",
    "Part",
    "PartResult",
    "call",
    "call_float",
    "describe_miss",
    "expect_array",
    "expect_close",
    "expect_equal_array",
    "expect_float",
    "expect_int",
    "load_student_module",
    "run_exercise_parts",
    "run_part",
    "summarize",
]


class CheckFailure(AssertionError):
    """A check found a wrong answer; the message is shown to the student."""


@dataclass(frozen=True)
class Part:
    """One check of one exercise, worth ``points``.

    ``requires`` names another part of the same exercise that must pass before this one
    can earn its points (used for "raises on bad input" parts, so that a function that
    only raises earns nothing).
    """

    chapter: int
    exercise: str
    name: str
    points: int
    check: Callable[[Callable[..., Any]], None] = field(repr=False, compare=False)
    requires: str | None = None

    def __str__(self) -> str:
        return f"{self.exercise}-{self.name}"


@dataclass(frozen=True)
class PartResult:
    """The outcome of one part: ``status`` is passed, failed, not started or error."""

    part: Part
    status: str
    message: str = ""


class Chapter:
    """The checks of one chapter: a student file and its exercises, each made of parts.

    Parameters
    ----------
    number : int
        Chapter number.
    filename : str
        The student file in ``exercises/``, e.g. ``"ch02_sigmoid.py"``.
    exercises : sequence of str
        The function names the file must define, in the order they are graded.
    prepare : callable, optional
        Builds (and caches) the data the checks use; the grader calls it once before
        starting the child processes so they inherit it.

    Examples
    --------
    >>> chapter = Chapter(99, "ch99_demo.py", ("double",))
    >>> @chapter.part("double", points=2)
    ... def _double_values(double):
    ...     expect_close(call(double, 2.0), 4.0, "double(2.0)", rtol=0, atol=0)
    >>> [str(p) for p in chapter.all_parts()], chapter.max_points("double")
    (['double-values'], 2)
    """

    def __init__(
        self,
        number: int,
        filename: str,
        exercises: tuple[str, ...],
        prepare: Callable[[], Any] | None = None,
    ) -> None:
        self.number = number
        self.filename = filename
        self.exercises = tuple(exercises)
        self.prepare = prepare or (lambda: None)
        self.parts: dict[str, list[Part]] = {name: [] for name in self.exercises}

    def part(self, exercise: str, points: int = 1, *, requires: str | None = None) -> Callable:
        """Decorator registering a check function as one part of ``exercise``.

        The part's name is the function's name without the leading ``_`` and the
        exercise's name (``_sigmoid_values`` is part ``values`` of ``sigmoid``).
        ``requires`` names an earlier part of the same exercise that must pass first.
        """
        if exercise not in self.parts:
            raise ValueError(f"{exercise!r} is not an exercise of chapter {self.number}")
        if requires is not None and requires not in {p.name for p in self.parts[exercise]}:
            raise ValueError(f"{exercise}: requires={requires!r} names no earlier part")

        def register(check: Callable[[Callable[..., Any]], None]) -> Callable:
            name = check.__name__.removeprefix("_").removeprefix(exercise).strip("_")
            part = Part(self.number, exercise, name, points, check, requires)
            self.parts[exercise].append(part)
            return check

        return register

    def max_points(self, exercise: str) -> int:
        """Points available for ``exercise``."""
        return sum(p.points for p in self.parts[exercise])

    def all_parts(self) -> list[Part]:
        """Every part of every exercise, in grading order."""
        return [p for name in self.exercises for p in self.parts[name]]


def load_student_module(path: str | Path) -> ModuleType:
    """Import a student's exercise file from ``path`` under a private module name."""
    path = Path(path)
    name = f"_mnist_exercise_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def describe_import_error(exc: BaseException, path: str | Path) -> str:
    """One line saying why a student file could not be imported."""
    filename = Path(path).name
    if isinstance(exc, SyntaxError):
        return f"{filename} has a syntax error on line {exc.lineno}: {exc.msg}"
    if isinstance(exc, SystemExit):
        return f"{filename} calls sys.exit() (or exit()) when imported; remove that call"
    return f"{filename} could not be imported: {type(exc).__name__}: {exc}"


def _where_raised(exc: BaseException, func: Callable[..., Any]) -> str:
    """' (line N of <file>)' for the innermost frame in the student's file, if any."""
    filename = getattr(getattr(func, "__code__", None), "co_filename", None)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    if not frames:
        return ""
    frame = frames[-1]
    return f" (line {frame.lineno} of {Path(frame.filename).name})"


def run_part(part: Part, func: Callable[..., Any]) -> PartResult:
    """Run one part against the student's function and classify the outcome.

    See the module docstring for the policy. ``KeyboardInterrupt`` is not caught.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            part.check(func)
        except NotImplementedError as exc:
            where = _where_raised(exc, func)
            return PartResult(
                part,
                "not started",
                f"{part.exercise} raised NotImplementedError{where}: not written yet "
                f"(or not for the case this check tries: '{part.name}')",
            )
        except CheckFailure as exc:
            return PartResult(part, "failed", str(exc))
        except SystemExit as exc:
            where = _where_raised(exc, func)
            return PartResult(
                part,
                "error",
                f"{part.exercise} called sys.exit({exc.code!r}) (or exit()){where}; "
                "an exercise function must return its answer",
            )
        except Exception as exc:
            where = _where_raised(exc, func)
            return PartResult(
                part, "error", f"{part.exercise} raised {type(exc).__name__}: {exc}{where}"
            )
    for w in caught:
        if issubclass(w.category, RuntimeWarning):
            return PartResult(
                part,
                "failed",
                f"{part.exercise} emitted a RuntimeWarning ({w.message}); "
                "look for an overflow or a division by zero",
            )
    return PartResult(part, "passed")


def run_exercise_parts(
    parts: Iterable[Part], func: Callable[..., Any], *, only: str | None = None
) -> Iterable[PartResult]:
    """Run the parts of one exercise in order, applying ``requires``; yield each result.

    With ``only``, run just that part (and, silently, the part it requires).
    """
    parts = list(parts)
    by_name = {p.name: p for p in parts}
    done: dict[str, PartResult] = {}

    def run(part: Part) -> PartResult:
        if part.name in done:
            return done[part.name]
        if part.requires is not None:
            gate = run(by_name[part.requires])
            if gate.status != "passed":
                result = PartResult(
                    part,
                    "not started" if gate.status == "not started" else "failed",
                    f"{part.exercise}: this check ('{part.name}') counts once "
                    f"'{gate.part.name}' passes (the function must work on valid input "
                    f"first): {gate.message}",
                )
                done[part.name] = result
                return result
        result = run_part(part, func)
        done[part.name] = result
        return result

    for part in parts:
        if only is None or part.name == only:
            yield run(part)


def summarize(results: list[PartResult], exercise: str) -> tuple[str, int, str]:
    """``(status, points, message)`` of one exercise from the results of its parts.

    Examples
    --------
    >>> p = [Part(1, "f", n, 1, print) for n in ("a", "b")]
    >>> summarize([PartResult(p[0], "passed"), PartResult(p[1], "not started", "x")], "f")
    ('failed', 1, 'x')
    >>> summarize([PartResult(p[0], "not started", "x"), PartResult(p[1], "not started")], "f")
    ('not started', 0, 'f is not implemented yet')
    """
    points = sum(r.part.points for r in results if r.status == "passed")
    problems = [r for r in results if r.status != "passed"]
    if not problems:
        return "passed", points, ""
    if all(r.status == "not started" for r in results):
        return "not started", 0, f"{exercise} is not implemented yet"
    # the most telling problem first: a wrong answer, then an exception, then a gap
    order = {"failed": 0, "error": 1, "not started": 2}
    first = min(problems, key=lambda r: order[r.status])
    if points == 0 and any(r.status == "error" for r in problems):
        first = next(r for r in problems if r.status == "error")
        return "error", 0, first.message
    return "failed", points, first.message


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


def call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call the student's ``func`` and check that it left its arguments unchanged.

    Arrays, lists, DataFrames and Series passed in are copied before the call and
    compared after it; a change is a :class:`CheckFailure` naming the argument.
    """
    try:
        names = list(inspect.signature(func).bind(*args, **kwargs).arguments)
    except (TypeError, ValueError):
        names = []
    values = list(args) + list(kwargs.values())
    names += [f"argument {i + 1}" for i in range(len(names), len(values))]
    saved = [(name, value, _snapshot(value)) for name, value in zip(names, values)]
    result = func(*args, **kwargs)
    for name, value, before in saved:
        if before is None:
            continue
        change = _changed(before, value)
        if change:
            fname = getattr(func, "__name__", "the function")
            raise CheckFailure(
                f"{fname} changed its input `{name}` in place ({change}); the caller's data "
                "must stay as it was: compute into a new array (no out=, no +=, -=, *=, /= "
                "or item assignment on the argument; np.array(x, dtype=float) makes a copy)"
            )
    return result


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

    ``kind`` is a string of accepted ``dtype.kind`` letters: ``"f"`` float, ``"iu"``
    integer, ``"b"`` bool.
    """
    if not isinstance(got, np.ndarray):
        raise CheckFailure(
            f"{what} returned {_describe_type(got)}; expected a NumPy array "
            "(wrap the result in np.asarray)"
        )
    if shape is not None and got.shape != shape:
        raise CheckFailure(f"{what} returned an array of shape {got.shape}; expected {shape}")
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
                f"(compared {_tolerance(rtol, atol)}){tail}"
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
            f"{arr[pos]:.6g}, {describe_miss(arr[pos], expected[pos])}{tail}"
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
