"""pytest setup for the exercises: which folder to check, the time limit, no doctests.

``pytest exercises/`` checks the student files in this folder through the grader's own
runner (``mnist_tutorial.checks.run_in_child``): the student file runs in a child
process, the check here; a check that runs longer than the time limit (10 s,
``--check-timeout S`` to change it) fails as "timed out", and a function that ends its
process (``os._exit``, ``sys.exit``) fails as an "error", exactly as in the grader.
pytest-timeout, when installed, is a second safety net per test.

A maintainer checks the reference solutions with the same command::

    pytest exercises/ --exercises-dir exercises/solutions
    MNIST_EXERCISES_DIR=exercises/solutions pytest exercises/
"""

import math
import os
from pathlib import Path

import pytest

from mnist_tutorial.checks import DEFAULT_TIMEOUT

HERE = Path(__file__).parent

# The exercise files themselves are not test modules: don't import them for doctests
# (a stub raises NotImplementedError); the test_*.py files check them in a child process.
collect_ignore_glob = ["ch[0-9][0-9]_*.py", "solutions/*"]


def _seconds(text):
    value = float(text)
    if not math.isfinite(value) or not 0 < value <= 86400:
        raise pytest.UsageError(
            f"--check-timeout must be a positive number of seconds (at most 86400), got {text!r}"
        )
    return value


def pytest_addoption(parser):
    group = parser.getgroup("exercises")
    group.addoption(
        "--exercises-dir",
        default=None,
        help="folder with the exercise files to check (default: exercises/, "
        "or the MNIST_EXERCISES_DIR environment variable)",
    )
    group.addoption(
        "--check-timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        help=f"seconds each check may run (default: {DEFAULT_TIMEOUT:g}, as in the grader)",
    )


def pytest_collection_modifyitems(config, items):
    """pytest-timeout as a backstop: a check plus the check it requires, plus start-up."""
    if not config.pluginmanager.hasplugin("timeout"):
        return
    limit = 2 * config.getoption("--check-timeout") + 30
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(limit))


@pytest.fixture(scope="session")
def exercises_dir(request):
    """The folder whose chNN_*.py files are checked."""
    chosen = request.config.getoption("--exercises-dir") or os.environ.get("MNIST_EXERCISES_DIR")
    return Path(chosen) if chosen else HERE


@pytest.fixture(scope="session")
def check_timeout(request):
    """Seconds each check may run."""
    return request.config.getoption("--check-timeout")
