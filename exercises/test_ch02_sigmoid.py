"""Chapter 2 checks on ``exercises/ch02_sigmoid.py``.

Exercises: ``sigmoid``, ``classify``.

Run with ``pytest exercises/test_ch02_sigmoid.py``. The checks live in
``mnist_tutorial.checks.ch02``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(2), ids=str)
def test_ch02_sigmoid(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
