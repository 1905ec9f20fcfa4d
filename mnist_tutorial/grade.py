"""Grade the exercise files: points per exercise, a hint under each failure, a total.

Run from the repository root::

    python -m mnist_tutorial.grade                # every chapter, files in exercises/
    python -m mnist_tutorial.grade --chapter 2    # one chapter
    python -m mnist_tutorial.grade --json         # machine-readable
    mnist-grade --path my_exercises               # the same, as a console script

For instructors::

    mnist-grade --path submission --format gradescope --output results.json
    mnist-grade --batch submissions/ --jobs 2 --output grades.csv  # a sub-folder per student
    mnist-grade gradescope-bundle autograder.zip --hidden hidden_checks/

The checks run in the grader's process; each exercise's functions run in a child
process that sends back only plain data (:mod:`mnist_tutorial.checks._remote`), with a
time limit per check, so an infinite loop costs that exercise only, a file that cannot
be imported (syntax error) costs its chapter only, an exception inside a function is
that exercise's failure, and nothing the student's file patches reaches the checks. The
exit code is 0 whatever the score, and 2 when the grader itself cannot run (a missing
folder, a bad option, an ``--output`` that cannot be written). Run as an ordinary user,
the student's code still has that user's rights (it could, for example, kill the
grader): it is not a sandbox (see ``exercises/README.md``); run as root (Gradescope),
the child drops to the ``nobody`` user first.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import sys
import time
from pathlib import Path

from .checks import CHAPTERS, DEFAULT_TIMEOUT, load_hidden_checks
from .grading import (
    MAX_TIMEOUT,
    ExerciseResult,
    batch_to_json,
    check_timeout,
    format_table,
    grade,
    results_to_gradescope,
    results_to_json,
    write_batch_csv,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_TIMEOUT",
    "ExerciseResult",
    "batch_to_json",
    "format_table",
    "grade",
    "grade_batch",
    "main",
    "results_to_gradescope",
    "results_to_json",
    "write_batch_csv",
]


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
    jobs: int | None = None,
    hidden: str | Path | None = None,
) -> dict[str, list[ExerciseResult]]:
    """Grade every sub-folder of ``directory`` (one per student), by sub-folder name.

    A sub-folder holds the student's ``chNN_*.py`` files, directly or in ``exercises/``.
    ``jobs`` worker processes (default: the number of CPUs) grade the submissions in
    parallel, each in its own process group (see :mod:`mnist_tutorial.batch`).
    """
    from .batch import grade_submissions

    check_timeout(timeout)
    directory = Path(directory)
    numbers = sorted(CHAPTERS) if chapters is None else sorted(set(chapters))
    for number in numbers:
        if number not in CHAPTERS:
            raise ValueError(f"chapters must be among {sorted(CHAPTERS)}, got {number}")
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a positive int, got {jobs!r}")
    folders = sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith("."))
    return grade_submissions(
        {folder.name: _submission_folder(folder) for folder in folders},
        chapters=numbers,
        timeout=timeout,
        jobs=jobs,
        hidden=None if hidden is None else str(Path(hidden).resolve()),
    )


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


def _jobs_option(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text!r}")
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
        help="(instructors) grade every sub-folder of DIR, one per student, into one CSV "
        "(or JSON with --format json): points and status per exercise",
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
        "grades.csv, or grades.json with --format json; for --format gradescope: results.json)",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs_option,
        default=None,
        metavar="N",
        help="(with --batch) grade N submissions at a time (default: the number of CPUs)",
    )
    parser.add_argument(
        "--hidden",
        metavar="DIR",
        help="(instructors) also run the extra check modules in DIR (see CONTRIBUTING.md)",
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


def _check_output(output: str | Path) -> str | None:
    """Why ``output`` cannot be written, or None; tried before any grading starts."""
    path = Path(output)
    if path.is_dir():
        return f"--output {output} is a folder; give a file name"
    if not path.parent.is_dir():
        return f"--output {output}: no folder {path.parent}"
    existed = path.exists()
    try:
        with open(path, "a"):
            pass
    except OSError as exc:
        return f"--output {output} cannot be written ({exc.strerror or exc})"
    if not existed:
        path.unlink()
    return None


def _write(text: str, output: str | None) -> None:
    if output is None:
        print(text)
    else:
        Path(output).write_text(text + "\n")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code (0 whatever the score, 2 on bad use)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["gradescope-bundle"]:
        from .gradescope import bundle_main

        return bundle_main(argv[1:])
    args = _parser().parse_args(argv)
    fmt = "json" if args.json else args.format
    chapters = args.chapter or sorted(CHAPTERS)
    if args.hidden is not None:
        if not Path(args.hidden).is_dir():
            return _fail(f"--hidden: no folder {args.hidden}")
        try:
            load_hidden_checks(args.hidden)
        except Exception as exc:
            return _fail(f"--hidden: the checks in {args.hidden} cannot be loaded: {exc}")
    start = time.perf_counter()
    if args.batch is not None:
        batch = Path(args.batch)
        if not batch.is_dir():
            return _fail(f"no folder {batch}")
        if not any(p.is_dir() for p in batch.iterdir()):
            return _fail(f"{batch} holds no sub-folders (one per student)")
        if fmt == "gradescope":
            return _fail("--batch writes csv or json, not gradescope")
        output = args.output or ("grades.json" if fmt == "json" else "grades.csv")
        problem = _check_output(output)
        if problem:
            return _fail(problem)
        grades = grade_batch(
            batch, chapters=chapters, timeout=args.timeout, jobs=args.jobs, hidden=args.hidden
        )
        if fmt == "json":
            text = json.dumps(batch_to_json(grades), indent=2)
        else:
            buffer = io.StringIO()
            write_batch_csv(grades, buffer)
            text = buffer.getvalue().rstrip("\n")
        _write(text, output)
        elapsed = time.perf_counter() - start
        print(f"graded {len(grades)} submissions in {elapsed:.1f} s; wrote {output}")
        return 0
    if args.jobs is not None:
        return _fail("--jobs goes with --batch")
    path = Path(args.path)
    output = args.output or ("results.json" if fmt == "gradescope" else None)
    if output is not None:
        problem = _check_output(output)
        if problem:
            return _fail(problem)
    if not path.is_dir():
        return _fail(f"no folder {path} (run from the repository root or pass --path DIR)")
    if not any((path / CHAPTERS[n].filename).is_file() for n in chapters):
        return _fail(f"no exercise files for chapter(s) {chapters} in {path}")
    results = grade(path, chapters=chapters, timeout=args.timeout)
    elapsed = time.perf_counter() - start
    if fmt == "json":
        _write(json.dumps(results_to_json(results), indent=2), output)
    elif fmt == "gradescope":
        _write(json.dumps(results_to_gradescope(results, elapsed), indent=2), output)
        print(
            f"wrote {output}: {sum(r.points for r in results)} / "
            f"{sum(r.max_points for r in results)} points"
        )
    else:
        _write(format_table(results, path) + f"\n(graded in {elapsed:.1f} s)", output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
