"""Chapter 6 exercises: the confusion matrix.

Implement the functions below, then check your work with
``pytest exercises/test_ch06_confusion.py`` or
``python -m mnist_tutorial.grade --chapter 6``.
"""

import numpy as np


def confusion_matrix_counts(y_true, y_pred, labels):
    """Count (true label, predicted label) pairs, without scikit-learn.

    Parameters
    ----------
    y_true : array_like of shape (n_samples,)
        A list or an ndarray; every value is one of ``labels``. Not modified.
    y_pred : array_like of shape (n_samples,)
        A list or an ndarray; every value is one of ``labels``.
    labels : sequence of length k
        The classes, in the order of the rows and columns (not necessarily
        sorted; a label may never occur). A list, a tuple or an ndarray.

    Returns
    -------
    ndarray of shape (k, k), integer dtype
        ``cm[i, j]`` is the number of samples whose true label is
        ``labels[i]`` and whose predicted label is ``labels[j]``: true labels
        on the rows, predictions on the columns. A row or column of a
        label that never occurs is all zeros.
    """
    position = {label: i for i, label in enumerate(labels)}
    cm = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[position[t], position[p]] += 1
    return cm


def accuracy_from_confusion(cm):
    """Accuracy from a confusion matrix: the diagonal over the total.

    Parameters
    ----------
    cm : array_like of shape (k, k)
        Counts, as an ndarray or a list of lists; not modified.

    Returns
    -------
    float
        ``trace(cm) / cm.sum()`` as a Python float (wrap NumPy scalars in
        ``float(...)``), checked to a relative tolerance of 1e-12.
    """
    cm = np.asarray(cm)
    return float(np.trace(cm) / cm.sum())


def most_confused(cm, labels, k=3):
    """The k largest off-diagonal cells of a confusion matrix.

    Parameters
    ----------
    cm : ndarray of shape (n_classes, n_classes)
        True labels on the rows, predictions on the columns. Not modified
        (do not zero its diagonal in place).
    labels : sequence of length n_classes
        A list, a tuple or an ndarray.
    k : int, default=3

    Returns
    -------
    list of k tuples ``(true_label, predicted_label, count)``
        The k largest off-diagonal cells (the diagonal holds correct
        predictions), largest count first; ``count`` is a Python int (wrap
        NumPy integers in ``int(...)``). Cells whose counts tie may come in
        any order.
    """
    cm = np.asarray(cm)
    cells = [
        (labels[i], labels[j], int(cm[i, j]))
        for i in range(cm.shape[0])
        for j in range(cm.shape[1])
        if i != j
    ]
    cells.sort(key=lambda cell: cell[2], reverse=True)
    return cells[:k]
