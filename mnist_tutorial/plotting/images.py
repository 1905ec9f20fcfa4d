"""Galleries of digit images: one grid function, and the few layouts the book names.

Every gallery is drawn by :func:`plot_digits`; the other functions only choose what goes
in which panel (titles, row labels, blank panels) and call it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from numpy.typing import ArrayLike

from .._validation import check_aligned, check_axes_grid, check_bool, check_labels
from ..metrics import confusion_examples
from ._base import (
    PAGE_WIDTH,
    PHONE_WIDTH,
    TEXT_SIZE,
    Drawing,
    _one_image,
    _positive_int,
    as_images,
)

__all__ = ["plot_confusion_examples", "plot_digits", "plot_image_rows", "plot_misclassified"]

# inches: the largest panel, the height of one line of title, the width of one character
_MAX_PANEL = 1.3
_LINE = TEXT_SIZE / 72 * 1.35
_CHAR = TEXT_SIZE / 72 * 0.62
#: galleries of at most this many columns are made to fit a phone (PHONE_WIDTH)
_PHONE_COLS = 5


def _image_list(images) -> list[np.ndarray | None]:
    """A list of (side, side) images; ``None`` entries (blank panels) are kept."""
    if isinstance(images, (list, tuple)) and any(img is None for img in images):
        return [None if img is None else _one_image(img, "each image") for img in images]
    return list(as_images(images))


def plot_digits(
    images,
    titles: Sequence | None = None,
    *,
    n_cols: int = 10,
    row_labels: Sequence | None = None,
    centered: bool = False,
    cmap: str | None = None,
    axes=None,
) -> Drawing:
    """A grid of images, one panel each, with optional titles and row labels.

    This is the book's one image-grid function: galleries of digits, mean images,
    misclassified digits, PCA components or a model's weights (``centered=True``).

    Parameters
    ----------
    images : array_like of shape (n, 784), (n, 28, 28), (n, 64) or (n, 8, 8)
        Or a list of single images in which ``None`` leaves a blank panel.
    titles : sequence of length n, optional
        One title per panel (e.g. the labels).
    n_cols : int, default=10
        Panels per row; the grid has ``ceil(n / n_cols)`` rows. With at most 5 columns
        the figure is at most ``PHONE_WIDTH`` inches wide (unless titles need wider
        panels), so that a phone shows it without scrolling sideways: draw ten images
        as two rows of five (``n_cols=5``) rather than one row of ten.
    row_labels : sequence of length n_rows, optional
        Written to the left of each row.
    centered : bool, default=False
        Give each panel a colour scale symmetric around 0 (white means 0), for images
        with negative values such as PCA components or weights; the default colour map
        is then ``"RdBu_r"`` (red positive, blue negative) instead of ``"gray_r"``.
    cmap : str, optional
    axes : array of Axes, optional
        Draw into these (at least n) instead of making a new figure.

    Returns
    -------
    Drawing
        ``figure_``; ``axes_``, ndarray of Axes of shape (n_rows, n_cols); ``images_``,
        list of length n of AxesImage (``None`` for a blank panel); ``titles_`` and
        ``row_labels_``, lists of Text (empty when not given).

    Examples
    --------
    >>> d = plot_digits(np.zeros((4, 784)), titles=list("0123"), n_cols=2)
    >>> d.axes_.shape, [t.get_text() for t in d.titles_]
    ((2, 2), ['0', '1', '2', '3'])
    >>> d.images_[3].get_array().shape
    (28, 28)
    >>> plt.close(d.figure_)
    """
    imgs = _image_list(images)
    n = len(imgs)
    if n == 0:  # an empty selection (e.g. X[mistakes] with no mistake) draws nothing
        raise ValueError("images holds no image to draw")
    for arg, value in (("titles", titles), ("row_labels", row_labels)):
        if isinstance(value, (str, bytes)):  # would be split into characters
            raise TypeError(f"{arg} must be a list of strings, one per panel or row; got a str")
    if titles is not None:
        titles = [str(t) for t in titles]
        if len(titles) != n:
            raise ValueError(f"titles has {len(titles)} entries but {n} images were given")
    n_cols = min(_positive_int(n_cols, "n_cols"), max(n, 1))
    n_rows = max(1, -(-n // n_cols))
    if row_labels is not None:
        row_labels = [str(label) for label in row_labels]
        if len(row_labels) != n_rows:
            raise ValueError(
                f"row_labels has {len(row_labels)} entries but the grid has {n_rows} rows"
            )
    centered = check_bool(centered, "centered")
    if cmap is None:
        cmap = "RdBu_r" if centered else "gray_r"

    if axes is None:
        label_width = (max(map(len, row_labels)) * _CHAR + 0.1) if row_labels else 0.0
        if n_cols <= _PHONE_COLS:  # narrow enough for a phone, but no title overlaps
            title_lines = [line for t in titles or [] for line in t.split("\n")]
            title_width = max(map(len, title_lines), default=0) * _CHAR + 0.05
            panel = max((PHONE_WIDTH - label_width) / n_cols, title_width)
        else:
            panel = (PAGE_WIDTH - label_width) / n_cols
        panel = min(_MAX_PANEL, panel)
        lines = max((t.count("\n") + 1 for t in titles), default=0) if titles else 0
        figsize = (label_width + panel * n_cols, n_rows * (panel + lines * _LINE) + 0.1)
        fig, grid = plt.subplots(
            n_rows, n_cols, figsize=figsize, squeeze=False, layout="constrained"
        )
    else:
        grid = check_axes_grid(axes)
        flat = grid.ravel()
        if flat.size < n:
            raise ValueError(f"axes holds {flat.size} Axes but {n} images were given")
        if grid.ndim != 2 or (row_labels is not None and grid.shape[0] != n_rows):
            grid = flat.reshape(1, -1) if row_labels is None else flat[: n_rows * n_cols]
            grid = grid.reshape(-1, grid.shape[-1] if row_labels is None else n_cols)
        fig = flat[0].figure

    flat = grid.ravel()
    drawn, title_texts = [], []
    for i, ax in enumerate(flat):
        ax.set(xticks=[], yticks=[])
        img = imgs[i] if i < n else None
        if img is None:
            ax.set_axis_off()
            drawn.append(None)
        else:
            kw = {}
            if centered:
                limit = float(np.abs(img).max()) or 1.0
                kw = {"vmin": -limit, "vmax": limit}
            drawn.append(ax.imshow(img, cmap=cmap, interpolation="nearest", **kw))
        if titles is not None and i < n:
            title_texts.append(ax.set_title(titles[i], fontsize=TEXT_SIZE))
    label_texts = []
    for r, label in enumerate(row_labels or []):
        label_texts.append(
            grid[r, 0].text(
                -0.1,
                0.5,
                label,
                transform=grid[r, 0].transAxes,
                ha="right",
                va="center",
                fontsize=TEXT_SIZE,
            )
        )
    return Drawing(
        figure_=fig, axes_=grid, images_=drawn[:n], titles_=title_texts, row_labels_=label_texts
    )


def plot_misclassified(
    images: ArrayLike, y_true: Sequence, y_pred: Sequence, *, n_cols: int = 5, axes=None
) -> Drawing:
    """A gallery of digits titled with the prediction and the true label.

    Pass the images you want shown (for example those at the misclassified positions)
    with their true and predicted labels. Each title reads "predicted p" over "actual t".

    Returns
    -------
    Drawing
        As :func:`plot_digits`.

    Examples
    --------
    >>> d = plot_misclassified(np.zeros((2, 784)), ["7", "5"], ["4", "8"])
    >>> [t.get_text() for t in d.titles_]
    ['predicted 4\\nactual 7', 'predicted 8\\nactual 5']
    >>> plt.close(d.figure_)
    """
    check_aligned(images, y_true, y_pred, names=("images", "y_true", "y_pred"))
    y_true, y_pred = check_labels(y_true, "y_true"), check_labels(y_pred, "y_pred")
    imgs = as_images(images)
    if not len(imgs) == len(y_true) == len(y_pred):
        raise ValueError(
            f"images, y_true and y_pred must have the same length, got "
            f"{len(imgs)}, {len(y_true)} and {len(y_pred)}"
        )
    titles = [f"predicted {p}\nactual {t}" for t, p in zip(y_true, y_pred)]
    return plot_digits(imgs, titles, n_cols=n_cols, axes=axes)


def plot_image_rows(rows: Mapping, *, axes=None, cmap: str = "gray_r") -> Drawing:
    """Rows of images, each labelled on its left, e.g. originals above transformed ones.

    Parameters
    ----------
    rows : dict of {row label: images}
        Each value is array_like of shape (n, side * side) or (n, side, side); all rows
        hold the same number of images. Each image gets its own colour scale.

    Returns
    -------
    Drawing
        As :func:`plot_digits`; ``row_labels_`` holds the row labels.

    Examples
    --------
    >>> d = plot_image_rows({"Original": np.zeros((3, 784)), "Scaled": np.ones((3, 784))})
    >>> d.axes_.shape, [t.get_text() for t in d.row_labels_]
    ((2, 3), ['Original', 'Scaled'])
    >>> plt.close(d.figure_)
    """
    if not isinstance(rows, Mapping):
        raise TypeError(f"rows must be a dict of {{label: images}}, got {type(rows).__name__}")
    if not rows:
        raise ValueError("rows must hold at least one row of images")
    named = [(str(name), as_images(imgs)) for name, imgs in rows.items()]
    n = len(named[0][1])
    if n == 0 or any(len(imgs) != n for _, imgs in named):
        raise ValueError("every row must hold the same, non-zero number of images")
    if axes is not None and check_axes_grid(axes).size != len(named) * n:
        raise ValueError(f"axes holds {np.size(axes)} Axes but rows need {len(named)} x {n}")
    images = np.concatenate([imgs for _, imgs in named])
    return plot_digits(
        images, n_cols=n, row_labels=[name for name, _ in named], cmap=cmap, axes=axes
    )


def plot_confusion_examples(
    images: ArrayLike,
    y_true: Sequence,
    y_pred: Sequence,
    pairs: Sequence[tuple],
    *,
    n_per_pair: int = 5,
    axes=None,
) -> Drawing:
    """One row of example digits per confusion (true label, predicted label).

    Parameters
    ----------
    images : array_like of shape (n, 784) or (n, 28, 28)
        The images ``y_true`` and ``y_pred`` describe (e.g. the test set).
    y_true, y_pred : sequence of length n
    pairs : sequence of (true label, predicted label)
        For example the ``true``/``predicted`` columns of ``most_confused_pairs``.
    n_per_pair : int, default=5
        Examples per row (the first ones, found by
        :func:`mnist_tutorial.confusion_examples`); missing ones leave blank panels.

    Returns
    -------
    Drawing
        As :func:`plot_digits`; ``row_labels_`` reads "true t → p" per row.

    Examples
    --------
    >>> d = plot_confusion_examples(np.zeros((3, 784)), ["4", "4", "7"], ["9", "9", "1"],
    ...                             [("4", "9"), ("7", "1")], n_per_pair=2)
    >>> d.row_labels_[0].get_text(), d.images_[2] is None, d.images_[3] is None
    ('true 4 → 9', False, True)
    >>> plt.close(d.figure_)
    """
    imgs = as_images(images)
    check_aligned(images, y_true, y_pred, names=("images", "y_true", "y_pred"))
    y_true, y_pred = check_labels(y_true, "y_true"), check_labels(y_pred, "y_pred")
    if not len(imgs) == len(y_true) == len(y_pred):
        raise ValueError(
            f"images, y_true and y_pred must have the same length, got "
            f"{len(imgs)}, {len(y_true)} and {len(y_pred)}"
        )
    pairs = [tuple(pair) for pair in pairs]
    if not pairs or any(len(pair) != 2 for pair in pairs):
        raise ValueError("pairs must be a non-empty sequence of (true, predicted) pairs")
    n_per_pair = _positive_int(n_per_pair, "n_per_pair")
    panels: list[np.ndarray | None] = []
    for true_label, pred_label in pairs:
        positions = confusion_examples(y_true, y_pred, true_label, pred_label, n_per_pair)
        row = [imgs[i] for i in positions]
        panels += row + [None] * (n_per_pair - len(row))
    labels = [f"true {t} → {p}" for t, p in pairs]
    return plot_digits(panels, n_cols=n_per_pair, row_labels=labels, axes=axes)
