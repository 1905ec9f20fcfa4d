"""Lint the code cells of every chapter with ruff, as the library is linted.

    python scripts/lint_chapters.py [extra ruff options, e.g. --output-format full]

The chapters are MyST markdown notebooks, where ruff sees no Python. Each is converted
with jupytext to an ``.ipynb`` in ``_build/lint/book/`` and checked with ``nbqa ruff``
(which understands cells and IPython magics), with the project's ruff configuration
(``pyproject.toml``: the chapters' own per-file ignores apply to ``**/book/**``) and
IPython's ``display`` as a builtin. Findings name the chapter and the cell
(``book/ch06_confusion.ipynb:cell_4:2:1``: the 4th cell of ``book/ch06_confusion.md``).
Exit status: ruff's (0 when clean).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "_build" / "lint"


def chapters() -> list[Path]:
    """The MyST notebooks of ``book/`` (pages with a jupytext header)."""

    def is_notebook(text: str) -> bool:
        return text.startswith("---") and "jupytext" in text.split("---", 2)[1]

    return [p for p in sorted((ROOT / "book").glob("*.md")) if is_notebook(p.read_text("utf-8"))]


def main(argv: list[str]) -> int:
    shutil.rmtree(OUT, ignore_errors=True)
    (OUT / "book").mkdir(parents=True)
    for path in chapters():
        notebook = jupytext.read(path, fmt="md:myst")
        jupytext.write(notebook, OUT / "book" / f"{path.stem}.ipynb", fmt="ipynb")
    command = [
        sys.executable,
        "-m",
        "nbqa",
        "ruff",
        *[str(p.relative_to(ROOT)) for p in sorted((OUT / "book").glob("*.ipynb"))],
        "--config",
        "builtins = ['display']",
        "--output-format",
        "concise",
        *argv,
    ]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
