"""Chapter 7 checks on ``exercises/ch07_metrics.py``.

Exercises: ``precision_per_class``, ``recall_per_class``, ``f1_per_class``.

Run with ``pytest exercises/test_ch07_metrics.py``. The checks live in
``mnist_tutorial.checks.ch07``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(7), ids=str)
def test_ch07_metrics(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
