"""Chapter 5 checks on ``exercises/ch05_fitting.py``.

Exercises: ``fit_logistic_regression``, ``accuracy``, ``misclassified_indices``.

Run with ``pytest exercises/test_ch05_fitting.py``. The checks live in
``mnist_tutorial.checks.ch05``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(5), ids=str)
def test_ch05_fitting(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
