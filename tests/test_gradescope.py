"""The Gradescope autograder bundle, run in a local copy of Gradescope's ``/autograder``
layout (``source/``, ``submission/``, ``results/``; its root set by ``AUTOGRADER_ROOT``):
every kind of upload ends with a valid ``results.json`` and a reason per test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mnist_tutorial._version import source_version
from mnist_tutorial.checks import CHAPTERS
from mnist_tutorial.grade import main

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "exercises" / "solutions"
CHAPTERS_GRADED = [2, 3]

HIDDEN_CHECK = """
from mnist_tutorial.checks import CHAPTERS, CheckFailure, call


@CHAPTERS[2].part("sigmoid", points=1)
def _sigmoid_hidden_symmetry(sigmoid):
    got = call(sigmoid, [-1.5, 1.5])
    if abs(got[0] + got[1] - 1) > 1e-12:
        raise CheckFailure("sigmoid(-z) + sigmoid(z) is not 1")
"""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """The bundle, built once with a hidden check, unzipped as /autograder/source."""
    tmp = tmp_path_factory.mktemp("bundle")
    hidden = tmp / "hidden_checks"
    hidden.mkdir()
    (hidden / "ch02_extra.py").write_text(HIDDEN_CHECK)
    out = tmp / "autograder.zip"
    command = [sys.executable, "-m", "mnist_tutorial.grade", "gradescope-bundle", str(out)]
    command += ["--hidden", str(hidden), "--chapters", *map(str, CHAPTERS_GRADED)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        wheel = next(n for n in names if n.endswith(".whl"))
        z.extractall(tmp / "source")
    return {"source": tmp / "source", "names": names, "wheel": tmp / "source" / wheel}


def test_the_bundle_holds_what_gradescope_needs(bundle):
    names = bundle["names"]
    assert {"setup.sh", "run_autograder", "config.json", "hidden/ch02_extra.py"} <= set(names)
    with zipfile.ZipFile(bundle["wheel"]) as wheel:
        inside = wheel.namelist()
    assert not [n for n in inside if "solutions" in n or "ch02_extra" in n]
    assert "mnist_tutorial/exercises_bundle/ch02_sigmoid.py" in inside
    assert bundle["wheel"].name in (bundle["source"] / "setup.sh").read_text()
    # the wheel's version is the base version plus a hash of the sources
    assert bundle["wheel"].name.startswith(f"mnist_tutorial-{source_version(ROOT)}-")
    config = json.loads((bundle["source"] / "config.json").read_text())
    assert config["chapters"] == CHAPTERS_GRADED


def _layout(tmp_path: Path, source: Path) -> Path:
    root = tmp_path / "autograder"
    shutil.copytree(source, root / "source")
    (root / "submission").mkdir()
    (root / "results").mkdir()
    return root


def _run(root: Path, **env: str) -> dict:
    os.chmod(root / "source" / "run_autograder", 0o755)
    environment = dict(os.environ, AUTOGRADER_ROOT=str(root))
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    environment.update(env)
    subprocess.run(
        [str(root / "source" / "run_autograder")],
        env=environment,
        capture_output=True,
        timeout=600,
        check=False,
    )
    report = json.loads((root / "results" / "results.json").read_text())
    _assert_gradescope_schema(report)
    return report


def _assert_gradescope_schema(report: dict) -> None:
    assert isinstance(report["tests"], list) and report["tests"]
    for test in report["tests"]:
        assert isinstance(test["name"], str) and test["name"]
        assert isinstance(test["score"], (int, float))
        assert isinstance(test["max_score"], (int, float)) and test["max_score"] > 0
        assert 0 <= test["score"] <= test["max_score"]
        assert test["status"] in ("passed", "failed")
        assert isinstance(test["output"], str)
        assert test["status"] == "passed" or test["output"]  # a reason for every loss
    assert report.get("score", 0) == sum(t["score"] for t in report["tests"])


def _max_points(number: int) -> int:
    return sum(CHAPTERS[number].max_points(n) for n in CHAPTERS[number].exercises)


def _solution(number: int) -> Path:
    return SOLUTIONS / CHAPTERS[number].filename


def _upload(root: Path, case: str) -> None:
    sub = root / "submission"
    ch2, ch3 = _solution(2), _solution(3)
    if case == "flat":
        shutil.copy(ch2, sub)
        shutil.copy(ch3, sub)
    elif case == "folder":
        (sub / "my_work" / "exercises").mkdir(parents=True)
        shutil.copy(ch2, sub / "my_work" / "exercises")
        shutil.copy(ch3, sub / "my_work" / "exercises")
    elif case == "misnamed":
        shutil.copy(ch2, sub / "Ch02_Sigmoid (1).py")
        shutil.copy(ch3, sub / "ch3.py")
    elif case == "empty":
        (sub / ch2.name).write_text("")
        shutil.copy(ch3, sub)
    elif case == "broken":
        (sub / ch2.name).write_text(ch2.read_text() + "\ndef broken(:\n")
        shutil.copy(ch3, sub)
    elif case == "missing":
        (sub / "notes.txt").write_text("I ran out of time")


@pytest.mark.parametrize("case", ["flat", "folder", "misnamed", "missing", "empty", "broken"])
def test_every_upload_gets_a_valid_results_json(bundle, tmp_path, case):
    root = _layout(tmp_path, bundle["source"])
    _upload(root, case)
    report = _run(root)
    by_chapter = {n: [t for t in report["tests"] if t["name"].startswith(f"Chapter {n}:")]
                  for n in CHAPTERS_GRADED}  # fmt: skip
    ch2 = sum(t["score"] for t in by_chapter[2])
    ch3 = sum(t["score"] for t in by_chapter[3])
    ch2_max = sum(t["max_score"] for t in by_chapter[2])
    # the hidden check counts: one point more than the wheel's checks
    assert ch2_max == _max_points(2) + 1
    if case in ("flat", "folder", "misnamed"):
        assert (ch2, ch3) == (ch2_max, _max_points(3))
    if case == "misnamed":
        assert "graded Ch02_Sigmoid (1).py as ch02_sigmoid.py" in by_chapter[2][0]["output"]
    if case == "missing":
        assert ch2 == ch3 == 0
        assert all("not found in the submission" in t["output"] for t in report["tests"])
    if case == "empty":
        assert ch2 == 0 and ch3 == _max_points(3)
        assert "defines no function" in by_chapter[2][0]["output"]
    if case == "broken":
        assert ch2 == 0 and ch3 == _max_points(3)
        assert "syntax error" in by_chapter[2][0]["output"]


def test_a_grader_that_cannot_start_still_writes_results(bundle, tmp_path):
    root = _layout(tmp_path, bundle["source"])
    _upload(root, "flat")
    report = _run(root, MNIST_PYTHON="false")
    assert report["score"] == 0 and "stopped" in report["tests"][0]["output"]


def test_bundle_refuses_bad_options(tmp_path, capsys):
    assert main(["gradescope-bundle", str(tmp_path / "no" / "where.zip")]) == 2
    out = str(tmp_path / "a.zip")
    assert main(["gradescope-bundle", out, "--hidden", str(tmp_path / "nowhere")]) == 2
    assert "no folder" in capsys.readouterr().err
