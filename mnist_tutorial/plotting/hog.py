"""Drawing what the HOG features see: each cell's orientation histogram as line glyphs."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection

from .._validation import check_axes, check_bool, check_kw
from ..hog import hog_cells
from ._base import Drawing, as_images

__all__ = ["plot_hog"]


def plot_hog(
    image: Any,
    *,
    cell_size: int = 4,
    n_bins: int = 9,
    soft_bins: bool = False,
    ax: Axes | None = None,
    show_image: bool = True,
    line_kw: dict | None = None,
) -> Drawing:
    """One digit's HOG cells as orientation glyphs: a line per cell and orientation bin.

    Each cell of ``cell_size`` pixels gets ``n_bins`` short lines through its centre, one
    per orientation bin, drawn *along* the edge (perpendicular to the gradient) and as
    opaque as that bin's share of the largest histogram value in the image: a cell on a
    vertical stroke shows a vertical line. These are the cell histograms before block
    normalisation (:func:`~mnist_tutorial.hog_cells`).

    Parameters
    ----------
    image : array_like of shape (784,), (28, 28) or (1, 784)
        One digit.
    cell_size : int, default 4
    n_bins : int, default 9
    soft_bins : bool, default False
        Split each pixel's vote between the two nearest bins, as ``Hog(soft_bins=True)``.
    ax : Axes, optional
        Where to draw; a new figure if None.
    show_image : bool, default True
        Draw the digit faintly underneath.
    line_kw : dict, optional
        Passed to :class:`~matplotlib.collections.LineCollection` (e.g. ``linewidths``).

    Returns
    -------
    Drawing
        ``figure_``, ``ax_``, ``lines_`` (the glyphs, a LineCollection) and ``im_`` (the
        faint digit underneath, or None).

    Examples
    --------
    >>> img = np.zeros((28, 28)); img[4:24, 12:16] = 255.0
    >>> d = plot_hog(img)
    >>> len(d.lines_.get_segments())   # 7 x 7 cells, 9 bins each
    441
    >>> plt.close(d.figure_)
    """
    stack = as_images(image)
    show_image = check_bool(show_image, "show_image")
    line_kw = check_kw(line_kw, "line_kw")
    check_axes(ax)
    if stack.shape[0] != 1:
        raise ValueError(f"image must be one square image, got {stack.shape[0]} images")
    arr = stack[0]
    hist = hog_cells(arr[None], cell_size, n_bins=n_bins, soft_bins=soft_bins)[0]
    if ax is None:
        _, ax = plt.subplots(figsize=(3, 3))
    im = None
    if show_image:
        im = ax.imshow(arr, cmap="gray_r", alpha=0.25, vmin=0, vmax=max(arr.max(), 1e-12))
    angles = np.deg2rad((np.arange(n_bins) + 0.5) * 180.0 / n_bins)  # bin middles
    # gradient angle t (from the column axis towards rows, i.e. down): the edge runs at t + 90°
    dx, dy = -np.sin(angles), np.cos(angles)
    half = 0.45 * cell_size
    rows, cols = hist.shape[:2]
    segments, weights = [], []
    for r in range(rows):
        for c in range(cols):
            y0, x0 = r * cell_size + (cell_size - 1) / 2, c * cell_size + (cell_size - 1) / 2
            for b in range(n_bins):
                segments.append(
                    [(x0 - half * dx[b], y0 - half * dy[b]), (x0 + half * dx[b], y0 + half * dy[b])]
                )
                weights.append(hist[r, c, b])
    weights = np.asarray(weights)
    top = weights.max()
    alpha = weights / top if top > 0 else weights
    colors = np.zeros((len(weights), 4))
    colors[:, 2] = 0.55  # dark blue
    colors[:, 3] = alpha
    kw = {"linewidths": 2.0, "capstyle": "round"} | line_kw
    lines = LineCollection(segments, colors=colors, **kw)
    ax.add_collection(lines)
    ax.set(xlim=(-0.5, arr.shape[1] - 0.5), ylim=(arr.shape[0] - 0.5, -0.5), xticks=[], yticks=[])
    ax.set_aspect("equal")
    return Drawing(figure_=ax.figure, ax_=ax, lines_=lines, im_=im)
