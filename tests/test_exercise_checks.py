"""The exercise checks are worth something: the solutions pass, the stubs score 0, a
function that only raises scores 0, partial work keeps its points, harmless variants
keep full marks, and every mistake in the catalogue (tests/mistakes/) loses points.

Each mistake is swapped into a copy of the reference solution and graded with the
grader's own scoring (:func:`run_exercise_parts`, :func:`summarize`) in this process, to
keep the suite fast; the solutions, the stubs and the only-raises files go through the
real grader (child process, time limit), and ``test_grader.py`` tests that runner.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest
from threadpoolctl import threadpool_limits

from mnist_tutorial.checks import (
    CHAPTERS,
    load_student_module,
    run_exercise_parts,
    run_in_child,
    summarize,
)
from mnist_tutorial.checks._strategies import STRATEGY_NAMES
from mnist_tutorial.grade import ExerciseResult, grade

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
SOLUTIONS = EXERCISES / "solutions"
MISTAKES = Path(__file__).with_name("mistakes")
N_EXERCISES = sum(len(c.exercises) for c in CHAPTERS.values())

_spec = importlib.util.spec_from_file_location("make_stubs", ROOT / "scripts" / "make_stubs.py")
make_stubs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_stubs)


def _catalogue(path: Path, filename_of=None):
    """(filename, exercise, variant, imports source, function source, keyword) per function.

    The keyword is the ``Keyword:`` line of the function's docstring (alternatives
    separated by `` | ``): a piece of text the
    hint of a catalogued mistake must contain, so that the hint names its own fault.
    """
    source = path.read_text()
    tree = ast.parse(source)
    # imports and private helpers (``_split``) go along with every mistake
    imports = "\n\n".join(
        ast.get_source_segment(source, node)
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
        or (isinstance(node, ast.FunctionDef) and node.name.startswith("_"))
    )
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and "__" in node.name:
            exercise, _, variant = node.name.partition("__")
            func = ast.get_source_segment(source, node).replace(
                f"def {node.name}(", f"def {exercise}(", 1
            )
            filename = filename_of(exercise) if filename_of else path.name
            keyword = re.search(r"^\s*Keyword: (.+)$", ast.get_docstring(node) or "", re.M)
            found.append(
                (filename, exercise, variant, imports, func, keyword and keyword.group(1).strip())
            )
    return found


def _mistakes():
    found = []
    for spec in CHAPTERS.values():
        if (MISTAKES / spec.filename).is_file():
            found += _catalogue(MISTAKES / spec.filename)
    return found


def _filename_of(exercise):
    return next(c.filename for c in CHAPTERS.values() if exercise in c.exercises)


MISTAKE_CASES = _mistakes()
ACCEPTABLE_CASES = _catalogue(MISTAKES / "acceptable.py", _filename_of)


@pytest.fixture(scope="module", autouse=True)
def _one_blas_thread():
    """As in the grader's child processes: small problems run fastest on one thread."""
    with threadpool_limits(1):
        yield


def _grade_variant(tmp_path, filename, exercise, imports, func):
    """Grade one exercise of a solution copy whose function is replaced by ``func``."""
    shutil.copy(SOLUTIONS / filename, tmp_path / filename)
    with open(tmp_path / filename, "a") as f:
        f.write(f"\n\n{imports}\n\n\n{func}\n")
    spec = next(c for c in CHAPTERS.values() if c.filename == filename)
    spec.prepare()
    module = load_student_module(tmp_path / filename)
    parts = list(run_exercise_parts(spec.parts[exercise], getattr(module, exercise)))
    status, points, message = summarize(parts, exercise)
    return ExerciseResult(spec.number, exercise, points, spec.max_points(exercise), status, message)


def test_catalogue_has_mistakes_for_every_exercise_of_every_chapter():
    for spec in CHAPTERS.values():
        n = sum(case[0] == spec.filename for case in MISTAKE_CASES)
        assert n >= 8, f"{spec.filename}: only {n} mistakes in tests/mistakes"
    exercises = {case[:2] for case in MISTAKE_CASES}
    for spec in CHAPTERS.values():
        for name in spec.exercises:
            assert (spec.filename, name) in exercises, f"no catalogued mistake for {name}"
        assert all(name in spec.exercises for f, name in exercises if f == spec.filename)


def test_solutions_get_full_marks():
    results = grade(SOLUTIONS)
    assert len(results) == N_EXERCISES
    failed = [(r.name, r.status, r.message) for r in results if r.status != "passed"]
    assert failed == []
    assert all(r.points == r.max_points > 0 for r in results)


def test_stubs_score_zero_and_are_not_started():
    results = grade(EXERCISES)
    assert [r.status for r in results] == ["not started"] * N_EXERCISES
    assert sum(r.points for r in results) == 0


def test_a_function_that_only_raises_scores_zero(tmp_path):
    exceptions = ("ValueError", "TypeError", "RuntimeError")  # taking turns, chapter by chapter
    for i, spec in enumerate(CHAPTERS.values()):
        stub = make_stubs.make_stub((SOLUTIONS / spec.filename).read_text())
        (tmp_path / spec.filename).write_text(
            stub.replace("raise NotImplementedError(", f"raise {exceptions[i % 3]}(")
        )
    results = grade(tmp_path)
    earned = [(r.chapter, r.name, r.points) for r in results if r.points]
    assert earned == []
    assert {r.status for r in results} == {"error"}


def test_partial_work_keeps_its_points(tmp_path):
    """A function that works but raises NotImplementedError for one edge case is 'failed'
    with the points it earned, not 'not started'."""
    source = (SOLUTIONS / "ch11_going_further.py").read_text()
    source = source.replace(
        "    if m == 0:\n        return 0.0",
        '    if m == 0:\n        raise NotImplementedError("blank images: later")',
    )
    (tmp_path / "ch11_going_further.py").write_text(source)
    (result,) = grade(tmp_path, chapters=[11], exercises=["image_skew"])
    assert result.status == "failed"
    assert 0 < result.points < result.max_points
    assert "NotImplementedError" in result.message


@pytest.mark.parametrize("solution", sorted(SOLUTIONS.glob("ch[0-9][0-9]_*.py")), ids=str)
def test_stubs_are_generated_from_the_solutions(solution):
    stub = (EXERCISES / solution.name).read_text()
    assert stub == make_stubs.make_stub(solution.read_text()), (
        f"exercises/{solution.name} is out of date: run python scripts/make_stubs.py"
    )


def test_make_stubs_check_mode(tmp_path, capsys):
    (tmp_path / "solutions").mkdir()
    shutil.copy(SOLUTIONS / "ch02_sigmoid.py", tmp_path / "solutions")
    assert make_stubs.main(["--check", "--dir", str(tmp_path)]) == 1
    assert "ch02_sigmoid.py" in capsys.readouterr().err
    assert make_stubs.main(["--dir", str(tmp_path)]) == 0
    assert make_stubs.main(["--check", "--dir", str(tmp_path)]) == 0


@pytest.mark.parametrize("spec", CHAPTERS.values(), ids=lambda c: c.filename)
def test_solutions_define_each_exercise_once_with_a_docstring(spec):
    tree = ast.parse((SOLUTIONS / spec.filename).read_text())
    funcs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    assert list(funcs) == list(spec.exercises)
    for func in funcs.values():
        doc = " ".join((ast.get_docstring(func) or "").split())
        assert "Returns -------" in doc
        # every bad-input part is announced in the docstring
        gated = [p for p in spec.parts[func.name] if p.requires]
        if gated:
            assert "Raises" in doc and "only after the function works on valid input" in doc
    imported = [
        getattr(n, "module", None) or "" for n in tree.body if isinstance(n, ast.ImportFrom)
    ]
    assert not any(m.startswith("mnist_tutorial") for m in imported)


def test_every_catalogued_mistake_has_a_keyword():
    missing = [f"{c[1]}__{c[2]}" for c in MISTAKE_CASES if not c[5]]
    assert missing == [], "add a 'Keyword: ...' line to the docstring of each"


@pytest.mark.parametrize(
    "filename, exercise, mistake, imports, func, keyword",
    MISTAKE_CASES,
    ids=[f"{c[1]}-{c[2]}" for c in MISTAKE_CASES],
)
def test_each_catalogued_mistake_loses_points(
    tmp_path, filename, exercise, mistake, imports, func, keyword
):
    result = _grade_variant(tmp_path, filename, exercise, imports, func)
    assert result.points < result.max_points, f"mistake {mistake!r} kept full marks"
    assert result.status in ("failed", "error")
    assert result.message
    # the hint names the mistake's own fault (its keyword) ...
    # (" | " separates alternatives: a fault NumPy or pandas versions report differently)
    alternatives = [k.strip().lower() for k in (keyword or "").split(" | ") if k.strip()]
    assert any(k in result.message.lower() for k in alternatives), (keyword, result.message)
    # ... and helps without giving the answer away
    assert "\n" not in result.message
    assert "array([" not in result.message
    assert "off by" not in result.message


@pytest.mark.parametrize(
    "filename, exercise, variant, imports, func, keyword",
    ACCEPTABLE_CASES,
    ids=[f"{c[1]}-{c[2]}" for c in ACCEPTABLE_CASES],
)
def test_harmless_variants_keep_full_marks(
    tmp_path, filename, exercise, variant, imports, func, keyword
):
    result = _grade_variant(tmp_path, filename, exercise, imports, func)
    assert (result.status, result.message) == ("passed", ""), variant


@pytest.mark.parametrize("spec", CHAPTERS.values(), ids=lambda c: c.filename)
def test_every_exercise_has_generated_cases_from_declared_strategies(spec):
    """Each chapter declares, per exercise, the strategies its ``generated`` part draws
    inputs from; an exercise without any (or without the part) fails."""
    module = sys.modules[f"mnist_tutorial.checks.ch{spec.number:02d}"]
    declared = getattr(module, "STRATEGIES", {})
    for name in spec.exercises:
        strategies = declared.get(name, [])
        assert strategies, f"{name}: no strategies declared in STRATEGIES"
        assert set(strategies) <= set(STRATEGY_NAMES), f"{name}: unknown strategy"
        assert "generated" in [p.name for p in spec.parts[name]], f"{name}: no generated part"
    assert set(declared) == set(spec.exercises)


@pytest.mark.parametrize(
    "filename, exercise, name, imports, func",
    [case[:5] for case in MISTAKE_CASES + ACCEPTABLE_CASES],
    ids=[f"{c[1]}-{c[2]}" for c in MISTAKE_CASES + ACCEPTABLE_CASES],
)
def test_the_grader_child_process_gives_the_same_grade(
    tmp_path, filename, exercise, name, imports, func
):
    """The real grader (the function in a child process, the checks here, only plain
    data between them) grades every catalogued variant as the checks do in-process."""
    here = _grade_variant(tmp_path, filename, exercise, imports, func)
    spec = next(c for c in CHAPTERS.values() if c.filename == filename)
    run = run_in_child(tmp_path / filename, spec.number, exercise)
    assert run.fatal is None
    there = summarize(run.parts, exercise)
    again = _grade_variant(tmp_path, filename, exercise, imports, func)
    if again.message != here.message:  # an unseeded answer: its hint quotes random numbers
        assert there[:2] == (here.status, here.points) == (again.status, again.points)
    else:
        assert there == (here.status, here.points, here.message)
