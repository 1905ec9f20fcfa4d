"""Chapter 1 checks on ``exercises/ch01_classification.py``.

Exercises: ``row_to_image``, ``pixel_range``, ``blank_fraction``.

Run with ``pytest exercises/test_ch01_classification.py``. The checks live in
``mnist_tutorial.checks.ch01``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(1), ids=str)
def test_ch01_classification(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
