"""Chapter 9 exercises: principal component analysis.

Implement the functions below, then check your work with
``pytest exercises/test_ch09_pca.py`` or
``python -m mnist_tutorial.grade --chapter 9``.
"""

import numpy as np  # noqa: F401


def components_for_variance(explained_variance_ratio, target):
    """Smallest number of leading components that explain at least ``target``.

    Parameters
    ----------
    explained_variance_ratio : array_like of shape (n_components,)
        Fraction of variance explained by each component, largest first (as
        ``PCA.explained_variance_ratio_``).
    target : float
        Fraction of variance to reach, between 0 and 1.

    Returns
    -------
    int
        The smallest ``n`` (counting from 1) such that the first ``n`` ratios
        sum to at least ``target``.
    """
    raise NotImplementedError("components_for_variance: replace this line with your code")


def reconstruct(pca, X):
    """Project ``X`` on a fitted PCA and map it back to the pixel space.

    Parameters
    ----------
    pca : sklearn.decomposition.PCA
        A fitted PCA.
    X : ndarray of shape (n_samples, n_features)

    Returns
    -------
    ndarray of shape (n_samples, n_features)
        ``pca.inverse_transform(pca.transform(X))``.
    """
    raise NotImplementedError("reconstruct: replace this line with your code")


def reconstruction_error(X, X_reconstructed):
    """Mean squared error per pixel between images and their reconstruction.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    X_reconstructed : ndarray of shape (n_samples, n_features)

    Returns
    -------
    float
        The mean, over all samples and pixels, of the squared difference.
    """
    raise NotImplementedError("reconstruction_error: replace this line with your code")
