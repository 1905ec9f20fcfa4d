"""The exercise checks, shared by the grader (``python -m mnist_tutorial.grade``) and by
``pytest exercises/``.

Each chapter module (``ch01`` ... ``ch11``) defines a :class:`Chapter`: the student file,
its exercises and, for each exercise, a few parts worth points. The checks compare the
student's answers with independent oracles (scikit-learn, SciPy, NumPy), never with the
reference solutions or with the library's own functions. Both the grader and pytest run
them through one runner (:func:`run_in_child`: a child process, a time limit, one
exception policy).

Examples
--------
>>> [c.filename for c in CHAPTERS.values()][:2]
['ch01_classification.py', 'ch02_sigmoid.py']
>>> CHAPTERS[2].exercises[0]
'sigmoid'
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from ._core import (
    Chapter,
    CheckFailure,
    Part,
    PartResult,
    call,
    call_float,
    describe_import_error,
    expect_array,
    expect_close,
    expect_equal_array,
    expect_float,
    expect_int,
    load_student_module,
    run_exercise_parts,
    run_part,
    summarize,
)
from ._remote import RunEnded, StudentProcess
from ._runner import DEFAULT_TIMEOUT, ExerciseRun, run_in_child, run_parts_remote

__all__ = [
    "CHAPTERS",
    "DEFAULT_TIMEOUT",
    "Chapter",
    "CheckFailure",
    "ExerciseRun",
    "Part",
    "PartResult",
    "RunEnded",
    "StudentProcess",
    "call",
    "call_float",
    "describe_import_error",
    "expect_array",
    "expect_close",
    "expect_equal_array",
    "expect_float",
    "expect_int",
    "load_hidden_checks",
    "load_student_module",
    "pytest_check",
    "pytest_parts",
    "run_exercise_parts",
    "run_in_child",
    "run_part",
    "run_parts_remote",
    "summarize",
]

# Every chNN module of this package is a chapter's checks: adding a chapter adds a file.
_MODULES = tuple(
    importlib.import_module(f"{__name__}.{info.name}")
    for info in pkgutil.iter_modules(__path__)
    if re.fullmatch(r"ch\d\d", info.name)
)

#: Every chapter's checks, by chapter number.
CHAPTERS: dict[int, Chapter] = {
    m.CHAPTER.number: m.CHAPTER for m in sorted(_MODULES, key=lambda m: m.CHAPTER.number)
}


_HIDDEN_LOADED: set[Path] = set()


def load_hidden_checks(directory: str | Path) -> list[Part]:
    """Import the instructor's extra check modules in ``directory`` into :data:`CHAPTERS`.

    Each ``*.py`` file there registers parts like a chapter module does, for example::

        from mnist_tutorial.checks import CHAPTERS, CheckFailure, call

        @CHAPTERS[2].part("sigmoid", points=1)
        def _sigmoid_hidden_symmetry(sigmoid):
            ...

    These files ship with the autograder only (``mnist-grade gradescope-bundle
    --hidden DIR``), never in the student's wheel. Loading a directory twice is a no-op.
    Returns the parts that were added.
    """
    import importlib.util

    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(f"hidden checks: no folder {directory}")
    before = {id(p) for c in CHAPTERS.values() for p in c.all_parts()}
    for file in sorted(directory.glob("*.py")):
        if file.resolve() in _HIDDEN_LOADED or file.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"_mnist_hidden_{file.stem}", file)
        if spec is None or spec.loader is None:
            raise ValueError(f"hidden checks: cannot import {file}")
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            raise ValueError(f"hidden checks: {file} cannot be loaded: {exc}") from exc
        _HIDDEN_LOADED.add(file.resolve())
    return [p for c in CHAPTERS.values() for p in c.all_parts() if id(p) not in before]


def pytest_parts(chapter: int) -> list[Part]:
    """The parts of one chapter, for ``pytest.mark.parametrize`` in ``exercises/``."""
    return CHAPTERS[chapter].all_parts()


def pytest_check(part: Part, directory: str | Path, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Run one part on the student file in ``directory``; ``pytest.fail`` with a hint if wrong.

    Used by the thin test files in ``exercises/`` so that ``pytest exercises/`` and the
    grader run the very same checks through the very same runner: a child process with a
    time limit per check, where ``os._exit``/``sys.exit`` is an error, never a pass.
    """
    import pytest

    chapter = CHAPTERS[part.chapter]
    path = Path(directory) / chapter.filename
    if not path.exists():
        pytest.fail(f"{path} not found", pytrace=False)
    chapter.prepare()  # here, so that the child inherits the data
    run = run_in_child(path, part.chapter, part.exercise, only=part.name, timeout=timeout)
    if run.fatal is not None:
        status, message = run.fatal
        pytest.fail(f"{status}: {message}", pytrace=False)
    results = [r for r in run.parts if r.part.name == part.name]
    if not results:
        pytest.fail(f"error: the check '{part.name}' reported nothing", pytrace=False)
    if results[0].status != "passed":
        pytest.fail(f"{results[0].status}: {results[0].message}", pytrace=False)
