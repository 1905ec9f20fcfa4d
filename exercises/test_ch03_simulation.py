"""Chapter 3 checks on ``exercises/ch03_simulation.py``.

Exercises: ``linear_scores``, ``simulate_predictions``, ``softmax``.

Run with ``pytest exercises/test_ch03_simulation.py``. The checks live in
``mnist_tutorial.checks.ch03``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(3), ids=str)
def test_ch03_simulation(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
