"""Chapter 1 exercises: looking at the data.

Implement the functions below, then check your work with
``pytest exercises/test_ch01_classification.py`` or
``python -m mnist_tutorial.grade --chapter 1``.
"""

import numpy as np  # noqa: F401


def row_to_image(row):
    """Turn one flat row of 784 pixel values into a 28x28 image.

    Parameters
    ----------
    row : list, ndarray or pandas Series of 784 numbers
        One MNIST image flattened row by row: the first 28 values are the top
        row of the image, the next 28 the second row, and so on. Any numeric
        dtype (MNIST stores uint8); not modified.

    Returns
    -------
    ndarray of shape (28, 28), dtype float64
        ``image[i, j]`` is the pixel in row ``i`` (top to bottom) and column
        ``j`` (left to right), with the same values as ``row``.

    Raises
    ------
    ValueError
        If ``row`` does not hold exactly 784 values (checked only after the
        function works on valid input).
    """
    raise NotImplementedError("row_to_image: replace this line with your code")


def pixel_range(X):
    """Smallest and largest pixel intensity over the whole dataset.

    Parameters
    ----------
    X : array_like (ndarray, list of lists) or DataFrame of shape (n_samples, n_features)
        Pixel values, one image per row, any numeric dtype (MNIST's are uint8),
        possibly negative; not modified.

    Returns
    -------
    tuple of two Python floats
        ``(min, max)`` over every pixel of every image (wrap NumPy scalars in
        ``float(...)``).
    """
    raise NotImplementedError("pixel_range: replace this line with your code")


def blank_fraction(X):
    """Fraction of all pixel values in ``X`` that are exactly 0.

    Parameters
    ----------
    X : array_like (ndarray, list of lists) or DataFrame of shape (n_samples, n_features)
        Pixel values, one image per row, any numeric dtype; not modified.

    Returns
    -------
    float
        A Python float (wrap NumPy scalars in ``float(...)``): the number of
        pixel values exactly equal to 0, divided by the number of pixel
        values, over the whole dataset (not per image), between 0.0 and 1.0.
        A faint value such as 0.4 or 0.001 is ink, not blank. Checked to a
        relative tolerance of 1e-12.
    """
    raise NotImplementedError("blank_fraction: replace this line with your code")
