"""Wrong answers to chapter 10's exercises."""

from math import comb

import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler


def n_polynomial_features__counts_bias(n_features, degree, include_bias=False):
    """Always counts the constant column.

    Keyword: include_bias
    """
    return comb(n_features + degree, degree)


def n_polynomial_features__power(n_features, degree, include_bias=False):
    """Counts ordered products: n ** degree.

    Keyword: every monomial
    """
    return n_features**degree + (1 if include_bias else 0)


def n_polynomial_features__top_degree_only(n_features, degree, include_bias=False):
    """Counts only the monomials of degree exactly `degree`.

    Keyword: degree 1 up to degree
    """
    return comb(n_features + degree - 1, degree) + (1 if include_bias else 0)


def make_poly_pipeline__wrong_order(n_components=30, degree=2, C=1.0, max_iter=1000):
    """PCA before the scaler.

    Keyword: in order
    """
    return make_pipeline(
        PCA(n_components=n_components),
        MinMaxScaler(),
        PolynomialFeatures(degree=degree, include_bias=False),
        LogisticRegression(C=C, max_iter=max_iter),
    )


def make_poly_pipeline__with_bias(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Keeps PolynomialFeatures' default constant column.

    Keyword: include_bias
    """
    return make_pipeline(
        MinMaxScaler(),
        PCA(n_components=n_components),
        PolynomialFeatures(degree=degree),
        LogisticRegression(C=C, max_iter=max_iter),
    )


def make_poly_pipeline__ignores_arguments(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Hard-codes the defaults.

    Keyword: pass the argument on
    """
    return Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA(n_components=30)),
            ("poly", PolynomialFeatures(degree=2, include_bias=False)),
            ("logreg", LogisticRegression()),
        ]
    )


def make_poly_pipeline__standard_scaler(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Scales with StandardScaler.

    Keyword: StandardScaler
    """
    return make_pipeline(
        StandardScaler(),
        PCA(n_components=n_components),
        PolynomialFeatures(degree=degree, include_bias=False),
        LogisticRegression(C=C, max_iter=max_iter),
    )


def n_polynomial_features__scipy_comb(n_features, degree, include_bias=False):
    """scipy.special.comb returns a float (and is inexact for large counts).

    Keyword: expected an int
    """
    from scipy.special import comb as scipy_comb

    total = scipy_comb(n_features + degree, degree)
    return total if include_bias else total - 1


def n_polynomial_features__numpy_int(n_features, degree, include_bias=False):
    """Counts with NumPy: the answer is an np.int64, not a Python int.

    Keyword: Python int
    """
    import numpy as np

    total = np.prod(np.arange(n_features + 1, n_features + degree + 1)) // np.prod(
        np.arange(1, degree + 1)
    )
    return total if include_bias else total - 1


def n_polynomial_features__degree_two_formula(n_features, degree, include_bias=False):
    """The degree-2 formula n(n+3)/2 used for every degree.

    Keyword: every monomial
    """
    return n_features * (n_features + 3) // 2 + (1 if include_bias else 0)


def n_polynomial_features__bias_inverted(n_features, degree, include_bias=False):
    """Counts the constant column exactly when it should not.

    Keyword: include_bias
    """
    total = comb(n_features + degree, degree)
    return total - 1 if include_bias else total


def make_poly_pipeline__whiten(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Whitens the PCA components (not asked for).

    Keyword: whiten
    """
    return make_pipeline(
        MinMaxScaler(),
        PCA(n_components=n_components, whiten=True),
        PolynomialFeatures(degree=degree, include_bias=False),
        LogisticRegression(C=C, max_iter=max_iter),
    )


def make_poly_pipeline__liblinear(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Changes the solver.

    Keyword: solver
    """
    return make_pipeline(
        MinMaxScaler(),
        PCA(n_components=n_components),
        PolynomialFeatures(degree=degree, include_bias=False),
        LogisticRegression(C=C, max_iter=max_iter, solver="liblinear"),
    )


def make_poly_pipeline__shared_step(
    n_components=30,
    degree=2,
    C=1.0,
    max_iter=1000,
    scaler=MinMaxScaler(),  # noqa: B008
):
    """A scaler as a default argument: one object, shared by every pipeline.

    Keyword: new one on every call
    """
    return make_pipeline(
        scaler,
        PCA(n_components=n_components),
        PolynomialFeatures(degree=degree, include_bias=False),
        LogisticRegression(C=C, max_iter=max_iter),
    )


def make_poly_pipeline__minus_one_to_one(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Scales to [-1, 1] instead of MinMaxScaler's default [0, 1].

    Keyword: feature_range
    """
    return make_pipeline(
        MinMaxScaler(feature_range=(-1, 1)),
        PCA(n_components=n_components),
        PolynomialFeatures(degree=degree, include_bias=False),
        LogisticRegression(C=C, max_iter=max_iter),
    )


# ---- written for issue 24, before the checks were strengthened


def n_polynomial_features__float_division(n_features, degree, include_bias=False):
    """Factorials divided in floating point: inexact past 2**53.

    Keyword: exact
    """
    from math import factorial

    total = int(factorial(n_features + degree) / (factorial(n_features) * factorial(degree)))
    return total if include_bias else total - 1


def n_polynomial_features__numpy_prod(n_features, degree, include_bias=False):
    """np.prod in int64: wraps around for large counts.

    Keyword: int64
    """
    from math import factorial

    top = np.prod(np.arange(n_features + 1, n_features + degree + 1, dtype=np.int64))
    total = int(top) // factorial(degree)
    return total if include_bias else total - 1


def n_polynomial_features__bias_is_true(n_features, degree, include_bias=False):
    """`include_bias is True` misses np.bool_(True).

    Keyword: np.bool_
    """
    total = comb(n_features + degree, degree)
    return total if include_bias is True else total - 1


def make_poly_pipeline__verbose(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Pipeline(..., verbose=True), copied from a tutorial: prints every step's time.

    Keyword: verbose
    """
    return Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA(n_components=n_components)),
            ("poly", PolynomialFeatures(degree=degree, include_bias=False)),
            ("logreg", LogisticRegression(C=C, max_iter=max_iter)),
        ],
        verbose=True,
    )


def make_poly_pipeline__memory(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Pipeline(..., memory=...): caches fitted steps in a folder.

    Keyword: memory
    """
    import tempfile

    return Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA(n_components=n_components)),
            ("poly", PolynomialFeatures(degree=degree, include_bias=False)),
            ("logreg", LogisticRegression(C=C, max_iter=max_iter)),
        ],
        memory=tempfile.gettempdir(),
    )
