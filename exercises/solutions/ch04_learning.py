"""Chapter 4 exercises: a weighted log-loss, its gradient, a step that backtracks, and
gradient descent by hand.

The page computes the plain mean log-loss, where every image counts once. Here each
image may carry a weight (scikit-learn's ``sample_weight``): an image of weight 2 counts
as two copies of it, one of weight 0 not at all. With no weights, the results are the
page's.

Implement the functions below, then check your work with
``pytest exercises/test_ch04_learning.py`` or
``python -m mnist_tutorial.grade --chapter 4``.
"""

import numpy as np


def logistic_loss(y, scores, sample_weight=None):
    """Weighted mean binary log-loss (cross-entropy) of labels given scores, computed stably.

    For one sample with label ``y`` (0 or 1) and score ``z`` the loss is
    ``-(y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z)))``, which equals
    ``log(1 + exp(z)) - y * z``. With weights ``s`` the result is the weighted
    mean ``sum(s * loss) / sum(s)``, as ``sklearn.metrics.log_loss(...,
    sample_weight=s)`` computes it.

    Parameters
    ----------
    y : array_like of shape (n_samples,)
        Labels, 0 or 1: a list, a tuple or an ndarray of ints, bools or
        floats. Not modified.
    scores : array_like of shape (n_samples,)
        Scores ``z`` (not probabilities), the same kinds as ``y``; may be
        very large, e.g. -1000, 1000 or 1e300. Not modified.
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weights (ints or floats, a list or an ndarray), not all
        zero. ``None`` gives every sample the weight 1: the plain mean. Not
        modified.

    Returns
    -------
    float
        The weighted mean loss over the samples, as a Python float computed
        in float64. Finite for every finite score, with no warning of any
        kind. Checked to a relative tolerance of 1e-9.
    """
    y = np.asarray(y, dtype=np.float64)
    z = np.asarray(scores, dtype=np.float64)
    # log(1 + exp(z)) without overflow: np.logaddexp(0, z)
    losses = np.logaddexp(0.0, z) - y * z
    return float(np.average(losses, weights=sample_weight))


def logistic_gradient(X, y, weights, bias, sample_weight=None):
    """Gradient of the weighted mean log-loss of the model ``z = X @ weights + bias``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        An ndarray (float64 or float32), a list of lists or a tuple of
        tuples, any number of rows. Not modified.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1 (the same kinds). Not modified.
    weights : array_like of shape (n_features,)
        The same kinds; not modified.
    bias : float
    sample_weight : array_like of shape (n_samples,), optional
        Non-negative weights, not all zero; ``None`` gives every sample the
        weight 1. Not modified.

    Returns
    -------
    grad_weights : ndarray of shape (n_features,), float64
        ``X.T @ (s * (sigmoid(z) - y)) / sum(s)``, float64 also for float32
        input (with ``s`` all ones: the page's ``X.T @ (p - y) / n``).
    grad_bias : float
        The weighted mean of ``sigmoid(z) - y``, a Python float.

        Both checked to a relative tolerance of 1e-9, with no warning of any
        kind, even for scores of ±1e5.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    z = X @ np.asarray(weights, dtype=np.float64) + bias
    # the sigmoid, written so that exp only sees numbers <= 0
    e = np.exp(-np.abs(z))
    p = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    if sample_weight is None:
        sample_weight = np.ones(len(y))
    share = np.asarray(sample_weight, dtype=np.float64)
    share = share / share.sum()  # each sample's share of the weighted mean
    return X.T @ (share * (p - y)), float(share @ (p - y))


def gradient_step(X, y, weights, bias, learning_rate, sample_weight=None):
    """One step of gradient descent that never raises the loss: halve it until it helps.

    Compute the loss and the gradient at ``(weights, bias)``. Try the step
    against the gradient with ``rate = learning_rate``; if the (weighted)
    loss at the new point is not strictly below the loss at the current
    point, halve ``rate`` and try again: the rates tried are
    ``learning_rate / 2**k`` for ``k = 0, 1, ..., 30``. Take the first that
    lowers the loss. This is *backtracking*, the simplest line search.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        An ndarray (float64 or float32) or a list of lists; not modified.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1; not modified.
    weights : array_like of shape (n_features,)
        An ndarray or a list. Not modified: return a new array.
    bias : float
    learning_rate : float
        The first, largest step size to try (0 is allowed).
    sample_weight : array_like of shape (n_samples,), optional
        As in :func:`logistic_loss`; ``None`` for the plain mean.

    Returns
    -------
    new_weights : ndarray of shape (n_features,), float64
        A new array: ``weights - rate * grad_weights``.
    new_bias : float
        ``bias - rate * grad_bias``, a Python float.
    rate : float
        The step size taken, a Python float: ``learning_rate / 2**k`` for
        the first ``k`` that lowered the loss; ``0.0`` when none of the 31
        did (then ``new_weights`` is a copy of ``weights`` and ``new_bias``
        is ``bias``).

        All three checked to a relative tolerance of 1e-9.
    """
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    loss_now = logistic_loss(y, X @ weights + bias, sample_weight)
    grad_weights, grad_bias = logistic_gradient(X, y, weights, bias, sample_weight)
    rate = float(learning_rate)
    for _ in range(31):
        new_weights = weights - rate * grad_weights
        new_bias = float(bias - rate * grad_bias)
        if logistic_loss(y, X @ new_weights + new_bias, sample_weight) < loss_now:
            return new_weights, new_bias, rate
        rate = rate / 2
    return weights.copy(), float(bias), 0.0


def fit_by_descent(X, y, learning_rate=0.1, n_steps=1000, tol=None, sample_weight=None):
    """Fit weighted logistic regression (no penalty) by plain gradient descent from zero.

    Each step is ``weights - learning_rate * grad_weights`` (and the same for
    the bias), with the gradient of the weighted mean log-loss and a fixed
    learning rate (no backtracking). With ``tol``, stop early: as soon as a
    step has lowered the loss by less than ``tol``, stop and return the
    current weights and bias.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        An ndarray (float64 or float32), a list of lists or a tuple of
        tuples. Not modified.
    y : array_like of shape (n_samples,)
        Labels, 0 or 1 (the same kinds). Not modified.
    learning_rate : float, default=0.1
    n_steps : int, default=1000
        The largest number of gradient steps (at least 1).
    tol : float, optional
        If given: compute the loss before each step as usual; when it is less
        than ``tol`` below the loss before the previous step, stop without
        taking another step. Without ``tol``, take all ``n_steps`` steps.
    sample_weight : array_like of shape (n_samples,), optional
        As in :func:`logistic_loss`; ``None`` for the plain mean. Integer
        weights give the fit of the data with each sample repeated that many
        times.

    Returns
    -------
    weights : ndarray of shape (n_features,), float64
        The weights at the end (after the last step taken).
    bias : float
        A Python float.
    losses : ndarray of shape (n_losses,), float64
        An array (not a list): the weighted mean log-loss *before* each step
        (so ``losses[0]`` is log 2, the loss of the all-zero model). Without
        ``tol``, ``n_losses == n_steps``. After an early stop, the last entry
        is the loss that stopped the descent, the loss of the returned
        weights and bias.

        All three checked to a relative tolerance of 1e-9 against the same
        steps computed in float64.
    """
    X = np.asarray(X, dtype=np.float64)
    weights, bias = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(n_steps):
        losses.append(logistic_loss(y, X @ weights + bias, sample_weight))
        if tol is not None and len(losses) > 1 and losses[-2] - losses[-1] < tol:
            break  # the last step gained less than tol: stop here
        grad_weights, grad_bias = logistic_gradient(X, y, weights, bias, sample_weight)
        weights = weights - learning_rate * grad_weights
        bias = float(bias - learning_rate * grad_bias)
    return weights, bias, np.array(losses)
