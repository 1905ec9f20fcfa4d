"""Chapter 10 checks on ``exercises/ch10_polynomial.py``.

Exercises: ``n_polynomial_features``, ``make_poly_search``.

Run with ``pytest exercises/test_ch10_polynomial.py``. The checks live in
``mnist_tutorial.checks.ch10``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(10), ids=str)
def test_ch10_polynomial(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
