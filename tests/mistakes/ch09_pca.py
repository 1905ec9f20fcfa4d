"""Wrong answers to chapter 9's exercises."""

import numpy as np


def components_for_variance__strict(explained_variance_ratio, target):
    """Uses > where "at least" means >=."""
    return int(np.argmax(np.cumsum(explained_variance_ratio) > target)) + 1


def components_for_variance__zero_based(explained_variance_ratio, target):
    """Returns the 0-based position instead of a count."""
    return int(np.argmax(np.cumsum(explained_variance_ratio) >= target))


def components_for_variance__float(explained_variance_ratio, target):
    """Right count, but as a float."""
    return float(np.sum(np.cumsum(explained_variance_ratio) < target) + 1)


def reconstruct__no_inverse(pca, X):
    """Stops at the PCA coordinates."""
    return pca.transform(X)


def reconstruct__refit(pca, X):
    """Refits the PCA on X."""
    pca.fit(X)
    return pca.inverse_transform(pca.transform(X))


def reconstruct__forgets_mean(pca, X):
    """Projects without centring and without adding the mean back."""
    V = pca.components_
    return np.asarray(X) @ V.T @ V


def reconstruction_error__sum(X, X_reconstructed):
    """The sum of squared errors, not the mean."""
    return float(np.sum((np.asarray(X) - np.asarray(X_reconstructed)) ** 2))


def reconstruction_error__per_image(X, X_reconstructed):
    """One error per image."""
    return np.mean((np.asarray(X) - np.asarray(X_reconstructed)) ** 2, axis=1)


def reconstruction_error__rmse(X, X_reconstructed):
    """The root of the mean squared error."""
    return float(np.sqrt(np.mean((np.asarray(X) - np.asarray(X_reconstructed)) ** 2)))
