"""The exercise checks are worth something: the solutions pass, the stubs score 0, and
every mistake in the catalogue (tests/mistakes/) loses points.

Each mistake is swapped into a copy of the reference solution and graded by the real
grader (child process, time limit), so this also tests the grader end to end.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from mnist_tutorial.checks import CHAPTERS
from mnist_tutorial.grade import grade, make_stub

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
SOLUTIONS = EXERCISES / "solutions"
MISTAKES = Path(__file__).with_name("mistakes")


def _mistakes():
    """(filename, exercise, mistake name, imports source, function source) per mistake."""
    found = []
    for spec in CHAPTERS.values():
        source = (MISTAKES / spec.filename).read_text()
        tree = ast.parse(source)
        imports = "\n".join(
            ast.get_source_segment(source, node)
            for node in tree.body
            if isinstance(node, (ast.Import, ast.ImportFrom))
        )
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and "__" in node.name:
                exercise, _, mistake = node.name.partition("__")
                func = ast.get_source_segment(source, node).replace(
                    f"def {node.name}(", f"def {exercise}(", 1
                )
                found.append((spec.filename, exercise, mistake, imports, func))
    return found


MISTAKE_CASES = _mistakes()


def test_catalogue_has_three_mistakes_per_chapter():
    for spec in CHAPTERS.values():
        n = sum(case[0] == spec.filename for case in MISTAKE_CASES)
        assert n >= 3, f"{spec.filename}: only {n} mistakes in tests/mistakes"
    exercises = {(case[0], case[1]) for case in MISTAKE_CASES}
    for spec in CHAPTERS.values():
        for name in spec.exercises:
            assert (spec.filename, name) in exercises, f"no catalogued mistake for {name}"
        assert all(name in spec.exercises for f, name in exercises if f == spec.filename)


def test_solutions_get_full_marks():
    results = grade(SOLUTIONS)
    assert len(results) == sum(len(c.exercises) for c in CHAPTERS.values()) == 28
    failed = [(r.name, r.status, r.message) for r in results if r.status != "passed"]
    assert failed == []
    assert all(r.points == r.max_points > 0 for r in results)


def test_stubs_score_zero_and_are_not_started():
    results = grade(EXERCISES)
    assert [r.status for r in results] == ["not started"] * 28
    assert sum(r.points for r in results) == 0


@pytest.mark.parametrize("spec", CHAPTERS.values(), ids=lambda c: c.filename)
def test_stubs_are_generated_from_the_solutions(spec):
    stub = (EXERCISES / spec.filename).read_text()
    solution = (SOLUTIONS / spec.filename).read_text()
    assert stub == make_stub(solution), (
        f"exercises/{spec.filename} is out of date: run python -m mnist_tutorial.grade --make-stubs"
    )


@pytest.mark.parametrize("spec", CHAPTERS.values(), ids=lambda c: c.filename)
def test_solutions_define_each_exercise_once_with_a_docstring(spec):
    tree = ast.parse((SOLUTIONS / spec.filename).read_text())
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert list(funcs) == list(spec.exercises)
    for func in funcs.values():
        doc = ast.get_docstring(func)
        assert doc and "Returns" in doc and "-------" in doc
    imported = [
        getattr(n, "module", None) or "" for n in tree.body if isinstance(n, ast.ImportFrom)
    ]
    assert not any(m.startswith("mnist_tutorial") for m in imported)


@pytest.mark.parametrize(
    "filename, exercise, mistake, imports, func",
    MISTAKE_CASES,
    ids=[f"{c[1]}-{c[2]}" for c in MISTAKE_CASES],
)
def test_each_catalogued_mistake_loses_points(tmp_path, filename, exercise, mistake, imports, func):
    shutil.copy(SOLUTIONS / filename, tmp_path / filename)
    with open(tmp_path / filename, "a") as f:
        f.write(f"\n\n{imports}\n\n\n{func}\n")
    chapter = next(c.number for c in CHAPTERS.values() if c.filename == filename)
    (result,) = grade(tmp_path, chapters=[chapter], exercises=[exercise], timeout=20)
    assert result.name == exercise
    assert result.points < result.max_points, f"mistake {mistake!r} kept full marks"
    assert result.status in ("failed", "error")
    assert result.message
    # the message helps without giving the answer away
    assert "\n" not in result.message
    assert "array([" not in result.message
