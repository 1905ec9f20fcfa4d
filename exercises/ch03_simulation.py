"""Chapter 3 exercises: scores, simulated predictions and the softmax.

Implement the functions below, then check your work with
``pytest exercises/test_ch03_simulation.py`` or
``python -m mnist_tutorial.grade --chapter 3``.
"""

import numpy as np  # noqa: F401


def linear_scores(X, weights, bias):
    """Linear scores ``z = X @ weights + bias``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    weights : ndarray of shape (n_features,)
    bias : float

    Returns
    -------
    ndarray of shape (n_samples,)
        One score per sample.
    """
    raise NotImplementedError("linear_scores: replace this line with your code")


def simulate_predictions(n_samples, n_features, random_state=None):
    """Simulate inputs, a random linear model, its scores and probabilities.

    Draw, in this order and all from a standard normal with one generator
    ``rng = numpy.random.default_rng(random_state)``: ``X`` of shape
    (n_samples, n_features), then ``weights`` of shape (n_features,), then
    ``bias`` (a single float).

    Parameters
    ----------
    n_samples : int
    n_features : int
    random_state : int or None, default=None
        Seed of the generator; the same seed gives the same arrays.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    weights : ndarray of shape (n_features,)
    bias : float
    z : ndarray of shape (n_samples,)
        The linear scores ``X @ weights + bias``.
    y_hat : ndarray of shape (n_samples,)
        The probabilities ``sigmoid(z)``.
    """
    raise NotImplementedError("simulate_predictions: replace this line with your code")


def softmax(Z):
    """Row-wise softmax of a 2-D array of scores.

    Parameters
    ----------
    Z : ndarray of shape (n_samples, n_classes)
        Scores, one row per sample; may be large (e.g. 1000).

    Returns
    -------
    ndarray of shape (n_samples, n_classes)
        Non-negative values, each row summing to 1. No overflow warning and no
        NaN for large scores.
    """
    raise NotImplementedError("softmax: replace this line with your code")
