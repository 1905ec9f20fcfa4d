"""Chapter 9 exercises: principal component analysis.

Implement the functions below, then check your work with
``pytest exercises/test_ch09_pca.py`` or
``python -m mnist_tutorial.grade --chapter 9``.
"""

import numpy as np


def components_for_variance(explained_variance_ratio, target):
    """Smallest number of leading components that explain at least ``target``.

    Parameters
    ----------
    explained_variance_ratio : array_like of shape (n_components,)
        Fraction of variance explained by each component, largest first (as
        ``PCA.explained_variance_ratio_``): an ndarray (float64 or float32), a
        list or a tuple. Not modified.
    target : float
        Fraction of variance to reach, between 0 and 1.

    Returns
    -------
    int
        The smallest ``n`` (counting from 1) such that the first ``n`` ratios,
        added in float64 in the order given, sum to at least ``target``, as a
        Python int (wrap NumPy integers in ``int(...)``). Floating-point sums
        round (``0.6 + 0.3`` is ``0.8999999999999999``), so a sum less than
        1e-9 below ``target`` counts as reaching it; a sum equal to
        ``target`` counts too.

    Raises
    ------
    ValueError
        If all the ratios together sum to less than ``target`` (by more than
        1e-9; checked only after the function works on valid input).
    """
    cumulative = np.cumsum(np.asarray(explained_variance_ratio, dtype=np.float64))
    reached = cumulative >= target - 1e-9  # rounding: 0.6 + 0.3 reaches 0.9
    if not reached.any():
        raise ValueError(f"the ratios sum to {cumulative[-1]:.3f}, less than target={target}")
    return int(np.argmax(reached)) + 1


def reconstruct(pca, X):
    """Project ``X`` on a fitted PCA and map it back to the pixel space.

    Parameters
    ----------
    pca : sklearn.decomposition.PCA
        A fitted PCA; use it as it is (do not refit it).
    X : array_like of shape (n_samples, n_features)
        An ndarray of any numeric dtype (MNIST's are uint8) or a list of
        lists, any number of rows. Not modified.

    Returns
    -------
    ndarray of shape (n_samples, n_features), float64
        ``pca.inverse_transform(pca.transform(X))``, in the pixel space, for
        any fitted PCA (also a whitened one, or one that kept a fraction of
        the variance). Checked to a relative tolerance of 1e-7.
    """
    return pca.inverse_transform(pca.transform(X))


def reconstruction_error(X, X_reconstructed):
    """Mean squared error per pixel between images and their reconstruction.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        An ndarray of any numeric dtype (MNIST's are uint8), a list of lists
        or a tuple of tuples; any number of rows. Not modified.
    X_reconstructed : array_like of shape (n_samples, n_features)
        Same.

    Returns
    -------
    float
        The mean, over all samples and pixels, of the squared difference,
        computed in float64 and not rounded (an error of 1e-10 is not 0), as
        a Python float (wrap NumPy scalars in ``float(...)``). Checked to a
        relative tolerance of 1e-9.
    """
    diff = np.asarray(X, dtype=np.float64) - np.asarray(X_reconstructed, dtype=np.float64)
    return float(np.mean(diff**2))
