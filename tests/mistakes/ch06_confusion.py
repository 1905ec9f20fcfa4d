"""Wrong answers to chapter 6's exercises."""

import numpy as np


def confusion_matrix_counts__transposed(y_true, y_pred, labels):
    """Predictions on the rows, true labels on the columns."""
    position = {label: i for i, label in enumerate(labels)}
    cm = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[position[p], position[t]] += 1
    return cm


def confusion_matrix_counts__sorted_labels(y_true, y_pred, labels):
    """Uses the sorted labels that occur instead of the given order."""
    found = np.unique(np.concatenate([np.asarray(y_true), np.asarray(y_pred)]))
    position = {label: i for i, label in enumerate(found)}
    cm = np.zeros((len(found), len(found)), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[position[t], position[p]] += 1
    return cm


def confusion_matrix_counts__float(y_true, y_pred, labels):
    """Counts in a float array."""
    position = {label: i for i, label in enumerate(labels)}
    cm = np.zeros((len(labels), len(labels)))
    for t, p in zip(y_true, y_pred):
        cm[position[t], position[p]] += 1
    return cm


def accuracy_from_confusion__mean_diagonal(cm):
    """Averages the diagonal: trace / k instead of trace / total."""
    return float(np.mean(np.diag(cm)))


def accuracy_from_confusion__integer_division(cm):
    """Floor division gives 0."""
    cm = np.asarray(cm)
    return np.trace(cm) // cm.sum()


def accuracy_from_confusion__per_class(cm):
    """Returns the per-class recall instead of one number."""
    cm = np.asarray(cm)
    return np.diag(cm) / cm.sum(axis=1)


def most_confused__includes_diagonal(cm, labels, k=3):
    """Forgets to skip the diagonal."""
    cm = np.asarray(cm)
    cells = [(labels[i], labels[j], int(cm[i, j])) for i in range(len(cm)) for j in range(len(cm))]
    return sorted(cells, key=lambda c: c[2], reverse=True)[:k]


def most_confused__positions(cm, labels, k=3):
    """Returns row and column numbers instead of labels."""
    cm = np.asarray(cm)
    cells = [(i, j, int(cm[i, j])) for i in range(len(cm)) for j in range(len(cm)) if i != j]
    return sorted(cells, key=lambda c: c[2], reverse=True)[:k]


def most_confused__smallest(cm, labels, k=3):
    """Sorts ascending, so the smallest confusions come first."""
    cm = np.asarray(cm)
    cells = [
        (labels[i], labels[j], int(cm[i, j]))
        for i in range(len(cm))
        for j in range(len(cm))
        if i != j
    ]
    return sorted(cells, key=lambda c: c[2])[:k]


def most_confused__transposed(cm, labels, k=3):
    """Reads the columns as true labels."""
    cm = np.asarray(cm)
    cells = [
        (labels[j], labels[i], int(cm[i, j]))
        for i in range(len(cm))
        for j in range(len(cm))
        if i != j
    ]
    return sorted(cells, key=lambda c: c[2], reverse=True)[:k]
