"""A Gradescope autograder in one command, and the script that runs inside it.

``mnist-grade gradescope-bundle autograder.zip [--hidden DIR] [--chapters 2 3]`` writes
a zip to upload as a Gradescope "programming assignment" autograder:

- ``setup.sh``: installs the wheel in a virtual environment with Python 3.11 or newer
  (Gradescope runs it once, when building the image);
- ``run_autograder``: grades ``/autograder/submission`` into
  ``/autograder/results/results.json``; whatever happens (a missing file, a syntax
  error, a submission that kills the grader, a Python that will not start) it writes a
  valid ``results.json`` with a reason per test, so a student sees 0 points and why,
  never "the autograder failed";
- the library's wheel, built without the reference solutions;
- ``hidden/``: the instructor's extra checks (``--hidden DIR``), which ship only here,
  never in the student's wheel;
- ``config.json``: the chapters to grade and the time limit per check.

The submission may hold the files flat or inside a folder, and misnamed files are found
by their chapter number (``ch02.py``, ``Ch02_Sigmoid (1).py``); each test's output says
which file was graded. The grader runs as root on Gradescope, so the student's code runs
as ``nobody`` (see :mod:`mnist_tutorial.checks._remote`).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path
from typing import Any

__all__ = ["bundle_main", "find_submission_files", "run_autograder", "write_bundle"]

_ROOT_VARIABLE = "AUTOGRADER_ROOT"  # tests point this at a copy of the /autograder layout

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image: a virtual environment
# next to this script, with the library's wheel (Python 3.11 or newer).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=""
for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
        "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        PYTHON="$candidate"
        break
    fi
done
if [ -z "$PYTHON" ]; then
    apt-get update && apt-get install -y python3.11 python3.11-venv
    PYTHON=python3.11
fi
if ! "$PYTHON" -m venv venv; then
    apt-get update && apt-get install -y python3-venv "$PYTHON-venv"
    "$PYTHON" -m venv venv
fi
venv/bin/python -m pip install --no-cache-dir ./{wheel}
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission. It always leaves a results.json.
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$(cd "$(dirname "$0")" && pwd)"
[ -f "$SOURCE/config.json" ] || SOURCE="$ROOT/source"
mkdir -p "$ROOT/results"
rm -f "$ROOT/results/results.json"
PYTHON="${MNIST_PYTHON:-python3}"
[ -z "${MNIST_PYTHON:-}" ] && [ -x "$SOURCE/venv/bin/python" ] && PYTHON="$SOURCE/venv/bin/python"
"$PYTHON" -m mnist_tutorial.gradescope run --root "$ROOT" \
    --config "$SOURCE/config.json" --hidden "$SOURCE/hidden"
if [ ! -s "$ROOT/results/results.json" ]; then
    cat > "$ROOT/results/results.json" <<'EOF'
{"score": 0, "tests": [{"name": "Grading", "score": 0, "max_score": 1, "status": "failed",
 "output": "error: the grader stopped before writing a report (the submission ended it?)"}]}
EOF
fi
exit 0
"""


# -------------------------------------------------------------- building the bundle


def _repository_root() -> Path | None:
    root = Path(__file__).resolve().parent.parent
    return root if (root / "pyproject.toml").is_file() else None


def build_wheel(directory: Path) -> Path:
    """Build the library's wheel (student files only, no solutions) into ``directory``."""
    root = _repository_root()
    if root is None:
        raise RuntimeError(
            "building the wheel needs the repository (pyproject.toml); pass --wheel FILE"
        )
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(directory)],
        cwd=root,
        check=True,
        capture_output=True,
    )
    wheels = sorted(directory.glob("*.whl"))
    if not wheels:
        raise RuntimeError("hatchling built no wheel")
    return wheels[-1]


def write_bundle(
    out: str | Path,
    *,
    hidden: str | Path | None = None,
    chapters: list[int] | None = None,
    timeout: float | None = None,
    wheel: str | Path | None = None,
) -> Path:
    """Write the Gradescope autograder zip to ``out``; returns its path."""
    from .checks import CHAPTERS, DEFAULT_TIMEOUT, load_hidden_checks

    chapters = sorted(set(chapters)) if chapters else sorted(CHAPTERS)
    bad = [n for n in chapters if n not in CHAPTERS]
    if bad:
        raise ValueError(f"chapters must be among {sorted(CHAPTERS)}, got {bad}")
    if hidden is not None:
        hidden = Path(hidden)
        if not hidden.is_dir():
            raise ValueError(f"hidden: no folder {hidden}")
        load_hidden_checks(hidden)  # fail here, not on Gradescope, if they do not load
    out = Path(out)
    with tempfile.TemporaryDirectory() as tmp:
        wheel_path = Path(wheel) if wheel is not None else build_wheel(Path(tmp))
        with zipfile.ZipFile(wheel_path) as z:
            leaked = [n for n in z.namelist() if "solutions" in n.split("/")]
        if leaked:
            raise RuntimeError(f"the wheel holds solutions: {leaked[:3]}")
        config = {"chapters": chapters, "timeout": timeout or DEFAULT_TIMEOUT}
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            _add(z, "setup.sh", SETUP_SH.format(wheel=wheel_path.name), executable=True)
            _add(z, "run_autograder", RUN_AUTOGRADER, executable=True)
            _add(z, "config.json", json.dumps(config, indent=2) + "\n")
            z.write(wheel_path, wheel_path.name)
            if hidden is not None:
                for file in sorted(hidden.glob("*.py")):
                    z.write(file, f"hidden/{file.name}")
    return out


def _add(z: zipfile.ZipFile, name: str, text: str, *, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.external_attr = (0o755 if executable else 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, text)


def bundle_main(argv: list[str]) -> int:
    """``mnist-grade gradescope-bundle OUT.zip [--hidden DIR] [--chapters N ...]``."""
    parser = argparse.ArgumentParser(
        prog="mnist-grade gradescope-bundle",
        description="Write a Gradescope autograder zip: setup.sh, run_autograder, the wheel "
        "(no solutions) and the hidden checks.",
    )
    parser.add_argument("out", metavar="OUT.zip")
    parser.add_argument("--hidden", metavar="DIR", help="extra checks that ship only here")
    parser.add_argument("--chapters", type=int, nargs="+", metavar="N", help="chapters to grade")
    parser.add_argument("--timeout", type=float, help="seconds per check (default: 10)")
    parser.add_argument("--wheel", metavar="FILE", help="use this wheel instead of building one")
    args = parser.parse_args(argv)
    if not Path(args.out).resolve().parent.is_dir():
        print(f"mnist-grade: no folder for {args.out}", file=sys.stderr)
        return 2
    try:
        out = write_bundle(
            args.out,
            hidden=args.hidden,
            chapters=args.chapters,
            timeout=args.timeout,
            wheel=args.wheel,
        )
    except (ValueError, RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        print(f"mnist-grade: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out}: upload it as the assignment's autograder (Gradescope, Ubuntu image)")
    return 0


# -------------------------------------------------------------- inside Gradescope

_CHAPTER_NUMBER = re.compile(r"ch(?:apter)?[ _-]?0*(\d+)", re.IGNORECASE)


def find_submission_files(submission: Path, chapters: list[int]) -> dict[int, tuple[Path, str]]:
    """For each chapter, the submitted file to grade and a note on how it was found.

    An exact name anywhere in the submission wins (flat or inside folders); otherwise a
    ``.py`` file whose name holds the chapter number (``ch02.py``, ``Ch2_sigmoid (1).py``).
    """
    from .checks import CHAPTERS

    files = sorted(
        (p for p in submission.rglob("*.py") if p.is_file() and "__MACOSX" not in p.parts),
        key=lambda p: (len(p.relative_to(submission).parts), str(p)),
    )
    found: dict[int, tuple[Path, str]] = {}
    for number in chapters:
        name = CHAPTERS[number].filename
        exact = [p for p in files if p.name == name]
        if exact:
            where = exact[0].relative_to(submission)
            found[number] = (exact[0], "" if where == Path(name) else f"graded {where}")
            continue
        close = [
            p for p in files if (m := _CHAPTER_NUMBER.search(p.stem)) and int(m.group(1)) == number
        ]
        if close:
            where = close[0].relative_to(submission)
            found[number] = (close[0], f"graded {where} as {name}")
    return found


def run_autograder(root: str | Path, *, config: dict[str, Any], hidden: str | None) -> Path:
    """Grade ``root/submission`` into ``root/results/results.json``, whatever happens."""
    from .checks import CHAPTERS, load_hidden_checks
    from .grading import ExerciseResult, grade, results_to_gradescope

    root = Path(root)
    results_file = root / "results" / "results.json"
    results_file.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    written = False
    try:
        chapters = [int(n) for n in config.get("chapters") or sorted(CHAPTERS)]
        timeout = float(config.get("timeout", 10.0))
        if hidden and Path(hidden).is_dir():
            load_hidden_checks(hidden)
        submission = root / "submission"
        found = find_submission_files(submission, chapters) if submission.is_dir() else {}
        notes: dict[int, str] = {}
        results: list[ExerciseResult] = []
        with tempfile.TemporaryDirectory() as tmp:
            os.chmod(tmp, 0o755)
            for number in chapters:
                spec = CHAPTERS[number]
                if number not in found:
                    names = sorted(str(p.relative_to(submission)) for p in submission.rglob("*"))
                    seen = ", ".join(names[:10]) or "nothing"
                    message = f"{spec.filename} not found in the submission (it holds: {seen})"
                    results += [
                        ExerciseResult(number, n, 0, spec.max_points(n), "missing", message)
                        for n in spec.exercises
                    ]
                    continue
                path, notes[number] = found[number]
                shutil.copyfile(path, Path(tmp) / spec.filename)
                results += grade(tmp, chapters=[number], timeout=timeout)
        for i, r in enumerate(results):
            note = notes.get(r.chapter)
            if note:
                message = f"{note}; {r.message}" if r.message else note
                results[i] = ExerciseResult(
                    r.chapter, r.name, r.points, r.max_points, r.status, message
                )
        report = results_to_gradescope(results, time.perf_counter() - start)
        _write_json(results_file, report)
        written = True
    finally:
        if not written:
            reason = traceback.format_exc(limit=3)
            _write_json(results_file, _fallback(config, reason))
    return results_file


def _fallback(config: dict[str, Any], reason: str) -> dict[str, Any]:
    from .checks import CHAPTERS

    tests = []
    try:
        chapters = [int(n) for n in config.get("chapters") or sorted(CHAPTERS)]
        for number in chapters:
            for name in CHAPTERS[number].exercises:
                tests.append(
                    {
                        "name": f"Chapter {number}: {name}",
                        "score": 0,
                        "max_score": CHAPTERS[number].max_points(name),
                        "status": "failed",
                        "output": f"error: the autograder failed before grading this: {reason}",
                    }
                )
    except Exception:
        tests = []
    if not tests:
        tests = [
            {
                "name": "Grading",
                "score": 0,
                "max_score": 1,
                "status": "failed",
                "output": f"error: {reason}",
            }
        ]
    return {"score": 0, "tests": tests}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2) + "\n")
    os.replace(tmp, path)


def _run_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m mnist_tutorial.gradescope run")
    parser.add_argument("--root", default=os.environ.get(_ROOT_VARIABLE, "/autograder"))
    parser.add_argument("--config")
    parser.add_argument("--hidden")
    args = parser.parse_args(argv)
    config: dict[str, Any] = {}
    try:
        if args.config and Path(args.config).is_file():
            config = json.loads(Path(args.config).read_text())
    except ValueError:
        config = {}
    run_autograder(args.root, config=config, hidden=args.hidden)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["run"]:
        sys.exit(_run_main(sys.argv[2:]))
    sys.exit(bundle_main(sys.argv[1:]))
