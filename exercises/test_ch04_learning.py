"""Chapter 4 checks on ``exercises/ch04_learning.py``.

Exercises: ``logistic_loss``, ``logistic_gradient``, ``gradient_step``, ``fit_by_descent``.

Run with ``pytest exercises/test_ch04_learning.py``. The checks live in
``mnist_tutorial.checks.ch04``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(4), ids=str)
def test_ch04_learning(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
