"""Chapter 10 exercises: polynomial features in a pipeline.

Implement the functions below, then check your work with
``pytest exercises/test_ch10_polynomial.py`` or
``python -m mnist_tutorial.grade --chapter 10``.
"""

from math import comb

from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
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


def make_poly_pipeline(n_components=30, degree=2, C=1.0, max_iter=1000):
    """An unfitted pipeline: scale, reduce with PCA, expand, classify.

    Parameters
    ----------
    n_components : int, default=30
        Components kept by PCA.
    degree : int, default=2
        Degree of the polynomial features.
    C : float, default=1.0
        Inverse regularisation strength of the logistic regression.
    max_iter : int, default=1000
        Iteration limit of the logistic regression.

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps, in this order: ``MinMaxScaler()``, ``PCA(n_components)``,
        ``PolynomialFeatures(degree, include_bias=False)``,
        ``LogisticRegression(C=C, max_iter=max_iter)``, every other setting
        at scikit-learn's default, and the Pipeline's own settings too (no
        ``memory``, no ``verbose``); not fitted, and a new pipeline (with new
        steps) on every call.
    """
    return Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA(n_components=n_components)),
            ("poly", PolynomialFeatures(degree=degree, include_bias=False)),
            ("logreg", LogisticRegression(C=C, max_iter=max_iter)),
        ]
    )
