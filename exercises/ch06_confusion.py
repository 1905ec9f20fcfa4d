"""Chapter 6 exercises: the confusion matrix.

Implement the functions below, then check your work with
``pytest exercises/test_ch06_confusion.py`` or
``python -m mnist_tutorial.grade --chapter 6``.
"""

import numpy as np  # noqa: F401


def confusion_matrix_counts(y_true, y_pred, labels):
    """Count (true label, predicted label) pairs, without scikit-learn.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        A list, a tuple or an ndarray of any length; every value is one of
        ``labels`` (ints, NumPy ints or strings). Not modified.
    y_pred : array_like of shape (n_samples,)
        The same kinds; every value is one of ``labels``. Not modified.
    labels : sequence of length k
        The classes, in the order of the rows and columns (not necessarily
        sorted, numbers included; a label may never occur). A list, a tuple
        or an ndarray.

    Returns
    -------
    ndarray of shape (k, k), integer dtype
        ``cm[i, j]`` is the number of samples whose true label is
        ``labels[i]`` and whose predicted label is ``labels[j]``: true labels
        on the rows, predictions on the columns. A row or column of a
        label that never occurs is all zeros. Counts of any size (a cell can
        pass 255 or 65,535: use int64, not uint8).
    """
    raise NotImplementedError("confusion_matrix_counts: replace this line with your code")


def accuracy_from_confusion(cm):
    """Accuracy from a confusion matrix: the diagonal over the total.

    Parameters
    ----------
    cm : array_like of shape (k, k)
        Counts, as an ndarray of any integer dtype (uint8, int32, int64) or
        of float counts, a list of lists or a tuple of tuples, of any size
        (1x1 too). Counts may pass 2**31 and even 2**53: do not cast them to
        a narrower dtype. Not modified.

    Returns
    -------
    float
        ``trace(cm) / cm.sum()`` as a Python float (wrap NumPy scalars in
        ``float(...)``), checked to a relative tolerance of 1e-12.
    """
    raise NotImplementedError("accuracy_from_confusion: replace this line with your code")


def most_confused(cm, labels, k=3):
    """The k largest off-diagonal cells of a confusion matrix.

    Parameters
    ----------
    cm : ndarray of shape (n_classes, n_classes)
        True labels on the rows, predictions on the columns, integer counts.
        Not modified (do not zero its diagonal in place).
    labels : sequence of length n_classes
        A list, a tuple or an ndarray, of any type (ints, NumPy ints,
        strings).
    k : int, default=3
        At most ``n_classes * (n_classes - 1)``, the number of off-diagonal
        cells.

    Returns
    -------
    list of k tuples ``(true_label, predicted_label, count)``
        The k largest off-diagonal cells (the diagonal holds correct
        predictions and is never returned), largest count first, each with
        its two labels; ``count`` is a Python int (wrap NumPy integers in
        ``int(...)``). When fewer than k off-diagonal cells are non-zero,
        cells with a count of 0 come next, so there are always k items.
        Cells whose counts tie may come in any order.
    """
    raise NotImplementedError("most_confused: replace this line with your code")
