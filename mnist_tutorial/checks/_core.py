"""The machinery shared by every chapter's checks: parts, results and the scoring policy.

The helpers a check calls (:func:`call`, ``expect_*``) live in ``_expect`` and are
re-exported here, so chapter modules import everything from ``._core``.

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

import importlib.util
import sys
import traceback
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from ._expect import (
    CheckFailure,
    call,
    call_float,
    describe_miss,
    expect_array,
    expect_close,
    expect_equal_array,
    expect_float,
    expect_int,
)

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
    where = getattr(exc, "student_where", None)  # raised in the student's process
    if isinstance(where, str):
        return where
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
