"""Chapter 8 checks on ``exercises/ch08_scaling.py``.

Exercises: ``min_max_scale``, ``standardize``.

Run with ``pytest exercises/test_ch08_scaling.py``. The checks live in
``mnist_tutorial.checks.ch08``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(8), ids=str)
def test_ch08_scaling(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
