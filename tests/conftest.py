"""Shared fixtures for the library tests.

- Every test that is not marked ``slow`` gets its own empty fit cache
  (``MNIST_TUTORIAL_CACHE`` points at a fresh temporary folder), so the suite never reads
  or writes the reader's real cache. Slow tests keep the real cache on purpose: they
  reuse the full-MNIST fits the book made.
- Every test ends with all matplotlib figures closed.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest


@pytest.fixture(autouse=True)
def _private_fit_cache(request, tmp_path_factory, monkeypatch):
    """Point the fit cache at a new temporary folder (except for tests marked slow)."""
    if request.node.get_closest_marker("slow") is not None:
        yield None
        return
    folder = tmp_path_factory.mktemp("fit-cache")
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(folder))
    yield folder


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test left open."""
    yield
    plt.close("all")


@pytest.fixture
def fit_cache(_private_fit_cache):
    """The folder of this test's private fit cache."""
    return _private_fit_cache
