"""Project-wide pytest setup, for the tests and the library's doctests alike.

- matplotlib draws with the non-interactive Agg backend.
- Every test or doctest that is not marked ``slow`` gets its own empty fit cache
  (``MNIST_TUTORIAL_CACHE`` points at a fresh temporary folder), so the suite never reads
  or writes the reader's real cache. Slow tests keep the real cache on purpose: they
  reuse the full-MNIST fits the book made.
"""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _private_fit_cache(request, tmp_path_factory, monkeypatch):
    """Point the fit cache at a new temporary folder (except for tests marked slow)."""
    if request.node.get_closest_marker("slow") is not None:
        yield None
        return
    folder = tmp_path_factory.mktemp("fit-cache")
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(folder))
    yield folder
