"""Tests of mnist_tutorial.features (deskewing, shifts) and the fit-cache listing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import ndimage
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression

from mnist_tutorial import describe_estimator, fit_cache_table, fit_cached, make_model
from mnist_tutorial.features import (
    Deskew,
    augment_shifted,
    deskew,
    deskew_alpha,
    shift_images,
)
from mnist_tutorial.pipelines import make_deskew_lr


def _random_digits(n: int = 20, seed: int = 0) -> np.ndarray:
    """Blobs of ink at random places, sheared by random amounts: (n, 28, 28)."""
    rng = np.random.default_rng(seed)
    images = np.zeros((n, 28, 28))
    for k in range(n):
        r, c = rng.integers(8, 20, size=2)
        images[k, r - 6 : r + 6, c - 2 : c + 2] = rng.random((12, 4)) * 255
        images[k] = ndimage.affine_transform(
            images[k], [[1, 0], [rng.uniform(-0.5, 0.5), 1]], offset=[0, 0], order=1
        )
    return images


def _moments_oracle(image: np.ndarray) -> tuple[float, float, float, float]:
    rows, cols = np.mgrid[: image.shape[0], : image.shape[1]]
    total = image.sum()
    r0, c0 = (rows * image).sum() / total, (cols * image).sum() / total
    var_r = ((rows - r0) ** 2 * image).sum() / total
    cov = ((rows - r0) * (cols - c0) * image).sum() / total
    return r0, c0, var_r, cov


def test_deskew_alpha_matches_moments_oracle():
    images = _random_digits()
    expected = []
    for img in images:
        _, _, var_r, cov = _moments_oracle(img)
        expected.append(cov / var_r)
    np.testing.assert_allclose(deskew_alpha(images), expected, rtol=1e-10)


def test_deskew_matches_scipy_affine_transform():
    images = _random_digits()
    out = deskew(images)
    for img, got in zip(images, out):
        r0, c0, var_r, cov = _moments_oracle(img)
        matrix = np.array([[1.0, 0.0], [cov / var_r, 1.0]])
        offset = np.array([r0, c0]) - matrix @ np.array([13.5, 13.5])
        expected = ndimage.affine_transform(
            img, matrix, offset=offset, order=1, mode="grid-constant"
        )
        np.testing.assert_allclose(got, expected, atol=1e-8)


def test_deskew_removes_slant_and_centres():
    images = _random_digits()
    out = deskew(images)
    assert np.abs(deskew_alpha(images)).max() > 0.1  # the input is slanted
    np.testing.assert_allclose(deskew_alpha(out), 0, atol=0.05)
    for img in out:
        r0, c0, _, _ = _moments_oracle(img)
        assert abs(r0 - 13.5) < 0.3 and abs(c0 - 13.5) < 0.3


def test_deskew_flat_and_dataframe_inputs_keep_shape():
    images = _random_digits(5)
    flat = images.reshape(5, -1)
    np.testing.assert_allclose(deskew(flat), deskew(images).reshape(5, -1))
    frame = pd.DataFrame(flat)
    assert deskew(frame).shape == (5, 784)


def test_deskew_blank_image_stays_blank():
    out = deskew(np.zeros((2, 784)))
    assert out.shape == (2, 784) and not out.any()
    assert deskew_alpha(np.zeros((1, 784))).tolist() == [0.0]


@pytest.mark.parametrize("bad", [np.zeros((3, 780)), np.zeros(783), np.zeros((2, 28, 27))])
def test_deskew_rejects_bad_shapes(bad):
    with pytest.raises(ValueError, match="images"):
        deskew(bad)


def test_deskew_reads_single_images_as_one_image():
    one = _random_digits(1, seed=4)
    expected = deskew(one)[0]
    np.testing.assert_allclose(deskew(one[0]), expected)  # (28, 28): one image
    np.testing.assert_allclose(deskew(one[0].ravel()), expected.ravel())  # (784,)
    assert deskew(one[0]).shape == (28, 28)
    small = np.zeros((16, 16))
    small[4:12, 7:9] = 1.0
    # a single 16x16 image is one image, not sixteen 4x4 images
    assert deskew_alpha(small).shape == (1,)
    assert shift_images(small, 1, 0).shape == (16, 16)
    np.testing.assert_array_equal(shift_images(small, 1, 0)[:, 1:], small[:, :-1])


def test_deskew_rejects_non_numeric():
    with pytest.raises(TypeError, match="images"):
        deskew([["a"] * 784])


def test_shift_images_matches_numpy_roll_with_zero_fill():
    images = _random_digits(4)
    for dx, dy in [(1, 0), (-2, 0), (0, 3), (2, -1)]:
        expected = np.roll(images, (dy, dx), axis=(1, 2))
        if dy > 0:
            expected[:, :dy] = 0
        elif dy < 0:
            expected[:, dy:] = 0
        if dx > 0:
            expected[:, :, :dx] = 0
        elif dx < 0:
            expected[:, :, dx:] = 0
        np.testing.assert_array_equal(shift_images(images, dx, dy), expected)
    assert not shift_images(images, 28, 0).any()


def test_shift_images_rejects_non_int():
    with pytest.raises(TypeError, match="dx"):
        shift_images(np.zeros((1, 784)), 1.5, 0)


def test_augment_shifted_stacks_copies():
    X = _random_digits(3).reshape(3, -1)
    y = np.array([1, 2, 3])
    X_aug, y_aug = augment_shifted(X, y, shifts=((1, 0), (0, -1)))
    assert X_aug.shape == (9, 784)
    np.testing.assert_array_equal(y_aug, [1, 2, 3] * 3)
    np.testing.assert_array_equal(X_aug[3:6], shift_images(X, 1, 0))
    with pytest.raises(ValueError, match="y"):
        augment_shifted(X, [1, 2])


def test_deskew_transformer_in_pipeline_and_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(tmp_path))
    images = _random_digits(40, seed=1).reshape(40, -1)
    y = np.arange(40) % 2
    pipe = make_deskew_lr(5, degree=2, max_iter=200)
    model = fit_cached(pipe, images, y)
    np.testing.assert_allclose(model.named_steps["deskew"].transform(images), deskew(images))
    assert model.predict(images).shape == (40,)
    assert clone(Deskew(center=False)).get_params() == {"center": False}
    with pytest.raises(ValueError, match="features"):
        model.named_steps["deskew"].transform(np.zeros((1, 64)))
    table = fit_cache_table(images, y, folder=tmp_path)
    assert len(table) == 1
    assert table["model"][0].startswith("Deskew > MinMaxScaler > PCA(n_components=5)")
    assert table["test_accuracy"][0] == pytest.approx(model.score(images, y))


def test_make_deskew_lr_validates():
    with pytest.raises(ValueError, match="degree"):
        make_deskew_lr(degree=0)
    with pytest.raises(ValueError, match="n_components"):
        make_deskew_lr(0)
    best = make_model("deskew-pca60-poly2")
    assert best.named_steps["pca"].n_components == 60
    assert best.named_steps["logreg"].C == 0.1


def test_describe_estimator_and_table_errors(tmp_path):
    assert describe_estimator(LogisticRegression(C=2.0)) == "LogisticRegression(C=2.0)"
    with pytest.raises(ValueError, match="both"):
        fit_cache_table(np.zeros((1, 2)), folder=tmp_path)


def test_deskew_without_centring_keeps_position_and_commutes_with_shifts():
    images = _random_digits(6, seed=3)
    out = deskew(images, center=False)
    np.testing.assert_allclose(deskew_alpha(out), 0, atol=0.05)
    for img, got in zip(images, out):
        r0, c0, var_r, cov = _moments_oracle(img)
        matrix = np.array([[1.0, 0.0], [cov / var_r, 1.0]])
        offset = np.array([0.0, -cov / var_r * r0])
        expected = ndimage.affine_transform(
            img, matrix, offset=offset, order=1, mode="grid-constant"
        )
        np.testing.assert_allclose(got, expected, atol=1e-8)
        g0, h0, _, _ = _moments_oracle(got)
        assert abs(g0 - r0) < 0.3 and abs(h0 - c0) < 0.3
    shifted_first = deskew(shift_images(images, 2, 1), center=False)
    np.testing.assert_allclose(shifted_first, shift_images(out, 2, 1), atol=1e-8)
    assert Deskew(center=False).fit(images.reshape(6, -1)).center is False
