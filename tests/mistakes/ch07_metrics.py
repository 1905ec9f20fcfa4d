"""Wrong answers to chapter 7's exercises."""

import numpy as np


def precision_per_class__row_sums(cm):
    """Divides by the row sums (that is the recall).

    Keyword: that is the recall
    """
    cm = np.asarray(cm, dtype=float)
    rows = cm.sum(axis=1)
    return np.divide(np.diag(cm), rows, out=np.zeros(len(cm)), where=rows > 0)


def precision_per_class__nan(cm):
    """Plain division: NaN and a warning for a class never predicted.

    Keyword: RuntimeWarning
    """
    cm = np.asarray(cm, dtype=float)
    return np.diag(cm) / cm.sum(axis=0)


def recall_per_class__column_sums(cm):
    """Divides by the column sums (that is the precision).

    Keyword: that is the precision
    """
    cm = np.asarray(cm, dtype=float)
    cols = cm.sum(axis=0)
    return np.divide(np.diag(cm), cols, out=np.zeros(len(cm)), where=cols > 0)


def recall_per_class__silenced_nan(cm):
    """Hides the warning but keeps the NaN.

    Keyword: NaN
    """
    cm = np.asarray(cm, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.diag(cm) / cm.sum(axis=1)


def f1_per_class__arithmetic_mean(cm):
    """Averages precision and recall instead of the harmonic mean.

    Keyword: harmonic mean
    """
    cm = np.asarray(cm, dtype=float)
    pred, true = cm.sum(axis=0), cm.sum(axis=1)
    p = np.divide(np.diag(cm), pred, out=np.zeros(len(cm)), where=pred > 0)
    r = np.divide(np.diag(cm), true, out=np.zeros(len(cm)), where=true > 0)
    return (p + r) / 2


def f1_per_class__nan(cm):
    """0 / 0 where precision and recall are both 0.

    Keyword: RuntimeWarning
    """
    cm = np.asarray(cm, dtype=float)
    pred, true = cm.sum(axis=0), cm.sum(axis=1)
    p = np.divide(np.diag(cm), pred, out=np.zeros(len(cm)), where=pred > 0)
    r = np.divide(np.diag(cm), true, out=np.zeros(len(cm)), where=true > 0)
    return 2 * p * r / (p + r)


def f1_per_class__in_place(cm):
    """Right values, but writes into the caller's matrix.

    Keyword: in place
    """
    cm = np.asarray(cm)
    pred, true = cm.sum(axis=0), cm.sum(axis=1)
    correct = np.diag(cm).astype(float)
    p = np.divide(correct, pred, out=np.zeros(len(cm)), where=pred > 0)
    r = np.divide(correct, true, out=np.zeros(len(cm)), where=true > 0)
    np.fill_diagonal(cm, 0)
    total = p + r
    return np.divide(2 * p * r, total, out=np.zeros(len(cm)), where=total > 0)


def precision_per_class__normalises_in_place(cm):
    """Divides the caller's (float) matrix by its column sums in place.

    Keyword: in place
    """
    cm = np.asarray(cm)
    if cm.dtype.kind != "f":
        cm = cm.astype(float)
    cols = cm.sum(axis=0)
    np.divide(cm, cols, out=cm, where=cols > 0)
    return np.diag(cm).copy()


def precision_per_class__overall(cm):
    """One overall number repeated: trace / total for every class.

    Keyword: values differ
    """
    cm = np.asarray(cm, dtype=float)
    return np.full(len(cm), np.trace(cm) / cm.sum())


def precision_per_class__method_on_list(cm):
    """Calls cm.sum(axis=0), which a list of lists does not have.

    Keyword: 'list'
    """
    cols = cm.sum(axis=0)
    return np.divide(np.diag(cm), cols, out=np.zeros(len(cm)), where=cols > 0)


def recall_per_class__divides_by_total(cm):
    """Divides each diagonal count by the total of the matrix.

    Keyword: too small by a factor
    """
    cm = np.asarray(cm, dtype=float)
    return np.diag(cm) / cm.sum()


def recall_per_class__nan_to_one(cm):
    """Treats 0 / 0 as a perfect score of 1.

    Keyword: 0 / 0
    """
    cm = np.asarray(cm, dtype=float)
    rows = cm.sum(axis=1)
    return np.divide(np.diag(cm), rows, out=np.ones(len(cm)), where=rows > 0)


def recall_per_class__integer_division(cm):
    """Floor division of integer counts: 0 for every class below perfect.

    Keyword: too small
    """
    cm = np.asarray(cm)
    rows = cm.sum(axis=1)
    return np.where(rows > 0, np.diag(cm) // np.maximum(rows, 1), 0).astype(float)


def f1_per_class__macro(cm):
    """Returns the macro average F1, one number, instead of one per class.

    Keyword: NumPy array
    """
    cm = np.asarray(cm, dtype=float)
    pred, true = cm.sum(axis=0), cm.sum(axis=1)
    p = np.divide(np.diag(cm), pred, out=np.zeros(len(cm)), where=pred > 0)
    r = np.divide(np.diag(cm), true, out=np.zeros(len(cm)), where=true > 0)
    total = p + r
    return float(np.mean(np.divide(2 * p * r, total, out=np.zeros(len(cm)), where=total > 0)))


def f1_per_class__product(cm):
    """Forgets the factor 2: p * r / (p + r).

    Keyword: harmonic mean
    """
    cm = np.asarray(cm, dtype=float)
    pred, true = cm.sum(axis=0), cm.sum(axis=1)
    p = np.divide(np.diag(cm), pred, out=np.zeros(len(cm)), where=pred > 0)
    r = np.divide(np.diag(cm), true, out=np.zeros(len(cm)), where=true > 0)
    total = p + r
    return np.divide(p * r, total, out=np.zeros(len(cm)), where=total > 0)


def f1_per_class__method_on_list(cm):
    """Calls cm.sum(axis=...), which a list of lists does not have.

    Keyword: 'list'
    """
    pred, true = cm.sum(axis=0), cm.sum(axis=1)
    p = np.divide(np.diag(cm), pred, out=np.zeros(len(cm)), where=pred > 0)
    r = np.divide(np.diag(cm), true, out=np.zeros(len(cm)), where=true > 0)
    total = p + r
    return np.divide(2 * p * r, total, out=np.zeros(len(cm)), where=total > 0)


# ---- written for issue 24, before the checks were strengthened


def precision_per_class__float32(cm):
    """Works in float32: about 7 correct digits.

    Keyword: float64
    """
    cm = np.asarray(cm, dtype=np.float32)
    predicted = cm.sum(axis=0)
    out = np.zeros(len(cm), dtype=np.float32)
    np.divide(np.diag(cm), predicted, out=out, where=predicted > 0)
    return out


def recall_per_class__uint8(cm):
    """Casts the counts to uint8: counts above 255 wrap around.

    Keyword: narrower cast
    """
    cm = np.asarray(cm).astype(np.uint8).astype(np.float64)
    actual = cm.sum(axis=1)
    return np.divide(np.diag(cm), actual, out=np.zeros(len(cm)), where=actual > 0)


def recall_per_class__divide_where(cm):
    """np.divide(..., where=...) without out=: NumPy warns of uninitialised memory.

    Keyword: out=
    """
    cm = np.asarray(cm, dtype=np.float64)
    actual = cm.sum(axis=1)
    result = np.divide(np.diag(cm), actual, where=actual > 0)
    result[actual == 0] = 0.0
    return result


def recall_per_class__size_one_is_scalar(cm):
    """Returns a float when there is a single class, not an array of one.

    Keyword: NumPy array
    """
    cm = np.asarray(cm, dtype=np.float64)
    actual = cm.sum(axis=1)
    result = np.divide(np.diag(cm), actual, out=np.zeros(len(cm)), where=actual > 0)
    return float(result[0]) if result.size == 1 else result


def f1_per_class__tuple_crashes(cm):
    """Converts a list of lists, but a tuple of tuples has no .sum.

    Keyword: 'tuple'
    """
    if isinstance(cm, list):
        cm = np.array(cm)
    cm = cm.astype(np.float64)
    tp = np.diag(cm)
    denominator = cm.sum(axis=0) + cm.sum(axis=1)
    return np.divide(2 * tp, denominator, out=np.zeros(len(tp)), where=denominator > 0)


# ---- written for issue 21 (kinds of mistakes not catalogued before), as a student
# would; the notes in each docstring say which the checks caught before their fix


def precision_per_class__laplace(cm):
    """Adds 1 to every denominator 'to avoid dividing by zero'.

    Keyword: precision_per_class
    """
    cm = np.asarray(cm, dtype=np.float64)
    return np.diag(cm) / (cm.sum(axis=0) + 1)


def precision_per_class__returns_list(cm):
    """A list comprehension: a list comes back.

    Keyword: list
    """
    cm = np.asarray(cm, dtype=np.float64)
    sums = cm.sum(axis=0)
    return [float(cm[i, i] / sums[i]) if sums[i] > 0 else 0.0 for i in range(len(cm))]


def precision_per_class__skips_last(cm):
    """range(len(cm) - 1): the last class is left out.

    Keyword: shape
    """
    cm = np.asarray(cm, dtype=np.float64)
    sums = cm.sum(axis=0)
    return np.array([cm[i, i] / sums[i] if sums[i] > 0 else 0.0 for i in range(len(cm) - 1)])


def recall_per_class__int_cast(cm):
    """Casts the counts to int64: a normalised (float) matrix becomes zeros.

    Keyword: recall_per_class
    """
    cm = np.asarray(cm).astype(np.int64).astype(np.float64)
    actual = cm.sum(axis=1)
    correct = np.diag(cm)
    return np.divide(correct, actual, out=np.zeros_like(correct), where=actual > 0)


def recall_per_class__largest_row(cm):
    """Divides by the largest class size instead of each class's own.

    Keyword: recall_per_class
    """
    cm = np.asarray(cm, dtype=np.float64)
    return np.diag(cm) / cm.sum(axis=1).max()


def recall_per_class__column_vector(cm):
    """keepdims on the row sums: a (k, 1) column comes back.

    Keyword: shape
    """
    cm = np.asarray(cm, dtype=np.float64)
    actual = cm.sum(axis=1, keepdims=True)
    correct = np.diag(cm)[:, None]
    return np.divide(correct, actual, out=np.zeros_like(correct), where=actual > 0)


def f1_per_class__nan_to_one(cm):
    """Where precision and recall are both 0, F1 is set to 1.

    Keyword: f1_per_class
    """
    cm = np.asarray(cm, dtype=np.float64)
    tp = np.diag(cm)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(cm.sum(axis=0) > 0, tp / cm.sum(axis=0), 0.0)
        r = np.where(cm.sum(axis=1) > 0, tp / cm.sum(axis=1), 0.0)
        f = 2 * p * r / (p + r)
    return np.nan_to_num(f, nan=1.0)


def f1_per_class__geometric(cm):
    """The geometric mean sqrt(p * r) instead of the harmonic one.

    Keyword: f1_per_class
    """
    cm = np.asarray(cm, dtype=np.float64)
    tp = np.diag(cm)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(cm.sum(axis=0) > 0, tp / cm.sum(axis=0), 0.0)
        r = np.where(cm.sum(axis=1) > 0, tp / cm.sum(axis=1), 0.0)
    return np.sqrt(p * r)


def f1_per_class__floor_division(cm):
    """2 tp // (2 tp + fp + fn) on integer counts.

    Keyword: f1_per_class
    """
    cm = np.asarray(cm)
    tp = np.diag(cm)
    fp = cm.sum(axis=0) - tp
    fn = cm.sum(axis=1) - tp
    den = 2 * tp + fp + fn
    return np.where(den > 0, (2 * tp) // np.where(den > 0, den, 1), 0).astype(np.float64)


def precision_per_class__row_normalised(cm):
    """Normalises the rows first (as a normalised confusion plot does), then divides.

    Keyword: precision_per_class
    """
    cm = np.asarray(cm, dtype=np.float64)
    rows = cm.sum(axis=1, keepdims=True)
    cmn = np.divide(cm, rows, out=np.zeros_like(cm), where=rows > 0)
    cols = cmn.sum(axis=0)
    return np.divide(np.diag(cmn), cols, out=np.zeros_like(cols), where=cols > 0)
