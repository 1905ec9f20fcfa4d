"""The grader: table, JSON and Gradescope output, batch CSV, exit codes and option
checks, --chapter, and broken student files (syntax error, infinite loop, os._exit,
sys.exit, wrong return type, exceptions) graded without crashing; ``pytest exercises/``
fails (never hangs, never passes) on the same broken files."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mnist_tutorial import grade as grade_module
from mnist_tutorial.checks import CHAPTERS
from mnist_tutorial.grade import (
    ExerciseResult,
    format_table,
    grade,
    main,
    results_to_gradescope,
    results_to_json,
)

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "exercises" / "solutions"
STUBS = ROOT / "exercises"


@pytest.fixture
def solutions_copy(tmp_path):
    """A writable copy of the reference solutions."""
    for spec in CHAPTERS.values():
        shutil.copy(SOLUTIONS / spec.filename, tmp_path / spec.filename)
    return tmp_path


def _append(path: Path, code: str) -> None:
    with open(path, "a") as f:
        f.write("\n\n" + code + "\n")


def test_json_schema_and_values(capsys):
    assert main(["--path", str(SOLUTIONS), "--chapter", "2", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"total", "max_total", "exercises"}
    assert isinstance(report["total"], int) and isinstance(report["max_total"], int)
    assert (
        report["total"]
        == report["max_total"]
        == sum(CHAPTERS[2].max_points(name) for name in CHAPTERS[2].exercises)
    )
    assert [e["name"] for e in report["exercises"]] == list(CHAPTERS[2].exercises)
    for entry in report["exercises"]:
        assert set(entry) <= {"chapter", "name", "points", "max_points", "status", "message"}
        assert {"chapter", "name", "points", "max_points", "status"} <= set(entry)
        assert isinstance(entry["chapter"], int) and entry["chapter"] == 2
        assert isinstance(entry["points"], int) and isinstance(entry["max_points"], int)
        assert entry["status"] == "passed"


def test_stub_chapter_exit_code_zero_and_table(capsys):
    assert main(["--path", str(STUBS), "--chapter", "6", "--chapter", "7"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"Grading {STUBS.as_posix()}/"
    rows = [line for line in lines if line[:7].strip() in ("6", "7")]
    assert [r.split()[1] for r in rows] == list(CHAPTERS[6].exercises + CHAPTERS[7].exercises)
    assert all(r.endswith("not started") for r in rows)
    total = next(line for line in lines if line.strip().startswith("Total"))
    max_total = sum(CHAPTERS[n].max_points(e) for n in (6, 7) for e in CHAPTERS[n].exercises)
    assert total.split()[-3:] == ["0", "/", str(max_total)]
    assert "6 not started" in out


def test_exit_code_when_the_grader_cannot_run(tmp_path, capsys):
    assert main(["--path", str(tmp_path / "missing")]) == 2
    assert "no folder" in capsys.readouterr().err
    assert main(["--path", str(tmp_path)]) == 2  # exists, but holds no exercise file
    assert "no exercise files" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["--chapter", "12"])
    assert exc.value.code == 2


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "1e9", "ten"])
def test_timeout_option_is_validated(value, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--path", str(SOLUTIONS), f"--timeout={value}"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--timeout" in err and value in err
    with pytest.raises(ValueError, match="timeout must be a positive, finite number of sec"):
        grade(SOLUTIONS, chapters=[2], timeout=float(value) if value != "ten" else float("nan"))


def test_syntax_error_costs_that_chapter_only(solutions_copy):
    _append(solutions_copy / "ch02_sigmoid.py", "def broken(:\n    pass")
    results = grade(solutions_copy, chapters=[1, 2, 3])
    by_chapter = {n: [r for r in results if r.chapter == n] for n in (1, 2, 3)}
    assert all(r.status == "passed" for r in by_chapter[1] + by_chapter[3])
    for r in by_chapter[2]:
        assert (r.status, r.points) == ("error", 0)
        assert r.message.startswith("ch02_sigmoid.py has a syntax error on line")


def test_infinite_loop_costs_that_exercise_only(solutions_copy):
    _append(
        solutions_copy / "ch06_confusion.py",
        "def accuracy_from_confusion(cm):\n    while True:\n        pass",
    )
    results = grade(solutions_copy, chapters=[6], timeout=2)
    status = {r.name: r.status for r in results}
    assert status == {
        "confusion_matrix_counts": "passed",
        "accuracy_from_confusion": "timed out",
        "most_confused": "passed",
    }
    (looped,) = [r for r in results if r.status == "timed out"]
    assert looped.points == 0 and "did not finish within 2 s" in looped.message


def test_import_time_loop_is_contained(solutions_copy):
    _append(solutions_copy / "ch10_polynomial.py", "while True:\n    pass")
    results = grade(solutions_copy, chapters=[9, 10], timeout=1)
    assert [r.status for r in results if r.chapter == 9] == ["passed"] * 3
    for r in (r for r in results if r.chapter == 10):
        assert (r.status, r.points) == ("timed out", 0)
        assert r.message.startswith("importing ch10_polynomial.py did not finish within 1 s")


def test_import_time_exit_is_contained(solutions_copy):
    _append(solutions_copy / "ch08_scaling.py", "import sys\nsys.exit(3)")
    (result, _) = grade(solutions_copy, chapters=[8], timeout=2)
    assert result.status == "error" and "sys.exit()" in result.message


def test_exit_inside_a_function_is_an_error_not_a_pass(solutions_copy):
    _append(
        solutions_copy / "ch06_confusion.py",
        "import os\nimport sys\n\n\n"
        "def accuracy_from_confusion(cm):\n    os._exit(0)\n\n\n"
        "def most_confused(cm, labels, k=3):\n    sys.exit()",
    )
    results = {r.name: r for r in grade(solutions_copy, chapters=[6], timeout=5)}
    died = results["accuracy_from_confusion"]
    assert (died.status, died.points) == ("error", 0)
    assert "ended the checking process (exit code 0)" in died.message
    exited = results["most_confused"]
    assert (exited.status, exited.points) == ("error", 0)
    assert "called sys.exit(None)" in exited.message
    assert results["confusion_matrix_counts"].status == "passed"


def test_pytest_on_exercises_fails_on_loop_and_exit(solutions_copy):
    """`pytest exercises/` ends with failures, not a hang or a pass, on an infinite loop
    and on os._exit(0), using the grader's own runner and time limit."""
    _append(
        solutions_copy / "ch06_confusion.py",
        "import os\n\n\n"
        "def accuracy_from_confusion(cm):\n    while True:\n        pass\n\n\n"
        "def most_confused(cm, labels, k=3):\n    os._exit(0)",
    )
    command = [
        sys.executable, "-m", "pytest", str(ROOT / "exercises" / "test_ch06_confusion.py"),
        "--exercises-dir", str(solutions_copy), "--check-timeout", "2",
        "-q", "-p", "no:cacheprovider", "-k", "accuracy_from_confusion-values or most_confused",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "timed out: accuracy_from_confusion did not finish within 2 s" in done.stdout
    assert "ended the checking process (exit code 0)" in done.stdout
    assert " passed" not in done.stdout.splitlines()[-1]


def test_wrong_return_type_and_exception_messages(solutions_copy):
    _append(
        solutions_copy / "ch09_pca.py",
        "def reconstruction_error(X, X_reconstructed):\n    return [1.0]\n\n\n"
        "def components_for_variance(explained_variance_ratio, target):\n"
        "    return explained_variance_ratio[len(explained_variance_ratio) + 5]",
    )
    results = {r.name: r for r in grade(solutions_copy, chapters=[9])}
    wrong_type = results["reconstruction_error"]
    assert wrong_type.status == "failed" and wrong_type.points == 0
    assert "returned a list; expected a single float" in wrong_type.message
    raised = results["components_for_variance"]
    assert raised.status == "error" and raised.points == 0
    assert raised.message.startswith("components_for_variance raised IndexError: ")
    assert "line" in raised.message and "ch09_pca.py" in raised.message
    assert results["reconstruct"].status == "passed"


def test_missing_function_and_prints_do_not_garble_output(solutions_copy, capsys):
    source = (solutions_copy / "ch10_polynomial.py").read_text()
    source = source.replace("def n_polynomial_features(", "def n_poly_features(")
    source = source.replace(
        '    """An unfitted pipeline', '    print("hello from the student")\n    """An'
    )
    (solutions_copy / "ch10_polynomial.py").write_text(source)
    assert main(["--path", str(solutions_copy), "--chapter", "10", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    first = report["exercises"][0]
    assert (first["name"], first["status"]) == ("n_polynomial_features", "error")
    assert "defines no function n_polynomial_features" in first["message"]


def test_format_table_alignment_and_hints():
    rows = [
        ExerciseResult(3, "softmax", 1, 3, "failed", "softmax(Z) has 2 NaN value(s)"),
        ExerciseResult(3, "linear_scores", 2, 2, "passed"),
        ExerciseResult(4, "accuracy", 0, 3, "timed out", "accuracy did not finish"),
        ExerciseResult(4, "fit_logistic_regression", 0, 3, "not started", "not implemented"),
    ]
    lines = format_table(rows, "exercises").splitlines()
    header = lines[2]
    assert header.split() == ["Chapter", "Exercise", "Points", "Status"]
    rows_text = [line for line in lines if line[:7].strip() in ("3", "4")]
    assert len({line.index(" / ") for line in rows_text}) == 1  # points aligned
    assert len({line.rindex("  ") for line in rows_text}) == 1  # status column aligned
    hints = [line.strip() for line in lines if line.strip().startswith("hint:")]
    assert hints == ["hint: softmax(Z) has 2 NaN value(s)", "hint: accuracy did not finish"]
    assert lines[-1] == "1 passed, 1 failed, 1 not started, 1 timed out"
    assert results_to_json(rows)["total"] == 3 and results_to_json(rows)["max_total"] == 11


def test_console_script_is_declared():
    text = (ROOT / "pyproject.toml").read_text()
    assert 'mnist-grade = "mnist_tutorial.grade:main"' in text
    assert callable(grade_module.main)


def test_gradescope_results_json(solutions_copy, tmp_path, capsys):
    _append(solutions_copy / "ch02_sigmoid.py", "def classify(probabilities, threshold=0.5):\n"
            "    return [1 if p > threshold else 0 for p in probabilities]")  # fmt: skip
    out = tmp_path / "results.json"
    args = ["--path", str(solutions_copy), "--chapter", "2", "--format", "gradescope"]
    assert main([*args, "--output", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    report = json.loads(out.read_text())
    # the fields Gradescope's autograder specification reads
    assert isinstance(report["score"], int)
    assert isinstance(report["tests"], list) and len(report["tests"]) == len(CHAPTERS[2].exercises)
    for test in report["tests"]:
        assert {"name", "score", "max_score", "output", "visibility"} <= set(test)
        assert isinstance(test["name"], str) and isinstance(test["output"], str)
        assert 0 <= test["score"] <= test["max_score"]
        assert test["visibility"] in ("hidden", "after_due_date", "after_published", "visible")
    tests = {t["name"]: t for t in report["tests"]}
    sigmoid, classify = tests["Chapter 2: sigmoid"], tests["Chapter 2: classify"]
    assert sigmoid["score"] == sigmoid["max_score"]
    assert classify["score"] < classify["max_score"] and classify["status"] == "failed"
    assert classify["output"].startswith("failed: classify(p) returned a list")
    assert report["score"] == sum(t["score"] for t in report["tests"])
    rows = [ExerciseResult(2, "sigmoid", 1, 5, "failed", "hint")]
    assert results_to_gradescope(rows)["tests"][0]["output"] == "failed: hint"


def _batch_folder(tmp_path: Path) -> Path:
    batch = tmp_path / "submissions"
    for student in ("ada", "bob", "cy", "dee", "eve"):
        (batch / student).mkdir(parents=True)
    shutil.copy(SOLUTIONS / "ch02_sigmoid.py", batch / "ada")
    (batch / "bob" / "exercises").mkdir()  # a whole repository copy works too
    shutil.copy(ROOT / "exercises" / "ch02_sigmoid.py", batch / "bob" / "exercises")
    (batch / "cy" / "ch02_sigmoid.py").write_text("def sigmoid(:\n")  # syntax error
    # dee's sigmoid loops forever; eve's kills the process grading her (and forks a
    # process that would linger)
    shutil.copy(SOLUTIONS / "ch02_sigmoid.py", batch / "dee")
    _append(batch / "dee" / "ch02_sigmoid.py", "def sigmoid(z):\n    while True:\n        pass")
    shutil.copy(SOLUTIONS / "ch02_sigmoid.py", batch / "eve")
    _append(
        batch / "eve" / "ch02_sigmoid.py",
        "import os, signal, time\n\n\ndef classify(p, threshold=0.5):\n"
        "    if os.fork() == 0:\n        time.sleep(600)\n"
        "    os.kill(os.getppid(), signal.SIGKILL)\n    os.kill(os.getpid(), signal.SIGKILL)",
    )
    return batch


def test_batch_grading_writes_points_and_status(tmp_path, capsys):
    batch = _batch_folder(tmp_path)
    out = tmp_path / "grades.csv"
    argv = ["--batch", str(batch), "--chapter", "2", "--output", str(out), "--timeout", "2"]
    assert main([*argv, "--jobs", "2"]) == 0
    assert "graded 5 submissions" in capsys.readouterr().out
    rows = list(csv.DictReader(out.read_text().splitlines()))
    names = [f"ch02_{name}" for name in CHAPTERS[2].exercises]
    assert list(rows[0]) == ["student", "total", *[c for n in names for c in (n, f"{n}_status")]]
    table = {row["student"]: row for row in rows}
    full = {f"ch02_{n}": CHAPTERS[2].max_points(n) for n in CHAPTERS[2].exercises}
    assert table["(max points)"]["total"] == str(sum(full.values()))
    for name in names:
        assert table["(max points)"][name] == str(full[name])
        assert (table["ada"][name], table["ada"][f"{name}_status"]) == (str(full[name]), "passed")
        assert (table["bob"][name], table["bob"][f"{name}_status"]) == ("0", "not started")
        assert (table["cy"][name], table["cy"][f"{name}_status"]) == ("0", "error")
    assert (table["dee"]["ch02_sigmoid"], table["dee"]["ch02_sigmoid_status"]) == ("0", "timed out")
    assert table["dee"]["ch02_classify_status"] == "passed"
    # eve's sigmoid keeps its points; classify killed its process: an error, not a pass
    assert table["eve"]["ch02_sigmoid_status"] == "passed"
    assert (table["eve"]["ch02_classify"], table["eve"]["ch02_classify_status"]) == ("0", "error")
    assert main(["--batch", str(tmp_path / "nowhere")]) == 2
    assert "no folder" in capsys.readouterr().err


def test_batch_grading_json_and_missing_files(tmp_path, capsys):
    batch = tmp_path / "submissions"
    (batch / "ada").mkdir(parents=True)
    (batch / "bob").mkdir()
    shutil.copy(SOLUTIONS / "ch02_sigmoid.py", batch / "ada")
    out = tmp_path / "grades.json"
    argv = ["--batch", str(batch), "--chapter", "2", "--format", "json", "--output", str(out)]
    assert main(argv) == 0
    report = json.loads(out.read_text())
    assert report["students"]["ada"]["total"] == report["max_total"] > 0
    statuses = {e["status"] for e in report["students"]["bob"]["exercises"]}
    assert statuses == {"missing"}


@pytest.mark.parametrize("where", ["folder", "no_such_dir/grades.csv"])
def test_batch_refuses_a_bad_output_before_grading(tmp_path, capsys, monkeypatch, where):
    batch = tmp_path / "submissions"
    (batch / "ada").mkdir(parents=True)
    (tmp_path / "folder").mkdir()

    def never(*args, **kwargs):
        raise AssertionError("grading started")

    monkeypatch.setattr(grade_module, "grade_batch", never)
    assert main(["--batch", str(batch), "--output", str(tmp_path / where)]) == 2
    assert "--output" in capsys.readouterr().err


def test_hidden_checks_count_in_local_and_batch_grading(tmp_path):
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / "extra.py").write_text(
        "from mnist_tutorial.checks import CHAPTERS, CheckFailure, call\n\n\n"
        "@CHAPTERS[2].part(CHAPTERS[2].exercises[0], points=1)\n"
        "def _hidden_extra(func):\n"
        "    raise CheckFailure('a hidden check that always fails')\n"
    )
    batch = tmp_path / "batch"
    (batch / "ada").mkdir(parents=True)
    shutil.copy(SOLUTIONS / "ch02_sigmoid.py", batch / "ada")
    base = [sys.executable, "-m", "mnist_tutorial.grade", "--chapter", "2", "--hidden", str(hidden)]
    local = subprocess.run(
        [*base, "--path", str(batch / "ada"), "--json"], capture_output=True, text=True
    )
    report = json.loads(local.stdout)
    full = sum(CHAPTERS[2].max_points(n) for n in CHAPTERS[2].exercises)
    assert report["max_total"] == full + 1 and report["total"] == full
    out = tmp_path / "grades.json"
    subprocess.run([*base, "--batch", str(batch), "--format", "json", "--output", str(out)])
    ada = json.loads(out.read_text())["students"]["ada"]
    assert (ada["total"], ada["max_total"]) == (full, full + 1)
    assert main(["--hidden", str(tmp_path / "nowhere")]) == 2


@pytest.mark.parametrize("readme", ["README.md", "exercises/README.md"])
def test_the_readmes_grader_example_is_what_the_grader_prints(readme, tmp_path, capsys):
    """The example output (a sigmoid as 1 / (1 + np.exp(-z)), a classify with >) is real."""
    text = (ROOT / readme).read_text(encoding="utf-8")
    shown = text.split("$ python -m mnist_tutorial.grade --chapter 2\n", 1)[1].split("```")[0]
    student = (STUBS / "ch02_sigmoid.py").read_text(encoding="utf-8")
    student = student.replace(
        'raise NotImplementedError("sigmoid: replace this line with your code")',
        "return 1 / (1 + np.exp(-z))",
    ).replace(
        'raise NotImplementedError("classify: replace this line with your code")',
        "return (np.asarray(probabilities) > threshold).astype(int)",
    )
    (tmp_path / "ch02_sigmoid.py").write_text(student, encoding="utf-8")
    main(["--path", str(tmp_path), "--chapter", "2"])
    printed = capsys.readouterr().out
    body = [line for line in shown.splitlines()[1:] if not line.startswith("(graded in")]
    assert [line for line in printed.splitlines()[1:] if not line.startswith("(graded in")] == body
