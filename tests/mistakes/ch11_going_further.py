"""Wrong answers to chapter 11's exercises."""

import numpy as np


def image_skew__var_of_columns(image):
    """Divides by the variance of the column positions instead of the rows.

    Keyword: swapped
    """
    img = np.asarray(image, dtype=float)
    m = img.sum()
    if m == 0:
        return 0.0
    rows = np.arange(img.shape[0])[:, None]
    cols = np.arange(img.shape[1])[None, :]
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    var_c = ((cols - mc) ** 2 * img).sum() / m
    if var_c < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / var_c)


def image_skew__y_up(image):
    """Counts rows upwards (a maths y axis), which flips the sign.

    Keyword: sign
    """
    img = np.asarray(image, dtype=float)
    m = img.sum()
    if m == 0:
        return 0.0
    rows = (img.shape[0] - 1 - np.arange(img.shape[0]))[:, None]
    cols = np.arange(img.shape[1])[None, :]
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    var_r = ((rows - mr) ** 2 * img).sum() / m
    if var_r < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / var_r)


def image_skew__unweighted(image):
    """Uses the positions of ink pixels without weighting them by their values.

    Keyword: weight each pixel
    """
    rows, cols = np.nonzero(np.asarray(image))
    if len(rows) == 0 or np.var(rows) < 1e-12:
        return 0.0
    return float(np.mean((rows - rows.mean()) * (cols - cols.mean())) / np.var(rows))


def image_skew__no_blank_guard(image):
    """Divides 0 by 0 for a blank image (NaN and a RuntimeWarning).

    Keyword: RuntimeWarning
    """
    img = np.asarray(image, dtype=float)
    m = img.sum()
    rows = np.arange(img.shape[0])[:, None]
    cols = np.arange(img.shape[1])[None, :]
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    var_r = ((rows - mr) ** 2 * img).sum() / m
    return float(((rows - mr) * (cols - mc) * img).sum() / m / var_r)


def image_skew__square_only(image):
    """Uses one arange of the image's height for both rows and columns.

    Keyword: ValueError
    """
    img = np.asarray(image, dtype=float)
    m = img.sum()
    if m == 0:
        return 0.0
    idx = np.arange(img.shape[0])
    rows, cols = idx[:, None], idx[None, :]
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    var_r = ((rows - mr) ** 2 * img).sum() / m
    if var_r < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / var_r)


def image_skew__numpy_scalar_uint8(image):
    """Keeps uint8 arithmetic: the products overflow and wrap around.

    Keyword: wrong sign
    """
    img = np.asarray(image)
    m = float(img.sum())
    if m == 0:
        return 0.0
    rows = np.arange(img.shape[0], dtype=np.uint8)[:, None]
    cols = np.arange(img.shape[1], dtype=np.uint8)[None, :]
    mr, mc = float((rows * img).sum()) / m, float((cols * img).sum()) / m
    var_r = float(((rows - mr) ** 2 * img).sum()) / m
    if var_r < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / var_r)


def shift_image__roll(image, dx, dy):
    """np.roll wraps the pixels that leave one edge around to the other.

    Keyword: wrap around
    """
    if not isinstance(dx, (int, np.integer)) or not isinstance(dy, (int, np.integer)):
        raise TypeError("whole pixels only")
    return np.roll(np.asarray(image, dtype=float), (dy, dx), axis=(0, 1))


def shift_image__swapped(image, dx, dy):
    """Moves rows by dx and columns by dy.

    Keyword: swapped
    """
    if isinstance(dx, bool) or not isinstance(dx, (int, np.integer)):
        raise TypeError("dx")
    if isinstance(dy, bool) or not isinstance(dy, (int, np.integer)):
        raise TypeError("dy")
    img = np.asarray(image, dtype=float)
    h, w = img.shape
    out = np.zeros((h, w))
    dx, dy = dy, dx
    if abs(dx) < w and abs(dy) < h:
        out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = img[
            max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return out


def shift_image__minus_zero_slice(image, dx, dy):
    """Slices with [:-dx], which is empty for dx = 0.

    Keyword: ValueError
    """
    if isinstance(dx, bool) or not isinstance(dx, (int, np.integer)):
        raise TypeError("dx")
    if isinstance(dy, bool) or not isinstance(dy, (int, np.integer)):
        raise TypeError("dy")
    img = np.asarray(image, dtype=float)
    out = np.zeros_like(img)
    if dx >= 0 and dy >= 0:
        out[dy:, dx:] = img[: img.shape[0] - dy, :-dx] if dx else img[: img.shape[0] - dy, :0]
    else:
        out = np.roll(img, (dy, dx), axis=(0, 1))
    return out


def shift_image__keeps_uint8(image, dx, dy):
    """Keeps the input dtype (uint8 for MNIST) instead of float64.

    Keyword: float dtype
    """
    if isinstance(dx, bool) or not isinstance(dx, (int, np.integer)):
        raise TypeError("dx")
    if isinstance(dy, bool) or not isinstance(dy, (int, np.integer)):
        raise TypeError("dy")
    img = np.asarray(image)
    h, w = img.shape
    out = np.zeros_like(img)
    if abs(dx) < w and abs(dy) < h:
        out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = img[
            max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return out


def shift_image__rounds_floats(image, dx, dy):
    """Rounds a float shift instead of refusing it.

    Keyword: TypeError
    """
    from scipy import ndimage

    img = np.asarray(image, dtype=float)
    return ndimage.shift(img, (round(dy), round(dx)), order=0, mode="constant", cval=0.0)


def shift_image__only_raises(image, dx, dy):
    """Not written yet, but raises TypeError: must not earn the bad-shift point.

    Keyword: TypeError
    """
    raise TypeError("TODO")


def gradient_histogram__swapped_gradients(cell, n_bins=9):
    """Reads np.gradient's result as (gx, gy).

    Keyword: (gy, gx)
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    gx, gy = np.gradient(np.asarray(cell, dtype=float))
    angle = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.floor(angle / (180 / n_bins)).astype(int) % n_bins
    return np.bincount(bins.ravel(), weights=np.hypot(gx, gy).ravel(), minlength=n_bins)


def gradient_histogram__counts(cell, n_bins=9):
    """Counts pixels per bin instead of adding their magnitudes.

    Keyword: not 1
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    gy, gx = np.gradient(np.asarray(cell, dtype=float))
    angle = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.floor(angle / (180 / n_bins)).astype(int) % n_bins
    moving = np.hypot(gx, gy) > 0
    return np.bincount(bins[moving], minlength=n_bins).astype(float)


def gradient_histogram__signed(cell, n_bins=9):
    """Signed orientations over 360 degrees: a gradient and its opposite differ.

    Keyword: % 180
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    gy, gx = np.gradient(np.asarray(cell, dtype=float))
    angle = np.degrees(np.arctan2(gy, gx)) % 360
    bins = np.floor(angle / (360 / n_bins)).astype(int) % n_bins
    return np.bincount(bins.ravel(), weights=np.hypot(gx, gy).ravel(), minlength=n_bins)


def gradient_histogram__arctan(cell, n_bins=9):
    """arctan(gy / gx) divides by zero where gx = 0.

    Keyword: RuntimeWarning
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    gy, gx = np.gradient(np.asarray(cell, dtype=float))
    angle = np.degrees(np.arctan(gy / gx)) % 180
    angle = np.nan_to_num(angle)
    bins = np.floor(angle / (180 / n_bins)).astype(int) % n_bins
    return np.bincount(bins.ravel(), weights=np.hypot(gx, gy).ravel(), minlength=n_bins)


def gradient_histogram__rounds_to_nearest_bin(cell, n_bins=9):
    """Rounds to the nearest bin centre instead of taking the floor.

    Keyword: floor
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    gy, gx = np.gradient(np.asarray(cell, dtype=float))
    angle = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.round(angle / (180 / n_bins)).astype(int) % n_bins
    return np.bincount(bins.ravel(), weights=np.hypot(gx, gy).ravel(), minlength=n_bins)


def gradient_histogram__squared_magnitude(cell, n_bins=9):
    """Adds gx**2 + gy**2 (no square root).

    Keyword: magnitudes
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    gy, gx = np.gradient(np.asarray(cell, dtype=float))
    angle = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.floor(angle / (180 / n_bins)).astype(int) % n_bins
    return np.bincount(bins.ravel(), weights=(gx**2 + gy**2).ravel(), minlength=n_bins)


def gradient_histogram__uint8_gradient(cell, n_bins=9):
    """np.gradient of a uint8 cell: differences wrap around below 0.

    Keyword: float64
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    c = np.asarray(cell)
    gy = np.zeros(c.shape)
    gx = np.zeros(c.shape)
    gx[:, 1:-1] = (c[:, 2:] - c[:, :-2]) / 2
    gx[:, 0], gx[:, -1] = c[:, 1] - c[:, 0], c[:, -1] - c[:, -2]
    gy[1:-1] = (c[2:] - c[:-2]) / 2
    gy[0], gy[-1] = c[1] - c[0], c[-1] - c[-2]
    angle = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.floor(angle / (180 / n_bins)).astype(int) % n_bins
    return np.bincount(bins.ravel(), weights=np.hypot(gx, gy).ravel(), minlength=n_bins)


def _split(angles, magnitudes, n_bins, lower_of, shares):
    """Shared frame of the split_votes mistakes below: the mistake is in the arguments."""
    if n_bins < 1:
        raise ValueError("n_bins")
    a = np.asarray(angles, dtype=float)
    m = np.asarray(magnitudes, dtype=float)
    if a.shape != m.shape:
        raise ValueError("shapes")
    position = (a % 180) / (180 / n_bins) - 0.5
    lower, share = lower_of(position), shares(position)
    hist = np.zeros(n_bins)
    for k, weight in ((lower, 1 - share), (lower + 1, share)):
        np.add.at(hist, k.astype(int) % n_bins, m * weight)
    return hist


def split_votes__swapped_shares(angles, magnitudes, n_bins=8):
    """Gives the larger share to the farther bin.

    Keyword: larger share
    """
    return _split(angles, magnitudes, n_bins, np.floor, lambda p: 1 - (p - np.floor(p)))


def split_votes__int_not_floor(angles, magnitudes, n_bins=8):
    """int() rounds -0.3 up to 0: angles below the first centre split wrongly.

    Keyword: two bins
    """
    return _split(angles, magnitudes, n_bins, np.trunc, lambda p: p - np.trunc(p))


def split_votes__bin_edges(angles, magnitudes, n_bins=8):
    """Centres bins on k * width (no - 0.5).

    Keyword: centred
    """
    shifted = np.asarray(angles, dtype=float) + 90 / n_bins
    return _split(shifted, magnitudes, n_bins, np.floor, lambda p: p - np.floor(p))


def split_votes__no_wrap(angles, magnitudes, n_bins=8):
    """The share past the last bin is dropped instead of going to bin 0.

    Keyword: add up to sum(magnitudes)
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    a, m = np.asarray(angles, dtype=float), np.asarray(magnitudes, dtype=float)
    if a.shape != m.shape:
        raise ValueError("shapes")
    position = np.clip((a % 180) / (180 / n_bins) - 0.5, 0, None)
    lower = np.floor(position).astype(int)
    share = position - lower
    hist = np.bincount(lower.ravel(), weights=(m * (1 - share)).ravel(), minlength=n_bins + 1)
    hist += np.bincount((lower + 1).ravel(), weights=(m * share).ravel(), minlength=n_bins + 1)
    return hist[:n_bins]


def split_votes__whole_votes(angles, magnitudes, n_bins=8):
    """All of each length to the nearest centre's bin: no split.

    Keyword: split each length
    """
    return _split(angles, magnitudes, n_bins, lambda p: np.floor(p + 0.5), lambda p: 0 * p)


def split_votes__signed(angles, magnitudes, n_bins=8):
    """Signed orientations over 360 degrees.

    Keyword: unsigned
    """
    return _split(
        np.asarray(angles, dtype=float) / 2, magnitudes, n_bins, np.floor, lambda p: p - np.floor(p)
    )


def split_votes__counts(angles, magnitudes, n_bins=8):
    """Adds the shares (counts of votes), not the gradient lengths.

    Keyword: not 1
    """
    return _split(
        angles, np.ones(np.shape(magnitudes)), n_bins, np.floor, lambda p: p - np.floor(p)
    )


def split_votes__in_place(angles, magnitudes, n_bins=8):
    """Folds the caller's angles into [0, 180) in place.

    Keyword: in place
    """
    if isinstance(angles, np.ndarray):
        angles %= 180
    return _split(angles, magnitudes, n_bins, np.floor, lambda p: p - np.floor(p))


def split_votes__no_shape_check(angles, magnitudes, n_bins=8):
    """Broadcasts angles against magnitudes instead of rejecting different shapes.

    Keyword: ValueError
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    a = np.asarray(angles, dtype=float)
    m = np.broadcast_to(np.asarray(magnitudes, dtype=float)[: a.size], a.shape)
    return _split(a, m, n_bins, np.floor, lambda p: p - np.floor(p))


# ---- written for issue 24, before the checks were strengthened


def image_skew__exact_zero_variance(image):
    """Only var_row == 0 counts as one row: a rounding-error variance is divided by.

    Keyword: one row
    """
    img = np.asarray(image, dtype=np.float64)
    m = img.sum()
    if m == 0:
        return 0.0
    rows = np.arange(img.shape[0])[:, None]
    cols = np.arange(img.shape[1])[None, :]
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    var = ((rows - mr) ** 2 * img).sum() / m
    if var == 0:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / var)


def image_skew__moment_shortcut(image):
    """var_row as E[row^2] - E[row]^2: cancellation far from the top row.

    Keyword: deviations
    """
    img = np.asarray(image, dtype=np.float64)
    m = img.sum()
    if m == 0:
        return 0.0
    rows = np.arange(img.shape[0])[:, None]
    cols = np.arange(img.shape[1])[None, :]
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    var = (rows**2 * img).sum() / m - mr**2
    if var < 1e-12:
        return 0.0
    cov = (rows * cols * img).sum() / m - mr * mc
    return float(cov / var)


def image_skew__isclose_blank(image):
    """np.isclose(m, 0) calls faint images blank.

    Keyword: faint ink
    """
    img = np.asarray(image, dtype=np.float64)
    m = img.sum()
    if np.isclose(m, 0):
        return 0.0
    rows = np.arange(img.shape[0])[:, None]
    cols = np.arange(img.shape[1])[None, :]
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    var = ((rows - mr) ** 2 * img).sum() / m
    if var < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / var)


def shift_image__keeps_float32(image, dx, dy):
    """np.zeros_like keeps a float32 image in float32.

    Keyword: float64
    """
    for value in (dx, dy):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError("whole pixels")
    img = np.asarray(image)
    if img.dtype.kind != "f":
        img = img.astype(np.float64)
    h, w = img.shape
    out = np.zeros_like(img)
    if abs(dx) < w and abs(dy) < h:
        out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = img[
            max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return out


def gradient_histogram__clips_last_bin(cell, n_bins=9):
    """Clips the bin index instead of wrapping: an angle of exactly 180.0 lands in the last bin.

    Keyword: 180.0
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    gy, gx = np.gradient(np.asarray(cell, dtype=np.float64))
    orientation = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.minimum(np.floor(orientation / (180 / n_bins)).astype(int), n_bins - 1)
    return np.bincount(bins.ravel(), weights=np.hypot(gx, gy).ravel(), minlength=n_bins)


def split_votes__fancy_index_add(angles, magnitudes, n_bins=8):
    """hist[idx] += w: repeated bins keep only one vote each.

    Keyword: hist[idx] +=
    """
    if n_bins < 1:
        raise ValueError("n_bins")
    a = np.asarray(angles, dtype=float)
    m = np.asarray(magnitudes, dtype=float)
    if a.shape != m.shape:
        raise ValueError("shapes")
    position = (a % 180) / (180 / n_bins) - 0.5
    lower = np.floor(position)
    share = position - lower
    lower = lower.astype(int) % n_bins
    hist = np.zeros(n_bins)
    hist[lower.ravel()] += (m * (1 - share)).ravel()
    hist[((lower + 1) % n_bins).ravel()] += (m * share).ravel()
    return hist


# ---- written for issue 21 (kinds of mistakes not catalogued before), as a student
# would; the notes in each docstring say which the checks caught before their fix


def image_skew__mean_over_pixels(image):
    """Means divided by the number of pixels instead of the total ink.

    Keyword: image_skew
    """
    img = np.asarray(image, dtype=np.float64)
    m = img.sum()
    if m == 0:
        return 0.0
    rows, cols = np.indices(img.shape)
    mr, mc = (rows * img).sum() / img.size, (cols * img).sum() / img.size
    var = ((rows - mr) ** 2 * img).sum() / m
    if var < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / var)


def image_skew__over_std(image):
    """cov / std_row instead of cov / var_row.

    Keyword: image_skew
    """
    img = np.asarray(image, dtype=np.float64)
    m = img.sum()
    if m == 0:
        return 0.0
    rows, cols = np.indices(img.shape)
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    var = ((rows - mr) ** 2 * img).sum() / m
    if var < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / np.sqrt(var))


def image_skew__correlation(image):
    """The correlation cov / (std_row * std_col).

    Keyword: image_skew
    """
    img = np.asarray(image, dtype=np.float64)
    m = img.sum()
    if m == 0:
        return 0.0
    rows, cols = np.indices(img.shape)
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    vr = ((rows - mr) ** 2 * img).sum() / m
    vc = ((cols - mc) ** 2 * img).sum() / m
    if vr < 1e-12 or vc < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / np.sqrt(vr * vc))


def shift_image__dy_up(image, dx, dy):
    """Positive dy moves the image up (as on a plot's y axis).

    Keyword: shift_image
    """
    for name, value in (("dx", dx), ("dy", dy)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an int")
    dx, dy = int(dx), -int(dy)
    img = np.asarray(image, dtype=np.float64)
    h, w = img.shape
    out = np.zeros((h, w))
    if abs(dx) < w and abs(dy) < h:
        out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = img[
            max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return out


def shift_image__accepts_bool(image, dx, dy):
    """isinstance(dx, int) is true for True and False too.

    Keyword: bool
    """
    for name, value in (("dx", dx), ("dy", dy)):
        if not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an int")
    dx, dy = int(dx), int(dy)
    img = np.asarray(image, dtype=np.float64)
    h, w = img.shape
    out = np.zeros((h, w))
    if abs(dx) < w and abs(dy) < h:
        out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = img[
            max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return out


def shift_image__truncates_floats(image, dx, dy):
    """int(dx) without a type check: 1.5 becomes 1.

    Keyword: TypeError
    """
    dx, dy = int(dx), int(dy)
    img = np.asarray(image, dtype=np.float64)
    h, w = img.shape
    out = np.zeros((h, w))
    if abs(dx) < w and abs(dy) < h:
        out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = img[
            max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return out


def gradient_histogram__fixed_nine_bins(cell, n_bins=9):
    """Nine bins whatever n_bins says.

    Keyword: n_bins
    """
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    gy, gx = np.gradient(np.asarray(cell, dtype=np.float64))
    magnitude = np.hypot(gx, gy)
    orientation = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.floor(orientation / 20).astype(int) % 9
    return np.bincount(bins.ravel(), weights=magnitude.ravel(), minlength=9)


def gradient_histogram__integer_width(cell, n_bins=9):
    """Bin width 180 // n_bins: wrong whenever n_bins does not divide 180.

    Keyword: gradient_histogram
    """
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    gy, gx = np.gradient(np.asarray(cell, dtype=np.float64))
    magnitude = np.hypot(gx, gy)
    orientation = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.floor(orientation / (180 // n_bins)).astype(int) % n_bins
    return np.bincount(bins.ravel(), weights=magnitude.ravel(), minlength=n_bins)


def gradient_histogram__l1_magnitude(cell, n_bins=9):
    """|gx| + |gy| as the magnitude.

    Keyword: gradient_histogram
    """
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    gy, gx = np.gradient(np.asarray(cell, dtype=np.float64))
    magnitude = np.abs(gx) + np.abs(gy)
    orientation = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.floor(orientation / (180 / n_bins)).astype(int) % n_bins
    return np.bincount(bins.ravel(), weights=magnitude.ravel(), minlength=n_bins)


def split_votes__abs_angles(angles, magnitudes, n_bins=8):
    """abs(angle) % 180: a negative angle is mirrored instead of wrapped.

    Keyword: split_votes
    """
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    angles = np.abs(np.asarray(angles, dtype=np.float64))
    magnitudes = np.asarray(magnitudes, dtype=np.float64)
    if angles.shape != magnitudes.shape:
        raise ValueError("shapes differ")
    position = angles % 180 / (180 / n_bins) - 0.5
    lower = np.floor(position)
    share = position - lower
    lower = lower.astype(int) % n_bins
    hist = np.bincount(lower.ravel(), weights=(magnitudes * (1 - share)).ravel(), minlength=n_bins)
    hist += np.bincount(
        ((lower + 1) % n_bins).ravel(), weights=(magnitudes * share).ravel(), minlength=n_bins
    )
    return hist


def split_votes__no_bins_check(angles, magnitudes, n_bins=8):
    """No check of n_bins: 0 bins divides by zero.

    Keyword: ZeroDivisionError
    """
    angles = np.asarray(angles, dtype=np.float64)
    magnitudes = np.asarray(magnitudes, dtype=np.float64)
    if angles.shape != magnitudes.shape:
        raise ValueError("shapes differ")
    position = angles % 180 / (180 / n_bins) - 0.5
    lower = np.floor(position)
    share = position - lower
    lower = lower.astype(int) % n_bins
    hist = np.bincount(lower.ravel(), weights=(magnitudes * (1 - share)).ravel(), minlength=n_bins)
    hist += np.bincount(
        ((lower + 1) % n_bins).ravel(), weights=(magnitudes * share).ravel(), minlength=n_bins
    )
    return hist


def split_votes__squared_magnitudes(angles, magnitudes, n_bins=8):
    """Votes weighted by the squared lengths.

    Keyword: split_votes
    """
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    angles = np.asarray(angles, dtype=np.float64)
    magnitudes = np.asarray(magnitudes, dtype=np.float64) ** 2
    if angles.shape != magnitudes.shape:
        raise ValueError("shapes differ")
    position = angles % 180 / (180 / n_bins) - 0.5
    lower = np.floor(position)
    share = position - lower
    lower = lower.astype(int) % n_bins
    hist = np.bincount(lower.ravel(), weights=(magnitudes * (1 - share)).ravel(), minlength=n_bins)
    hist += np.bincount(
        ((lower + 1) % n_bins).ravel(), weights=(magnitudes * share).ravel(), minlength=n_bins
    )
    return hist


def image_skew__normalises_in_place(image):
    """Divides the caller's image by its total ink in place.

    Keyword: in place
    """
    img = np.asarray(image, dtype=np.float64)
    m = img.sum()
    if m == 0:
        return 0.0
    img /= m
    rows, cols = np.indices(img.shape)
    mr, mc = (rows * img).sum(), (cols * img).sum()
    var = ((rows - mr) ** 2 * img).sum()
    if var < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / var)


def gradient_histogram__centres_in_place(cell, n_bins=9):
    """Subtracts the cell's mean in place first (gradients do not care, the caller does).

    Keyword: in place
    """
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    cell = np.asarray(cell, dtype=np.float64)
    cell -= cell.mean()
    gy, gx = np.gradient(cell)
    magnitude = np.hypot(gx, gy)
    orientation = np.degrees(np.arctan2(gy, gx)) % 180
    bins = np.floor(orientation / (180 / n_bins)).astype(int) % n_bins
    return np.bincount(bins.ravel(), weights=magnitude.ravel(), minlength=n_bins)


def shift_image__swapped_shape(image, dx, dy):
    """w, h = image.shape: height and width swapped (square images hide it).

    Keyword: not square
    """
    for name, value in (("dx", dx), ("dy", dy)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an int")
    dx, dy = int(dx), int(dy)
    img = np.asarray(image, dtype=np.float64)
    w, h = img.shape
    out = np.zeros(img.shape)
    if abs(dx) < w and abs(dy) < h:
        out[max(dy, 0) : h + min(dy, 0), max(dx, 0) : w + min(dx, 0)] = img[
            max(-dy, 0) : h + min(-dy, 0), max(-dx, 0) : w + min(-dx, 0)
        ]
    return out
