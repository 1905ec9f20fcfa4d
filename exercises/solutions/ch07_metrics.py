"""Chapter 7 exercises: precision, recall and F1 per class.

Implement the functions below, then check your work with
``pytest exercises/test_ch07_metrics.py`` or
``python -m mnist_tutorial.grade --chapter 7``.
"""

import numpy as np


def precision_per_class(cm):
    """Precision of each class: correct predictions of it over all predictions of it.

    Parameters
    ----------
    cm : array_like of shape (k, k)
        Confusion matrix, true labels on the rows, predictions on the columns:
        an ndarray of int counts (any integer dtype; counts may pass 255 or
        2**31) or of float counts (float32 too, or a normalised matrix), a
        list of lists or a tuple of tuples, of any size (1x1 too). Not
        modified.

    Returns
    -------
    ndarray of shape (k,), float64
        Computed in float64, also for float32 counts:
        ``cm[i, i] / cm[:, i].sum()``; 0.0 (not NaN, no warning) for a class
        that is never predicted. Checked to a relative tolerance of 1e-6
        (adding a small epsilon such as 1e-9 to the denominator is fine).
    """
    cm = np.asarray(cm, dtype=np.float64)
    predicted = cm.sum(axis=0)
    correct = np.diag(cm)
    return np.divide(correct, predicted, out=np.zeros_like(correct), where=predicted > 0)


def recall_per_class(cm):
    """Recall of each class: correct predictions of it over its true samples.

    Parameters
    ----------
    cm : array_like of shape (k, k)
        Confusion matrix, true labels on the rows, predictions on the columns:
        an ndarray of int counts (any integer dtype; counts may pass 255 or
        2**31) or of float counts (float32 too, or a normalised matrix), a
        list of lists or a tuple of tuples, of any size (1x1 too). Not
        modified.

    Returns
    -------
    ndarray of shape (k,), float64
        Computed in float64, also for float32 counts:
        ``cm[i, i] / cm[i, :].sum()``; 0.0 (not NaN, no warning) for a class
        that never occurs. Checked to a relative tolerance of 1e-6.
    """
    cm = np.asarray(cm, dtype=np.float64)
    actual = cm.sum(axis=1)
    correct = np.diag(cm)
    return np.divide(correct, actual, out=np.zeros_like(correct), where=actual > 0)


def f1_per_class(cm):
    """F1 score of each class: the harmonic mean of precision and recall.

    Parameters
    ----------
    cm : array_like of shape (k, k)
        Confusion matrix, true labels on the rows, predictions on the columns:
        an ndarray of int counts (any integer dtype; counts may pass 255 or
        2**31) or of float counts (float32 too, or a normalised matrix), a
        list of lists or a tuple of tuples, of any size (1x1 too). Not
        modified.

    Returns
    -------
    ndarray of shape (k,), float64
        Computed in float64, also for float32 counts:
        ``2 * p * r / (p + r)``; 0.0 (not NaN, no warning) where precision and
        recall are both 0. Checked to a relative tolerance of 1e-6 (adding a
        small epsilon such as 1e-9 to a denominator is fine).
    """
    cm = np.asarray(cm, dtype=np.float64)
    correct = np.diag(cm)
    predicted = cm.sum(axis=0)
    actual = cm.sum(axis=1)
    p = np.divide(correct, predicted, out=np.zeros_like(correct), where=predicted > 0)
    r = np.divide(correct, actual, out=np.zeros_like(correct), where=actual > 0)
    total = p + r
    return np.divide(2 * p * r, total, out=np.zeros_like(total), where=total > 0)
