"""Wrong answers to chapter 5's exercises."""

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression


def fit_logistic_regression__ignores_max_iter(X_train, y_train, max_iter=1000):
    """Hard-codes max_iter."""
    return LogisticRegression(max_iter=1000).fit(X_train, y_train)


def fit_logistic_regression__unfitted(X_train, y_train, max_iter=1000):
    """Forgets to call fit."""
    return LogisticRegression(max_iter=max_iter)


def fit_logistic_regression__other_settings(X_train, y_train, max_iter=1000):
    """Changes the regularisation strength."""
    return LogisticRegression(C=0.01, max_iter=max_iter).fit(X_train, y_train)


def accuracy__pandas_alignment(y_true, y_pred):
    """Compares two Series, which pandas aligns on their index labels."""
    return float(pd.Series(y_true).eq(pd.Series(y_pred)).mean())


def accuracy__no_length_check(y_true, y_pred):
    """Lets NumPy broadcast a length-1 array against a longer one."""
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def accuracy__count(y_true, y_pred):
    """Returns the number of matches, not the fraction."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError("lengths differ")
    return int(np.sum(y_true == y_pred))


def misclassified_indices__index_labels(y_true, y_pred):
    """Returns the Series' index labels instead of positions."""
    y_true = pd.Series(y_true)
    wrong = y_true.to_numpy() != np.asarray(y_pred)
    return y_true.index[wrong].to_numpy()


def misclassified_indices__nonzero_tuple(y_true, y_pred):
    """Returns np.nonzero's tuple instead of its first element."""
    return np.nonzero(np.asarray(y_true) != np.asarray(y_pred))


def misclassified_indices__list(y_true, y_pred):
    """Returns a Python list."""
    return [i for i, (t, p) in enumerate(zip(np.asarray(y_true), y_pred)) if t != p]
