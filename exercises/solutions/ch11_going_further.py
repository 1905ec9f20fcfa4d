"""Chapter 11 exercises: image moments, shifted copies and gradient orientations.

Implement the functions below, then check your work with
``pytest exercises/test_ch11_going_further.py`` or
``python -m mnist_tutorial.grade --chapter 11``.
"""

import numpy as np


def image_skew(image):
    """Slant of a digit from its image moments: ``cov(row, col) / var(row)`` of its ink.

    Treat each pixel value as a mass at its position (``row`` counted from 0 at the
    top, ``col`` from 0 at the left). With ``m = image.sum()``::

        mean_row = sum(row * image) / m        mean_col = sum(col * image) / m
        var_row  = sum((row - mean_row) ** 2 * image) / m
        cov      = sum((row - mean_row) * (col - mean_col) * image) / m

    Parameters
    ----------
    image : array_like of shape (height, width)
        Non-negative pixel values (any numeric dtype, e.g. uint8 or float32;
        a list of lists or a tuple of tuples works too). The image need not
        be square, and may be of any size (one pixel, or 100,000 rows: take
        the variance and covariance as means of products of *deviations*,
        since ``E[row**2] - E[row]**2`` loses every digit far from the top
        row). Not modified.

    Returns
    -------
    float
        ``cov / var_row``: how many columns the ink moves right per row down
        (positive when lower rows sit further right, like a backslash ``\\``).
        A Python float computed in float64; 0.0 for a blank image (``m``
        exactly 0: faint ink such as 1e-12 is still ink) or when all the ink
        lies in one row (``var_row`` below 1e-12, which also covers the
        rounding error of a one-row image, e.g. 1e-31 instead of 0), with no
        warning. Checked to a relative tolerance of 1e-9.
    """
    img = np.asarray(image, dtype=np.float64)
    m = img.sum()
    if m == 0:
        return 0.0
    rows = np.arange(img.shape[0], dtype=np.float64)[:, None]
    cols = np.arange(img.shape[1], dtype=np.float64)[None, :]
    mean_row = (rows * img).sum() / m
    mean_col = (cols * img).sum() / m
    var_row = ((rows - mean_row) ** 2 * img).sum() / m
    if var_row < 1e-12:
        return 0.0
    cov = ((rows - mean_row) * (cols - mean_col) * img).sum() / m
    return float(cov / var_row)


def shift_image(image, dx, dy):
    """Move an image by whole pixels, filling the uncovered pixels with 0.

    Parameters
    ----------
    image : array_like of shape (height, width)
        Pixel values, any numeric dtype (a list of lists or a tuple of tuples
        works too). Not modified.
    dx : int
        Columns to move right (negative: left). A Python int or a signed
        NumPy integer (``np.int64``, ``np.int32``, ``np.int8``).
    dy : int
        Rows to move down (negative: up), the same kinds as ``dx``.

    Returns
    -------
    ndarray of shape (height, width), float64
        A new float64 array, also for a float32 or integer image (any size,
        even 1x1): ``out[r + dy, c + dx] = image[r, c]`` wherever both
        positions are inside the image. Pixels moved past an edge are lost
        (they do not wrap around to the other side, unlike ``np.roll``);
        pixels nothing moved into are 0. ``dx = dy = 0`` gives a copy; a
        shift by the full width or height (or more) gives all zeros.

    Raises
    ------
    TypeError
        If ``dx`` or ``dy`` is not an integer (a float such as 1.5 or 2.0, or
        a bool). Checked only after the function works on valid input.
    """
    for name, value in (("dx", dx), ("dy", dy)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    dx, dy = int(dx), int(dy)
    img = np.asarray(image, dtype=np.float64)
    h, w = img.shape
    out = np.zeros((h, w))
    if abs(dx) < w and abs(dy) < h:
        out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = img[
            max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return out


def gradient_histogram(cell, n_bins=9):
    """Histogram of unsigned gradient orientations in one cell, weighted by magnitude.

    This is the building block of HOG features. Step by step:

    1. ``gy, gx = np.gradient(cell)`` on the cell as float64: ``gy`` along the
       rows (downwards), ``gx`` along the columns (to the right); central
       differences inside, one-sided differences at the borders.
    2. ``magnitude = sqrt(gx**2 + gy**2)``.
    3. ``orientation = degrees(arctan2(gy, gx)) % 180``: unsigned, so a
       gradient and its opposite get the same orientation. In exact
       arithmetic it lies in [0, 180); in floating point a tiny negative
       angle (say -1e-18 degrees) gives exactly 180.0, the same orientation
       as 0, which step 4's ``% n_bins`` puts in bin 0.
    4. Bin ``k`` covers ``[k * 180 / n_bins, (k + 1) * 180 / n_bins)``: the bin
       of a pixel is ``floor(orientation / (180 / n_bins)) % n_bins`` (an
       orientation exactly on an edge goes to the upper bin).
    5. Each pixel adds its magnitude to its bin (no interpolation between
       bins, no normalisation).

    Parameters
    ----------
    cell : array_like of shape (height, width)
        Pixel values of one cell, any numeric dtype (uint8, int64, float32,
        float64), or a list of lists or tuple of tuples; height and width at
        least 2. Not modified.
    n_bins : int, default=9
        Number of orientation bins.

    Returns
    -------
    ndarray of shape (n_bins,), float64
        The summed magnitudes per bin, computed in float64 (also for a float32
        cell); pixels with zero gradient add nothing. No warning. Checked to a
        relative tolerance of 1e-9.

    Raises
    ------
    ValueError
        If ``n_bins`` is less than 1. Checked only after the function works on
        valid input.
    """
    if n_bins < 1:
        raise ValueError(f"n_bins must be at least 1, got {n_bins}")
    gy, gx = np.gradient(np.asarray(cell, dtype=np.float64))
    magnitude = np.hypot(gx, gy)
    orientation = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.floor(orientation / (180 / n_bins)).astype(int) % n_bins
    return np.bincount(bins.ravel(), weights=magnitude.ravel(), minlength=n_bins)


def split_votes(angles, magnitudes, n_bins=8):
    """Orientation histogram with each vote split between the two nearest bins.

    This is how the book's best model bins its gradients (``Hog(soft_bins=True)``).
    Bin ``k`` is centred on ``(k + 0.5) * width`` degrees, ``width = 180 / n_bins``.
    A gradient at angle ``a`` (degrees, unsigned: ``a`` and ``a + 180`` are the same
    orientation) with length ``m`` gives its length to the two bins whose centres are
    nearest ``a``, in proportion to closeness:

    1. ``position = a / width - 0.5``: where ``a`` lies, in bins, counted from the
       centre of bin 0.
    2. ``lower = floor(position)`` and ``share = position - lower`` (in [0, 1)).
    3. Bin ``lower % n_bins`` gets ``m * (1 - share)``, bin ``(lower + 1) % n_bins``
       gets ``m * share``.

    An angle below the first centre or above the last one splits between the last bin
    and the first (0 and 180 degrees are the same orientation); an angle exactly on a
    centre gives that bin the whole length.

    Parameters
    ----------
    angles : array_like of float, any shape
        Gradient angles in degrees (an ndarray of float64 or float32, a list or a
        tuple); any real value (e.g. -30, 200 or 1e6) is allowed and means the same
        orientation as that value modulo 180 (``a % 180`` may come out as exactly
        180.0 for a tiny negative angle: the same orientation as 0, which the steps
        above handle). Not modified.
    magnitudes : array_like of float, the same shape as ``angles``
        Gradient lengths, non-negative. Not modified.
    n_bins : int, default=8
        Number of orientation bins.

    Returns
    -------
    ndarray of shape (n_bins,), float64
        Each bin's total share of the lengths, in float64; the bins add up to
        ``sum(magnitudes)``, however many votes fall into one bin. Checked to a
        relative tolerance of 1e-9.

    Raises
    ------
    ValueError
        If ``n_bins`` is less than 1, or if ``angles`` and ``magnitudes`` have
        different shapes. Checked only after the function works on valid input.
    """
    if n_bins < 1:
        raise ValueError(f"n_bins must be at least 1, got {n_bins}")
    angles = np.asarray(angles, dtype=np.float64)
    magnitudes = np.asarray(magnitudes, dtype=np.float64)
    if angles.shape != magnitudes.shape:
        raise ValueError(f"angles {angles.shape} and magnitudes {magnitudes.shape} differ in shape")
    position = (angles % 180) / (180 / n_bins) - 0.5
    lower = np.floor(position)
    share = position - lower
    lower = lower.astype(int) % n_bins
    upper = (lower + 1) % n_bins
    hist = np.bincount(lower.ravel(), weights=(magnitudes * (1 - share)).ravel(), minlength=n_bins)
    hist += np.bincount(upper.ravel(), weights=(magnitudes * share).ravel(), minlength=n_bins)
    return hist
