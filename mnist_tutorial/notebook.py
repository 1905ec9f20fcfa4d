"""Helpers for running the chapters, inside the book or in plain Jupyter/Colab."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ._validation import check_bool

__all__ = ["glue"]


def glue(name: str, value: Any, display: bool = True) -> None:
    """Store ``value`` under ``name`` for the book's ``{glue}`` roles.

    Inside the book build this is :func:`myst_nb.glue`. Where MyST-NB is not installed
    (a notebook downloaded to Jupyter or Colab) it shows the value when ``display`` is
    True and otherwise does nothing, so the chapter still runs top to bottom.

    A NumPy scalar is stored as the Python number it holds (``np.float64(0.975)`` is
    glued as ``0.975``), so no NumPy repr reaches the prose.
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    display = check_bool(display, "display")
    if isinstance(value, np.generic):  # np.float64(0.975) would show its repr in the prose
        value = value.item()
    is_number = isinstance(value, numbers.Number) and not isinstance(value, bool)
    if is_number and not np.isfinite(value):  # a NaN in the prose is never meant
        raise ValueError(f"value for {name!r} must be a finite number, got {value!r}")
    try:
        from myst_nb import glue as _glue
    except ImportError:  # pragma: no cover - depends on the reader's environment
        if display:
            from IPython.display import display as _display

            _display(value)
        return
    _glue(name, value, display=display)
