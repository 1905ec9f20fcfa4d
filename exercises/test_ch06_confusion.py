"""Chapter 6 checks on ``exercises/ch06_confusion.py``.

Exercises: ``confusion_matrix_counts``, ``accuracy_from_confusion``, ``most_confused``.

Run with ``pytest exercises/test_ch06_confusion.py``. The checks live in
``mnist_tutorial.checks.ch06``: the grader runs the very same ones.
"""

import pytest

from mnist_tutorial.checks import pytest_check, pytest_parts


@pytest.mark.parametrize("part", pytest_parts(6), ids=str)
def test_ch06_confusion(part, exercises_dir, check_timeout):
    pytest_check(part, exercises_dir, check_timeout)
