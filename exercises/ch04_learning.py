"""Chapter 4 exercises: the log-loss, its gradient and gradient descent by hand.

Implement the functions below, then check your work with
``pytest exercises/test_ch04_learning.py`` or
``python -m mnist_tutorial.grade --chapter 4``.
"""

import numpy as np  # noqa: F401


def logistic_loss(y, scores):
    """Mean binary log-loss (cross-entropy) of labels given scores, computed stably.

    For one sample with label ``y`` (0 or 1) and score ``z`` the loss is
    ``-(y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z)))``, which equals
    ``log(1 + exp(z)) - y * z``.

    Parameters
    ----------
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    scores : array_like of shape (n_samples,)
        Scores ``z`` (not probabilities); may be very large, e.g. -1000 or 1000.

    Returns
    -------
    float
        The mean loss over the samples, as a Python float. Finite for every finite
        score, with no overflow or divide-by-zero warning.
    """
    raise NotImplementedError("logistic_loss: replace this line with your code")


def logistic_gradient(X, y, weights, bias):
    """Gradient of the mean log-loss of the model ``z = X @ weights + bias``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    weights : array_like of shape (n_features,)
    bias : float

    Returns
    -------
    grad_weights : ndarray of shape (n_features,)
        ``X.T @ (sigmoid(z) - y) / n_samples``.
    grad_bias : float
        The mean of ``sigmoid(z) - y``.
    """
    raise NotImplementedError("logistic_gradient: replace this line with your code")


def gradient_step(X, y, weights, bias, learning_rate):
    """One step of gradient descent on the mean log-loss.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
    weights : ndarray of shape (n_features,)
        Not modified.
    bias : float
    learning_rate : float
        The step size.

    Returns
    -------
    new_weights : ndarray of shape (n_features,)
        A new array: ``weights - learning_rate * grad_weights``.
    new_bias : float
        ``bias - learning_rate * grad_bias``.
    """
    raise NotImplementedError("gradient_step: replace this line with your code")


def fit_by_descent(X, y, learning_rate=0.1, n_steps=1000):
    """Fit logistic regression (no penalty) by gradient descent from zero.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
    y : array_like of shape (n_samples,)
        Labels, 0 or 1.
    learning_rate : float, default=0.1
    n_steps : int, default=1000
        The number of gradient steps.

    Returns
    -------
    weights : ndarray of shape (n_features,)
    bias : float
    losses : ndarray of shape (n_steps,)
        The mean log-loss *before* each step (so ``losses[0]`` is log 2, the loss
        of the all-zero model).
    """
    raise NotImplementedError("fit_by_descent: replace this line with your code")
