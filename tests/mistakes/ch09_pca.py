"""Wrong answers to chapter 9's exercises."""

import numpy as np


def components_for_variance__strict(explained_variance_ratio, target):
    """Uses > where "at least" means >=.

    Keyword: >=
    """
    return int(np.argmax(np.cumsum(explained_variance_ratio) > target)) + 1


def components_for_variance__zero_based(explained_variance_ratio, target):
    """Returns the 0-based position instead of a count.

    Keyword: count components from 1
    """
    return int(np.argmax(np.cumsum(explained_variance_ratio) >= target))


def components_for_variance__float(explained_variance_ratio, target):
    """Right count, but as a float.

    Keyword: expected an int
    """
    return float(np.sum(np.cumsum(explained_variance_ratio) < target) + 1)


def reconstruct__no_inverse(pca, X):
    """Stops at the PCA coordinates.

    Keyword: shape
    """
    return pca.transform(X)


def reconstruct__refit(pca, X):
    """Refits the PCA on X.

    Keyword: refitted
    """
    pca.fit(X)
    return pca.inverse_transform(pca.transform(X))


def reconstruct__forgets_mean(pca, X):
    """Projects without centring and without adding the mean back.

    Keyword: transform, then inverse_transform
    """
    V = pca.components_
    return np.asarray(X) @ V.T @ V


def reconstruction_error__sum(X, X_reconstructed):
    """The sum of squared errors, not the mean.

    Keyword: mean over all samples
    """
    return float(np.sum((np.asarray(X) - np.asarray(X_reconstructed)) ** 2))


def reconstruction_error__per_image(X, X_reconstructed):
    """One error per image.

    Keyword: single float
    """
    return np.mean((np.asarray(X) - np.asarray(X_reconstructed)) ** 2, axis=1)


def reconstruction_error__rmse(X, X_reconstructed):
    """The root of the mean squared error.

    Keyword: squared difference
    """
    return float(np.sqrt(np.mean((np.asarray(X) - np.asarray(X_reconstructed)) ** 2)))


def components_for_variance__numpy_int(explained_variance_ratio, target):
    """Right count, but as np.int64 (no int(...)).

    Keyword: Python int
    """
    cumulative = np.cumsum(explained_variance_ratio)
    if cumulative[-1] < target:
        raise ValueError("unreachable")
    return np.argmax(cumulative >= target) + 1


def components_for_variance__cumsum_in_place(explained_variance_ratio, target):
    """Accumulates into the caller's array.

    Keyword: in place
    """
    ratio = np.asarray(explained_variance_ratio, dtype=float)
    np.cumsum(ratio, out=ratio)
    if ratio[-1] < target:
        raise ValueError("unreachable")
    return int(np.argmax(ratio >= target)) + 1


def components_for_variance__silent_when_unreachable(explained_variance_ratio, target):
    """argmax of an all-False mask is 0, so an unreachable target gives 1 component.

    Keyword: ValueError
    """
    return int(np.argmax(np.cumsum(explained_variance_ratio) >= target)) + 1


def components_for_variance__only_raises(explained_variance_ratio, target):
    """Not written yet, but raises ValueError: must not earn the unreachable-target point.

    Keyword: ValueError
    """
    raise ValueError("TODO")


def components_for_variance__list_sum(explained_variance_ratio, target):
    """Calls .sum() on a slice, which a list does not have.

    Keyword: 'list'
    """
    running = 0
    for n in range(len(explained_variance_ratio)):
        running = explained_variance_ratio[: n + 1].sum()
        if running >= target:
            return n + 1
    raise ValueError("unreachable")


def reconstruct__centres_in_place(pca, X):
    """Subtracts the mean from the caller's X in place.

    Keyword: in place
    """
    X = np.asarray(X, dtype=float)
    X -= pca.mean_
    V = pca.components_
    return X @ V.T @ V + pca.mean_


def reconstruct__first_component_only(pca, X):
    """Keeps only the first component.

    Keyword: transform, then inverse_transform
    """
    V = pca.components_[:1]
    return (np.asarray(X) - pca.mean_) @ V.T @ V + pca.mean_


def reconstruct__transform_of_inverse(pca, X):
    """Applies the two steps in the wrong order: transform(inverse_transform(...)) fails.

    Keyword: ValueError
    """
    return pca.transform(pca.inverse_transform(X))


def reconstruction_error__uint8_wraps(X, X_reconstructed):
    """Subtracts uint8 arrays, which wraps around below 0.

    Keyword: wraps
    """
    return float(np.mean((np.asarray(X) - np.asarray(X_reconstructed)) ** 2))


def reconstruction_error__absolute(X, X_reconstructed):
    """The mean absolute difference, not squared.

    Keyword: squared difference
    """
    diff = np.asarray(X, dtype=float) - np.asarray(X_reconstructed, dtype=float)
    return float(np.mean(np.abs(diff)))


def reconstruction_error__per_pixel(X, X_reconstructed):
    """One error per pixel (axis=0).

    Keyword: single float
    """
    diff = np.asarray(X, dtype=float) - np.asarray(X_reconstructed, dtype=float)
    return np.mean(diff**2, axis=0)


# ---- written for issue 24, before the checks were strengthened


def components_for_variance__float32(explained_variance_ratio, target):
    """Adds up in float32: a sum at the target can land just below it.

    Keyword: in float64
    """
    cumulative = np.cumsum(np.asarray(explained_variance_ratio, dtype=np.float32))
    reached = np.flatnonzero(cumulative >= np.float32(target))
    if len(reached) == 0:
        raise ValueError("target not reached")
    return int(reached[0]) + 1


def components_for_variance__no_tolerance(explained_variance_ratio, target):
    """Compares the running sum exactly: 0.8999999999999999 misses 0.9.

    Keyword: 1e-09 below the target
    """
    total = 0.0
    for n, ratio in enumerate(explained_variance_ratio, start=1):
        total += float(ratio)
        if total >= target:
            return n
    raise ValueError("target not reached")


def reconstruct__n_components_setting(pca, X):
    """Projects by hand on the first pca.n_components components: fails when the PCA was
    given a fraction of the variance (n_components=0.8) instead of a count.

    Keyword: TypeError
    """
    X = np.asarray(X, dtype=np.float64)
    V = pca.components_[: pca.n_components]
    return (X - pca.mean_) @ V.T @ V + pca.mean_


def reconstruct__float32(pca, X):
    """Converts X to float32 first (to save memory): a float32 answer.

    Keyword: float64
    """
    X = np.asarray(X, dtype=np.float32)
    return pca.inverse_transform(pca.transform(X)).astype(np.float32)


def reconstruction_error__rounded(X, X_reconstructed):
    """Rounds to 6 decimals: a small error becomes 0.

    Keyword: do not round
    """
    diff = np.asarray(X, dtype=np.float64) - np.asarray(X_reconstructed, dtype=np.float64)
    return round(float(np.mean(diff**2)), 6)


def reconstruction_error__first_rows(X, X_reconstructed):
    """Looks at the first 1000 images only.

    Keyword: every sample
    """
    X = np.asarray(X, dtype=np.float64)[:1000]
    X_reconstructed = np.asarray(X_reconstructed, dtype=np.float64)[:1000]
    return float(np.mean((X - X_reconstructed) ** 2))


# ---- written for issue 21 (kinds of mistakes not catalogued before), as a student
# would; the notes in each docstring say which the checks caught before their fix


def components_for_variance__normalises(explained_variance_ratio, target):
    """Divides the ratios by their sum first, so that they always reach 1.

    Keyword: components_for_variance
    """
    ratios = np.asarray(explained_variance_ratio, dtype=np.float64)
    cumulative = np.cumsum(ratios / ratios.sum())
    reached = cumulative >= target - 1e-9
    if not reached.any():
        raise ValueError("target cannot be reached")
    return int(np.argmax(reached)) + 1


def components_for_variance__returns_all(explained_variance_ratio, target):
    """Returns every component when the target cannot be reached.

    Keyword: ValueError
    """
    cumulative = np.cumsum(np.asarray(explained_variance_ratio, dtype=np.float64))
    reached = cumulative >= target - 1e-9
    if not reached.any():
        return len(cumulative)
    return int(np.argmax(reached)) + 1


def components_for_variance__loose_tolerance(explained_variance_ratio, target):
    """A tolerance of 1e-3 'for rounding': a sum well below the target counts.

    Keyword: components_for_variance
    """
    cumulative = np.cumsum(np.asarray(explained_variance_ratio, dtype=np.float64))
    reached = cumulative >= target - 1e-3
    if not reached.any():
        raise ValueError("target cannot be reached")
    return int(np.argmax(reached)) + 1


def reconstruct__clipped(pca, X):
    """Clips the reconstruction to the pixel range [0, 255].

    Keyword: reconstruct
    """
    return np.clip(pca.inverse_transform(pca.transform(X)), 0, 255)


def reconstruct__uint8(pca, X):
    """Rounds back to uint8 pixels.

    Keyword: reconstruct
    """
    return np.rint(pca.inverse_transform(pca.transform(X))).clip(0, 255).astype(np.uint8)


def reconstruct__scaled_input(pca, X):
    """Divides X by 255 first (the chapter's pixels were scaled once).

    Keyword: reconstruct
    """
    X = np.asarray(X, dtype=np.float64) / 255
    return pca.inverse_transform(pca.transform(X))


def reconstruction_error__mnist_width(X, X_reconstructed):
    """Divides the total by n_samples * 784: a constant true of MNIST only.

    Keyword: reconstruction_error
    """
    diff = np.asarray(X, dtype=np.float64) - np.asarray(X_reconstructed, dtype=np.float64)
    return float(np.sum(diff**2) / (len(diff) * 784))


def reconstruction_error__variance(X, X_reconstructed):
    """np.var of the difference: subtracts the mean error first.

    Keyword: reconstruction_error
    """
    diff = np.asarray(X, dtype=np.float64) - np.asarray(X_reconstructed, dtype=np.float64)
    return float(np.var(diff))


def reconstruction_error__float32(X, X_reconstructed):
    """The difference taken in float32.

    Keyword: reconstruction_error
    """
    diff = np.asarray(X, dtype=np.float32) - np.asarray(X_reconstructed, dtype=np.float32)
    return float(np.mean(diff.astype(np.float64) ** 2))


def reconstruct__ignores_whitening(pca, X):
    """Scores times components plus the mean: right unless the PCA whitens.

    Keyword: reconstruct
    """
    return pca.transform(X) @ pca.components_ + pca.mean_


def reconstruct__own_mean(pca, X):
    """Centres X on its own mean instead of the PCA's.

    Keyword: reconstruct
    """
    X = np.asarray(X, dtype=np.float64)
    mean = X.mean(axis=0)
    return (X - mean) @ pca.components_.T @ pca.components_ + mean


def reconstruction_error__subtracts_in_place(X, X_reconstructed):
    """X -= X_reconstructed on the caller's float64 array.

    Keyword: in place
    """
    X = np.asarray(X, dtype=np.float64)
    X -= np.asarray(X_reconstructed, dtype=np.float64)
    return float(np.mean(X**2))
