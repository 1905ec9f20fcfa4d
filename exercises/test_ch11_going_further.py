"""Chapter 11 checks on ``exercises/ch11_going_further.py``.

Exercises: ``image_skew``, ``shift_image``, ``gradient_histogram``,
``split_votes``.

Run with ``pytest exercises/test_ch11_going_further.py``. The checks live in
``mnist_tutorial.checks.ch11``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(11), ids=str)
def test_ch11_going_further(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
