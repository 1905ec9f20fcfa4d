"""``mt.check`` in a notebook: the grader's checks, points and table for functions typed
in cells; ``exercise_cells`` gives a chapter's exercises as cells to fill."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

import mnist_tutorial as mt
from mnist_tutorial.checks import CHAPTERS
from mnist_tutorial.grade import format_table, grade

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "exercises" / "solutions"


def _solution_source(chapter: int, name: str) -> str:
    source = (SOLUTIONS / CHAPTERS[chapter].filename).read_text()
    node = next(
        n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name == name
    )
    return ast.get_source_segment(source, node)


def _define(chapter: int, name: str, body: str | None = None):
    namespace: dict = {}
    exec("import numpy as np\n\n" + (body or _solution_source(chapter, name)), namespace)
    return namespace[name], namespace


def test_check_gives_the_graders_points_and_table(tmp_path, capsys):
    right, _namespace = _define(2, "sigmoid")
    result = mt.check("ch02", right)
    printed = capsys.readouterr().out
    graded = [r for r in grade(SOLUTIONS, chapters=[2]) if r.name == "sigmoid"]
    assert result.results == graded  # the same points, status and message
    assert repr(result) == format_table(graded, title="Checking chapter 2 in this notebook")
    assert printed.strip() == repr(result).strip()


def test_check_a_namespace_and_a_wrong_answer(capsys):
    _, namespace = _define(2, "sigmoid")
    wrong = "def classify(probabilities, threshold=0.5):\n    return np.zeros(len(probabilities))"
    exec("import numpy as np\n" + wrong, namespace)
    result = mt.check(2, namespace, quiet=True)
    by_name = {r.name: r for r in result.results}
    assert set(by_name) == set(CHAPTERS[2].exercises) & set(namespace)
    assert by_name["sigmoid"].status == "passed"
    assert by_name["classify"].status == "failed" and by_name["classify"].message
    assert by_name["classify"].points < CHAPTERS[2].max_points("classify")
    assert capsys.readouterr().out == ""


def test_check_stops_a_loop_and_survives_an_exit():
    loop, _ = _define(2, "sigmoid", "def sigmoid(z):\n    while True:\n        pass")
    result = mt.check("ch02", loop, timeout=1, quiet=True)
    assert (result.results[0].status, result.points) == ("timed out", 0)
    bye, _ = _define(2, "sigmoid", "def sigmoid(z):\n    import os\n    os._exit(0)")
    result = mt.check("ch02", bye, quiet=True)
    assert (result.results[0].status, result.points) == ("error", 0)


def test_check_refuses_what_it_cannot_check():
    right, _ = _define(2, "sigmoid")
    with pytest.raises(ValueError, match="chapter must be among"):
        mt.check("ch99", right)
    with pytest.raises(TypeError, match="chapter"):
        mt.check(2.5, right)

    def not_an_exercise(x):
        return x

    with pytest.raises(ValueError, match="not an exercise of chapter 2"):
        mt.check("ch02", not_an_exercise)
    with pytest.raises(ValueError, match="none of chapter 2's exercises"):
        mt.check("ch02", {})


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_exercise_cells_follow_the_registry(chapter):
    cells = mt.exercise_cells(chapter)
    assert all(set(c) == {"cell_type", "source"} for c in cells)
    names = CHAPTERS[chapter].exercises
    assert len(cells) == 1 + 3 * len(names)
    for i, name in enumerate(names):
        task, stub, check = cells[1 + 3 * i : 4 + 3 * i]
        assert task["cell_type"] == "markdown" and f"`{name}`" in task["source"]
        assert stub["source"].startswith(f"def {name}(") and "NotImplementedError" in stub["source"]
        assert check == {"cell_type": "code", "source": f'mt.check("ch{chapter:02d}", {name})'}


def test_a_notebook_with_a_right_and_a_wrong_answer(wheel_only, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    cells = mt.exercise_cells("ch02")
    for cell in cells:  # fill the stubs: sigmoid right, classify wrong (> instead of >=)
        if cell["source"].startswith("def sigmoid("):
            cell["source"] = _solution_source(2, "sigmoid")
        elif cell["source"].startswith("def classify("):
            cell["source"] = (
                "def classify(probabilities, threshold=0.5):\n"
                "    return (np.asarray(probabilities) > threshold).astype(int)"
            )
    where = "import mnist_tutorial\nprint('library from', mnist_tutorial.__file__)"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(where)] + [
        nbformat.v4.new_markdown_cell(c["source"])
        if c["cell_type"] == "markdown"
        else nbformat.v4.new_code_cell(c["source"])
        for c in cells
    ]
    monkeypatch.setenv("PYTHONPATH", str(wheel_only))
    monkeypatch.chdir(tmp_path)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3").execute(cwd=str(tmp_path))
    outputs = [
        "".join(o.get("text", "") for o in cell.get("outputs", []))
        for cell in nb.cells
        if cell.cell_type == "code"
    ]
    assert outputs[0].startswith(f"library from {wheel_only}{os.sep}mnist_tutorial")
    tables = [o for o in outputs if o.startswith("Checking chapter 2 in this notebook")]
    assert len(tables) == 2
    full = CHAPTERS[2].max_points("sigmoid")
    assert f"sigmoid    {full} / {full}  passed" in tables[0]
    classify = next(line for line in tables[1].splitlines() if "classify" in line)
    assert classify.split()[-1] == "failed" and "hint: " in tables[1]
    got = int(classify.split()[2])
    assert got < CHAPTERS[2].max_points("classify")
