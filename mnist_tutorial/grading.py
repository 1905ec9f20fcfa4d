"""Grading: run a chapter's checks on a student's files and report points and hints.

The checks run in this process; each exercise's functions run in a child process that
sends back only plain data (see ``mnist_tutorial.checks``). :mod:`mnist_tutorial.grade`
is the command line around these functions; :mod:`mnist_tutorial.batch`,
:mod:`mnist_tutorial.gradescope` and :mod:`mnist_tutorial.notebook_check` use them too.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .checks import CHAPTERS, DEFAULT_TIMEOUT, run_in_child, summarize
from .checks._runner import StudentFile

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_TIMEOUT",
    "ExerciseResult",
    "batch_to_json",
    "check_timeout",
    "format_table",
    "grade",
    "results_to_gradescope",
    "results_to_json",
    "write_batch_csv",
]


#: The longest time limit per check the grader accepts: one day.
MAX_TIMEOUT = 86400.0


@dataclass(frozen=True)
class ExerciseResult:
    """The grade of one exercise (one function of a student file)."""

    chapter: int
    name: str
    points: int
    max_points: int
    status: str
    message: str = ""


# --------------------------------------------------------------------- grading


def _grade_exercise(
    path: Path, chapter: int, exercise: str, timeout: float, student: StudentFile
) -> ExerciseResult:
    max_points = CHAPTERS[chapter].max_points(exercise)
    run = run_in_child(path, chapter, exercise, timeout=timeout, student=student)
    status, points, message = summarize(run.parts, exercise) if run.parts else ("", 0, "")
    if run.fatal is not None:
        # parts that finished before the run ended keep their points
        status, message = run.fatal
    return ExerciseResult(chapter, exercise, points, max_points, status, message)


def grade(
    path: str | Path = "exercises",
    *,
    chapters: list[int] | None = None,
    exercises: list[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    each: Callable[[ExerciseResult], Any] | None = None,
) -> list[ExerciseResult]:
    """Grade the exercise files in ``path``.

    Parameters
    ----------
    path : str or Path, default="exercises"
        Folder holding ``ch01_classification.py`` ... ``ch11_going_further.py``.
    chapters : list of int, optional
        Grade only these chapters (default: all).
    exercises : list of str, optional
        Grade only these functions.
    timeout : float, default=10.0
        Seconds each check may run before it is stopped and counted as "timed out".
    each : callable, optional
        Called with each result as soon as it is known.

    Returns
    -------
    list of ExerciseResult
        One per exercise, in chapter order. The status is one of ``passed``, ``failed``,
        ``not started``, ``timed out``, ``missing`` (no file) or ``error``.

    Examples
    --------
    >>> import tempfile
    >>> results = grade(tempfile.mkdtemp(), chapters=[2])
    >>> {(r.points, r.status) for r in results}, len(results) == len(CHAPTERS[2].exercises)
    ({(0, 'missing')}, True)
    >>> results[0].message
    'ch02_sigmoid.py not found'
    """
    check_timeout(timeout)
    path = Path(path)
    numbers = sorted(CHAPTERS) if chapters is None else sorted(set(chapters))
    for number in numbers:
        if number not in CHAPTERS:
            raise ValueError(f"chapters must be among {sorted(CHAPTERS)}, got {number}")
    results = []
    for number in numbers:
        spec = CHAPTERS[number]
        file = path / spec.filename
        names = [n for n in spec.exercises if exercises is None or n in exercises]
        # one child process imports the file for all the chapter's exercises (a new one
        # after an exercise times out or ends it)
        student = StudentFile(file, timeout) if file.is_file() and names else None
        try:
            for name in names:
                if student is None:
                    message = f"{spec.filename} not found"
                    result = ExerciseResult(
                        number, name, 0, spec.max_points(name), "missing", message
                    )
                else:
                    result = _grade_exercise(file, number, name, timeout, student)
                results.append(result)
                if each is not None:
                    each(result)
        finally:
            if student is not None:
                student.close()
    return results


def check_timeout(timeout: Any) -> float:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(f"timeout must be a number of seconds, got {type(timeout).__name__}")
    if not math.isfinite(timeout) or not 0 < timeout <= MAX_TIMEOUT:
        raise ValueError(
            f"timeout must be a positive, finite number of seconds (at most {MAX_TIMEOUT:g}), "
            f"got {timeout}"
        )
    return float(timeout)


# ------------------------------------------------------------------------- reporting


def results_to_json(results: list[ExerciseResult]) -> dict[str, Any]:
    """The ``--json`` report: total, max_total and one entry per exercise."""
    return {
        "total": sum(r.points for r in results),
        "max_total": sum(r.max_points for r in results),
        "exercises": [asdict(r) for r in results],
    }


def results_to_gradescope(results: list[ExerciseResult], elapsed: float = 0.0) -> dict[str, Any]:
    """A Gradescope autograder ``results.json``: one test per exercise, with the hint.

    Examples
    --------
    >>> rows = [ExerciseResult(2, "sigmoid", 3, 5, "failed", "sigmoid(z) has 1 NaN value")]
    >>> report = results_to_gradescope(rows)
    >>> report["score"], report["tests"][0]["name"], report["tests"][0]["max_score"]
    (3, 'Chapter 2: sigmoid', 5)
    """
    tests = []
    for r in results:
        output = f"{r.status}" + (f": {r.message}" if r.message else "")
        tests.append(
            {
                "name": f"Chapter {r.chapter}: {r.name}",
                "number": f"{r.chapter}.{CHAPTERS[r.chapter].exercises.index(r.name) + 1}",
                "score": r.points,
                "max_score": r.max_points,
                "status": "passed" if r.status == "passed" else "failed",
                "output": output,
                "visibility": "visible",
            }
        )
    return {
        "score": sum(r.points for r in results),
        "execution_time": round(elapsed, 1),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def write_batch_csv(grades: dict[str, list[ExerciseResult]], out: Any) -> None:
    """Write one CSV row per student: total, then points and status of each exercise.

    Columns: ``student``, ``total``, then ``chNN_exercise`` (points) and
    ``chNN_exercise_status`` (passed, failed, not started, timed out, missing, error)
    per exercise. The first row after the header, ``(max points)``, holds the points
    available.
    """
    writer = csv.writer(out, lineterminator="\n")
    first = next(iter(grades.values()), [])
    columns = []
    for r in first:
        columns += [f"ch{r.chapter:02d}_{r.name}", f"ch{r.chapter:02d}_{r.name}_status"]
    writer.writerow(["student", "total", *columns])
    row: list[Any] = ["(max points)", sum(r.max_points for r in first)]
    for r in first:
        row += [r.max_points, ""]
    writer.writerow(row)
    for student, results in grades.items():
        row = [student, sum(r.points for r in results)]
        for r in results:
            row += [r.points, r.status]
        writer.writerow(row)


def batch_to_json(grades: dict[str, list[ExerciseResult]]) -> dict[str, Any]:
    """The ``--batch --format json`` report: per student, the ``--json`` report."""
    first = next(iter(grades.values()), [])
    return {
        "max_total": sum(r.max_points for r in first),
        "students": {student: results_to_json(results) for student, results in grades.items()},
    }


def format_table(
    results: list[ExerciseResult], path: str | Path = "exercises", *, title: str | None = None
) -> str:
    """The grade as a table a student can read: one row per exercise, hints, a total.

    The first line is ``title``, by default "Grading <path>/".

    Examples
    --------
    >>> rows = [ExerciseResult(2, "sigmoid", 2, 4, "failed", "sigmoid(-1000.0) overflows"),
    ...         ExerciseResult(2, "classify", 4, 4, "passed")]
    >>> print(format_table(rows, "exercises"))
    Grading exercises/
    <BLANKLINE>
    Chapter  Exercise  Points  Status
    -------  --------  ------  ------
          2  sigmoid    2 / 4  failed
                       hint: sigmoid(-1000.0) overflows
          2  classify   4 / 4  passed
    -------  --------  ------  ------
             Total      6 / 8
    <BLANKLINE>
    1 passed, 1 failed
    """
    name_w = max([len("Exercise")] + [len(r.name) for r in results])
    pts = [f"{r.points} / {r.max_points}" for r in results]
    total = sum(r.points for r in results)
    max_total = sum(r.max_points for r in results)
    total_pts = f"{total} / {max_total}"
    pts_w = max([len("Points"), len(total_pts)] + [len(p) for p in pts])
    status_w = max([len("Status")] + [len(r.status) for r in results])
    indent = " " * (len("Chapter") + 2 + name_w + 2)
    title = title if title is not None else f"Grading {Path(path).as_posix().rstrip('/')}/"
    lines = [title, ""]
    header = f"{'Chapter'}  {'Exercise':<{name_w}}  {'Points':>{pts_w}}  {'Status'}"
    rule = f"{'-' * 7}  {'-' * name_w}  {'-' * pts_w}  {'-' * status_w}"
    lines += [header, rule]
    for r, p in zip(results, pts):
        lines.append(f"{r.chapter:>7}  {r.name:<{name_w}}  {p:>{pts_w}}  {r.status}")
        if r.status in ("failed", "error", "timed out", "missing") and r.message:
            hint = re.sub(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", " ", r.message)
            lines.append(f"{indent}hint: {hint}")  # on one line: no fake rows
    lines += [rule, f"{'':7}  {'Total':<{name_w}}  {total_pts:>{pts_w}}", ""]
    counts = {
        s: sum(r.status == s for r in results) for s in dict.fromkeys(r.status for r in results)
    }
    order = ("passed", "failed", "not started", "timed out", "missing", "error")
    lines.append(", ".join(f"{counts[s]} {s}" for s in order if counts.get(s)))
    return "\n".join(lines)


# ------------------------------------------------------------------------------- CLI
