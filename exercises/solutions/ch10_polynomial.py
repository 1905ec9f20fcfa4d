"""Chapter 10 exercises: polynomial features and a grid search over the pipeline.

Implement the functions below, then check your work with
``pytest exercises/test_ch10_polynomial.py`` or
``python -m mnist_tutorial.grade --chapter 10``.
"""

from math import comb

from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures


def n_polynomial_features(n_features, degree, include_bias=False):
    """Number of columns ``PolynomialFeatures(degree, include_bias=...)`` produces.

    Parameters
    ----------
    n_features : int
        Number of input features, at least 1 (a Python or NumPy integer; any
        size, e.g. a million).
    degree : int
        Highest total degree of the monomials, at least 1 (a Python or NumPy
        integer).
    include_bias : bool, default=False
        Whether the constant column (degree 0) is counted; any true or false
        value (``np.bool_(True)`` too).

    Returns
    -------
    int
        The number of monomials of total degree 1 to ``degree`` (0 to
        ``degree`` with the bias): ``comb(n_features + degree, degree)``,
        minus 1 without the bias. A Python int, exact even for large counts
        (``math.comb``; not a float, not a NumPy integer): counts past
        2**53 (where floats skip integers) and 2**63 (where int64 wraps) must
        come out exact.
    """
    total = comb(int(n_features) + int(degree), int(degree))
    return total if include_bias else total - 1


def make_poly_search(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """An unfitted grid search over the chapter's pipeline: components and ``C`` together.

    Parameters
    ----------
    n_components : sequence of int, default=(30, 60)
        The numbers of PCA components to try (a tuple, a list or an ndarray).
    C : sequence of float, default=(0.01, 0.1, 1.0)
        The values of the logistic regression's ``C`` to try (same kinds).
    cv : int, default=3
        The number of cross-validation folds.

    Returns
    -------
    sklearn.model_selection.GridSearchCV
        Not fitted, and new (with new steps) on every call. Its estimator is
        the chapter's pipeline: ``MinMaxScaler()``, ``PCA()`` (a
        ``random_state`` is fine), ``PolynomialFeatures(degree=2,
        include_bias=False)``, ``LogisticRegression(max_iter=1000)``, in this
        order, every other setting at scikit-learn's default (the Pipeline's
        own too; the grid sets PCA's ``n_components`` and the classifier's
        ``C``, whatever the steps start with). Its grid
        holds every combination of one value of ``n_components`` with one
        value of ``C``, each exactly once (a grid, not the pairs that
        ``zip`` makes); it cross-validates with ``cv`` folds and keeps every
        other setting of ``GridSearchCV`` at its default (accuracy as the
        score, the best pipeline refitted on all the data).
    """
    pipeline = Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA()),
            ("poly", PolynomialFeatures(degree=2, include_bias=False)),
            ("logreg", LogisticRegression(max_iter=1000)),
        ]
    )
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(pipeline, grid, cv=cv)
