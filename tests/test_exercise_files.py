"""``mnist-tutorial exercises DIR``: the student files, never the solutions, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest

from mnist_tutorial.exercise_files import copy_exercises, main, student_files

ROOT = Path(__file__).resolve().parents[1]


def test_student_files_are_the_exercises_without_solutions():
    names = {path.name for path in student_files(ROOT / "exercises")}
    stubs = {path.name for path in (ROOT / "exercises").glob("ch*.py")}
    assert stubs and stubs <= names
    assert {f"test_{name}" for name in stubs} <= names
    assert {"README.md", "conftest.py"} <= names
    assert not any("solution" in name for name in names)


def test_student_files_rejects_a_missing_folder(tmp_path):
    with pytest.raises(ValueError, match="folder"):
        student_files(tmp_path / "nope")


def test_copy_exercises_copies_the_same_bytes(tmp_path):
    written = copy_exercises(tmp_path / "ex")
    assert {p.name for p in written} == {p.name for p in student_files(ROOT / "exercises")}
    for path in written:
        assert path.read_bytes() == (ROOT / "exercises" / path.name).read_bytes()


def test_copy_exercises_never_overwrites_a_students_work(tmp_path):
    (tmp_path / "ch02_sigmoid.py").write_text("my work")
    with pytest.raises(FileExistsError, match=r"ch02_sigmoid\.py"):
        copy_exercises(tmp_path)
    assert (tmp_path / "ch02_sigmoid.py").read_text() == "my work"
    assert not (tmp_path / "ch01_classification.py").exists()  # nothing copied
    copy_exercises(tmp_path, overwrite=True)
    assert (tmp_path / "ch02_sigmoid.py").read_text() != "my work"


def test_copy_exercises_rejects_a_file_as_destination(tmp_path):
    (tmp_path / "f").write_text("")
    with pytest.raises(ValueError, match="destination"):
        copy_exercises(tmp_path / "f")


def test_command_line(tmp_path, capsys):
    assert main(["exercises", str(tmp_path / "ex")]) == 0
    assert "pytest" in capsys.readouterr().out
    assert main(["exercises", str(tmp_path / "ex")]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["exercises", str(tmp_path / "ex"), "--force"]) == 0
    assert main(["grade", "--path", str(tmp_path / "ex"), "--chapter", "2", "--json"]) == 0
