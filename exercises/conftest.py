"""pytest setup for the exercises: which folder to check, and no doctests of the stubs.

``pytest exercises/`` checks the student files in this folder. A maintainer checks the
reference solutions with the same command::

    pytest exercises/ --exercises-dir exercises/solutions
    MNIST_EXERCISES_DIR=exercises/solutions pytest exercises/
"""

import os
from pathlib import Path

import pytest

HERE = Path(__file__).parent

# The exercise files themselves are not test modules: don't import them for doctests
# (a stub raises NotImplementedError); the test_*.py files load them explicitly.
collect_ignore_glob = ["ch0*.py", "solutions/*"]


def pytest_addoption(parser):
    parser.addoption(
        "--exercises-dir",
        default=None,
        help="folder with the exercise files to check (default: exercises/, "
        "or the MNIST_EXERCISES_DIR environment variable)",
    )


@pytest.fixture(scope="session")
def exercises_dir(request):
    """The folder whose chNN_*.py files are checked."""
    chosen = request.config.getoption("--exercises-dir") or os.environ.get("MNIST_EXERCISES_DIR")
    return Path(chosen) if chosen else HERE
