"""The Hog transformer against an independent oracle: ``skimage.feature.hog``.

Tolerance: ``atol=1e-6`` on features in [0, 1]. Our histograms are accumulated in
float64; scikit-image's per-cell sums differ from ours by a few 1e-8 (its compiled
loop accumulates in a different order and precision), far below 1e-6, and a wrong bin,
cell or normalisation moves features by 1e-2 or more.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.base import clone
from sklearn.pipeline import make_pipeline

import mnist_tutorial as mt
from mnist_tutorial.hog import Hog, hog_cells, hog_features

skimage_feature = pytest.importorskip("skimage.feature")

ATOL = 1e-6


@pytest.fixture(scope="module")
def digits() -> np.ndarray:
    """40 MNIST digits as (40, 28, 28) float64 in 0..255, plus two edge cases."""
    X = mt.load_mnist(as_frame=False).data[:40].reshape(-1, 28, 28)
    blank = np.zeros((1, 28, 28))
    noise = np.random.default_rng(0).random((1, 28, 28)) * 255
    return np.concatenate([X, blank, noise])


def skimage_hog(images, cell, block, norm, n_bins=9):
    return np.array(
        [
            skimage_feature.hog(
                image,
                orientations=n_bins,
                pixels_per_cell=(cell, cell),
                cells_per_block=(block, block),
                block_norm=norm,
            )
            for image in images
        ]
    )


@pytest.mark.parametrize("norm", ["L1", "L1-sqrt", "L2", "L2-Hys"])
@pytest.mark.parametrize(("cell", "block"), [(4, 2), (7, 2), (4, 1), (5, 2), (3, 3)])
def test_matches_skimage(digits, cell, block, norm):
    ours = hog_features(digits, cell_sizes=(cell,), block_size=block, block_norm=norm)
    assert_allclose(ours, skimage_hog(digits, cell, block, norm), rtol=0, atol=ATOL)


@pytest.mark.parametrize("n_bins", [4, 8, 12])
def test_matches_skimage_other_bin_counts(digits, n_bins):
    ours = hog_features(digits, cell_sizes=4, n_bins=n_bins)
    assert_allclose(ours, skimage_hog(digits, 4, 2, "L1-sqrt", n_bins), rtol=0, atol=ATOL)


def test_several_cell_sizes_are_concatenated_in_order(digits):
    ours = Hog(cell_sizes=(4, 7)).fit_transform(digits.reshape(len(digits), -1))
    expected = np.hstack(
        [skimage_hog(digits, 4, 2, "L1-sqrt"), skimage_hog(digits, 7, 2, "L1-sqrt")]
    )
    assert ours.shape == (len(digits), 1620)
    assert_allclose(ours, expected, rtol=0, atol=ATOL)


def test_offset_grid_is_the_hog_of_the_shifted_image(digits):
    # the half-cell-shifted grid is skimage's HOG of the image moved up and left by c // 2
    ours = hog_features(digits, cell_sizes=(7,), offset_cells=(4, 7))
    moved_4 = mt.shift_images(digits, -2, -2)
    moved_7 = mt.shift_images(digits, -3, -3)
    expected = np.hstack(
        [
            skimage_hog(digits, 7, 2, "L1-sqrt"),
            skimage_hog(moved_4, 4, 2, "L1-sqrt"),
            skimage_hog(moved_7, 7, 2, "L1-sqrt"),
        ]
    )
    assert ours.shape == (len(digits), 324 + 1296 + 324)
    assert_allclose(ours, expected, rtol=0, atol=ATOL)
    # and it differs from the unshifted grid (the check can fail)
    plain = hog_features(digits, cell_sizes=(4,))
    assert np.abs(ours[:, 324:1620] - plain).max() > 0.1
    assert Hog(offset_cells=(4,)).fit(digits).n_features_out_ == 2916


def test_eps_is_added_to_each_block_norm(digits):
    # L1-sqrt block normalisation written out block by block on the cell histograms
    cells = mt.hog_cells(digits, 7)  # (n, 4, 4, 9)

    def by_hand(eps):
        blocks = [
            [cells[:, r : r + 2, c : c + 2].reshape(len(cells), -1) for c in range(3)]
            for r in range(3)
        ]
        flat = [b for row in blocks for b in row]
        return np.hstack([np.sqrt(b / (b.sum(axis=1, keepdims=True) + eps)) for b in flat])

    # with scikit-image's eps, the hand-written version is scikit-image's HOG
    assert_allclose(by_hand(1e-5), skimage_hog(digits, 7, 2, "L1-sqrt"), rtol=0, atol=ATOL)
    eps = 50.0
    ours = Hog(cell_sizes=(7,), eps=eps).fit_transform(digits)
    assert_allclose(ours, by_hand(eps), rtol=0, atol=1e-12)
    # a large eps damps faint blocks: the features differ from scikit-image's
    assert np.abs(ours - skimage_hog(digits, 7, 2, "L1-sqrt")).max() > 0.05
    for norm in ("L2", "L2-Hys"):
        damped = hog_features(digits, cell_sizes=(7,), block_norm=norm, eps=eps)
        assert np.abs(damped - skimage_hog(digits, 7, 2, norm)).max() > 0.01


def test_gradient_does_not_mix_neighbouring_images(digits):
    # each image's features depend on that image only (ndimage.sobel on the stack would
    # smooth across the stack axis and fail this)
    together = hog_features(digits[:3])
    alone = np.vstack([hog_features(digits[i : i + 1]) for i in range(3)])
    assert_allclose(together, alone, rtol=0, atol=1e-12)


def test_chunks_give_the_same_features(digits, monkeypatch):
    import mnist_tutorial.hog as hog_module

    whole = hog_features(digits)
    monkeypatch.setattr(hog_module, "_CHUNK", 7)
    assert_allclose(hog_features(digits), whole, rtol=0, atol=1e-12)


def test_orientation_bins_are_unsigned():
    # a dark-to-light edge and the light-to-dark edge of the same direction vote alike
    img = np.zeros((1, 8, 8))
    img[0, :, 4:] = 1.0
    assert_allclose(hog_cells(img, 4), hog_cells(1.0 - img, 4), rtol=0, atol=1e-12)
    # the vertical edge has a horizontal gradient: bin 0; a horizontal edge: bin 4 (80-100°)
    assert hog_cells(img, 4, n_bins=9)[0].sum(axis=(0, 1)).argmax() == 0
    assert hog_cells(img.transpose(0, 2, 1), 4, n_bins=9)[0].sum(axis=(0, 1)).argmax() == 4


def soft_cells_by_hand(image, cell, n_bins):
    """Soft-binned cell histograms pixel by pixel: each bin gets the gradient length times
    max(0, 1 - d / width), d the distance of the pixel's direction from the bin's centre
    on the 180-degree circle (a triangular kernel: an independent formulation)."""
    side = image.shape[0]
    n_cells = side // cell
    width = 180.0 / n_bins
    hist = np.zeros((n_cells, n_cells, n_bins))
    for r in range(n_cells * cell):
        for c in range(n_cells * cell):
            inside = 0 < r < side - 1, 0 < c < side - 1
            g_row = image[r + 1, c] - image[r - 1, c] if inside[0] else 0.0
            g_col = image[r, c + 1] - image[r, c - 1] if inside[1] else 0.0
            angle = math.degrees(math.atan2(g_row, g_col)) % 180.0
            for b in range(n_bins):
                d = abs(angle - width * (b + 0.5))
                d = min(d, 180.0 - d)
                hist[r // cell, c // cell, b] += math.hypot(g_row, g_col) * max(0.0, 1 - d / width)
    return hist / (cell * cell)


@pytest.mark.parametrize(("cell", "n_bins"), [(4, 9), (7, 8), (5, 4)])
def test_soft_bins_match_a_pixel_by_pixel_oracle(digits, cell, n_bins):
    ours = hog_cells(digits[:6], cell, n_bins=n_bins, soft_bins=True)
    expected = np.array([soft_cells_by_hand(image, cell, n_bins) for image in digits[:6]])
    assert_allclose(ours, expected, rtol=0, atol=1e-9)
    # the same gradient length per cell as hard bins, spread differently (can fail)
    hard = hog_cells(digits[:6], cell, n_bins=n_bins)
    assert_allclose(ours.sum(axis=-1), hard.sum(axis=-1), rtol=1e-12, atol=1e-9)
    assert np.abs(ours - hard).max() > 1.0


def test_soft_bins_inside_the_features(digits):
    # features are built from the soft cell histograms: block_size=1, L1 norm
    cells = hog_cells(digits, 7, soft_bins=True)
    expected = cells / (cells.sum(axis=-1, keepdims=True) + 1e-5)
    ours = Hog(cell_sizes=7, block_size=1, block_norm="L1", soft_bins=True).fit_transform(digits)
    assert_allclose(ours, expected.reshape(len(digits), -1), rtol=0, atol=1e-12)
    # and the offset grid is the soft HOG of the shifted image, as for hard bins
    both = hog_features(digits, cell_sizes=(4,), offset_cells=(4,), soft_bins=True)
    moved = np.zeros_like(digits)
    moved[:, :-2, :-2] = digits[:, 2:, 2:]
    expected = hog_features(moved, cell_sizes=(4,), soft_bins=True)
    assert_allclose(both[:, 1296:], expected, rtol=0, atol=1e-12)


def test_soft_bins_split_a_vote_between_the_two_nearest_centres():
    # a vertical edge: gradient at 0 degrees, halfway between the centres of the last bin
    # (170) and the first (10) with 9 bins; a horizontal edge (90 degrees) sits on bin 4's centre
    img = np.zeros((1, 8, 8))
    img[0, :, 4:] = 1.0
    votes = hog_cells(img, 8, n_bins=9, soft_bins=True)[0, 0, 0]
    assert votes[0] == pytest.approx(votes[8]) and votes[0] > 0
    assert_allclose(votes[1:8], 0.0, atol=1e-12)
    across = hog_cells(img.transpose(0, 2, 1), 8, n_bins=9, soft_bins=True)[0, 0, 0]
    assert across.argmax() == 4 and across[4] == pytest.approx(across.sum())


def test_hog_cells_matches_the_histograms_inside_the_features(digits):
    # with block_size=1 and L1 normalisation, features are the cell histograms / their sum
    cells = hog_cells(digits, 7)
    expected = cells / (cells.sum(axis=-1, keepdims=True) + 1e-5)
    ours = hog_features(digits, cell_sizes=7, block_size=1, block_norm="L1")
    assert_allclose(ours, expected.reshape(len(digits), -1), rtol=0, atol=1e-12)


def test_transformer_api_and_input_unchanged(digits):
    X = digits.reshape(len(digits), -1)
    frame = pd.DataFrame(X.copy())
    before = X.copy()
    hog = Hog().fit(X)
    assert hog.n_features_in_ == 784
    assert hog.n_features_out_ == 1620
    assert_allclose(hog.transform(frame), hog.transform(X), rtol=0, atol=0)
    assert_allclose(hog.transform(X.tolist()), hog.transform(X), rtol=0, atol=0)
    np.testing.assert_array_equal(X, before)
    assert hog.get_feature_names_out()[:2].tolist() == ["hog0", "hog1"]
    assert clone(hog).get_params() == hog.get_params()
    pipe = make_pipeline(mt.Deskew(), Hog(cell_sizes=7))
    assert pipe.fit_transform(X).shape == (len(X), 324)


@pytest.mark.parametrize(
    ("X", "error", "match"),
    [
        (np.zeros((3, 10)), ValueError, "square images"),
        (np.zeros((3, 28, 27)), ValueError, "side, side"),
        (np.zeros(784), ValueError, "n_samples"),
        (np.zeros((0, 784)), ValueError, "no images"),
        (np.full((2, 784), np.nan), ValueError, "NaN"),
        ("digits", TypeError, "array of images"),
        ([["a"] * 4], TypeError, "real numbers"),
    ],
)
def test_bad_images(X, error, match):
    with pytest.raises(error, match=match):
        Hog().fit(X)
    with pytest.raises(error, match=match):
        hog_features(X)


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"cell_sizes": 0}, ValueError, "cell_sizes"),
        ({"cell_sizes": (4.0,)}, TypeError, "cell_sizes"),
        ({"cell_sizes": ()}, TypeError, "cell_sizes"),
        ({"cell_sizes": 20}, ValueError, "block_size"),
        ({"n_bins": 0}, ValueError, "n_bins"),
        ({"n_bins": True}, TypeError, "n_bins"),
        ({"block_size": 1.5}, TypeError, "block_size"),
        ({"block_norm": "L3"}, ValueError, "block_norm"),
        ({"offset_cells": (1,)}, ValueError, "offset_cells"),
        ({"offset_cells": 2.0}, TypeError, "offset_cells"),
        ({"offset_cells": (20,)}, ValueError, "offset_cells"),
        ({"eps": 0.0}, ValueError, "eps"),
        ({"eps": -1}, ValueError, "eps"),
        ({"eps": float("nan")}, ValueError, "eps"),
        ({"eps": float("inf")}, ValueError, "eps"),
        ({"eps": "1"}, TypeError, "eps"),
        ({"eps": True}, TypeError, "eps"),
        ({"eps": None}, TypeError, "eps"),
        ({"soft_bins": 1}, TypeError, "soft_bins"),
        ({"soft_bins": "yes"}, TypeError, "soft_bins"),
        ({"soft_bins": None}, TypeError, "soft_bins"),
    ],
)
def test_bad_parameters(params, error, match):
    with pytest.raises(error, match=match):
        Hog(**params).fit(np.zeros((2, 784)))


def test_transform_checks_fitted_and_size():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        Hog().transform(np.zeros((2, 784)))
    hog = Hog().fit(np.zeros((2, 784)))
    with pytest.raises(ValueError, match="784"):
        hog.transform(np.zeros((2, 32 * 32)))


def test_plot_hog_draws_edges_along_the_stroke():
    import matplotlib.pyplot as plt

    img = np.zeros((28, 28))
    img[4:24, 12:16] = 255.0  # a vertical bar: its edges are vertical
    d = mt.plot_hog(img, cell_size=4)
    segments = np.asarray(d.lines_.get_segments())  # (cells * bins, 2, 2)
    alpha = d.lines_.get_colors()[:, 3]
    assert segments.shape == (7 * 7 * 9, 2, 2)
    strongest = segments[alpha.argmax()]
    dx, dy = np.abs(strongest[1] - strongest[0])
    assert dy > 3 * dx  # drawn vertically, along the bar's edge
    with pytest.raises(ValueError, match="square"):
        mt.plot_hog(np.zeros(10))
    plt.close(d.figure_)
    # split votes: the glyphs' opacities follow the soft histograms, not the hard ones
    diagonal = np.zeros((28, 28))
    diagonal[np.arange(28), np.arange(28)] = 255.0  # a 45-degree stroke
    opacities = {}
    for soft in (False, True):
        d = mt.plot_hog(diagonal, cell_size=7, n_bins=8, soft_bins=soft)
        opacities[soft] = d.lines_.get_colors()[:, 3]
        expected = mt.hog_cells(diagonal[None], 7, n_bins=8, soft_bins=soft)[0].ravel()
        assert_allclose(opacities[soft], expected / expected.max(), atol=1e-12)
        plt.close(d.figure_)
    assert np.abs(opacities[True] - opacities[False]).max() > 0.1
