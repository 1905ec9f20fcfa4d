"""Grade the exercise files: points per exercise, a hint under each failure, a total.

Run from the repository root::

    python -m mnist_tutorial.grade                # every chapter, files in exercises/
    python -m mnist_tutorial.grade --chapter 2    # one chapter
    python -m mnist_tutorial.grade --json         # machine-readable
    mnist-grade --path my_exercises               # the same, as a console script

Each exercise is checked in a child process with a time limit per check, so an
infinite loop costs that exercise only; a file that cannot be imported (syntax error)
costs its chapter only; an exception inside a function is that exercise's failure.
The exit code is 0 whatever the score, and non-zero only when the grader itself cannot
run (for example when ``--path`` does not exist).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import multiprocessing
import os
import sys
import time
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from threadpoolctl import threadpool_limits

from .checks import CHAPTERS, describe_import_error, load_student_module, run_part

__all__ = [
    "DEFAULT_TIMEOUT",
    "ExerciseResult",
    "format_table",
    "grade",
    "main",
    "make_stub",
    "results_to_json",
]

#: Seconds each check may take before it counts as "timed out".
DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True)
class ExerciseResult:
    """The grade of one exercise (one function of a student file)."""

    chapter: int
    name: str
    points: int
    max_points: int
    status: str
    message: str = ""


# ----------------------------------------------------------------- the child process


def _silence_output() -> None:
    """Send a student's prints to /dev/null so they cannot garble the table."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            os.dup2(devnull, fd)
    sys.stdout = io.StringIO()
    sys.stderr = io.StringIO()


def _child(conn: Any, path: str, chapter: int, exercise: str) -> None:
    """Import the student file and run the exercise's parts, reporting each result."""
    _silence_output()
    # Small problems run fastest on one BLAS thread, and the grader may share the machine.
    threadpool_limits(1)
    try:
        try:
            module = load_student_module(path)
        except BaseException as exc:  # a student's file may raise anything, even SystemExit
            conn.send(("fatal", "error", describe_import_error(exc, path)))
            return
        func = getattr(module, exercise, None)
        if not callable(func):
            conn.send(("fatal", "error", f"{Path(path).name} defines no function {exercise}"))
            return
        CHAPTERS[chapter].prepare()
        for part in CHAPTERS[chapter].parts[exercise]:
            conn.send(("start", part.name, ""))
            result = run_part(part, func)
            conn.send(("part", result.status, result.message))
        conn.send(("done", "", ""))
    finally:
        conn.close()


def _context() -> Any:
    # fork is fast and inherits the prepared data; elsewhere spawn is the safe default.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _grade_exercise(path: Path, chapter: int, exercise: str, timeout: float) -> ExerciseResult:
    spec = CHAPTERS[chapter]
    max_points = spec.max_points(exercise)
    parts = spec.parts[exercise]
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, str(path), chapter, exercise), daemon=True)
    with warnings.catch_warnings():
        # Python 3.12+ warns about forking a process that has threads (BLAS); the child
        # only runs NumPy code and reports through a pipe, so that is safe here.
        warnings.simplefilter("ignore", DeprecationWarning)
        process.start()
    sender.close()
    points, statuses, problems = 0, [], []
    index = 0
    outcome = None
    try:
        while outcome is None:
            if not receiver.poll(timeout):
                current = parts[min(index, len(parts) - 1)].name
                outcome = (
                    "timed out",
                    f"{exercise} did not finish within {timeout:g} s (check '{current}'); "
                    "look for a loop that never ends",
                )
                break
            try:
                kind, status, message = receiver.recv()
            except EOFError:
                process.join(1)
                outcome = (
                    "error",
                    f"{exercise} stopped the checking process (exit code {process.exitcode})",
                )
                break
            if kind == "fatal":
                outcome = (status, message)
            elif kind == "part":
                part = parts[index]
                index += 1
                statuses.append(status)
                if status == "passed":
                    points += part.points
                else:
                    problems.append((status, message))
            elif kind == "done":
                break
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if outcome is not None:
        status, message = outcome
    elif not problems:
        status, message = "passed", ""
    elif "not started" in statuses:
        status, message, points = "not started", f"{exercise} is not implemented yet", 0
    else:
        errors = [m for s, m in problems if s == "error"]
        status, message = ("error", errors[0]) if errors else ("failed", problems[0][1])
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
        Folder holding ``ch01_classification.py`` ... ``ch10_polynomial.py``.
    chapters : list of int, optional
        Grade only these chapters (default: all nine).
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
    >>> [(r.name, r.points, r.max_points, r.status) for r in results]
    [('sigmoid', 0, 4, 'error'), ('classify', 0, 4, 'error')]
    >>> results[0].message
    'ch02_sigmoid.py not found'
    """
    path = Path(path)
    numbers = sorted(CHAPTERS) if chapters is None else sorted(set(chapters))
    results = []
    for number in numbers:
        if number not in CHAPTERS:
            raise ValueError(f"chapters must be between 1 and 9, got {number}")
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


# ------------------------------------------------------------------------- reporting


def results_to_json(results: list[ExerciseResult]) -> dict[str, Any]:
    """The ``--json`` report: total, max_total and one entry per exercise."""
    return {
        "total": sum(r.points for r in results),
        "max_total": sum(r.max_points for r in results),
        "exercises": [asdict(r) for r in results],
    }


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


# -------------------------------------------------------------------------- the stubs


def make_stub(source: str) -> str:
    """The student stub of a solution file: same docstrings, bodies replaced by a raise.

    Top-level imports are kept (marked ``noqa: F401``, since the stub does not use
    them yet) and every top-level function keeps its signature and docstring.

    Examples
    --------
    >>> src = 'import numpy as np\\n\\n\\ndef f(x):\\n    "Double x."\\n    return 2 * x\\n'
    >>> print(make_stub(src))
    import numpy as np  # noqa: F401
    <BLANKLINE>
    <BLANKLINE>
    def f(x):
        "Double x."
        raise NotImplementedError("f: replace this line with your code")
    <BLANKLINE>
    """
    tree = ast.parse(source)
    lines = source.splitlines()
    edits = []  # (first line, last line, replacement lines), 1-based inclusive
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and "noqa" not in lines[node.lineno - 1]:
            edits.append((node.lineno, node.lineno, [lines[node.lineno - 1] + "  # noqa: F401"]))
        elif isinstance(node, ast.FunctionDef):
            body = node.body
            has_doc = (
                isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            )
            first = body[0].end_lineno + 1 if has_doc else body[0].lineno
            indent = " " * (body[0].col_offset)
            message = f"{node.name}: replace this line with your code"
            raise_line = f'{indent}raise NotImplementedError("{message}")'
            edits.append((first, node.end_lineno, [raise_line]))
    for first, last, new in sorted(edits, reverse=True):
        lines[first - 1 : last] = new
    return "\n".join(lines) + "\n"


def write_stubs(directory: str | Path) -> list[Path]:
    """Write ``directory/chNN_*.py`` stubs from ``directory/solutions/chNN_*.py``."""
    directory = Path(directory)
    written = []
    for spec in CHAPTERS.values():
        solution = directory / "solutions" / spec.filename
        stub = directory / spec.filename
        stub.write_text(make_stub(solution.read_text()))
        written.append(stub)
    return written


# ------------------------------------------------------------------------------- CLI


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mnist_tutorial.grade",
        description="Grade the exercise files of the MNIST logistic-regression book.",
    )
    parser.add_argument(
        "--path", default="exercises", help="folder with the exercise files (default: exercises)"
    )
    parser.add_argument(
        "--chapter",
        type=int,
        action="append",
        choices=sorted(CHAPTERS),
        metavar="N",
        help="grade only chapter N (1-9); may be repeated",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help=f"seconds each check may take (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--make-stubs",
        action="store_true",
        help="(maintainers) regenerate the student stubs in PATH from PATH/solutions",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit code (0 whatever the score)."""
    args = _parser().parse_args(argv)
    path = Path(args.path)
    if not path.is_dir():
        print(
            f"mnist-grade: no folder {path} (run from the repository root or pass --path DIR)",
            file=sys.stderr,
        )
        return 2
    if args.timeout <= 0:
        print("mnist-grade: --timeout must be positive", file=sys.stderr)
        return 2
    if args.make_stubs:
        for stub in write_stubs(path):
            print(f"wrote {stub}")
        return 0
    chapters = args.chapter or sorted(CHAPTERS)
    if not any((path / CHAPTERS[n].filename).is_file() for n in chapters):
        print(
            f"mnist-grade: no exercise files for chapter(s) {chapters} in {path}", file=sys.stderr
        )
        return 2
    start = time.perf_counter()
    results = grade(path, chapters=chapters, timeout=args.timeout)
    elapsed = time.perf_counter() - start
    if args.json:
        print(json.dumps(results_to_json(results), indent=2))
    else:
        print(format_table(results, path))
        print(f"(graded in {elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
