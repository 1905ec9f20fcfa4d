"""The machinery shared by every chapter's checks: parts, results and friendly messages.

A chapter's exercise is checked by a few *parts*, each worth some points. A part is a
function that receives the student's function and raises :class:`CheckFailure` with a
helpful message when something is wrong. Messages say what is wrong (type, shape,
dtype, NaN, the first mismatching position and how far off it is) and never print the
expected answer.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

__all__ = [
    "STATUSES",
    "Chapter",
    "CheckFailure",
    "Part",
    "PartResult",
    "expect_array",
    "expect_close",
    "expect_equal_array",
    "expect_float",
    "load_student_module",
    "run_part",
]

#: Every status an exercise can get, from best to worst.
STATUSES = ("passed", "failed", "not started", "error", "timed out")


class CheckFailure(AssertionError):
    """A check found a wrong answer; the message is shown to the student."""


@dataclass(frozen=True)
class Part:
    """One check of one exercise, worth ``points``."""

    chapter: int
    exercise: str
    name: str
    points: int
    check: Callable[[Callable[..., Any]], None] = field(repr=False, compare=False)

    def __str__(self) -> str:
        return f"{self.exercise}-{self.name}"


@dataclass(frozen=True)
class PartResult:
    """The outcome of one part: ``status`` is passed, failed, not started or error."""

    part: Part
    status: str
    message: str = ""

    @property
    def points(self) -> int:
        return self.part.points if self.status == "passed" else 0


class Chapter:
    """The checks of one chapter: a student file and its exercises, each made of parts.

    Parameters
    ----------
    number : int
        Chapter number, 1 to 9.
    filename : str
        The student file in ``exercises/``, e.g. ``"ch02_sigmoid.py"``.
    exercises : sequence of str
        The function names the file must define, in the order they are graded.
    prepare : callable, optional
        Builds (and caches) the data the checks use; the grader calls it once before
        starting the child processes so they inherit it.
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

    def part(self, exercise: str, points: int = 1) -> Callable:
        """Decorator registering a check function as one part of ``exercise``."""
        if exercise not in self.parts:
            raise ValueError(f"{exercise!r} is not an exercise of chapter {self.number}")

        def register(check: Callable[[Callable[..., Any]], None]) -> Callable:
            name = check.__name__.removeprefix("_").removeprefix(exercise).strip("_")
            self.parts[exercise].append(Part(self.number, exercise, name, points, check))
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

    ``NotImplementedError`` means "not started"; :class:`CheckFailure` means "failed";
    any other exception raised by the student's code is an "error" with its message.
    A ``RuntimeWarning`` (overflow, division by zero, invalid value) is a failure too.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            part.check(func)
        except NotImplementedError:
            return PartResult(part, "not started", f"{part.exercise} is not implemented yet")
        except CheckFailure as exc:
            return PartResult(part, "failed", str(exc))
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


# ---------------------------------------------------------------- comparison helpers


def _describe_type(x: Any) -> str:
    name = type(x).__name__
    module = type(x).__module__
    if module.startswith("pandas"):
        return f"a pandas {name}"
    if module == "builtins":
        return f"a {name}"
    return f"a {module.split('.')[0]} {name}"


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
    """Check that ``got`` is a real number (Python or NumPy scalar) and not NaN."""
    if isinstance(got, bool) or not isinstance(got, (int, float, np.integer, np.floating)):
        if isinstance(got, np.ndarray) and got.ndim == 0:
            got = got[()]
        else:
            raise CheckFailure(f"{what} returned {_describe_type(got)}; expected a single number")
    value = float(got)
    if np.isnan(value):
        raise CheckFailure(f"{what} returned NaN")
    return value


def _fmt_index(index: tuple[int, ...]) -> str:
    return str(index[0]) if len(index) == 1 else str(tuple(int(i) for i in index))


def expect_close(
    got: Any,
    expected: Any,
    what: str,
    *,
    rtol: float,
    atol: float,
    hint: str = "",
) -> None:
    """Compare numbers or arrays like ``assert_allclose``, with a student-friendly message.

    The message names the first mismatching position, the value found there and how far
    off it is, never the expected array.
    """
    expected = np.asarray(expected, dtype=np.float64)
    if expected.ndim == 0:
        value = expect_float(got, what)
        if not np.isclose(value, float(expected), rtol=rtol, atol=atol):
            diff = value - float(expected)
            raise CheckFailure(
                f"{what} returned {value:.6g}, off by {diff:+.3g}" + (f"; {hint}" if hint else "")
            )
        return
    arr = np.asarray(got)
    if arr.shape != expected.shape:
        raise CheckFailure(f"{what} returned shape {arr.shape}; expected {expected.shape}")
    if arr.dtype.kind not in "biuf":
        raise CheckFailure(f"{what} returned dtype {arr.dtype}; expected numbers")
    arr = arr.astype(np.float64)
    nan = np.isnan(arr) & ~np.isnan(expected)
    if nan.any():
        first = _fmt_index(np.argwhere(nan)[0])
        raise CheckFailure(
            f"{what} has {int(nan.sum())} NaN value(s), the first at index {first}"
            + (f"; {hint}" if hint else "")
        )
    bad = ~np.isclose(arr, expected, rtol=rtol, atol=atol)
    if bad.any():
        pos = tuple(np.argwhere(bad)[0])
        diff = arr[pos] - expected[pos]
        raise CheckFailure(
            f"{what}: {int(bad.sum())} of {arr.size} values differ; the first at index "
            f"{_fmt_index(pos)} is {arr[pos]:.6g}, off by {diff:+.3g}"
            + (f"; {hint}" if hint else "")
        )


def expect_equal_array(got: Any, expected: Any, what: str, *, hint: str = "") -> None:
    """Exact comparison of integer (or label) arrays, with the first mismatch."""
    arr = np.asarray(got)
    expected = np.asarray(expected)
    if arr.shape != expected.shape:
        raise CheckFailure(f"{what} returned shape {arr.shape}; expected {expected.shape}")
    bad = arr != expected
    if np.any(bad):
        pos = tuple(np.argwhere(bad)[0])
        found = arr[pos].item() if hasattr(arr[pos], "item") else arr[pos]
        extra = ""
        if arr.dtype.kind in "biuf" and expected.dtype.kind in "biuf":
            extra = f", off by {found - expected[pos].item():+g}"
        raise CheckFailure(
            f"{what}: {int(np.sum(bad))} of {arr.size} values differ; the first at index "
            f"{_fmt_index(pos)} is {found!r}{extra}" + (f"; {hint}" if hint else "")
        )
