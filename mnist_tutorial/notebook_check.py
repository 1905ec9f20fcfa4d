"""Check an exercise where it is written: ``mt.check("ch02", sigmoid)`` in a notebook.

The same checks, points, hints and time limit as ``mnist-grade``, and the same table.
The functions defined in the notebook run in a forked child process, exactly as a
submitted file's do in the grader (:mod:`mnist_tutorial.checks._remote`): the child
inherits them (and whatever helpers and imports the notebook defined), so a function
typed in a cell needs no file; an infinite loop costs its exercise, never the kernel.
Where ``os.fork`` does not exist (Windows), the checks call the functions in the
kernel itself, without a time limit.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from .checks import CHAPTERS, DEFAULT_TIMEOUT, StudentProcess, run_parts_remote, summarize
from .checks._core import PartResult, run_exercise_parts

__all__ = ["CheckResult", "check"]


class CheckResult:
    """The results of :func:`check`: ``results`` (one ``ExerciseResult`` per exercise),
    ``points``, ``max_points``; its repr is the grader's table."""

    def __init__(self, results: list[Any], title: str) -> None:
        self.results = results
        self.title = title
        self.points = sum(r.points for r in results)
        self.max_points = sum(r.max_points for r in results)

    def __repr__(self) -> str:
        from .grading import format_table

        return format_table(self.results, title=self.title)

    def _ipython_display_(self) -> None:
        """Nothing more to show in a notebook: :func:`check` printed the table already."""


def _chapter_number(chapter: Any) -> int:
    if isinstance(chapter, bool):
        raise TypeError("chapter must be a chapter number or a name like 'ch02', got a bool")
    if isinstance(chapter, int):
        number = chapter
    elif isinstance(chapter, str) and (m := re.fullmatch(r"(?:ch)?0*(\d+)", chapter.strip())):
        number = int(m.group(1))
    else:
        raise TypeError(f"chapter must be a number or a name like 'ch02', got {chapter!r}")
    if number not in CHAPTERS:
        raise ValueError(f"chapter must be among {sorted(CHAPTERS)}, got {chapter!r}")
    return number


def check(
    chapter: int | str,
    what: Callable[..., Any] | Mapping[str, Any] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    quiet: bool = False,
) -> CheckResult:
    """Check exercises of ``chapter`` written in this notebook; print the grader's table.

    Parameters
    ----------
    chapter : int or str
        The chapter, as ``2`` or ``"ch02"``.
    what : function or dict, optional
        One exercise function (it is checked as the exercise of its name), or a
        namespace such as ``globals()`` (every exercise of the chapter defined there is
        checked). By default, the namespace of the caller (the notebook).
    timeout : float, default=10.0
        Seconds each check may take, as in the grader.
    quiet : bool, default=False
        Do not print the table (it is still the result's repr).

    Returns
    -------
    CheckResult
        The results; its repr is the table.

    Examples
    --------
    >>> import numpy as np
    >>> def classify(probabilities, threshold=0.5):
    ...     return (np.asarray(probabilities, dtype=float) >= threshold).astype(int)
    >>> result = check("ch02", classify, quiet=True)
    >>> result.points == result.max_points
    True
    """
    from .grading import ExerciseResult, check_timeout

    check_timeout(timeout)
    number = _chapter_number(chapter)
    spec = CHAPTERS[number]
    if what is None:
        frame = inspect.currentframe()
        what = frame.f_back.f_globals if frame is not None and frame.f_back else {}
    if callable(what) and not isinstance(what, Mapping):
        name = getattr(what, "__name__", "")
        if name not in spec.exercises:
            raise ValueError(
                f"{name!r} is not an exercise of chapter {number}; "
                f"its exercises are {', '.join(spec.exercises)}"
            )
        functions = {name: what}
    elif isinstance(what, Mapping):
        functions = {n: what[n] for n in spec.exercises if callable(what.get(n))}
        if not functions:
            raise ValueError(
                f"none of chapter {number}'s exercises ({', '.join(spec.exercises)}) is defined"
            )
    else:
        raise TypeError(f"what must be a function or a namespace (dict), got {type(what).__name__}")
    spec.prepare()
    results = []
    for name, func in functions.items():
        parts = spec.parts[name]
        if hasattr(os, "fork"):
            run = run_parts_remote(
                parts,
                name,
                lambda name=name, func=func: StudentProcess(
                    functions={name: func}, timeout=timeout
                ),
                timeout=timeout,
                filename="this notebook",
            )
            found: list[PartResult] = run.parts
            fatal = run.fatal
        else:  # no fork (Windows): in this process, without a time limit
            found, fatal = list(run_exercise_parts(parts, func)), None
        status, points, message = summarize(found, name) if found else ("", 0, "")
        if fatal is not None:
            status, message = fatal
        results.append(ExerciseResult(number, name, points, spec.max_points(name), status, message))
    result = CheckResult(results, f"Checking chapter {number} in this notebook")
    if not quiet:
        print(repr(result))
    return result
