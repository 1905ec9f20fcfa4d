"""Chapter 3 exercises: scores, simulated predictions and the softmax.

Implement the functions below, then check your work with
``pytest exercises/test_ch03_simulation.py`` or
``python -m mnist_tutorial.grade --chapter 3``.
"""

import numpy as np


def linear_scores(X, weights, bias):
    """Linear scores of a model with one weight vector and one bias per class.

    The shapes are scikit-learn's: a fitted ``LogisticRegression`` keeps one row
    of weights per class in ``coef_`` and one bias per class in ``intercept_``,
    and its ``decision_function`` returns these scores: ``scores[i, k]`` is the
    score of sample ``i`` for class ``k``, the weighted sum of the sample's
    features with the weights of class ``k``, plus the bias of class ``k``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        An ndarray (any numeric dtype: uint8, int64, float32, float64), a
        list of lists or a tuple of tuples, any number of rows; not modified.
    weights : array_like of shape (n_classes, n_features)
        One row of weights per class (as ``coef_``), the same kinds as ``X``;
        not modified.
    bias : array_like of shape (n_classes,)
        One bias per class (as ``intercept_``), the same kinds; not modified.

    Returns
    -------
    ndarray of shape (n_samples, n_classes), float64
        One row per sample and one column per class, also for a single sample
        or a single class, and float64 also for float32 or integer input.
        Checked to a relative tolerance of 1e-9.

    Raises
    ------
    ValueError
        If the shapes do not fit, with a message naming the argument: ``X``
        or ``weights`` not 2-D, ``bias`` not 1-D, ``weights`` with another
        number of columns than ``X``, or ``bias`` with another length than
        ``weights`` has rows (a single bias for several classes too, which
        NumPy would silently broadcast). Checked only after the function
        works on valid input.
    """
    X = np.asarray(X, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)
    bias = np.asarray(bias, dtype=np.float64)
    if X.ndim != 2 or weights.ndim != 2 or bias.ndim != 1:
        raise ValueError(
            f"X and weights must be 2-D and bias 1-D; got X {X.shape}, "
            f"weights {weights.shape}, bias {bias.shape}"
        )
    if weights.shape[1] != X.shape[1]:
        raise ValueError(
            f"weights has {weights.shape[1]} columns but X has {X.shape[1]} features"
        )
    if bias.shape[0] != weights.shape[0]:
        raise ValueError(
            f"bias has {bias.shape[0]} entries but weights has {weights.shape[0]} rows (classes)"
        )
    return X @ weights.T + bias


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
        Seed of the generator: any non-negative Python or NumPy integer,
        including 0 (so test ``random_state is None``, not its truth value);
        the same seed gives the same arrays. ``None`` gives fresh randomness
        on every call (``default_rng(None)``), not a fixed seed.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    weights : ndarray of shape (n_features,)
    bias : float
        A Python float (one draw, not an array of one).
    z : ndarray of shape (n_samples,)
        The linear scores ``X @ weights + bias``.
    y_hat : ndarray of shape (n_samples,)
        The probabilities ``sigmoid(z)``.

        The draws are compared with the same draws made by the checks to a
        relative tolerance of 1e-12, ``z`` and ``y_hat`` with your ``X``,
        ``weights`` and ``bias`` to 1e-9.
    """
    rng = np.random.default_rng(random_state)
    X = rng.standard_normal((n_samples, n_features))
    weights = rng.standard_normal(n_features)
    bias = float(rng.standard_normal())
    z = X @ weights + bias
    y_hat = 1.0 / (1.0 + np.exp(-z))
    return X, weights, bias, z, y_hat


def softmax(Z):
    """Row-wise softmax of a 2-D array of scores.

    Parameters
    ----------
    Z : array_like of shape (n_samples, n_classes)
        Scores, one row per sample: an ndarray (any numeric dtype, float32
        too), a list of lists or a tuple of tuples, of any size (one row, one
        column); may be large (e.g. 1000 or 1e300), and rows may be at very
        different scales (one row near 1000, another near -1000). Not
        modified.

    Returns
    -------
    ndarray of shape (n_samples, n_classes), float64
        Non-negative values, each row summing to 1, float64 also for float32
        input. No warning of any kind and no NaN for any finite scores.
        Checked to a relative tolerance of 1e-9.
    """
    Z = np.asarray(Z, dtype=np.float64)
    # Subtracting each row's maximum leaves the result unchanged and keeps exp <= 1.
    shifted = Z - Z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)
