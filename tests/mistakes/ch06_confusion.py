"""Wrong answers to chapter 6's exercises."""

import numpy as np


def confusion_matrix_counts__transposed(y_true, y_pred, labels):
    """Predictions on the rows, true labels on the columns.

    Keyword: transposed
    """
    position = {label: i for i, label in enumerate(labels)}
    cm = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[position[p], position[t]] += 1
    return cm


def confusion_matrix_counts__sorted_labels(y_true, y_pred, labels):
    """Uses the sorted labels that occur instead of the given order.

    Keyword: shape
    """
    found = np.unique(np.concatenate([np.asarray(y_true), np.asarray(y_pred)]))
    position = {label: i for i, label in enumerate(found)}
    cm = np.zeros((len(found), len(found)), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[position[t], position[p]] += 1
    return cm


def confusion_matrix_counts__float(y_true, y_pred, labels):
    """Counts in a float array.

    Keyword: integer dtype
    """
    position = {label: i for i, label in enumerate(labels)}
    cm = np.zeros((len(labels), len(labels)))
    for t, p in zip(y_true, y_pred):
        cm[position[t], position[p]] += 1
    return cm


def accuracy_from_confusion__mean_diagonal(cm):
    """Averages the diagonal: trace / k instead of trace / total.

    Keyword: diagonal
    """
    return float(np.mean(np.diag(cm)))


def accuracy_from_confusion__integer_division(cm):
    """Floor division gives 0.

    Keyword: Python float
    """
    cm = np.asarray(cm)
    return np.trace(cm) // cm.sum()


def accuracy_from_confusion__per_class(cm):
    """Returns the per-class recall instead of one number.

    Keyword: single float
    """
    cm = np.asarray(cm)
    return np.diag(cm) / cm.sum(axis=1)


def most_confused__includes_diagonal(cm, labels, k=3):
    """Forgets to skip the diagonal.

    Keyword: diagonal
    """
    cm = np.asarray(cm)
    cells = [(labels[i], labels[j], int(cm[i, j])) for i in range(len(cm)) for j in range(len(cm))]
    return sorted(cells, key=lambda c: c[2], reverse=True)[:k]


def most_confused__positions(cm, labels, k=3):
    """Returns row and column numbers instead of labels.

    Keyword: labels
    """
    cm = np.asarray(cm)
    cells = [(i, j, int(cm[i, j])) for i in range(len(cm)) for j in range(len(cm)) if i != j]
    return sorted(cells, key=lambda c: c[2], reverse=True)[:k]


def most_confused__smallest(cm, labels, k=3):
    """Sorts ascending, so the smallest confusions come first.

    Keyword: largest
    """
    cm = np.asarray(cm)
    cells = [
        (labels[i], labels[j], int(cm[i, j]))
        for i in range(len(cm))
        for j in range(len(cm))
        if i != j
    ]
    return sorted(cells, key=lambda c: c[2])[:k]


def most_confused__transposed(cm, labels, k=3):
    """Reads the columns as true labels.

    Keyword: swaps true and predicted
    """
    cm = np.asarray(cm)
    cells = [
        (labels[j], labels[i], int(cm[i, j]))
        for i in range(len(cm))
        for j in range(len(cm))
        if i != j
    ]
    return sorted(cells, key=lambda c: c[2], reverse=True)[:k]


def confusion_matrix_counts__list_index(y_true, y_pred, labels):
    """Uses labels.index, which a NumPy array of labels does not have.

    Keyword: AttributeError
    """
    cm = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[labels.index(t), labels.index(p)] += 1
    return cm


def confusion_matrix_counts__sorted_given_labels(y_true, y_pred, labels):
    """Sorts the given labels, so the rows no longer follow their order.

    Keyword: order of `labels`
    """
    ordered = sorted(labels)
    cm = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[ordered.index(t), ordered.index(p)] += 1
    return cm


def confusion_matrix_counts__only_raises(y_true, y_pred, labels):
    """Not written yet, but raises ValueError.

    Keyword: ValueError
    """
    raise ValueError("TODO")


def confusion_matrix_counts__counts_correct_only(y_true, y_pred, labels):
    """Counts only the correct predictions (the diagonal).

    Keyword: values differ
    """
    position = {label: i for i, label in enumerate(labels)}
    cm = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true, y_pred):
        if t == p:
            cm[position[t], position[t]] += 1
    return cm


def accuracy_from_confusion__method_on_list(cm):
    """Calls cm.trace(), which a list of lists does not have.

    Keyword: 'list'
    """
    return float(cm.trace() / cm.sum())


def accuracy_from_confusion__row_normalised_mean(cm):
    """Averages the per-class recalls (balanced accuracy), not the overall accuracy.

    Keyword: diagonal
    """
    cm = np.asarray(cm, dtype=float)
    return float(np.mean(np.diag(cm) / cm.sum(axis=1)))


def accuracy_from_confusion__first_row(cm):
    """Divides by the first row's total only.

    Keyword: diagonal
    """
    cm = np.asarray(cm)
    return float(np.trace(cm) / cm[0].sum())


def most_confused__zeroes_diagonal_in_place(cm, labels, k=3):
    """Zeroes the diagonal of the caller's matrix to skip it.

    Keyword: in place
    """
    cm = np.asarray(cm)
    np.fill_diagonal(cm, 0)
    order = np.argsort(-cm, axis=None, kind="stable")[:k]
    rows, cols = np.unravel_index(order, cm.shape)
    return [(labels[i], labels[j], int(cm[i, j])) for i, j in zip(rows, cols)]


def most_confused__numpy_counts(cm, labels, k=3):
    """Returns the counts as np.int64.

    Keyword: Python int
    """
    cm = np.asarray(cm)
    cells = [(labels[i], labels[j], cm[i, j]) for i in range(len(cm)) for j in range(len(cm))]
    cells = [c for c in cells if c[0] != c[1]]
    return sorted(cells, key=lambda c: c[2], reverse=True)[:k]


def most_confused__list_index(cm, labels, k=3):
    """Uses labels.index to find positions, which fails for a NumPy array of labels.

    Keyword: AttributeError
    """
    cm = np.asarray(cm)
    cells = []
    for t in labels:
        for p in labels:
            if t != p:
                cells.append((t, p, int(cm[labels.index(t), labels.index(p)])))
    return sorted(cells, key=lambda c: c[2], reverse=True)[:k]


def most_confused__ignores_k(cm, labels, k=3):
    """Always returns three cells.

    Keyword: expected k=1
    """
    cm = np.asarray(cm)
    cells = [
        (labels[i], labels[j], int(cm[i, j]))
        for i in range(len(cm))
        for j in range(len(cm))
        if i != j
    ]
    return sorted(cells, key=lambda c: c[2], reverse=True)[:3]


def accuracy_from_confusion__numpy_float(cm):
    """Right value, but an np.float64 (prints as np.float64(0.85)), not a Python float.

    Keyword: Python float
    """
    cm = np.asarray(cm)
    return np.trace(cm) / cm.sum()


# ---- written for issue 24, before the checks were strengthened


def confusion_matrix_counts__uint8(y_true, y_pred, labels):
    """Counts in uint8 to save memory: a cell wraps to 0 at 256.

    Keyword: RuntimeWarning
    """
    position = {label: i for i, label in enumerate(labels)}
    cm = np.zeros((len(labels), len(labels)), dtype=np.uint8)
    for t, p in zip(y_true, y_pred):
        cm[position[t], position[p]] += 1
    return cm


def accuracy_from_confusion__int32(cm):
    """Casts the counts to int32: a very large total wraps around.

    Keyword: narrower
    """
    cm = np.asarray(cm, dtype=np.int32)
    return float(np.trace(cm) / cm.sum())


def most_confused__diagonal_zeroed(cm, labels, k=3):
    """Sets the diagonal to 0 on a copy: with few confusions a (label, label, 0) cell comes back.

    Keyword: diagonal cell
    """
    off = np.array(cm, copy=True)
    np.fill_diagonal(off, 0)
    order = np.argsort(-off, axis=None, kind="stable")[:k]
    rows, cols = np.unravel_index(order, off.shape)
    return [(labels[i], labels[j], int(cm[i][j])) for i, j in zip(rows, cols)]


def most_confused__drops_zero_counts(cm, labels, k=3):
    """Skips cells with a count of 0, so fewer than k items can come back.

    Keyword: expected k=5
    """
    cm = np.asarray(cm)
    cells = [
        (labels[i], labels[j], int(cm[i, j]))
        for i in range(len(cm))
        for j in range(len(cm))
        if i != j and cm[i, j] > 0
    ]
    cells.sort(key=lambda c: c[2], reverse=True)
    return cells[:k]


def accuracy_from_confusion__uint8(cm):
    """Casts the counts to uint8: counts above 255 wrap around.

    Keyword: narrower
    """
    cm = np.asarray(cm).astype(np.uint8)
    return float(np.trace(cm, dtype=np.int64) / cm.sum(dtype=np.int64))


def confusion_matrix_counts__sorts_numeric_labels(y_true, y_pred, labels):
    """Reorders numeric labels into sorted order (string labels keep the given order).

    Keyword: order of `labels`
    """
    labels = list(labels)
    cm = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(list(y_true), list(y_pred)):
        cm[labels.index(t), labels.index(p)] += 1
    if len(labels) > 2 and not isinstance(labels[0], str):
        cm = cm[np.argsort(labels)][:, np.argsort(labels)]
    return cm


# ---- written for issue 21: kinds of mistakes not catalogued before, as a student would


def confusion_matrix_counts__sklearn(y_true, y_pred, labels):
    """scikit-learn's confusion_matrix, which the task forbids.

    Keyword: scikit-learn
    """
    from sklearn.metrics import confusion_matrix

    return confusion_matrix(list(y_true), list(y_pred), labels=list(labels))


def confusion_matrix_counts__seen_labels_only(y_true, y_pred, labels):
    """Sizes the matrix by the labels that occur, not by ``labels``.

    Keyword: confusion_matrix_counts
    """
    seen = [lab for lab in labels if lab in set(y_true) | set(y_pred)]
    position = {label: i for i, label in enumerate(seen)}
    cm = np.zeros((len(seen), len(seen)), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[position[t], position[p]] += 1
    return cm


def confusion_matrix_counts__labels_as_indices(y_true, y_pred, labels):
    """Uses the labels themselves as row and column numbers (digits 0..9 only).

    Keyword: confusion_matrix_counts
    """
    k = len(labels)
    cm = np.zeros((k, k), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[int(t), int(p)] += 1
    return cm


def accuracy_from_confusion__float32_sum(cm):
    """Sums the counts in float32.

    Keyword: accuracy_from_confusion
    """
    cm = np.asarray(cm)
    return float(np.trace(cm) / np.sum(cm, dtype=np.float32))


def accuracy_from_confusion__odds(cm):
    """Correct over wrong instead of correct over all.

    Keyword: accuracy_from_confusion
    """
    cm = np.asarray(cm)
    correct = np.trace(cm)
    return float(correct / (cm.sum() - correct))


def accuracy_from_confusion__max_per_row(cm):
    """The largest count of each row, as if it were the correct one.

    Keyword: diagonal
    """
    cm = np.asarray(cm)
    return float(cm.max(axis=1).sum() / cm.sum())


def most_confused__list_of_lists(cm, labels, k=3):
    """Lists instead of tuples.

    Keyword: expected (true_label
    """
    cm = np.asarray(cm)
    n = cm.shape[0]
    cells = [[labels[i], labels[j], int(cm[i, j])] for i in range(n) for j in range(n) if i != j]
    cells.sort(key=lambda c: c[2], reverse=True)
    return cells[:k]


def most_confused__string_labels(cm, labels, k=3):
    """Labels turned into strings for the printout.

    Keyword: most_confused
    """
    cm = np.asarray(cm)
    n = cm.shape[0]
    cells = [
        (str(labels[i]), str(labels[j]), int(cm[i, j]))
        for i in range(n)
        for j in range(n)
        if i != j
    ]
    cells.sort(key=lambda c: c[2], reverse=True)
    return cells[:k]


def most_confused__array(cm, labels, k=3):
    """An object array of the cells instead of a list of tuples.

    Keyword: list
    """
    cm = np.asarray(cm)
    n = cm.shape[0]
    cells = [(labels[i], labels[j], int(cm[i, j])) for i in range(n) for j in range(n) if i != j]
    cells.sort(key=lambda c: c[2], reverse=True)
    return np.array(cells[:k], dtype=object)


def most_confused__k_minus_one(cm, labels, k=3):
    """range(k - 1): one cell too few.

    Keyword: most_confused
    """
    cm = np.asarray(cm)
    n = cm.shape[0]
    cells = [(labels[i], labels[j], int(cm[i, j])) for i in range(n) for j in range(n) if i != j]
    cells.sort(key=lambda c: c[2], reverse=True)
    return cells[: k - 1]


def most_confused__upper_triangle(cm, labels, k=3):
    """Only cells above the diagonal (as if the matrix were symmetric).

    Keyword: most_confused
    """
    cm = np.asarray(cm)
    n = cm.shape[0]
    cells = [(labels[i], labels[j], int(cm[i, j])) for i in range(n) for j in range(i + 1, n)]
    cells.sort(key=lambda c: c[2], reverse=True)
    return cells[:k]
