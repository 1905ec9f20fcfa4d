"""Grade the exercise files: points per exercise, a hint under each failure, a total.

Run from the repository root::

    python -m mnist_tutorial.grade                # every chapter, files in exercises/
    python -m mnist_tutorial.grade --chapter 2    # one chapter
    python -m mnist_tutorial.grade --json         # machine-readable
    mnist-grade --path my_exercises               # the same, as a console script

For instructors::

    mnist-grade --path submission --format gradescope --output results.json
    mnist-grade --batch submissions/ --output grades.csv   # one sub-folder per student

Each exercise is checked in a child process with a time limit per check (the runner of
:mod:`mnist_tutorial.checks`, which ``pytest exercises/`` uses too), so an infinite loop
costs that exercise only; a file that cannot be imported (syntax error) costs its
chapter only; an exception inside a function is that exercise's failure. The exit code
is 0 whatever the score, and 2 when the grader itself cannot run (a missing folder, a
bad option). Grading runs the student's code with the grader's rights: it is not a
sandbox (see ``exercises/README.md``).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .checks import CHAPTERS, DEFAULT_TIMEOUT, run_in_child, summarize

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_TIMEOUT",
    "ExerciseResult",
    "format_table",
    "grade",
    "grade_batch",
    "main",
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


def _grade_exercise(path: Path, chapter: int, exercise: str, timeout: float) -> ExerciseResult:
    max_points = CHAPTERS[chapter].max_points(exercise)
    run = run_in_child(path, chapter, exercise, timeout=timeout)
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

    Returns
    -------
    list of ExerciseResult
        One per exercise, in chapter order.

    Examples
    --------
    >>> import tempfile
    >>> results = grade(tempfile.mkdtemp(), chapters=[2])
    >>> [(r.name, r.points, r.status) for r in results]
    [('sigmoid', 0, 'error'), ('classify', 0, 'error')]
    >>> results[0].message
    'ch02_sigmoid.py not found'
    """
    _check_timeout(timeout)
    path = Path(path)
    numbers = sorted(CHAPTERS) if chapters is None else sorted(set(chapters))
    results = []
    for number in numbers:
        if number not in CHAPTERS:
            raise ValueError(f"chapters must be among {sorted(CHAPTERS)}, got {number}")
        spec = CHAPTERS[number]
        file = path / spec.filename
        names = [n for n in spec.exercises if exercises is None or n in exercises]
        if not file.is_file():
            results += [
                ExerciseResult(
                    number, n, 0, spec.max_points(n), "error", f"{spec.filename} not found"
                )
                for n in names
            ]
            continue
        if names:
            spec.prepare()  # once here, so that forked children inherit the data
        for name in names:
            results.append(_grade_exercise(file, number, name, timeout))
    return results


def _check_timeout(timeout: Any) -> float:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(f"timeout must be a number of seconds, got {type(timeout).__name__}")
    if not math.isfinite(timeout) or not 0 < timeout <= MAX_TIMEOUT:
        raise ValueError(
            f"timeout must be a positive, finite number of seconds (at most {MAX_TIMEOUT:g}), "
            f"got {timeout}"
        )
    return float(timeout)


def _submission_folder(folder: Path) -> Path:
    """The folder holding a student's chNN files: ``folder`` or ``folder/exercises``."""
    holds_files = any((folder / c.filename).is_file() for c in CHAPTERS.values())
    if not holds_files and (folder / "exercises").is_dir():
        return folder / "exercises"
    return folder


def grade_batch(
    directory: str | Path,
    *,
    chapters: list[int] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, list[ExerciseResult]]:
    """Grade every sub-folder of ``directory`` (one per student), by sub-folder name.

    A sub-folder holds the student's ``chNN_*.py`` files, directly or in ``exercises/``.
    """
    directory = Path(directory)
    folders = sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith("."))
    return {
        folder.name: grade(_submission_folder(folder), chapters=chapters, timeout=timeout)
        for folder in folders
    }


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
    """Write one CSV row per student: points per exercise, then the total.

    The first row after the header, ``(max points)``, holds the points available.
    Columns are named ``chNN_exercise`` (``ch02_sigmoid``).
    """
    writer = csv.writer(out, lineterminator="\n")
    first = next(iter(grades.values()), [])
    columns = [f"ch{r.chapter:02d}_{r.name}" for r in first]
    writer.writerow(["student", *columns, "total"])
    writer.writerow(
        ["(max points)", *[r.max_points for r in first], sum(r.max_points for r in first)]
    )
    for student, results in grades.items():
        writer.writerow([student, *[r.points for r in results], sum(r.points for r in results)])


def format_table(results: list[ExerciseResult], path: str | Path = "exercises") -> str:
    """The grade as a table a student can read: one row per exercise, hints, a total.

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
    lines = [f"Grading {Path(path).as_posix().rstrip('/')}/", ""]
    header = f"{'Chapter'}  {'Exercise':<{name_w}}  {'Points':>{pts_w}}  {'Status'}"
    rule = f"{'-' * 7}  {'-' * name_w}  {'-' * pts_w}  {'-' * status_w}"
    lines += [header, rule]
    for r, p in zip(results, pts):
        lines.append(f"{r.chapter:>7}  {r.name:<{name_w}}  {p:>{pts_w}}  {r.status}")
        if r.status in ("failed", "error", "timed out") and r.message:
            lines.append(f"{indent}hint: {r.message}")
    lines += [rule, f"{'':7}  {'Total':<{name_w}}  {total_pts:>{pts_w}}", ""]
    counts = {
        s: sum(r.status == s for r in results) for s in dict.fromkeys(r.status for r in results)
    }
    order = ("passed", "failed", "not started", "error", "timed out")
    lines.append(", ".join(f"{counts[s]} {s}" for s in order if counts.get(s)))
    return "\n".join(lines)


# ------------------------------------------------------------------------------- CLI


def _timeout_option(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or not 0 < value <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(
            f"must be a positive, finite number of seconds (at most {MAX_TIMEOUT:g}), got {text!r}"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    numbers = sorted(CHAPTERS)
    parser = argparse.ArgumentParser(
        prog="mnist-grade",
        description="Grade the exercise files of the MNIST logistic-regression book.",
        epilog="Grading runs the submitted code with your rights; it is not a sandbox.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--path", default="exercises", help="folder with the exercise files (default: exercises)"
    )
    where.add_argument(
        "--batch",
        metavar="DIR",
        help="(instructors) grade every sub-folder of DIR, one per student, into one CSV",
    )
    parser.add_argument(
        "--chapter",
        type=int,
        action="append",
        choices=numbers,
        metavar="N",
        help=f"grade only chapter N ({', '.join(map(str, numbers))}); may be repeated",
    )
    parser.add_argument(
        "--format",
        choices=("table", "json", "gradescope"),
        default="table",
        help="table (default), json, or gradescope (a Gradescope autograder results.json)",
    )
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    parser.add_argument(
        "--output",
        metavar="FILE",
        help="write the report to FILE instead of printing it (default for --batch: "
        "grades.csv; for --format gradescope: results.json)",
    )
    parser.add_argument(
        "--timeout",
        type=_timeout_option,
        default=DEFAULT_TIMEOUT,
        help=f"seconds each check may take (default: {DEFAULT_TIMEOUT:g})",
    )
    return parser


def _fail(message: str) -> int:
    print(f"mnist-grade: {message}", file=sys.stderr)
    return 2


def _write(text: str, output: str | None) -> None:
    if output is None:
        print(text)
    else:
        Path(output).write_text(text + "\n")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code (0 whatever the score, 2 on bad use)."""
    args = _parser().parse_args(argv)
    fmt = "json" if args.json else args.format
    chapters = args.chapter or sorted(CHAPTERS)
    start = time.perf_counter()
    if args.batch is not None:
        batch = Path(args.batch)
        if not batch.is_dir():
            return _fail(f"no folder {batch}")
        if not any(p.is_dir() for p in batch.iterdir()):
            return _fail(f"{batch} holds no sub-folders (one per student)")
        grades = grade_batch(batch, chapters=chapters, timeout=args.timeout)
        output = Path(args.output or "grades.csv")
        with open(output, "w", newline="") as f:
            write_batch_csv(grades, f)
        elapsed = time.perf_counter() - start
        print(f"graded {len(grades)} submissions in {elapsed:.1f} s; wrote {output}")
        return 0
    path = Path(args.path)
    if not path.is_dir():
        return _fail(f"no folder {path} (run from the repository root or pass --path DIR)")
    if not any((path / CHAPTERS[n].filename).is_file() for n in chapters):
        return _fail(f"no exercise files for chapter(s) {chapters} in {path}")
    results = grade(path, chapters=chapters, timeout=args.timeout)
    elapsed = time.perf_counter() - start
    if fmt == "json":
        _write(json.dumps(results_to_json(results), indent=2), args.output)
    elif fmt == "gradescope":
        output = args.output or "results.json"
        _write(json.dumps(results_to_gradescope(results, elapsed), indent=2), output)
        print(
            f"wrote {output}: {sum(r.points for r in results)} / "
            f"{sum(r.max_points for r in results)} points"
        )
    else:
        _write(format_table(results, path) + f"\n(graded in {elapsed:.1f} s)", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
