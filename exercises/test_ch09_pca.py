"""Chapter 9 checks on ``exercises/ch09_pca.py``.

Exercises: ``components_for_variance``, ``reconstruct``, ``reconstruction_error``.

Run with ``pytest exercises/test_ch09_pca.py``. The checks live in
``mnist_tutorial.checks.ch09``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(9), ids=str)
def test_ch09_pca(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
