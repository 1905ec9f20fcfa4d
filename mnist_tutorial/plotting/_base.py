"""What every figure module shares: the result object, the image-shape converter, sizes.

Sizes are chosen for the book's page: its text column is about 690 px wide and its body
text 16 px, and a Jupyter figure is drawn at 100 dots per inch. A figure at most
:data:`PAGE_WIDTH` inches wide is shown at its own size, so text of :data:`TEXT_SIZE`
points (12 pt = 16.7 px) is as large as the body text.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from .._validation import check_axes, check_float, check_images, check_numeric

#: Font size (points) of every text a figure function draws: 12 pt ≈ 16.7 px at 100 dpi.
TEXT_SIZE = 12
#: Widest figure (inches) shown unscaled in the book's text column (about 690 px).
PAGE_WIDTH = 6.9
#: Widest figure (inches) a 390 px phone shows without scrolling sideways: its text
#: column is 342 px and the book's layout.js shrinks a figure to 65% at most (526 px).
PHONE_WIDTH = 5.2


class Drawing:
    """What a plotting function drew, under names, like scikit-learn's displays.

    Every drawing has ``figure_`` and, for a single panel, ``ax_``; the other names
    (``im_``, ``text_``, ``curve_``, ...) are listed in each function's docstring.

    Examples
    --------
    >>> d = Drawing(figure_=None, ax_=None, curve_=None)
    >>> d
    Drawing(figure_, ax_, curve_)
    >>> d.curve_ is None
    True
    """

    def __init__(self, **artists):
        self.__dict__.update(artists)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(self.__dict__)})"


def as_images(X: ArrayLike) -> np.ndarray:
    """Square images from flat rows: (n, d) -> (n, s, s) with s * s = d.

    Accepts an array or DataFrame of flat rows, a single flat row, or images already of
    shape (n, s, s) or (s, s) (one image: a 16x16 array is one image, not sixteen 4x4
    ones, as ``_validation.check_images`` reads it; but rows of 784 or 64 pixels are
    always flat MNIST or 8x8 digits: ``X[:784]`` is 784 images); ``X`` is not modified.

    Examples
    --------
    >>> as_images(np.zeros((3, 784))).shape
    (3, 28, 28)
    >>> as_images(np.zeros(64)).shape
    (1, 8, 8)
    """
    return check_images(X, "images")[0].copy()  # never a view of the caller's data


def _one_image(X: ArrayLike, name: str) -> np.ndarray:
    """A single (side, side) image from a flat row or a square array."""
    imgs = check_images(X, name)[0]
    if len(imgs) != 1:
        raise ValueError(f"{name} must be a single image, got {len(imgs)}")
    return imgs[0]


def _positive_int(value, name: str, minimum: int = 1) -> int:
    """``value`` as an int >= ``minimum``, else a ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _probability(value, name: str) -> float:
    """``value`` as a float strictly between 0 and 1, else a ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)):
        raise ValueError(f"{name} must be strictly between 0 and 1, got {value!r}")
    if not 0 < value < 1:
        raise ValueError(f"{name} must be strictly between 0 and 1, got {value!r}")
    return float(value)


def _range(span, name: str) -> tuple[float, float]:
    """``(low, high)`` as finite floats with low < high, else an error naming ``name``."""
    try:
        lo, hi = span
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a (low, high) pair, got {span!r}") from exc
    lo, hi = check_float(lo, f"{name}[0]"), check_float(hi, f"{name}[1]")
    if not lo < hi:
        raise ValueError(f"{name} must be (low, high) with low < high, got {span!r}")
    return lo, hi


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """``ax`` (checked to be an Axes), or the Axes of a new figure of ``figsize``."""
    if check_axes(ax) is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def _readable(ax: Axes) -> None:
    """Axis labels and tick labels at :data:`TEXT_SIZE` (they keep it when relabelled)."""
    ax.tick_params(labelsize=TEXT_SIZE)
    ax.xaxis.label.set_fontsize(TEXT_SIZE)
    ax.yaxis.label.set_fontsize(TEXT_SIZE)


def _legend_below(ax: Axes, ncols: int, offset: float = 0.18) -> None:
    """A one-row legend under the x-axis label, clear of the data."""
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -offset),
        ncols=ncols,
        frameon=False,
        fontsize=TEXT_SIZE,
    )


def _named_values(mapping, name: str) -> tuple[list[str], np.ndarray]:
    """Names and float values of a Series or dict, else a ValueError naming ``name``."""
    try:
        items = list(dict(mapping).items())
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a Series or a dict, got {type(mapping).__name__}") from exc
    if not items:
        raise ValueError(f"{name} must hold at least one entry")
    values = check_numeric([v for _, v in items], name)
    if values.ndim != 1:
        raise ValueError(f"{name} must map each name to one number")
    return [str(k) for k, _ in items], values


def _accuracy_se(accuracy: np.ndarray, n: int | None) -> np.ndarray | None:
    """Standard error sqrt(p (1 - p) / n) of accuracies measured on n test images."""
    if n is None:
        return None
    n = _positive_int(n, "n")
    return np.sqrt(accuracy * (1 - accuracy) / n)
