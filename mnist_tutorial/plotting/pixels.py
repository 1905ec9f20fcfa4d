"""Figures of the data itself: one digit's pixel values, pixel statistics, class counts."""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: F401 (the doctests close their figures)
import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from .._validation import check_bool, check_int, check_kw, check_numeric
from ._base import (
    PAGE_WIDTH,
    TEXT_SIZE,
    Drawing,
    _axes,
    _named_values,
    _one_image,
    _positive_int,
    _readable,
)

__all__ = ["plot_class_counts", "plot_digit_matrix", "plot_pixel_histogram", "plot_pixel_map"]


def _window(span, side: int, name: str) -> tuple[int, int]:
    if span is None:
        return 0, side
    try:
        start, stop = span
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be (start, stop) pixel indices, got {span!r}") from exc
    start = check_int(start, f"{name}[0]", min_value=None)
    stop = check_int(stop, f"{name}[1]", min_value=None)
    if not 0 <= start < stop <= side:
        raise ValueError(f"{name} must satisfy 0 <= start < stop <= {side}, got {span!r}")
    return start, stop


def plot_digit_matrix(
    image: ArrayLike,
    *,
    rows: tuple[int, int] | None = None,
    cols: tuple[int, int] | None = None,
    annotate: bool = True,
    ax: Axes | None = None,
    text_kw: dict | None = None,
) -> Drawing:
    """One digit as a heatmap with each non-zero pixel's value written in its cell.

    A 28×28 image has cells too small for readable numbers at the page's width, so
    ``rows``/``cols`` select a window (the tick labels keep the image's own indices).

    Parameters
    ----------
    image : array_like of shape (784,) or (28, 28) (or 8x8)
    rows, cols : (start, stop), optional
        The pixel rows and columns to show, as in ``image[start:stop]``; default all.
    annotate : bool, default=True
        Write the non-zero pixel values in their cells.
    text_kw : dict, optional
        Passed to ``ax.text`` for the values (e.g. ``{"fontsize": 9}``).

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``im_`` (the AxesImage of the window) and ``text_``, an
        ndarray of the window's shape holding each value's Text (``None`` for a 0 or
        when ``annotate=False``).

    Examples
    --------
    >>> d = plot_digit_matrix(np.eye(8) * 16, rows=(2, 5))
    >>> d.im_.get_array().shape, d.text_[0, 2].get_text(), d.text_[0, 0] is None
    ((3, 8), '16', True)
    >>> plt.close(d.figure_)
    """
    img = _one_image(image, "image")
    annotate = check_bool(annotate, "annotate")
    text_kw = check_kw(text_kw, "text_kw")
    r0, r1 = _window(rows, img.shape[0], "rows")
    c0, c1 = _window(cols, img.shape[1], "cols")
    window = img[r0:r1, c0:c1]
    ax = _axes(ax, (PAGE_WIDTH, PAGE_WIDTH * (r1 - r0) / (c1 - c0)))
    vmax = max(float(img.max()), 1.0)
    extent = (c0 - 0.5, c1 - 0.5, r1 - 0.5, r0 - 0.5)
    im = ax.imshow(window, cmap="gray_r", interpolation="nearest", vmin=0, vmax=vmax, extent=extent)
    text = np.full(window.shape, None, dtype=object)
    if annotate:
        kw = {"ha": "center", "va": "center", "fontsize": TEXT_SIZE, **text_kw}
        for (r, c), value in np.ndenumerate(window):
            if value:
                color = "white" if value > vmax / 2 else "black"
                text[r, c] = ax.text(c0 + c, r0 + r, f"{value:.0f}", color=color, **kw)
    step = 5 if max(r1 - r0, c1 - c0) > 10 else 1
    ax.set(
        xticks=[c for c in range(c0, c1) if c % step == 0],
        yticks=[r for r in range(r0, r1) if r % step == 0],
        xlabel="column",
        ylabel="row",
    )
    _readable(ax)
    return Drawing(ax_=ax, figure_=ax.figure, im_=im, text_=text)


def plot_pixel_map(
    values: ArrayLike,
    *,
    ax: Axes | None = None,
    cmap: str = "viridis",
    colorbar: bool = True,
    label: str = "",
) -> Drawing:
    """One value per pixel position drawn as an image, with a colour bar.

    Parameters
    ----------
    values : array_like of shape (784,) or (28, 28) (any square size)
        For example :func:`mnist_tutorial.ink_frequency`.
    label : str
        Colour-bar label.

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``im_`` and ``colorbar_`` (``None`` without a colour bar).

    Examples
    --------
    >>> d = plot_pixel_map(np.linspace(0, 1, 784), label="share")
    >>> d.im_.get_array().shape, d.colorbar_.ax.get_ylabel()
    ((28, 28), 'share')
    >>> plt.close(d.figure_)
    """
    img = _one_image(values, "values")
    colorbar = check_bool(colorbar, "colorbar")
    ax = _axes(ax, (4.5, 4))
    im = ax.imshow(img, cmap=cmap, interpolation="nearest")
    bar = None
    if colorbar:
        bar = ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
        bar.set_label(label, fontsize=TEXT_SIZE)
        bar.ax.tick_params(labelsize=TEXT_SIZE)
    ax.set(xticks=[], yticks=[])
    return Drawing(ax_=ax, figure_=ax.figure, im_=im, colorbar_=bar)


def plot_pixel_histogram(X: ArrayLike, *, ax: Axes | None = None, bins: int = 32) -> Drawing:
    """Histogram of all pixel values of ``X`` on a log scale (blank pixels dominate).

    Parameters
    ----------
    X : array_like or DataFrame of pixel values, any shape
        The x-axis label names full ink as 255 (MNIST), 16 (the 8x8 digits) or 1 (scaled
        pixels), whichever is the smallest at least as large as every value.
    bins : int, default=32

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``counts_`` and ``edges_`` (as from ``numpy.histogram``)
        and ``bars_`` (the BarContainer).

    Examples
    --------
    >>> d = plot_pixel_histogram([[0, 0, 0, 255]], bins=2)
    >>> d.counts_.tolist(), [int(b.get_height()) for b in d.bars_]
    ([3.0, 1.0], [3, 1])
    >>> plt.close(d.figure_)
    """
    values = check_numeric(X, "X").ravel()
    if values.size == 0:
        raise ValueError("X is empty")
    bins = _positive_int(bins, "bins")
    ax = _axes(ax, (PAGE_WIDTH, 3.5))
    counts, edges, bars = ax.hist(values, bins=bins, color="C0", log=True)
    # full ink is 255 in MNIST, 16 in the 8x8 digits, 1 once scaled: say which scale it is
    low, high = float(values.min()), float(values.max())
    full = next((top for top in (1, 16, 255) if high <= top), None) if low >= 0 else None
    xlabel = "pixel value" if full is None else f"pixel value (0 = blank, {full} = full ink)"
    ax.set(xlabel=xlabel, ylabel="number of pixels (log)")
    ax.grid(axis="y", alpha=0.3)
    _readable(ax)
    return Drawing(ax_=ax, figure_=ax.figure, counts_=counts, edges_=edges, bars_=bars)


def plot_class_counts(counts, *, ax: Axes | None = None) -> Drawing:
    """Bars (from zero) of how many samples each class has, each labelled with its count.

    Parameters
    ----------
    counts : pandas Series (index = classes) or dict of {class: count}
        For example the result of :func:`mnist_tutorial.class_counts`.

    Returns
    -------
    Drawing
        ``ax_``, ``figure_``, ``bars_`` (BarContainer, in the given order) and
        ``text_`` (the count labels).

    Examples
    --------
    >>> d = plot_class_counts({"0": 5, "1": 7})
    >>> [int(b.get_height()) for b in d.bars_], [t.get_text() for t in d.text_]
    ([5, 7], ['5', '7'])
    >>> plt.close(d.figure_)
    """
    names, values = _named_values(counts, "counts")
    if np.any(values < 0):
        raise ValueError("counts must be non-negative")
    ax = _axes(ax, (PAGE_WIDTH, 3.5))
    bars = ax.bar(names, values, color="C0")
    labels = ax.bar_label(bars, labels=[f"{v:.0f}" for v in values], fontsize=TEXT_SIZE)
    ax.set(xlabel="class", ylabel="number of images", ylim=(0, values.max() * 1.15 or 1))
    ax.grid(axis="y", alpha=0.3)
    _readable(ax)
    return Drawing(ax_=ax, figure_=ax.figure, bars_=bars, text_=list(labels))
