"""The one runner that both the grader and ``pytest exercises/`` use.

Each exercise (or, for pytest, each part) runs in a child process that imports the
student's file and runs the checks, reporting every part's result through a pipe:

- a check that takes longer than ``timeout`` seconds is stopped ("timed out");
- a child that dies without reporting (``os._exit(0)``, a crash, ``sys.exit`` at import
  time) is an "error", never a silent success;
- the student's prints go nowhere, so they cannot garble a report.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import multiprocessing
import os
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._core import PartResult, describe_import_error, load_student_module, run_exercise_parts

__all__ = ["DEFAULT_TIMEOUT", "ExerciseRun", "run_in_child"]

#: Seconds each check may take before it counts as "timed out".
DEFAULT_TIMEOUT = 10.0


@dataclass
class ExerciseRun:
    """What the child reported: the parts that finished, and why it stopped early, if so."""

    parts: list[PartResult] = field(default_factory=list)
    fatal: tuple[str, str] | None = None  # (status, message) when the run ended early


def _silence_output() -> None:
    """Send a student's prints to /dev/null so they cannot garble the table."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            os.dup2(devnull, fd)
    sys.stdout = io.StringIO()
    sys.stderr = io.StringIO()


def _chapter(number: int) -> Any:
    """The checks of one chapter, from its module (``ch05`` for 5)."""
    return importlib.import_module(f"{__package__}.ch{number:02d}").CHAPTER


def _child(conn: Any, path: str, chapter: int, exercise: str, only: str | None) -> None:
    """Import the student file and run the exercise's parts, reporting each result."""
    from threadpoolctl import threadpool_limits

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
        spec = _chapter(chapter)
        spec.prepare()
        parts = spec.parts[exercise]
        names = [p.name for p in parts]
        conn.send(("start", parts[0].name if only is None else only, ""))
        for result in run_exercise_parts(parts, func, only=only):
            conn.send(("part", result.part.name, (result.status, result.message)))
            following = names.index(result.part.name) + 1
            if only is None and following < len(names):
                conn.send(("start", names[following], ""))
        conn.send(("done", "", ""))
    finally:
        conn.close()


def _context() -> Any:
    # fork is fast and inherits the prepared data; elsewhere spawn is the safe default.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def run_in_child(
    path: str | Path,
    chapter: int,
    exercise: str,
    *,
    only: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> ExerciseRun:
    """Run the checks of ``exercise`` (or just part ``only``) on the file at ``path``.

    The chapter's ``prepare`` should have run in this process first, so that the child
    inherits its data (the grader and ``pytest_check`` both do this).
    """
    by_name = {p.name: p for p in _chapter(chapter).parts[exercise]}
    ctx = _context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=_child, args=(sender, str(path), chapter, exercise, only), daemon=True
    )
    with warnings.catch_warnings():
        # Python 3.12+ warns about forking a process that has threads (BLAS); the child
        # only runs NumPy code and reports through a pipe, so that is safe here.
        warnings.simplefilter("ignore", DeprecationWarning)
        process.start()
    sender.close()
    run = ExerciseRun()
    current = only or "import"
    try:
        while True:
            if not receiver.poll(timeout):
                if current == "import":
                    message = (
                        f"importing {Path(path).name} did not finish within {timeout:g} s; "
                        "look for a loop that never ends outside the functions"
                    )
                else:
                    message = (
                        f"{exercise} did not finish within {timeout:g} s (check '{current}'); "
                        "look for a loop that never ends"
                    )
                run.fatal = ("timed out", message)
                break
            try:
                kind, name, payload = receiver.recv()
            except EOFError:
                process.join(1)
                code = process.exitcode
                run.fatal = (
                    "error",
                    f"{exercise} ended the checking process (exit code {code}) during check "
                    f"'{current}' before reporting a result; an exercise function must return "
                    "its answer, not call os._exit(), sys.exit() or exit()",
                )
                break
            if kind == "fatal":
                run.fatal = (name, payload)
                break
            if kind == "start":
                current = name
            elif kind == "part":
                status, message = payload
                run.parts.append(PartResult(by_name[name], status, message))
            elif kind == "done":
                break
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    return run
