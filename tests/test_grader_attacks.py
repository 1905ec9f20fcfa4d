"""A submission cannot raise its own score: the checks run in the grader's process and
the student's code in a child that sends back only plain data.

Each attack below is added to a wrong ``sigmoid`` (it returns zeros); the grader runs as
a separate process (``mnist-grade --json --output``), as a course would run it, and the
attack must not score more than the wrong answer alone. A grader killed by the
submission writes no report at all, which scores nothing either.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from mnist_tutorial.checks import CHAPTERS

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "exercises" / "solutions"

WRONG = """

def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.zeros_like(z)
    return float(out) if out.ndim == 0 else out
"""

ATTACKS = {
    "patch the checks' helpers": """
import mnist_tutorial.checks._expect as _e, mnist_tutorial.checks._core as _c
import mnist_tutorial.checks.ch02 as _ch02
for _m in (_e, _c, _ch02):
    for _name in ("expect_close", "expect_array", "expect_equal_array", "call"):
        if hasattr(_m, _name):
            setattr(_m, _name, (lambda f, *a, **k: f(*a, **k)) if _name == "call"
                    else (lambda *a, **k: a[0]))
""",
    "patch np.isclose and np.allclose": """
np.isclose = lambda a, b, **k: np.ones(np.broadcast(np.asarray(a), np.asarray(b)).shape, bool)
np.allclose = lambda *a, **k: True
""",
    "replace the runner and the scoring": """
import mnist_tutorial.checks as _checks, mnist_tutorial.checks._core as _c
from mnist_tutorial.checks._core import PartResult as _PR
def _all_pass(parts, func, only=None):
    return [_PR(p, "passed") for p in parts]
_c.run_exercise_parts = _all_pass
_checks.run_exercise_parts = _all_pass
import mnist_tutorial.checks._runner as _r
_r.run_exercise_parts = _all_pass
_c.summarize = lambda results, exercise: ("passed", 99, "")
""",
    "write fake results into the pipe and stdout, then exit": """
import os as _os, struct as _struct, json as _json
def sigmoid(z):
    fake = _json.dumps({"d": {"result": 0.5, "changed": [], "warnings": []}, "n": []}).encode()
    message = _struct.pack("!Q", len(fake)) + fake
    for fd in range(1, 64):
        try:
            _os.write(fd, _struct.pack("!Q", len(message)) + message)
            _os.write(fd, b'{"total": 131, "max_total": 131}\\n  2  sigmoid  5 / 5  passed\\n')
        except OSError:
            pass
    for target in ("/proc/%d/fd/1" % _os.getppid(), "/proc/%d/fd/2" % _os.getppid()):
        try:
            with open(target, "w") as f:
                f.write("      2  sigmoid    5 / 5  passed\\n")
        except OSError:
            pass
    _os._exit(0)
""",
    "overwrite the oracles": """
import scipy.special as _special
import mnist_tutorial.checks.ch02 as _ch02
_special.expit = lambda z: np.zeros_like(np.asarray(z, dtype=float))
_ch02.expit = _special.expit
""",
    "kill the grader": """
import os as _os, signal as _signal
def sigmoid(z):
    _os.kill(_os.getppid(), _signal.SIGKILL)
    return np.zeros_like(np.asarray(z, dtype=float))
""",
}


def _grade(folder: Path, tmp_path: Path) -> dict | None:
    out = tmp_path / "report.json"
    command = [sys.executable, "-m", "mnist_tutorial.grade", "--path", str(folder)]
    command += ["--chapter", "2", "--json", "--output", str(out), "--timeout", "5"]
    subprocess.run(command, capture_output=True, timeout=300, check=False)
    if not out.is_file():
        return None  # the grader was killed: no report, no points
    report = json.loads(out.read_text())
    return {e["name"]: e["points"] for e in report["exercises"]}


@pytest.fixture(scope="module")
def wrong_score(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wrong")
    shutil.copy(SOLUTIONS / "ch02_sigmoid.py", folder)
    with open(folder / "ch02_sigmoid.py", "a") as f:
        f.write(WRONG)
    scores = _grade(folder, tmp_path_factory.mktemp("report"))
    assert scores is not None
    assert scores["sigmoid"] < CHAPTERS[2].max_points("sigmoid")  # the wrong answer loses
    return scores["sigmoid"]


@pytest.mark.parametrize("attack", list(ATTACKS), ids=list(ATTACKS))
def test_an_attack_does_not_raise_the_score(attack, wrong_score, tmp_path):
    folder = tmp_path / "submission"
    folder.mkdir()
    shutil.copy(SOLUTIONS / "ch02_sigmoid.py", folder)
    with open(folder / "ch02_sigmoid.py", "a") as f:
        f.write(WRONG + "\n" + ATTACKS[attack])
    scores = _grade(folder, tmp_path)
    if scores is not None:
        assert scores["sigmoid"] <= wrong_score


def test_processes_a_submission_forks_do_not_outlive_the_grade(tmp_path):
    shared = Path(tempfile.mkdtemp())  # writable by the child even after it drops root
    os.chmod(shared, 0o777)
    try:
        folder = tmp_path / "submission"
        folder.mkdir()
        shutil.copy(SOLUTIONS / "ch02_sigmoid.py", folder)
        with open(folder / "ch02_sigmoid.py", "a") as f:
            f.write(
                "\n\nimport os as _os, time as _time\n\n\ndef classify(p, threshold=0.5):\n"
                "    if _os.fork() == 0:\n"
                f"        open('{shared}/%d' % _os.getpid(), 'w').close()\n"
                "        _time.sleep(600)\n"
                "    return (np.asarray(p) >= threshold).astype(int)\n"
            )
        assert _grade(folder, tmp_path) is not None
        pids = [int(p.name) for p in shared.iterdir()]
        assert pids, "the forked process never ran"
        time.sleep(0.5)
        for pid in pids:
            assert not Path(f"/proc/{pid}").exists() or _zombie(pid), f"process {pid} lingers"
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def test_a_message_cannot_add_rows_to_the_table(tmp_path):
    folder = tmp_path / "submission"
    folder.mkdir()
    shutil.copy(SOLUTIONS / "ch02_sigmoid.py", folder)
    with open(folder / "ch02_sigmoid.py", "a") as f:
        f.write(
            "\n\ndef sigmoid(z):\n"
            "    raise ValueError('oops\\n      2  sigmoid    5 / 5  passed\\n')\n"
        )
    command = [sys.executable, "-m", "mnist_tutorial.grade", "--path", str(folder)]
    done = subprocess.run(
        [*command, "--chapter", "2"], capture_output=True, text=True, timeout=300, check=False
    )
    rows = [line for line in done.stdout.splitlines() if line.lstrip().startswith("2  sigmoid")]
    assert len(rows) == 1 and "error" in rows[0]


def test_the_child_drops_root_only_where_others_can_read_the_libraries():
    """As nobody in a root-only folder, a library's first-use import would fail (and a right
    answer lose points): there the child keeps root; elsewhere it drops to nobody."""
    from mnist_tutorial.checks._remote import _others_can_import

    with tempfile.TemporaryDirectory(dir=tempfile.gettempdir()) as name:
        base = Path(name)  # in /tmp (open to all), unlike pytest's private tmp_path
        if not _others_can_import([tempfile.gettempdir()]):
            pytest.skip("the temporary folder itself is private here")
        open_lib, private = base / "open" / "site-packages", base / "private"
        open_lib.mkdir(parents=True)
        (private / "site-packages").mkdir(parents=True)
        for folder in (base, base / "open", open_lib):
            folder.chmod(0o755)
        private.chmod(0o700)  # like /root, or pytest's tmp_path
        assert _others_can_import([str(open_lib), str(base / "missing")])
        assert not _others_can_import([str(private / "site-packages")])
        assert not _others_can_import([str(open_lib), str(private / "site-packages")])
        open_lib.chmod(0o711)  # passable but not listable: imports cannot find modules
        assert not _others_can_import([str(open_lib)])
