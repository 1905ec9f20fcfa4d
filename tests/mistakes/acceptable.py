"""Answers that differ from the reference solutions but are right: they must keep full
marks. A function named ``<exercise>__<variant>`` replaces ``<exercise>`` in a copy of
the reference solution (the chapter is found from the exercise's name)."""

import math
import warnings

import numpy as np
import pandas as pd
from scipy.special import expit
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression


def sigmoid__tanh(z):
    """The tanh identity sigma(z) = (1 + tanh(z / 2)) / 2: stable, no exp at all."""
    z = np.asarray(z, dtype=float)
    result = 0.5 * (1.0 + np.tanh(0.5 * z))
    return float(result) if result.ndim == 0 else result


def sigmoid__scipy(z):
    """scipy.special.expit."""
    result = expit(np.asarray(z, dtype=float))
    return float(result) if result.ndim == 0 else result


def softmax__logsumexp(Z):
    """exp(Z - logsumexp(Z)) per row."""
    from scipy.special import logsumexp

    Z = np.asarray(Z, dtype=float)
    return np.exp(Z - logsumexp(Z, axis=1, keepdims=True))


def precision_per_class__epsilon(cm):
    """A small epsilon in the denominator instead of a zero test."""
    cm = np.asarray(cm, dtype=float)
    return np.diag(cm) / (cm.sum(axis=0) + 1e-9)


def f1_per_class__epsilon(cm):
    """Epsilons in every denominator (the common 'avoid 0 / 0' trick)."""
    cm = np.asarray(cm, dtype=float)
    p = np.diag(cm) / (cm.sum(axis=0) + 1e-9)
    r = np.diag(cm) / (cm.sum(axis=1) + 1e-9)
    return 2 * p * r / (p + r + 1e-9)


def accuracy__python_loop(y_true, y_pred):
    """A plain loop over positions, returning a Python float."""
    y_true, y_pred = list(y_true), list(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError("different lengths")
    return float(sum(t == p for t, p in zip(y_true, y_pred)) / len(y_true))


def components_for_variance__loop(explained_variance_ratio, target):
    """A running total in a loop, with the docstring's tolerance of 1e-9."""
    total = 0.0
    for n, ratio in enumerate(explained_variance_ratio, start=1):
        total += float(ratio)
        if total >= target - 1e-9:
            return n
    raise ValueError("target not reached")


def n_polynomial_features__loop(n_features, degree, include_bias=False):
    """Adds up the monomials of each degree."""
    total = sum(math.comb(n_features + d - 1, d) for d in range(1, degree + 1))
    return total + 1 if include_bias else total


def blank_fraction__count(X):
    """count_nonzero of the zero mask over the size."""
    values = np.asarray(X)
    return float(np.count_nonzero(values == 0) / values.size)


def shift_image__scipy(image, dx, dy):
    """scipy.ndimage.shift with order=0 and zero fill."""
    from scipy import ndimage

    for value in (dx, dy):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError("whole pixels only")
    img = np.asarray(image, dtype=float)
    return ndimage.shift(img, (dy, dx), order=0, mode="constant", cval=0.0)


def split_votes__loop(angles, magnitudes, n_bins=8):
    """A Python loop over the votes, math.floor and a modulo per vote."""
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    a = np.asarray(angles, dtype=float)
    m = np.asarray(magnitudes, dtype=float)
    if a.shape != m.shape:
        raise ValueError("angles and magnitudes differ in shape")
    hist = np.zeros(n_bins)
    width = 180 / n_bins
    for angle, length in zip(a.ravel(), m.ravel()):
        position = (angle % 180) / width - 0.5
        lower = math.floor(position)
        share = position - lower
        hist[lower % n_bins] += length * (1 - share)
        hist[(lower + 1) % n_bins] += length * share
    return hist


def split_votes__add_at(angles, magnitudes, n_bins=8):
    """np.add.at, no modulo 180 (the modulo n_bins of the bins wraps the angles too)."""
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    a = np.asarray(angles, dtype=float)
    m = np.asarray(magnitudes, dtype=float)
    if a.shape != m.shape:
        raise ValueError("angles and magnitudes differ in shape")
    position = a * (n_bins / 180) - 0.5
    lower = np.floor(position)
    share = position - lower
    hist = np.zeros(n_bins)
    np.add.at(hist, lower.astype(int) % n_bins, m * (1 - share))
    np.add.at(hist, (lower.astype(int) + 1) % n_bins, m * share)
    return hist


def components_for_variance__isclose(explained_variance_ratio, target):
    """np.cumsum with a tolerance written as np.isclose(..., atol=1e-12, rtol=0)."""
    cumulative = np.cumsum(np.asarray(explained_variance_ratio, dtype=float))
    reached = (cumulative >= target) | np.isclose(cumulative, target, rtol=0, atol=1e-12)
    if not reached.any():
        raise ValueError("target not reached")
    return int(np.argmax(reached)) + 1


def standardize__sklearn(X_train, X_test):
    """scikit-learn's own StandardScaler, fitted on X_train."""
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(np.asarray(X_train, dtype=np.float64))
    return scaler.transform(np.asarray(X_train, dtype=np.float64)), scaler.transform(
        np.asarray(X_test, dtype=np.float64)
    )


def most_confused__argsort(cm, labels, k=3):
    """Sorts every off-diagonal cell with np.argsort (diagonal set to -1 on a copy)."""
    off = np.array(cm, dtype=float)
    np.fill_diagonal(off, -1)
    order = np.argsort(-off, axis=None, kind="stable")[:k]
    rows, cols = np.unravel_index(order, off.shape)
    return [(labels[i], labels[j], int(cm[i][j])) for i, j in zip(rows, cols)]


def shift_image__int_first(image, dx, dy):
    """Pads with zeros and slices, after int() on the shifts."""
    if isinstance(dx, bool) or isinstance(dy, bool):
        raise TypeError("whole pixels")
    if not isinstance(dx, (int, np.integer)) or not isinstance(dy, (int, np.integer)):
        raise TypeError("whole pixels")
    dx, dy = int(dx), int(dy)
    img = np.asarray(image, dtype=np.float64)
    h, w = img.shape
    padded = np.pad(img, ((max(dy, 0), max(-dy, 0)), (max(dx, 0), max(-dx, 0))))
    top, left = max(-dy, 0), max(-dx, 0)
    return padded[top : top + h, left : left + w].copy()


def make_poly_search__list_of_grids(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """One grid per number of components, with make_pipeline's automatic step names."""
    from sklearn.decomposition import PCA
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures

    pipe = make_pipeline(
        MinMaxScaler(),
        PCA(n_components=2),
        PolynomialFeatures(degree=2, include_bias=False),
        LogisticRegression(max_iter=1000),
    )
    grid = [{"pca__n_components": [n], "logisticregression__C": list(C)} for n in n_components]
    return GridSearchCV(pipe, grid, cv=cv, n_jobs=1)


def make_poly_search__page_factory(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """The chapter's own poly_pipeline (PCA with random_state=42, C=0.1) in the search."""
    from sklearn.decomposition import PCA
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures

    def poly_pipeline(n_components, C=0.1):
        return make_pipeline(
            MinMaxScaler(),
            PCA(n_components=n_components, random_state=42),
            PolynomialFeatures(degree=2, include_bias=False),
            LogisticRegression(C=C, max_iter=1000),
        )

    grid = {"pca__n_components": list(n_components), "logisticregression__C": list(C)}
    return GridSearchCV(poly_pipeline(n_components[0]), grid, cv=cv)


def linear_scores__einsum(X, weights, bias):
    """Sums sample by class with einsum, and checks the shapes one by one."""
    X, W, b = (np.asarray(a, dtype=np.float64) for a in (X, weights, bias))
    if W.ndim != 2:
        raise ValueError("weights must be 2-D: one row per class")
    if b.ndim != 1 or len(b) != len(W):
        raise ValueError("bias must hold one value per row of weights")
    if X.ndim != 2 or X.shape[1] != W.shape[1]:
        raise ValueError("X must have as many columns as weights")
    return np.einsum("id,kd->ik", X, W) + b


def logistic_loss__weighted_where(y, scores, sample_weight=None):
    """The two labels' losses written apart, weights normalised first."""
    y = np.asarray(y, dtype=np.float64)
    z = np.asarray(scores, dtype=np.float64)
    s = np.ones(len(z)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    each = np.where(y == 1, np.logaddexp(0, -z), np.logaddexp(0, z))
    return float((s / s.sum()) @ each)


def pixel_range__sorted(X):
    """Sort every value once: the ends are the extremes."""
    v = np.sort(np.asarray(X, dtype=np.float64), axis=None)
    return float(v[0]), float(v[-1])


def blank_fraction__nonzero(X):
    """One minus the fraction of non-zero values."""
    values = np.asarray(X)
    return float(1.0 - np.count_nonzero(values) / values.size)


def sigmoid__logaddexp(z):
    """exp(-logaddexp(0, -z)): stable without branches."""
    z_arr = np.asarray(z, dtype=np.float64)
    result = np.exp(-np.logaddexp(0.0, -z_arr))
    if result.ndim == 0:
        return float(result)
    return result


def classify__where(probabilities, threshold=0.5):
    """np.where with int literals."""
    return np.where(np.asarray(probabilities, dtype=float) >= threshold, 1, 0)


def simulate_predictions__normal(n_samples, n_features, random_state=None):
    """rng.normal(0, 1, size): the same draws as standard_normal."""
    rng = np.random.default_rng(random_state)
    X = rng.normal(0.0, 1.0, size=(n_samples, n_features))
    weights = rng.normal(0.0, 1.0, size=n_features)
    bias = float(rng.normal())
    z = np.dot(X, weights) + bias
    y_hat = np.exp(-np.logaddexp(0.0, -z))
    return X, weights, bias, z, y_hat


def softmax__scipy(Z):
    """scipy.special.softmax along the rows."""
    from scipy.special import softmax

    return softmax(np.asarray(Z, dtype=np.float64), axis=1)


def logistic_loss__log1p(y, scores, sample_weight=None):
    """softplus written as max(z, 0) + log1p(exp(-|z|))."""
    y = np.asarray(y, dtype=float)
    z = np.asarray(scores, dtype=float)
    losses = np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z))) - y * z
    if sample_weight is None:
        return float(losses.mean())
    s = np.asarray(sample_weight, dtype=float)
    return float((s * losses).sum() / s.sum())


def logistic_gradient__row_vector(X, y, weights, bias, sample_weight=None):
    """(p - y) @ X instead of X.T @ (p - y), weights applied before the product."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    z = X @ np.asarray(weights, dtype=float) + bias
    p = np.exp(-np.logaddexp(0.0, -z))
    s = np.ones_like(y) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    r = s * (p - y) / s.sum()
    return r @ X, float(r.sum())


def fit_logistic_regression__warning(X_train, y_train, max_iter=1000):
    """Converged means: scikit-learn did not warn (the warning is recorded, not shown)."""
    model = LogisticRegression(max_iter=max_iter)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X_train, y_train)
    return model, not any(issubclass(w.category, ConvergenceWarning) for w in caught)


def misclassified_indices__enumerate(y_true, y_pred):
    """A loop over pairs, then an int64 array."""
    mistakes = [i for i, (t, p) in enumerate(zip(np.asarray(y_true), np.asarray(y_pred))) if t != p]
    return np.array(mistakes, dtype=np.int64)


def confusion_matrix_counts__bincount(y_true, y_pred, labels):
    """Positions through a dict, then one bincount of the flat cell numbers."""
    k = len(labels)
    position = {label: i for i, label in enumerate(labels)}
    t = np.array([position[v] for v in y_true], dtype=np.int64)
    p = np.array([position[v] for v in y_pred], dtype=np.int64)
    return np.bincount(t * k + p, minlength=k * k).reshape(k, k)


def accuracy_from_confusion__diagonal(cm):
    """The diagonal's sum over the total, as methods of the array."""
    cm = np.asarray(cm)
    return float(cm.diagonal().sum() / cm.sum())


def precision_per_class__errstate(cm):
    """Divide with the warnings silenced, then turn NaN into 0."""
    cm = np.asarray(cm, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.diag(cm) / cm.sum(axis=0)
    return np.nan_to_num(p, nan=0.0)


def f1_per_class__counts(cm):
    """2 tp / (2 tp + fp + fn), from the counts directly."""
    cm = np.asarray(cm, dtype=np.float64)
    tp = np.diag(cm)
    den = 2 * tp + (cm.sum(axis=0) - tp) + (cm.sum(axis=1) - tp)
    return np.divide(2 * tp, den, out=np.zeros_like(tp), where=den > 0)


def min_max_scale__sklearn(X_train, X_test):
    """scikit-learn's MinMaxScaler, fitted on the training set only."""
    from sklearn.preprocessing import MinMaxScaler

    scaler = MinMaxScaler().fit(np.asarray(X_train, dtype=np.float64))
    return scaler.transform(np.asarray(X_train, dtype=np.float64)), scaler.transform(
        np.asarray(X_test, dtype=np.float64)
    )


def reconstruct__by_hand(pca, X):
    """Project on the components and back, as PCA's own formulas do (whitening too)."""
    X = np.asarray(X, dtype=np.float64)
    scores = (X - pca.mean_) @ pca.components_.T
    if pca.whiten:
        scores = scores / np.sqrt(pca.explained_variance_)
        return scores * np.sqrt(pca.explained_variance_) @ pca.components_ + pca.mean_
    return scores @ pca.components_ + pca.mean_


def reconstruction_error__norm(X, X_reconstructed):
    """The squared Frobenius norm of the difference over its size."""
    diff = np.asarray(X, dtype=float) - np.asarray(X_reconstructed, dtype=float)
    return float(np.linalg.norm(diff) ** 2 / diff.size)


def n_polynomial_features__sum_by_degree(n_features, degree, include_bias=False):
    """Monomials of each exact degree k: comb(n + k - 1, k), added up."""
    n, d = int(n_features), int(degree)
    start = 0 if include_bias else 1
    return sum(math.comb(n + k - 1, k) for k in range(start, d + 1))


def image_skew__indices(image):
    """Coordinates from np.indices, moments as weighted averages."""
    img = np.asarray(image, dtype=np.float64)
    if img.sum() == 0:
        return 0.0
    rows, cols = np.indices(img.shape)
    mr = np.average(rows, weights=img)
    mc = np.average(cols, weights=img)
    var = np.average((rows - mr) ** 2, weights=img)
    if var < 1e-12:
        return 0.0
    return float(np.average((rows - mr) * (cols - mc), weights=img) / var)


def shift_image__roll_and_zero(image, dx, dy):
    """np.roll, then the wrapped rows and columns set to 0 (right, written differently)."""
    for name, value in (("dx", dx), ("dy", dy)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an int")
    img = np.array(image, dtype=np.float64)
    h, w = img.shape
    dx, dy = int(dx), int(dy)
    if abs(dx) >= w or abs(dy) >= h:
        return np.zeros((h, w))
    out = np.roll(img, (dy, dx), axis=(0, 1))
    if dy > 0:
        out[:dy] = 0
    elif dy < 0:
        out[dy:] = 0
    if dx > 0:
        out[:, :dx] = 0
    elif dx < 0:
        out[:, dx:] = 0
    return out


def image_skew__first_row_origin_one(image):
    """Counts rows from 1 and columns from 1 (moments do not care: right)."""
    img = np.asarray(image, dtype=np.float64)
    m = img.sum()
    if m == 0:
        return 0.0
    rows, cols = np.indices(img.shape) + 1
    mr, mc = (rows * img).sum() / m, (cols * img).sum() / m
    var = ((rows - mr) ** 2 * img).sum() / m
    if var < 1e-12:
        return 0.0
    return float(((rows - mr) * (cols - mc) * img).sum() / m / var)


def confusion_matrix_counts__crosstab(y_true, y_pred, labels):
    """pandas.crosstab, reindexed on the labels (no scikit-learn)."""
    labels = list(labels)
    table = pd.crosstab(pd.Series(list(y_true)), pd.Series(list(y_pred)))
    table = table.reindex(index=labels, columns=labels, fill_value=0)
    return table.to_numpy(dtype=np.int64)


def f1_per_class__reciprocal(cm):
    """2 / (1/p + 1/r), with 1/0 = inf allowed (it gives 0, as F1 should)."""
    cm = np.asarray(cm, dtype=np.float64)
    tp = np.diag(cm)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(cm.sum(axis=0) > 0, tp / cm.sum(axis=0), 0.0)
        r = np.where(cm.sum(axis=1) > 0, tp / cm.sum(axis=1), 0.0)
        return 2 / (1 / p + 1 / r)


def n_polynomial_features__symmetric(n_features, degree, include_bias=False):
    """comb(n + d, n): the same number as comb(n + d, d) (right, written differently)."""
    from math import comb

    total = comb(int(n_features) + int(degree), int(n_features))
    return total if include_bias else total - 1
