"""Chapter 5 exercises: fitting a model and counting its mistakes.

Implement the functions below, then check your work with
``pytest exercises/test_ch05_fitting.py`` or
``python -m mnist_tutorial.grade --chapter 5``.
"""

import numpy as np  # noqa: F401
from sklearn.linear_model import LogisticRegression  # noqa: F401


def fit_logistic_regression(X_train, y_train, max_iter=1000):
    """Fit a scikit-learn logistic regression and say whether its solver converged.

    Parameters
    ----------
    X_train : ndarray or DataFrame of shape (n_samples, n_features)
        Any numeric dtype and any scale (pixels up to 255 or features near
        1), any number of rows (tens of thousands too). Not modified (no
        scaling in place).
    y_train : array_like of shape (n_samples,)
        Labels of any type (ints, NumPy ints, strings such as "cat").
    max_iter : int, default=1000
        Passed on to ``LogisticRegression(max_iter=...)``: the solver's
        budget of iterations.

    Returns
    -------
    model : LogisticRegression
        The fitted estimator (scikit-learn's default settings apart from
        ``max_iter``), fitted on every row of ``X_train`` and ``y_train`` as
        given: no slice, no rescaling, no other copy of the data. A small
        ``max_iter`` may emit scikit-learn's ConvergenceWarning (allowed);
        any other warning fails the check.
    converged : bool
        A Python bool (not ``numpy.bool_``): True when the solver stopped on
        its own, before using its whole budget (the iterations it used, the
        fitted model's ``n_iter_``, are fewer than ``max_iter``); False when
        it ran out of iterations, the case in which scikit-learn warns.
    """
    raise NotImplementedError("fit_logistic_regression: replace this line with your code")


def accuracy(y_true, y_pred):
    """Fraction of positions where the prediction equals the true label.

    Compare position by position (no scikit-learn, no pandas index alignment).

    Parameters
    ----------
    y_true : array_like (list, tuple, ndarray) or Series of shape (n_samples,)
        Labels of any type, compared as they are (no cast to int): ints,
        NumPy ints, floats or strings, digits ("7", as in MNIST) or not
        ("cat"); any length. A Series may have a shuffled index, which must
        not be used for matching. Not modified.
    y_pred : array_like (list, tuple, ndarray) or Series of shape (n_samples,)

    Returns
    -------
    float
        A Python float (wrap NumPy scalars in ``float(...)``) between 0.0 and
        1.0 (a fraction, not a count) over every position, checked to a
        relative tolerance of 1e-12.

    Raises
    ------
    ValueError
        If ``y_true`` and ``y_pred`` have different lengths (checked only
        after the function works on valid input).
    """
    raise NotImplementedError("accuracy: replace this line with your code")


def misclassified_indices(y_true, y_pred):
    """0-based positions where the prediction differs from the true label.

    Parameters
    ----------
    y_true : array_like (list, tuple, ndarray) or Series of shape (n_samples,)
        Labels of any type, compared as they are (no cast to int); any
        length (70,000 too). May be a Series with a shuffled index (as after
        ``train_test_split``): return positions, not index labels. Not
        modified.
    y_pred : array_like (list, tuple, ndarray) or Series of shape (n_samples,)

    Returns
    -------
    ndarray of int, shape (n_errors,)
        Positions in ascending order, as a 1-D integer array wide enough for
        any position (int64, as ``np.flatnonzero`` gives; uint16 wraps past
        65,535); empty when there is no mistake.
    """
    raise NotImplementedError("misclassified_indices: replace this line with your code")
