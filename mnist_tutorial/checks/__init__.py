"""The exercise checks, shared by the grader (``python -m mnist_tutorial.grade``) and by
``pytest exercises/``.

Each chapter module (``ch01`` ... ``ch10``) defines a :class:`Chapter`: the student file,
its exercises and, for each exercise, a few parts worth points. The checks compare the
student's answers with independent oracles (scikit-learn, SciPy, NumPy), never with the
reference solutions.

Examples
--------
>>> [c.filename for c in CHAPTERS.values()][:2]
['ch01_classification.py', 'ch02_sigmoid.py']
>>> CHAPTERS[2].exercises
('sigmoid', 'classify')
"""

from __future__ import annotations

from pathlib import Path

from . import ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08, ch09, ch10
from ._core import (
    STATUSES,
    Chapter,
    CheckFailure,
    Part,
    PartResult,
    describe_import_error,
    load_student_module,
    run_part,
)

__all__ = [
    "CHAPTERS",
    "STATUSES",
    "Chapter",
    "CheckFailure",
    "Part",
    "PartResult",
    "describe_import_error",
    "load_student_module",
    "pytest_check",
    "pytest_parts",
    "run_part",
]

#: Every chapter's checks, by chapter number.
CHAPTERS: dict[int, Chapter] = {
    m.CHAPTER.number: m.CHAPTER
    for m in (ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08, ch09, ch10)
}


def pytest_parts(chapter: int) -> list[Part]:
    """The parts of one chapter, for ``pytest.mark.parametrize`` in ``exercises/``."""
    return CHAPTERS[chapter].all_parts()


def pytest_check(part: Part, directory: str | Path) -> None:
    """Run one part on the student file in ``directory``; ``pytest.fail`` with a hint if wrong.

    Used by the thin test files in ``exercises/`` so that ``pytest exercises/`` and the
    grader run the very same checks.
    """
    import pytest

    chapter = CHAPTERS[part.chapter]
    path = Path(directory) / chapter.filename
    if not path.exists():
        pytest.fail(f"{path} not found", pytrace=False)
    try:
        module = load_student_module(path)
    except Exception as exc:
        pytest.fail(describe_import_error(exc, path), pytrace=False)
    func = getattr(module, part.exercise, None)
    if not callable(func):
        pytest.fail(f"{path.name} defines no function {part.exercise}", pytrace=False)
    chapter.prepare()
    result = run_part(part, func)
    if result.status != "passed":
        pytest.fail(f"{result.status}: {result.message}", pytrace=False)
