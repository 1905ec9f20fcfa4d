"""Checks for chapter 11: ``image_skew``, ``shift_image``, ``gradient_histogram``,
``split_votes``.

The oracles are written out by hand (explicit loops over pixels, SciPy's
``ndimage.shift``), never the library's own deskewing or shifting code.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import ndimage

from ._core import Chapter, CheckFailure, call, expect_array, expect_close, expect_float
from ._data import mnist_sample
from ._expect import call_checked
from ._strategies import Case, as_form, run_cases

CHAPTER = Chapter(
    11,
    "ch11_going_further.py",
    ("image_skew", "shift_image", "gradient_histogram", "split_votes"),
    prepare=mnist_sample,
)
part = CHAPTER.part

RTOL = 1e-9  # sums of a few hundred float64 products agree to ~1e-13


def _oracle_skew(image):
    """cov(row, col) / var(row) of the ink, pixel by pixel."""
    img = np.asarray(image, dtype=float)
    h, w = img.shape
    m = sr = sc = 0.0
    for r in range(h):
        for c in range(w):
            m += img[r, c]
            sr += r * img[r, c]
            sc += c * img[r, c]
    if m == 0:
        return 0.0
    mr, mc = sr / m, sc / m
    var = cov = 0.0
    for r in range(h):
        for c in range(w):
            var += (r - mr) ** 2 * img[r, c]
            cov += (r - mr) * (c - mc) * img[r, c]
    var, cov = var / m, cov / m
    return 0.0 if var < 1e-12 else cov / var


def _skew_hint(got, image):
    img = np.asarray(image, dtype=float)
    if math.isclose(got, -_oracle_skew(img), rel_tol=1e-6):
        return "the sign is flipped: rows count downwards from the top, columns to the right"
    if math.isclose(got, _oracle_skew(img.T), rel_tol=1e-6):
        return "rows and columns are swapped: divide by the variance of the row positions"
    return "weight each pixel's position by its value, centre on the mean row and column"


@part("image_skew", points=2)
def _image_skew_values(image_skew):
    _, images = mnist_sample()
    for i in (0, 7, 21):
        got = expect_float(call(image_skew, images[i]), f"image_skew(MNIST image {i})")
        expect_close(
            got,
            _oracle_skew(images[i]),
            f"image_skew(MNIST image {i}, uint8)",
            rtol=RTOL,
            atol=1e-12,
            hint=_skew_hint(got, images[i]),
        )


@part("image_skew")
def _image_skew_not_square(image_skew):
    rng = np.random.default_rng(11)
    image = rng.uniform(0, 1, size=(6, 9)) * (rng.uniform(size=(6, 9)) < 0.5)  # 6 rows, 9 cols
    got = expect_float(call(image_skew, image), "image_skew(a 6x9 image)")
    hint = _skew_hint(got, image)
    expect_close(
        got, _oracle_skew(image), "image_skew(a 6x9 image)", rtol=RTOL, atol=1e-12, hint=hint
    )
    got = expect_float(call(image_skew, image.tolist()), "image_skew(a list of lists)")
    expect_close(got, _oracle_skew(image), "image_skew(a list of lists)", rtol=RTOL, atol=1e-12)


@part("image_skew")
def _image_skew_degenerate(image_skew):
    hint = "return 0.0 before dividing (0 / 0)"
    blank = call_checked(image_skew, (np.zeros((5, 5)),), warning_hint=hint)
    row = np.zeros((5, 7), dtype=np.uint8)
    row[2, 1:6] = [3, 9, 1, 4, 4]  # all the ink in one row
    flat = call_checked(image_skew, (row,), warning_hint=hint)
    expect_close(
        blank,
        0.0,
        "image_skew(a blank image)",
        rtol=0,
        atol=0,
        hint="a blank image has no slant: return 0.0",
    )
    expect_close(
        flat,
        0.0,
        "image_skew(ink in one row)",
        rtol=0,
        atol=0,
        hint="with var_row == 0 the slant is undefined: return 0.0",
    )


def _oracle_shift(image, dx, dy):
    img = np.asarray(image, dtype=float)
    return ndimage.shift(img, (dy, dx), order=0, mode="constant", cval=0.0)


def _shift_hint(got, image, dx, dy):
    got = np.asarray(got)
    if got.shape == np.shape(image):
        if np.array_equal(got, np.roll(image, (dy, dx), axis=(0, 1))):
            return "pixels moved past an edge must be lost, not wrap around (np.roll wraps)"
        if np.array_equal(got, _oracle_shift(image, dy, dx)):
            return "dx moves columns (right), dy moves rows (down): they are swapped"
        if np.array_equal(got, _oracle_shift(image, -dx, -dy)):
            return "the image moved the wrong way: positive dx is right, positive dy is down"
    return ""


@part("shift_image", points=2)
def _shift_image_values(shift_image):
    _, images = mnist_sample()
    image = images[4]  # uint8, as MNIST stores it
    for dx, dy in ((1, 0), (0, -1), (3, 2), (-2, 5)):
        got = call(shift_image, image, dx, dy)
        what = f"shift_image(image, dx={dx}, dy={dy})"
        expect_array(got, what, shape=(28, 28), kind="f")
        expect_close(
            got,
            _oracle_shift(image, dx, dy),
            what,
            rtol=0,
            atol=0,
            hint=_shift_hint(got, image, dx, dy),
        )


@part("shift_image")
def _shift_image_edges(shift_image):
    image = np.arange(1.0, 21.0).reshape(4, 5)  # ink touches every edge
    for dx, dy in ((0, 0), (4, 0), (0, -3), (-4, 3), (5, 0), (0, 9), (-7, -7)):
        got = call(shift_image, image, dx, dy)
        what = f"shift_image(a 4x5 image, dx={dx}, dy={dy})"
        expect_array(got, what, shape=(4, 5), kind="f")
        hint = _shift_hint(got, image, dx, dy)
        if not hint and (dx, dy) == (0, 0):
            hint = (
                "a shift by 0 returns the image unchanged (careful with slices like [:-0], "
                "and with a height and width swapped: this image is not square)"
            )
        elif not hint and (abs(dx) >= 5 or abs(dy) >= 4):
            hint = "a shift by the full width or height or more leaves nothing: all zeros"
        expect_close(got, _oracle_shift(image, dx, dy), what, rtol=0, atol=0, hint=hint)
    got = call(shift_image, image, 0, 0)
    if got is image or np.shares_memory(got, image):
        raise CheckFailure("shift_image(image, 0, 0) returned the input itself; return a new array")
    got = call(shift_image, image.tolist(), np.int64(1), np.int64(-1))
    expect_close(
        got, _oracle_shift(image, 1, -1), "shift_image(a list, np.int64 shifts)", rtol=0, atol=0
    )


@part("shift_image", requires="values")
def _shift_image_bad_shift(shift_image):
    image = np.ones((4, 4))
    for dx, dy in ((1.5, 0), (0, 2.0), (True, 0)):
        try:
            call(shift_image, image, dx, dy)
        except TypeError:
            continue
        raise CheckFailure(
            f"shift_image(image, dx={dx!r}, dy={dy!r}) did not raise TypeError; shifts are "
            "whole pixels (check isinstance(dx, (int, np.integer)) and not bool)"
        )


def _oracle_histogram(cell, n_bins, swap=False):
    """Gradients, orientations and votes pixel by pixel (np.gradient's rule written out)."""
    c = np.asarray(cell, dtype=float)
    h, w = c.shape

    def diff(get, i, n):
        if i == 0:
            return get(1) - get(0)
        if i == n - 1:
            return get(n - 1) - get(n - 2)
        return (get(i + 1) - get(i - 1)) / 2

    hist = np.zeros(n_bins)
    width = 180 / n_bins
    for r in range(h):
        for col in range(w):
            gx = diff(lambda j, r=r: c[r, j], col, w)
            gy = diff(lambda i, col=col: c[i, col], r, h)
            if swap:  # a student's (gx, gy) = np.gradient(...) mix-up, for the hint
                gx, gy = gy, gx
            angle = math.degrees(math.atan2(gy, gx)) % 180
            hist[math.floor(angle / width) % n_bins] += math.hypot(gx, gy)
    return hist


def _histogram_hint(got, cell, n_bins):
    got = np.asarray(got, dtype=float)
    c = np.asarray(cell, dtype=float)
    if got.shape != (n_bins,):
        return ""
    if np.allclose(got, _oracle_histogram(c, n_bins, swap=True), rtol=1e-6):
        return "np.gradient returns (gy, gx): the derivative along the rows comes first"
    gy, gx = np.gradient(c)
    if np.isclose(got.sum(), np.count_nonzero(np.hypot(gx, gy))):
        return "each pixel adds its gradient magnitude, not 1"
    return (
        "check each step: np.gradient of the cell as float64 (gy comes first), "
        "orientation % 180, bin floor(angle / (180 / n_bins)), add the magnitudes"
    )


@part("gradient_histogram", points=2)
def _gradient_histogram_values(gradient_histogram):
    _, images = mnist_sample()
    for i, (r, c) in ((0, (8, 8)), (5, (12, 4)), (9, (4, 16))):
        cell = images[i][r : r + 8, c : c + 8]  # uint8, a cell with strokes
        got = call(gradient_histogram, cell)
        what = f"gradient_histogram(an 8x8 cell of MNIST image {i})"
        expect_array(got, what, shape=(9,), kind="f")
        expect_close(
            got,
            _oracle_histogram(cell, 9),
            what,
            rtol=RTOL,
            atol=1e-9,
            hint=_histogram_hint(got, cell, 9),
        )


@part("gradient_histogram")
def _gradient_histogram_orientations(gradient_histogram):
    ramp = np.tile(np.arange(6.0), (5, 1))  # brighter to the right: gx > 0, gy = 0
    cases = [
        (ramp, "a left-to-right ramp (0 degrees)"),
        (ramp[:, ::-1], "a right-to-left ramp (180 degrees, unsigned: same as 0)"),
        (ramp.T[:5, :5], "a top-to-bottom ramp (90 degrees)"),
        (np.add.outer(np.arange(5.0), -np.arange(5.0)), "a diagonal ramp (135 degrees)"),
    ]
    for cell, label in cases:
        for n_bins in (9, 4):
            got = call(gradient_histogram, cell, n_bins=n_bins)
            what = f"gradient_histogram({label}, n_bins={n_bins})"
            expect_array(got, what, shape=(n_bins,), kind="f")
            expect_close(
                got,
                _oracle_histogram(cell, n_bins),
                what,
                rtol=RTOL,
                atol=1e-9,
                hint=_histogram_hint(got, cell, n_bins),
            )


@part("gradient_histogram")
def _gradient_histogram_inputs(gradient_histogram):
    rng = np.random.default_rng(3)
    cell = rng.uniform(0, 1, size=(6, 7))  # not square, not integer-valued
    for data, kind in ((cell, "a 6x7 float cell"), (cell.tolist(), "a list of lists")):
        got = call(gradient_histogram, data, n_bins=6)
        what = f"gradient_histogram({kind}, n_bins=6)"
        expect_array(got, what, shape=(6,), kind="f")
        expect_close(
            got,
            _oracle_histogram(cell, 6),
            what,
            rtol=RTOL,
            atol=1e-9,
            hint=_histogram_hint(got, cell, 6),
        )
    hint = "arctan2(0, 0) is fine, arctan(gy / gx) divides by zero"
    got = call_checked(
        gradient_histogram, (np.full((4, 4), 7.0),), {"n_bins": 3}, warning_hint=hint
    )
    expect_close(got, np.zeros(3), "gradient_histogram(a flat cell)", rtol=0, atol=0)


@part("gradient_histogram", requires="values")
def _gradient_histogram_bad_bins(gradient_histogram):
    for n_bins in (0, -3):
        try:
            call(gradient_histogram, np.eye(4), n_bins=n_bins)
        except ValueError:
            continue
        raise CheckFailure(
            f"gradient_histogram(cell, n_bins={n_bins}) did not raise ValueError; check that "
            "n_bins >= 1 first"
        )


def _oracle_split(angles, magnitudes, n_bins, *, variant=""):
    """Split votes by a triangular kernel: bin k gets m * max(0, 1 - d / width) for the
    distance d from the angle to k's centre or one of its copies 180 degrees away.

    ``variant`` computes a known wrong answer instead, for the hints: "swapped" (the
    nearer bin gets the smaller share), "edges" (bins centred on k * width), "whole"
    (all of it to the nearest centre's bin), "signed" (over 360 degrees).
    """
    a = np.asarray(angles, dtype=float).ravel()
    m = np.asarray(magnitudes, dtype=float).ravel()
    span = 360.0 if variant == "signed" else 180.0
    width = span / n_bins
    offset = 0.0 if variant == "edges" else 0.5
    hist = np.zeros(n_bins)
    for angle, length in zip(a, m):
        weights = np.zeros(n_bins)
        for k in range(n_bins):
            for copy in (-span, 0.0, span):
                d = abs(angle % span - ((k + offset) * width + copy))
                weights[k] += max(0.0, 1.0 - d / width)
        if variant == "swapped" and n_bins > 1:
            near = np.flatnonzero(weights > 0)
            if len(near) == 2:
                weights[near] = weights[near[::-1]]
        if variant == "whole":
            weights = (weights == weights.max()).astype(float) / (weights == weights.max()).sum()
        hist += length * weights
    return hist


_FANCY_HINT = (
    "a bin that gets several votes must add them all: hist[idx] += w keeps one vote per "
    "repeated index (np.add.at and np.bincount add every one)"
)


def _fancy_index_split(angles, magnitudes, n_bins):
    """The answer of hist[idx] += w (one vote per repeated bin), for its hint."""
    a = np.asarray(angles, dtype=float).ravel()
    m = np.asarray(magnitudes, dtype=float).ravel()
    position = (a % 180) / (180 / n_bins) - 0.5
    lower = np.floor(position)
    share = position - lower
    lower = lower.astype(int) % n_bins
    hist = np.zeros(n_bins)
    hist[lower] += m * (1 - share)
    hist[(lower + 1) % n_bins] += m * share
    return hist


def _split_hint(got, angles, magnitudes, n_bins):
    got = np.asarray(got, dtype=float)
    if got.shape != (n_bins,):
        return ""
    hints = {
        "swapped": "the nearer centre gets the larger share: bin lower gets m * (1 - share)",
        "edges": "bin k is centred on (k + 0.5) * width, not k * width: subtract 0.5",
        "whole": "split each length between the two nearest bins, in proportion to closeness",
        "signed": "orientations are unsigned: a and a + 180 degrees are the same (180 / n_bins)",
    }
    for variant, hint in hints.items():
        if np.allclose(got, _oracle_split(angles, magnitudes, n_bins, variant=variant)):
            return hint
    if np.allclose(got, _fancy_index_split(angles, magnitudes, n_bins)):
        return _FANCY_HINT
    if np.isclose(got.sum(), np.size(magnitudes)) and not np.isclose(
        np.size(magnitudes), np.sum(magnitudes)
    ):
        return "each vote adds its gradient length m, split in two, not 1"
    if not np.isclose(got.sum(), np.sum(magnitudes)):
        return (
            "the bins must add up to sum(magnitudes): every vote's two shares must land in "
            "bins, also for angles near 0 and 180 degrees"
        )
    return "each vote splits between the two bins whose centres are nearest its angle"


def _expect_split(split_votes, angles, magnitudes, n_bins, label):
    got = call(split_votes, angles, magnitudes, n_bins=n_bins)
    what = f"split_votes({label}, n_bins={n_bins})"
    expect_array(got, what, shape=(n_bins,), kind="f")
    expect_close(
        got,
        _oracle_split(angles, magnitudes, n_bins),
        what,
        rtol=RTOL,
        atol=1e-9,
        hint=_split_hint(got, angles, magnitudes, n_bins),
    )


@part("split_votes", points=2)
def _split_votes_values(split_votes):
    rng = np.random.default_rng(11)
    for n_bins, shape in ((8, (40,)), (9, (6, 7)), (5, (30,))):
        angles = rng.uniform(0, 180, size=shape)
        magnitudes = rng.uniform(0, 50, size=shape)
        _expect_split(split_votes, angles, magnitudes, n_bins, f"{shape} random angles")


@part("split_votes")
def _split_votes_wrap_and_centres(split_votes):
    cases = [
        ([0.0, 4.0, 176.0, 179.5], "angles near 0 and 180 degrees"),
        ([11.25, 33.75, 90.0 - 11.25], "angles on bin centres (8 bins)"),
        ([22.5, 45.0, 90.0], "angles halfway between centres (8 bins)"),
        ([-30.0, 200.0, 540.0, 180.0], "angles outside [0, 180)"),
    ]
    for angles, label in cases:
        magnitudes = np.arange(1.0, len(angles) + 1)
        for n_bins in (8, 4):
            _expect_split(split_votes, np.array(angles), magnitudes, n_bins, label)


@part("split_votes")
def _split_votes_inputs(split_votes):
    angles, magnitudes = [10, 95, 170, 60], [1, 2, 3, 4]  # lists of ints
    _expect_split(split_votes, angles, magnitudes, 6, "lists of ints")
    _expect_split(split_votes, np.array([5.0, 100.0]), np.array([2.0, 3.0]), 1, "two angles")
    _expect_split(split_votes, np.zeros((2, 2)), np.zeros((2, 2)), 3, "no gradient")


@part("split_votes", requires="values")
def _split_votes_bad_input(split_votes):
    bad = [
        ((np.ones(3), np.ones(3)), {"n_bins": 0}, "n_bins=0"),
        ((np.ones(3), np.ones(3)), {"n_bins": -2}, "n_bins=-2"),
        ((np.ones(3), np.ones(4)), {"n_bins": 8}, "angles of 3 and magnitudes of 4 values"),
    ]
    for args, kwargs, label in bad:
        try:
            call(split_votes, *args, **kwargs)
        except ValueError:
            continue
        raise CheckFailure(
            f"split_votes with {label} did not raise ValueError; check n_bins >= 1 and "
            "that angles and magnitudes have the same shape, first"
        )


# ---------------------------------------------------------------- generated cases

STRATEGIES = {
    "image_skew": ["lists", "tuples", "int_dtypes", "float32", "tiny", "near_constant", "sizes"],
    "shift_image": ["lists", "tuples", "float32", "int_dtypes", "numpy_scalars", "sizes"],
    "gradient_histogram": [
        "lists",
        "tuples",
        "float32",
        "int_dtypes",
        "near_constant",
        "params",
        "sizes",
    ],
    "split_votes": ["lists", "tuples", "float32", "angles", "params", "sizes"],
}


def _oracle_skew_array(image):
    """cov(row, col) / var(row) with centred sums in float64 (for large images)."""
    img = np.asarray(image, dtype=np.float64)
    m = math.fsum(img.ravel())
    if m == 0:
        return 0.0
    rows = np.arange(img.shape[0], dtype=np.float64)[:, None]
    cols = np.arange(img.shape[1], dtype=np.float64)[None, :]
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    var = ((rows - mr) ** 2 * img).sum() / m
    if var < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / var)


def _ink(rng, shape):
    return rng.uniform(0, 255, size=shape) * (rng.random(shape) < 0.5)


def _skew_cases(rng, strategy):
    image = _ink(rng, (5, 6))
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"a {form} of {form}s", (as_form(image, form),))
    elif strategy == "int_dtypes":
        yield Case("a uint8 image", (image.astype(np.uint8),))
        yield Case("an int64 image", (image.astype(np.int64),))
    elif strategy == "float32":
        yield Case("a float32 image", (image.astype(np.float32),))
    elif strategy == "tiny":
        yield Case("faint ink", (image * 1e-12,))
    elif strategy == "near_constant":
        for row in range(1, 7):
            one_row = np.zeros((7, 9))
            one_row[row, 1:8] = rng.uniform(0.1, 1.0, size=7)  # all the ink in one row
            yield Case("ink in one row", (one_row,))
    elif strategy == "sizes":
        yield Case("a 1x1 image", (np.array([[3.0]]),))
        yield Case("one row of pixels", (image[:1],))
        tall = np.zeros((100_000, 2))
        tall[-5:] = rng.uniform(1, 9, size=(5, 2))
        yield Case("a 100,000-row image, ink at the bottom", (tall,))
        flat = np.zeros((100_000, 3))
        flat[99_990] = [2.0, 7.0, 5.0]
        yield Case("a 100,000-row image, ink in one row", (flat,))


@part("image_skew")
def _image_skew_generated(image_skew):
    def check(got, pristine, case):
        image = np.asarray(pristine.args[0], dtype=np.float64)
        what = f"image_skew({case.label})"
        want = _oracle_skew(image) if image.size <= 1000 else _oracle_skew_array(image)
        hints = {
            "ink in one row": "all the ink lies in one row: var_row is rounding error (below "
            "1e-12), so the slant is 0.0",
            "faint ink": "faint ink is still ink: only an image whose values are all exactly 0 "
            "is blank",
            "100,000-row": "far from the top row E[r**2] - E[r]**2 loses its digits: take "
            "means of products of deviations from the mean row",
        }
        hint = next((h for key, h in hints.items() if key in case.label), "")
        hint = hint or "compute in float64 from the image as given"
        expect_close(expect_float(got, what), want, what, rtol=RTOL, atol=1e-12, hint=hint)

    run_cases(image_skew, STRATEGIES["image_skew"], _skew_cases, check, exercise="image_skew")


def _shift_cases(rng, strategy):
    image = _ink(rng, (4, 5))
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"a {form} of {form}s", (as_form(image, form), 1, -2))
    elif strategy == "float32":
        yield Case("a float32 image", (image.astype(np.float32), -1, 1))
    elif strategy == "int_dtypes":
        yield Case("a uint8 image", (image.astype(np.uint8), 2, 1))
        yield Case("an int64 image", (image.astype(np.int64) - 100, -2, 0))
    elif strategy == "numpy_scalars":
        yield Case("NumPy integer shifts", (image, np.int32(2), np.int8(-1)))
        yield Case("NumPy int16 shifts", (image, np.int16(-3), np.int16(1)))
    elif strategy == "sizes":
        yield Case("a 1x1 image", (np.array([[4.0]]), 0, 0))
        yield Case("a 1x1 image moved", (np.array([[4.0]]), 1, 0))
        yield Case("a 1x7 image", (image[:1].repeat(2, axis=1)[:, :7], 3, 0))
        yield Case("shifts past the edges", (image, -10, 7))


@part("shift_image")
def _shift_image_generated(shift_image):
    def check(got, pristine, case):
        image, dx, dy = pristine.args
        image = np.asarray(image, dtype=np.float64)
        what = f"shift_image({case.label})"
        expect_array(got, what, shape=image.shape, kind="f")
        want = _oracle_shift(image, int(dx), int(dy))
        hint = _shift_hint(got, image, int(dx), int(dy)) or "every pixel keeps its value"
        expect_close(got, want, what, rtol=0, atol=0, hint=hint)

    run_cases(shift_image, STRATEGIES["shift_image"], _shift_cases, check, exercise="shift_image")


def _histogram_cases(rng, strategy):
    cell = _ink(rng, (5, 6))
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"a {form} of {form}s", (as_form(cell, form),))
    elif strategy == "float32":
        yield Case("a float32 cell", (cell.astype(np.float32),))
    elif strategy == "int_dtypes":
        yield Case("a uint8 cell", (cell.astype(np.uint8),))
        yield Case("an int64 cell", (cell.astype(np.int64) - 128,))
    elif strategy == "near_constant":
        ramp = np.tile(np.arange(5.0), (4, 1))
        ramp[:, 0] = -1e-20 * np.arange(4)  # orientations of -5.7e-19 degrees: % 180 gives 180.0
        for n_bins in (9, 4):
            yield Case("a ramp with a tiny downward slope", (ramp,), {"n_bins": n_bins})
    elif strategy == "params":
        for n_bins in (1, 2, 7, 36):
            yield Case(f"n_bins={n_bins}", (cell,), {"n_bins": n_bins})
    elif strategy == "sizes":
        yield Case("a 2x2 cell", (cell[:2, :2],))
        yield Case("a 2x40 cell", (_ink(rng, (2, 40)),))
        yield Case("a 40x40 cell", (_ink(rng, (40, 40)),))


@part("gradient_histogram")
def _gradient_histogram_generated(gradient_histogram):
    def check(got, pristine, case):
        cell = np.asarray(pristine.args[0], dtype=np.float64)
        n_bins = pristine.kwargs.get("n_bins", 9)
        what = f"gradient_histogram({case.label}, n_bins={n_bins})"
        expect_array(got, what, shape=(n_bins,), kind="f")
        hint = _histogram_hint(got, cell, n_bins)
        if "near_constant" in case.label or "tiny" in case.label:
            hint = (
                "an orientation of exactly 180.0 is the same as 0: the bin index wraps (% n_bins)"
            )
        expect_close(got, _oracle_histogram(cell, n_bins), what, rtol=RTOL, atol=1e-9, hint=hint)

    run_cases(
        gradient_histogram,
        STRATEGIES["gradient_histogram"],
        _histogram_cases,
        check,
        exercise="gradient_histogram",
    )


def _oracle_split_array(angles, magnitudes, n_bins):
    """The triangular-kernel oracle of _oracle_split, vectorised for many angles."""
    a = np.asarray(angles, dtype=float).ravel()[:, None, None] % 180.0
    m = np.asarray(magnitudes, dtype=float).ravel()
    width = 180.0 / n_bins
    centres = ((np.arange(n_bins) + 0.5) * width)[None, :, None]
    copies = np.array([-180.0, 0.0, 180.0])[None, None, :]
    weights = np.maximum(0.0, 1.0 - np.abs(a - centres - copies) / width).sum(axis=2)
    return m @ weights


def _split_cases(rng, strategy):
    angles, lengths = rng.uniform(0, 180, size=7), rng.uniform(0, 9, size=7)
    if strategy in ("lists", "tuples"):
        form = "list" if strategy == "lists" else "tuple"
        yield Case(f"{form}s", (as_form(angles, form), as_form(lengths, form)), {"n_bins": 6})
    elif strategy == "float32":
        args = (angles.astype(np.float32), lengths.astype(np.float32))
        yield Case("float32 arrays", args, {"n_bins": 8})
    elif strategy == "angles":
        odd = np.array([-1e-15, -30.0, 200.0, 540.0, 1e6 + 0.5, -725.25, 180.0, 0.0])
        yield Case("angles of any real value", (odd, np.arange(1.0, 9.0)), {"n_bins": 8})
        edges = np.arange(0.0, 180.0, 22.5 / 2)  # every centre and every edge of 8 bins
        yield Case("angles on centres and edges", (edges, np.ones_like(edges)), {"n_bins": 8})
    elif strategy == "params":
        for n_bins in (1, 2, 3, 36):
            yield Case(f"n_bins={n_bins}", (angles, lengths), {"n_bins": n_bins})
    elif strategy == "sizes":
        yield Case("one angle", (np.array([100.0]), np.array([2.0])), {"n_bins": 4})
        many = rng.uniform(-360, 360, size=(100, 200))
        yield Case("20,000 angles", (many, rng.uniform(0, 5, size=many.shape)), {"n_bins": 9})


@part("split_votes")
def _split_votes_generated(split_votes):
    def check(got, pristine, case):
        angles, magnitudes = pristine.args
        n_bins = pristine.kwargs["n_bins"]
        what = f"split_votes({case.label}, n_bins={n_bins})"
        expect_array(got, what, shape=(n_bins,), kind="f")
        want = _oracle_split_array(angles, magnitudes, n_bins)
        if np.size(angles) < 100:
            hint = _split_hint(got, angles, magnitudes, n_bins)
        elif np.allclose(got, _fancy_index_split(angles, magnitudes, n_bins)):
            hint = _FANCY_HINT
        else:
            hint = ""
        expect_close(got, want, what, rtol=RTOL, atol=1e-9, hint=hint)

    run_cases(split_votes, STRATEGIES["split_votes"], _split_cases, check, exercise="split_votes")
