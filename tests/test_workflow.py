"""The publishing workflow is valid GitHub Actions and runs what the README tells readers to run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
README = ROOT / "README.md"


def _check_jsonschema() -> list[str]:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    exe = exe or shutil.which("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[dev]')")
    return [exe]


def readme_commands() -> list[str]:
    """Commands of the README's quick start: each `&&`-separated part, comments dropped."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Quick start\n(.*?)(?=^## )", text, flags=re.DOTALL | re.MULTILINE)
    assert match, "the README has no '## Quick start' section"
    text = match.group(1)
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            commands += [part.strip() for part in line.split("&&") if part.strip()]
    return commands


def test_workflow_matches_the_github_workflow_schema():
    result = subprocess.run(
        [*_check_jsonschema(), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps: []\n", encoding="utf-8")  # no runs-on
    result = subprocess.run(
        [*_check_jsonschema(), "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0


def test_readme_quick_start_has_the_commands():
    commands = readme_commands()
    assert 'python -m pip install -e ".[dev]"' in commands
    assert "python -m pytest" in commands
    assert "python scripts/build_book.py" in commands


def ci_commands() -> list[str]:
    """The command lines of ``.ci/run`` (comments dropped, ``--quiet`` ignored)."""
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line.split(" #", 1)[0].replace(" --quiet", "").strip() for line in lines]


def test_workflow_runs_ci_which_runs_the_readme_commands():
    """The steps are written once, in .ci/run: the workflow runs it, it runs the README's."""
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [line.strip() for step in steps for line in step.get("run", "").splitlines()]
    assert "bash .ci/run" in runs
    assert not any("pytest" in line or "build_book" in line for line in runs)  # not repeated
    missing = [command for command in readme_commands() if command not in ci_commands()]
    assert not missing, f".ci/run does not run the README's {missing}"


def test_notebooks_job_pushes_the_uploaded_notebooks_to_the_notebooks_branch():
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    upload = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("with", {}).get("name"))
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "_build/html/_sources/**/*.ipynb"
    job = workflow["jobs"]["notebooks"]
    assert job["needs"] == "build" and "refs/heads/main" in job["if"]
    assert job["permissions"] == {"contents": "write"}
    download, push = job["steps"]
    assert download["uses"].startswith("actions/download-artifact@")
    assert download["with"]["name"] == upload["with"]["name"]
    assert push["working-directory"] == download["with"]["path"]
    assert "HEAD:notebooks" in push["run"] and "git add -A" in push["run"]


def test_workflow_builds_caches_and_deploys():
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "_build/html"
    cache = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert "_build/.jupyter_cache" in cache["with"]["path"]
    assert ".fit-cache" in cache["with"]["path"]
    for pattern in ("mnist_tutorial/**", "book/**", "pyproject.toml"):
        assert pattern in cache["with"]["key"]
    assert workflow["env"]["MNIST_TUTORIAL_CACHE"].endswith(".fit-cache")
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"]
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
