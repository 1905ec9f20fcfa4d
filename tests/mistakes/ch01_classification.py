"""Wrong answers to chapter 1's exercises."""

import numpy as np


def row_to_image__column_major(row):
    """Reshapes in Fortran (column-major) order: the digit comes out transposed.

    Keyword: row-major
    """
    values = np.asarray(row, dtype=np.float64)
    if values.size != 784:
        raise ValueError("need 784 values")
    return values.reshape(28, 28, order="F")


def row_to_image__assumes_array(row):
    """Calls .reshape on the input, which a list or a Series does not have.

    Keyword: AttributeError
    """
    if len(row) != 784:
        raise ValueError("need 784 values")
    return row.reshape(28, 28).astype(float)


def row_to_image__keeps_dtype(row):
    """Keeps the input dtype, so an integer row gives an integer image.

    Keyword: float dtype
    """
    values = np.asarray(row)
    if values.size != 784:
        raise ValueError("need 784 values")
    return values.reshape(28, 28).astype(np.uint8)


def pixel_range__first_row(X):
    """Looks at the first image only.

    Keyword: every pixel of every image
    """
    first = np.asarray(X)[0]
    return float(first.min()), float(first.max())


def pixel_range__returns_list(X):
    """Returns a list instead of a tuple.

    Keyword: tuple
    """
    values = np.asarray(X)
    return [float(values.min()), float(values.max())]


def blank_fraction__per_image(X):
    """Returns one fraction per image instead of one for the whole dataset.

    Keyword: single float
    """
    return np.mean(np.asarray(X) == 0, axis=1)


def blank_fraction__below_one(X):
    """Counts faint ink (values between 0 and 1) as blank.

    Keyword: whole dataset
    """
    return float(np.mean(np.asarray(X) < 1))


def blank_fraction__ink_fraction(X):
    """Counts the non-zero pixels: the opposite fraction.

    Keyword: fraction of ink
    """
    values = np.asarray(X)
    return float(np.count_nonzero(values) / values.size)


def row_to_image__reshapes_caller_array(row):
    """Sets .shape on np.asarray(row), which is the caller's own array when it is float64.

    Keyword: in place
    """
    values = np.asarray(row, dtype=np.float64)
    if values.size != 784:
        raise ValueError("need 784 values")
    values.shape = (28, 28)
    return values


def row_to_image__integer_cast(row):
    """Casts to int first, which truncates non-integer pixel values.

    Keyword: no cast to int
    """
    values = np.asarray(row, dtype=int)
    if values.size != 784:
        raise ValueError("need 784 values")
    return values.reshape(28, 28).astype(float)


def row_to_image__only_raises(row):
    """Not written yet, but raises ValueError: must earn nothing, not the length points.

    Keyword: ValueError
    """
    raise ValueError("TODO")


def row_to_image__series_only(row):
    """Uses .to_numpy(), which a list does not have.

    Keyword: AttributeError
    """
    values = row.to_numpy() if hasattr(row, "to_numpy") else row.values
    if len(values) != 784:
        raise ValueError("need 784 values")
    return values.reshape(28, 28).astype(float)


def pixel_range__numpy_scalars(X):
    """Returns NumPy scalars (np.uint8 for MNIST) instead of Python floats.

    Keyword: Python float
    """
    values = np.asarray(X)
    return values.min(), values.max()


def pixel_range__starts_at_zero(X):
    """Starts the running minimum and maximum at 0, which is wrong for negative data.

    Keyword: every pixel of every image
    """
    low, high = 0.0, 0.0
    for row in np.asarray(X, dtype=float):
        low, high = min(low, float(row.min())), max(high, float(row.max()))
    return low, high


def pixel_range__dataframe_only(X):
    """X.min().min() works on a DataFrame but not on a list of lists.

    Keyword: 'list'
    """
    return float(X.min().min()), float(X.max().max())


def blank_fraction__rounds(X):
    """Rounds first, so faint ink (0.4) counts as blank.

    Keyword: count the zeros
    """
    return float(np.mean(np.round(np.asarray(X, dtype=float)) == 0))


def blank_fraction__count(X):
    """Returns the number of zeros, not the fraction.

    Keyword: not a count
    """
    return int(np.count_nonzero(np.asarray(X) == 0))


def blank_fraction__marks_ink_in_place(X):
    """Turns ink into 1 in the caller's array to count it.

    Under pandas 3 the frame's array is read-only (the write raises); under pandas 2 the
    write reaches the caller's data.

    Keyword: ValueError | in place
    """
    values = np.asarray(X, dtype=float)
    values[values != 0] = 1
    return float(1 - values.mean())


def blank_fraction__float32(X):
    """Averages in float32: a NumPy float32, not a Python float.

    Keyword: Python float
    """
    return np.mean(np.asarray(X) == 0, dtype=np.float32)


# ---- written for issue 24, before the checks were strengthened


def row_to_image__clips_to_pixel_range(row):
    """Clips to [0, 255] "to be safe": negative or huge values change.

    Keyword: keep every value as it is
    """
    values = np.asarray(row, dtype=np.float64)
    if values.size != 784:
        raise ValueError("need 784 values")
    return np.clip(values, 0, 255).reshape(28, 28)


def row_to_image__tuple_crashes(row):
    """Handles lists, arrays and Series, but a tuple has no .to_numpy().

    Keyword: 'tuple'
    """
    values = np.array(row) if isinstance(row, (list, np.ndarray)) else row.to_numpy()
    if values.size != 784:
        raise ValueError("need 784 values")
    return values.astype(np.float64).reshape(28, 28)


def pixel_range__float32(X):
    """Converts to float32 to save memory: 0.1 comes back as 0.10000000149.

    Keyword: float32
    """
    values = np.asarray(X, dtype=np.float32)
    return float(values.min()), float(values.max())


def pixel_range__first_rows(X):
    """Looks at the first 1000 images only, to be quick.

    Keyword: 12,000 rows
    """
    values = np.asarray(X, dtype=np.float64)[:1000]
    return float(values.min()), float(values.max())


def blank_fraction__isclose(X):
    """np.isclose(x, 0) counts a tiny value such as 1e-9 as blank.

    Keyword: tiny
    """
    values = np.asarray(X, dtype=np.float64)
    return float(np.mean(np.isclose(values, 0)))


def blank_fraction__not_positive(X):
    """Counts every value <= 0 as blank, so negative values count too.

    Keyword: negative
    """
    values = np.asarray(X, dtype=np.float64)
    return float(np.mean(values <= 0))


def blank_fraction__first_rows(X):
    """Counts the first 1000 images only.

    Keyword: 12,000 rows
    """
    values = np.asarray(X)[:1000]
    return float(np.mean(values == 0))


# ---- written for issue 21: kinds of mistakes not catalogued before, as a student would


def row_to_image__resize(row):
    """np.resize pads or truncates silently instead of refusing a wrong length.

    Keyword: did not raise ValueError
    """
    return np.resize(np.asarray(row, dtype=np.float64), (28, 28))


def row_to_image__assert_length(row):
    """An assert instead of a ValueError for a wrong length.

    Keyword: AssertionError
    """
    values = np.asarray(row, dtype=np.float64).ravel()
    assert values.size == 784, "row must hold 784 values"
    return values.reshape(28, 28)


def row_to_image__scaled(row):
    """Normalises the pixels to [0, 1] on the way.

    Keyword: keep every value as it is
    """
    values = np.asarray(row, dtype=np.float64).ravel()
    if values.size != 784:
        raise ValueError("row must hold 784 values")
    return values.reshape(28, 28) / 255


def row_to_image__bottom_up(row):
    """Rows from the bottom up (the plot's y axis upwards).

    Keyword: row_to_image
    """
    values = np.asarray(row, dtype=np.float64).ravel()
    if values.size != 784:
        raise ValueError("row must hold 784 values")
    return values.reshape(28, 28)[::-1]


def pixel_range__percentiles(X):
    """A robust range (1st and 99th percentile) instead of the extremes.

    Keyword: pixel_range
    """
    values = np.asarray(X, dtype=np.float64)
    low, high = np.percentile(values, [1, 99])
    return float(low), float(high)


def pixel_range__iterates_frame(X):
    """Python's min over rows: a DataFrame iterates over its column names.

    Keyword: pixel_range
    """
    return float(min(min(r) for r in X)), float(max(max(r) for r in X))


def pixel_range__swapped(X):
    """(max, min) instead of (min, max).

    Keyword: minimum
    """
    values = np.asarray(X, dtype=np.float64)
    return float(values.max()), float(values.min())


def pixel_range__int_values(X):
    """Python ints instead of floats: the values are pixels, so int(...) seems fine.

    Keyword: float
    """
    values = np.asarray(X)
    return int(values.min()), int(values.max())


def pixel_range__clipped(X):
    """Clips to 0..255 because pixels are bytes.

    Keyword: pixel_range
    """
    values = np.clip(np.asarray(X, dtype=np.float64), 0, 255)
    return float(values.min()), float(values.max())


def blank_fraction__mnist_width(X):
    """Divides by rows times 784: a constant true of MNIST only.

    Keyword: blank_fraction
    """
    values = np.asarray(X)
    return float(np.count_nonzero(values == 0) / (len(values) * 784))


def blank_fraction__blank_images(X):
    """Fraction of images that are all blank.

    Keyword: blank_fraction
    """
    values = np.asarray(X)
    return float(np.mean(np.all(values == 0, axis=1)))


def blank_fraction__uint8(X):
    """Casts to uint8 (pixels are bytes): faint and negative values wrap or truncate.

    Keyword: blank_fraction
    """
    values = np.asarray(X).astype(np.uint8)
    return float(np.mean(values == 0))


def blank_fraction__not_ink(X):
    """Anything that is not positive ink is blank (negative counted as blank).

    Keyword: blank_fraction
    """
    values = np.asarray(X, dtype=np.float64)
    return float(np.mean(~(values > 0)))


def pixel_range__mnist_constants(X):
    """MNIST's pixels run from 0 to 255: the answer is known without looking.

    Keyword: pixel_range
    """
    return 0.0, 255.0
