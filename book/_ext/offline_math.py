"""Sphinx extension: serve MathJax 3 from the site itself, so formulas render offline.

Sphinx loads MathJax from a CDN by default (``mathjax_path``). This extension copies the
parts of the npm package ``mathjax@3`` that the book uses (``es5/tex-chtml.js``, its
fonts, TeX extensions, menu and accessibility components) into the site's
``_static/mathjax/`` and points ``mathjax_path`` there.

The package is looked up in ``$MNIST_TUTORIAL_MATHJAX`` (a ``node_modules/mathjax``
folder), then in ``_build/mathjax/node_modules/mathjax``; when neither exists and ``npm``
is on the PATH, it is installed there first (``npm install --prefix _build/mathjax
mathjax@3``, once: the folder survives rebuilds). Without npm the build warns (an error
under ``-W``) and formulas would load from the CDN.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sphinx.util import logging

ROOT = Path(__file__).resolve().parents[2]
NPM_PREFIX = ROOT / "_build" / "mathjax"
PARTS = (
    "tex-chtml.js",
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
    "ui",
    "a11y",
    "sre",
    "adaptors",
)
logger = logging.getLogger(__name__)


def find_mathjax(install: bool = True) -> Path | None:
    """The ``mathjax`` npm package folder, installing it with npm when possible."""
    chosen = os.environ.get("MNIST_TUTORIAL_MATHJAX")
    candidates = [Path(chosen)] if chosen else []
    candidates.append(NPM_PREFIX / "node_modules" / "mathjax")
    for folder in candidates:
        if (folder / "es5" / "tex-chtml.js").is_file():
            return folder
    npm = shutil.which("npm")
    if not install or npm is None:
        return None
    result = subprocess.run(
        [
            npm,
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(NPM_PREFIX),
            "mathjax@3",
        ],
        capture_output=True,
        text=True,
    )
    folder = NPM_PREFIX / "node_modules" / "mathjax"
    if result.returncode != 0 or not (folder / "es5" / "tex-chtml.js").is_file():
        logger.warning(f"offline_math: npm install mathjax@3 failed: {result.stderr.strip()}")
        return None
    return folder


def static_copy(package: Path) -> Path:
    """``_build/mathjax/static/mathjax/``: the parts of ``es5`` the site serves."""
    static = NPM_PREFIX / "static"
    target = static / "mathjax"
    stamp = static / ".version"
    version = (package / "package.json").read_text(encoding="utf-8")
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == version and target.is_dir():
        return static
    shutil.rmtree(static, ignore_errors=True)
    for part in PARTS:
        source = package / "es5" / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        elif source.is_file():
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / part)
    stamp.write_text(version, encoding="utf-8")
    return static


def _configure(app: Any, config: Any) -> None:
    package = find_mathjax()
    if package is None:
        logger.warning(
            "offline_math: no local MathJax (install npm, or set MNIST_TUTORIAL_MATHJAX to a "
            "node_modules/mathjax folder); formulas load from the CDN"
        )
        return
    static = str(static_copy(package))
    if static not in config.html_static_path:
        config.html_static_path.append(static)
    config.mathjax_path = "mathjax/tex-chtml.js"


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _configure)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
