"""Wrong answers to chapter 1's exercises."""

import numpy as np


def row_to_image__column_major(row):
    """Reshapes in Fortran (column-major) order: the digit comes out transposed."""
    values = np.asarray(row, dtype=np.float64)
    if values.size != 784:
        raise ValueError("need 784 values")
    return values.reshape(28, 28, order="F")


def row_to_image__assumes_array(row):
    """Calls .reshape on the input, which a list or a Series does not have."""
    if len(row) != 784:
        raise ValueError("need 784 values")
    return row.reshape(28, 28).astype(float)


def row_to_image__keeps_dtype(row):
    """Keeps the input dtype, so an integer row gives an integer image."""
    values = np.asarray(row)
    if values.size != 784:
        raise ValueError("need 784 values")
    return values.reshape(28, 28).astype(np.uint8)


def pixel_range__first_row(X):
    """Looks at the first image only."""
    first = np.asarray(X)[0]
    return float(first.min()), float(first.max())


def pixel_range__returns_list(X):
    """Returns a list instead of a tuple."""
    values = np.asarray(X)
    return [float(values.min()), float(values.max())]


def blank_fraction__per_image(X):
    """Returns one fraction per image instead of one for the whole dataset."""
    return np.mean(np.asarray(X) == 0, axis=1)


def blank_fraction__below_one(X):
    """Counts faint ink (values between 0 and 1) as blank."""
    return float(np.mean(np.asarray(X) < 1))


def blank_fraction__ink_fraction(X):
    """Counts the non-zero pixels: the opposite fraction."""
    values = np.asarray(X)
    return float(np.count_nonzero(values) / values.size)
