"""Shared fixtures for the library tests.

- The private fit cache of every test comes from the root ``conftest.py``.
- Every test ends with all matplotlib figures closed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test left open."""
    yield
    plt.close("all")


@pytest.fixture
def fit_cache(_private_fit_cache):
    """The folder of this test's private fit cache."""
    return _private_fit_cache


@pytest.fixture(scope="session")
def wheel_only(tmp_path_factory):
    """The library installed from its wheel into a folder of its own (no repository)."""
    tmp = tmp_path_factory.mktemp("wheel")
    build = [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp / "dist")]
    root = Path(__file__).resolve().parents[1]
    subprocess.run(build, cwd=root, check=True, capture_output=True, timeout=600)
    wheel = next((tmp / "dist").glob("*.whl"))
    install = [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet"]
    subprocess.run([*install, "--target", str(tmp / "site"), str(wheel)], check=True, timeout=600)
    return tmp / "site"
