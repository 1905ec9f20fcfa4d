"""Shared fixtures for the library tests.

- The private fit cache of every test comes from the root ``conftest.py``.
- Every test ends with all matplotlib figures closed.
"""

from __future__ import annotations

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
