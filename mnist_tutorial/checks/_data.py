"""Small, cached data sets the checks use: a slice of MNIST and scikit-learn's 8x8 digits.

Each call returns fresh copies, so a student's function that writes into its input
(which the checks report) cannot corrupt the data of the checks that follow it.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from sklearn.datasets import load_digits

from ..data import DATA_DIR, MNIST_FILES, expected_checksums, read_idx

__all__ = ["digits", "mnist_sample"]


def mnist_sample() -> tuple[pd.DataFrame, np.ndarray]:
    """The first 300 MNIST test images: flat DataFrame (300, 784) float64 and uint8 images
    (300, 28, 28), fresh copies of a cached read."""
    frame, images = _mnist_sample()
    return frame.copy(), images.copy()


def digits() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's 8x8 digits: X (1797, 64) float64 in 0-16 and y (1797,) int (copies)."""
    X, y = _digits()
    return X.copy(), y.copy()


@lru_cache(maxsize=1)
def _mnist_sample(n: int = 300) -> tuple[pd.DataFrame, np.ndarray]:
    """Reads only the small test-image file, so it takes a fraction of a second."""
    images = np.array(
        read_idx(DATA_DIR / MNIST_FILES[2], expected_checksums(DATA_DIR).get(MNIST_FILES[2]))[:n]
    )
    columns = [f"pixel{i}" for i in range(1, 785)]
    frame = pd.DataFrame(images.reshape(n, -1).astype(np.float64), columns=columns)
    return frame, images


@lru_cache(maxsize=1)
def _digits() -> tuple[np.ndarray, np.ndarray]:
    bunch = load_digits()
    return bunch.data, bunch.target
