"""The one runner that the grader, ``pytest exercises/`` and ``mnist_tutorial.check`` use.

The checks run in *this* process, where no student code ever runs; the student's
functions run in a child process (:mod:`._remote`) that sends back only plain data:

- a check whose calls of the student's function take longer than ``timeout`` seconds in
  all is stopped ("timed out");
- a child that dies (``os._exit``, a crash, killing itself) or sends back anything that
  is not a well-formed reply is an "error", never a silent success;
- the student's prints go to ``/dev/null``, so they cannot garble a report;
- patching NumPy, the checks or the grader inside the student's file changes only the
  child's copies, which the grader never uses.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._core import Part, PartResult, run_exercise_parts
from ._remote import RunEnded, StudentProcess

__all__ = ["DEFAULT_TIMEOUT", "ExerciseRun", "StudentFile", "run_in_child", "run_parts_remote"]

#: Seconds each check may take before it counts as "timed out".
DEFAULT_TIMEOUT = 10.0


@dataclass
class ExerciseRun:
    """What the run found: the parts that finished, and why it stopped early, if so."""

    parts: list[PartResult] = field(default_factory=list)
    fatal: tuple[str, str] | None = None  # (status, message) when the run ended early


def _import_message(error: dict[str, Any], filename: str) -> str:
    names = error.get("names", [])
    message = error.get("message", "")
    if names and names[0] in ("SyntaxError", "IndentationError", "TabError"):
        return f"{filename} has a syntax error on line {error.get('lineno')}: {error.get('msg')}"
    if "SystemExit" in names:
        return f"{filename} calls sys.exit() (or exit()) when imported; remove that call"
    return f"{filename} could not be imported: {names[0] if names else 'Exception'}: {message}"


def _ended_message(
    status: str, exercise: str, current: str, timeout: float, filename: str, code: int | None
) -> str:
    if status == "timed out":
        if current == "import":
            return (
                f"importing {filename} did not finish within {timeout:g} s; "
                "look for a loop that never ends outside the functions"
            )
        return (
            f"{exercise} did not finish within {timeout:g} s (check '{current}'); "
            "look for a loop that never ends"
        )
    if status == "garbled":
        return (
            f"{exercise} sent the grader something that is not an answer during check "
            f"'{current}' (the checking process's pipe was written to)"
        )
    how = f" (exit code {code})" if code is not None else ""
    return (
        f"{exercise} ended the checking process{how} during check '{current}' before "
        "returning a result; an exercise function must return its answer, not call "
        "os._exit(), kill its process or end it otherwise"
    )


def run_parts_remote(
    parts: list[Part],
    exercise: str,
    start: Callable[[], StudentProcess],
    *,
    only: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    filename: str = "the exercise file",
    close: bool = True,
) -> ExerciseRun:
    """Start the student's process with ``start()`` and run ``parts`` against it.

    With ``close=False`` the process stays alive for the next exercise (unless the run
    ended it: a time-out, a crash or a garbled reply always kills it).
    """
    run = ExerciseRun()
    process = None
    try:
        process = start()
        if process.import_error is not None:
            run.fatal = ("error", _import_message(process.import_error, filename))
            return run
        if not process.names.get(exercise):
            run.fatal = ("error", f"{filename} defines no function {exercise}")
            return run
        func = process.function(exercise)
        for result in _timed(run_exercise_parts(parts, func, only=only), process, timeout):
            run.parts.append(result)
    except RunEnded as ended:
        current = "import" if process is None else _current_part(parts, run, only)
        status = "timed out" if ended.status == "timed out" else "error"
        run.fatal = (
            status,
            _ended_message(
                ended.status, exercise, current, timeout, filename, process and process.exitcode
            ),
        )
    finally:
        if process is not None and close:
            process.close()
    return run


class StudentFile:
    """A student's file imported in one child process, shared by a chapter's exercises.

    :meth:`process` starts the child on first use, and again after a run ended the
    previous one; :meth:`close` kills it with its process group.
    """

    def __init__(self, path: str | Path, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = Path(path)
        self.source = self.path.read_text(encoding="utf-8", errors="replace")
        self.timeout = timeout
        self._process: StudentProcess | None = None

    def process(self) -> StudentProcess:
        if self._process is None or self._process.closed:
            self._process = None
            self._process = StudentProcess(
                source=self.source, filename=str(self.path), timeout=self.timeout
            )
        return self._process

    def close(self) -> None:
        if self._process is not None:
            self._process.close()

    def __enter__(self) -> StudentFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _current_part(parts: list[Part], run: ExerciseRun, only: str | None) -> str:
    if only is not None:
        return only
    done = {r.part.name for r in run.parts}
    return next((p.name for p in parts if p.name not in done), parts[-1].name)


def _timed(results: Iterable[PartResult], process: StudentProcess, timeout: float):
    """Give each part ``timeout`` seconds of the student's time, from its start."""
    iterator = iter(results)
    while True:
        process.deadline = time.monotonic() + timeout
        try:
            result = next(iterator)
        except StopIteration:
            return
        yield result


def run_in_child(
    path: str | Path,
    chapter: int,
    exercise: str,
    *,
    only: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    student: StudentFile | None = None,
) -> ExerciseRun:
    """Run the checks of ``exercise`` (or just part ``only``) on the file at ``path``.

    The checks run here; the file is read here and imported only in the child. Pass a
    :class:`StudentFile` of ``path`` to share its child process between exercises (the
    caller closes it); by default the child lives for this exercise only.
    """
    spec = importlib.import_module(f"{__package__}.ch{chapter:02d}").CHAPTER
    spec.prepare()
    owned = student is None
    student = StudentFile(path, timeout) if student is None else student
    try:
        return run_parts_remote(
            spec.parts[exercise],
            exercise,
            student.process,
            only=only,
            timeout=timeout,
            filename=Path(path).name,
            close=False,
        )
    finally:
        if owned:
            student.close()
