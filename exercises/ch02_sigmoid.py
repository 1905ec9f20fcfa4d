"""Chapter 2 exercises: the sigmoid and a decision threshold.

Implement the functions below, then check your work with
``pytest exercises/test_ch02_sigmoid.py`` or
``python -m mnist_tutorial.grade --chapter 2``.
"""

import numpy as np  # noqa: F401


def sigmoid(z):
    """The logistic sigmoid ``1 / (1 + exp(-z))``, numerically stable.

    Parameters
    ----------
    z : float or array_like
        Scores (any finite float64, for example -1000 or 1000).

    Returns
    -------
    float or ndarray
        A Python float for a scalar input, otherwise a float64 array of the
        same shape as ``z``, with values in [0, 1]. No overflow warning and no
        NaN for any finite input.
    """
    raise NotImplementedError("sigmoid: replace this line with your code")


def classify(probabilities, threshold=0.5):
    """Turn probabilities into 0/1 class decisions.

    Parameters
    ----------
    probabilities : array_like of shape (n_samples,)
        Probabilities of the positive class.
    threshold : float, default=0.5
        A probability at or above the threshold is class 1.

    Returns
    -------
    ndarray of shape (n_samples,), integer dtype
        1 where ``probabilities >= threshold``, else 0.
    """
    raise NotImplementedError("classify: replace this line with your code")
