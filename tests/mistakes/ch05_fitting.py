"""Wrong answers to chapter 5's exercises."""

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression


def fit_logistic_regression__ignores_max_iter(X_train, y_train, max_iter=1000):
    """Hard-codes max_iter.

    Keyword: max_iter
    """
    model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    return model, bool(model.n_iter_.max() < max_iter)


def fit_logistic_regression__unfitted(X_train, y_train, max_iter=1000):
    """Forgets to call fit.

    Keyword: unfitted
    """
    return LogisticRegression(max_iter=max_iter), True


def fit_logistic_regression__other_settings(X_train, y_train, max_iter=1000):
    """Changes the regularisation strength.

    Keyword: default settings
    """
    model = LogisticRegression(C=0.01, max_iter=max_iter).fit(X_train, y_train)
    return model, bool(model.n_iter_.max() < max_iter)


def fit_logistic_regression__model_only(X_train, y_train, max_iter=1000):
    """Returns the fitted model alone, as the page's fits do.

    Keyword: returned only the model
    """
    return LogisticRegression(max_iter=max_iter).fit(X_train, y_train)


def fit_logistic_regression__converged_numpy(X_train, y_train, max_iter=1000):
    """Returns the comparison as a numpy.bool_.

    Keyword: numpy.bool_
    """
    model = LogisticRegression(max_iter=max_iter).fit(X_train, y_train)
    return model, model.n_iter_[0] < max_iter


def fit_logistic_regression__converged_at_most(X_train, y_train, max_iter=1000):
    """Counts a solver that used its whole budget as converged (<= instead of <).

    Keyword: used all of
    """
    model = LogisticRegression(max_iter=max_iter).fit(X_train, y_train)
    return model, bool(model.n_iter_.max() <= max_iter)


def fit_logistic_regression__default_budget(X_train, y_train, max_iter=1000):
    """Compares the iterations with scikit-learn's default budget, 100, not max_iter.

    Keyword: max_iter iterations
    """
    model = LogisticRegression(max_iter=max_iter).fit(X_train, y_train)
    return model, bool(model.n_iter_.max() < 100)


def fit_logistic_regression__always_converged(X_train, y_train, max_iter=1000):
    """Says the fit converged because it returned without an error.

    Keyword: converged is True
    """
    return LogisticRegression(max_iter=max_iter).fit(X_train, y_train), True


def accuracy__pandas_alignment(y_true, y_pred):
    """Compares two Series, which pandas aligns on their index labels.

    Keyword: index labels
    """
    return float(pd.Series(y_true).eq(pd.Series(y_pred)).mean())


def accuracy__no_length_check(y_true, y_pred):
    """Lets NumPy broadcast a length-1 array against a longer one.

    Keyword: ValueError
    """
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def accuracy__count(y_true, y_pred):
    """Returns the number of matches, not the fraction.

    Keyword: not a count
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError("lengths differ")
    return int(np.sum(y_true == y_pred))


def misclassified_indices__index_labels(y_true, y_pred):
    """Returns the Series' index labels instead of positions.

    Keyword: index labels
    """
    y_true = pd.Series(y_true)
    wrong = y_true.to_numpy() != np.asarray(y_pred)
    return y_true.index[wrong].to_numpy()


def misclassified_indices__nonzero_tuple(y_true, y_pred):
    """Returns np.nonzero's tuple instead of its first element.

    Keyword: tuple
    """
    return np.nonzero(np.asarray(y_true) != np.asarray(y_pred))


def misclassified_indices__list(y_true, y_pred):
    """Returns a Python list.

    Keyword: NumPy array
    """
    return [i for i, (t, p) in enumerate(zip(np.asarray(y_true), y_pred)) if t != p]


def fit_logistic_regression__scales_in_place(X_train, y_train, max_iter=1000):
    """Rescales the caller's X_train in place before fitting ("pixels / 255").

    Keyword: in place
    """
    X_train /= 255
    model = LogisticRegression(max_iter=max_iter).fit(X_train, y_train)
    return model, bool(model.n_iter_.max() < max_iter)


def fit_logistic_regression__returns_predictions(X_train, y_train, max_iter=1000):
    """Returns the training predictions instead of the model.

    Keyword: expected a LogisticRegression
    """
    model = LogisticRegression(max_iter=max_iter).fit(X_train, y_train)
    return model.predict(X_train), bool(model.n_iter_.max() < max_iter)


def fit_logistic_regression__balanced(X_train, y_train, max_iter=1000):
    """Adds class_weight='balanced' (a later chapter's setting).

    Keyword: class_weight
    """
    model = LogisticRegression(max_iter=max_iter, class_weight="balanced").fit(X_train, y_train)
    return model, bool(model.n_iter_.max() < max_iter)


def fit_logistic_regression__only_raises(X_train, y_train, max_iter=1000):
    """Not written yet, but raises ValueError.

    Keyword: ValueError
    """
    raise ValueError("TODO")


def accuracy__list_equality(y_true, y_pred):
    """Compares two lists with ==, which gives one bool for the whole lists.

    Keyword: two lists
    """
    if len(y_true) != len(y_pred):
        raise ValueError("lengths differ")
    return float(np.mean(y_true == y_pred))


def accuracy__rounded(y_true, y_pred):
    """Rounds to two decimals "for display".

    Keyword: not rounded
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError("lengths differ")
    return round(float(np.mean(y_true == y_pred)), 2)


def accuracy__only_raises(y_true, y_pred):
    """Not written yet, but raises ValueError: must not earn the length-check point.

    Keyword: ValueError
    """
    raise ValueError("TODO")


def accuracy__integer_division(y_true, y_pred):
    """Floor division: 0 unless every prediction is right.

    Keyword: Python float
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError("lengths differ")
    return np.sum(y_true == y_pred) // len(y_true)


def misclassified_indices__list_inequality(y_true, y_pred):
    """Compares two lists with !=, which gives one bool for the whole lists.

    Keyword: shape
    """
    return np.flatnonzero(y_true != y_pred)


def misclassified_indices__argwhere(y_true, y_pred):
    """np.argwhere gives a column (n_errors, 1), not a flat array.

    Keyword: shape
    """
    return np.argwhere(np.asarray(y_true) != np.asarray(y_pred))


def misclassified_indices__mask(y_true, y_pred):
    """Returns the boolean mask instead of the positions.

    Keyword: integer dtype
    """
    return np.asarray(y_true) != np.asarray(y_pred)


def misclassified_indices__one_based(y_true, y_pred):
    """Counts positions from 1.

    Keyword: count from 0
    """
    return np.flatnonzero(np.asarray(y_true) != np.asarray(y_pred)) + 1


# ---- written for issue 24, before the checks were strengthened


def fit_logistic_regression__first_rows(X_train, y_train, max_iter=1000):
    """Fits on the first 10,000 rows only, to be quick.

    Keyword: no slice
    """
    model = LogisticRegression(max_iter=max_iter)
    model.fit(X_train[:10000], y_train[:10000])
    return model, bool(model.n_iter_.max() < max_iter)


def fit_logistic_regression__divides_by_max(X_train, y_train, max_iter=1000):
    """Scales a copy by its maximum before fitting: same model only when the maximum is 1.

    Keyword: no rescaling
    """
    X = np.asarray(X_train, dtype=float)
    model = LogisticRegression(max_iter=max_iter)
    model.fit(X / X.max(), y_train)
    return model, bool(model.n_iter_.max() < max_iter)


def accuracy__labels_to_int(y_true, y_pred):
    """Casts the labels to int (MNIST's are strings of digits): fails for other labels.

    Keyword: ValueError
    """
    y_true = np.asarray(y_true).astype(int)
    y_pred = np.asarray(y_pred).astype(int)
    if len(y_true) != len(y_pred):
        raise ValueError("different lengths")
    return float(np.mean(y_true == y_pred))


def accuracy__first_rows(y_true, y_pred):
    """Scores the first 10,000 predictions only.

    Keyword: no slice
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError("different lengths")
    return float(np.mean(y_true[:10000] == y_pred[:10000]))


def misclassified_indices__labels_to_int(y_true, y_pred):
    """Casts the labels to int first: fails for labels that are not digits.

    Keyword: ValueError
    """
    return np.flatnonzero(np.asarray(y_true).astype(int) != np.asarray(y_pred).astype(int))


def misclassified_indices__uint16(y_true, y_pred):
    """Stores positions as uint16 to save memory: they wrap past 65,535.

    Keyword: uint16
    """
    return np.flatnonzero(np.asarray(y_true) != np.asarray(y_pred)).astype(np.uint16)


# ---- written for issue 21: kinds of mistakes not catalogued before, as a student would


def fit_logistic_regression__int_labels(X_train, y_train, max_iter=1000):
    """Casts the labels to int (MNIST's are digit strings).

    Keyword: fit_logistic_regression
    """
    model = LogisticRegression(max_iter=max_iter)
    model.fit(X_train, np.asarray(y_train).astype(int))
    return model, bool(model.n_iter_.max() < max_iter)


def fit_logistic_regression__converged_hardcoded_budget(X_train, y_train, max_iter=1000):
    """Compares the iterations with 1000, not with max_iter.

    Keyword: max_iter
    """
    model = LogisticRegression(max_iter=max_iter)
    model.fit(X_train, y_train)
    return model, bool(model.n_iter_.max() < 1000)


def fit_logistic_regression__converged_by_score(X_train, y_train, max_iter=1000):
    """'Converged' read as 'fits the training data almost perfectly'.

    Keyword: converged
    """
    model = LogisticRegression(max_iter=max_iter)
    model.fit(X_train, y_train)
    return model, bool(model.score(X_train, y_train) > 0.99)


def accuracy__sklearn(y_true, y_pred):
    """scikit-learn's accuracy_score, which the task forbids.

    Keyword: scikit-learn
    """
    from sklearn.metrics import accuracy_score

    return float(accuracy_score(list(y_true), list(y_pred)))


def accuracy__as_strings(y_true, y_pred):
    """Compares the labels as strings: 7 and "7" become equal, 1 and 1.0 not.

    Keyword: as they are
    """
    y_true = np.asarray(y_true).astype(str)
    y_pred = np.asarray(y_pred).astype(str)
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred must have the same length")
    return float(np.mean(y_true == y_pred))


def accuracy__percent(y_true, y_pred):
    """A percentage instead of a fraction.

    Keyword: factor of about 100
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred must have the same length")
    return float(100 * np.mean(y_true == y_pred))


def misclassified_indices__first_hundred(y_true, y_pred):
    """Keeps only the first 100 mistakes (enough to show).

    Keyword: shape
    """
    return np.flatnonzero(np.asarray(y_true) != np.asarray(y_pred))[:100]


def misclassified_indices__float(y_true, y_pred):
    """Positions collected into a float array.

    Keyword: misclassified_indices
    """
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return np.array([i for i in range(len(y_true)) if y_true[i] != y_pred[i]], dtype=float)


def misclassified_indices__descending(y_true, y_pred):
    """The latest mistakes first.

    Keyword: ascending
    """
    return np.flatnonzero(np.asarray(y_true) != np.asarray(y_pred))[::-1]


def fit_logistic_regression__to_numpy(X_train, y_train, max_iter=1000):
    """Fits on X_train.to_numpy(): a DataFrame's column names are lost.

    Keyword: feature_names_in_
    """
    model = LogisticRegression(max_iter=max_iter)
    model.fit(np.asarray(X_train), np.asarray(y_train))
    return model, bool(model.n_iter_.max() < max_iter)
