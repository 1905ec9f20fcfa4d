"""Wrong answers to chapter 10's exercises."""

from math import comb

from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures, StandardScaler


def n_polynomial_features__counts_bias(n_features, degree, include_bias=False):
    """Always counts the constant column."""
    return comb(n_features + degree, degree)


def n_polynomial_features__power(n_features, degree, include_bias=False):
    """Counts ordered products: n ** degree."""
    return n_features**degree + (1 if include_bias else 0)


def n_polynomial_features__top_degree_only(n_features, degree, include_bias=False):
    """Counts only the monomials of degree exactly `degree`."""
    return comb(n_features + degree - 1, degree) + (1 if include_bias else 0)


def make_poly_pipeline__wrong_order(n_components=30, degree=2, C=1.0, max_iter=1000):
    """PCA before the scaler."""
    return make_pipeline(
        PCA(n_components=n_components),
        MinMaxScaler(),
        PolynomialFeatures(degree=degree, include_bias=False),
        LogisticRegression(C=C, max_iter=max_iter),
    )


def make_poly_pipeline__with_bias(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Keeps PolynomialFeatures' default constant column."""
    return make_pipeline(
        MinMaxScaler(),
        PCA(n_components=n_components),
        PolynomialFeatures(degree=degree),
        LogisticRegression(C=C, max_iter=max_iter),
    )


def make_poly_pipeline__ignores_arguments(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Hard-codes the defaults."""
    return Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA(n_components=30)),
            ("poly", PolynomialFeatures(degree=2, include_bias=False)),
            ("logreg", LogisticRegression()),
        ]
    )


def make_poly_pipeline__standard_scaler(n_components=30, degree=2, C=1.0, max_iter=1000):
    """Scales with StandardScaler."""
    return make_pipeline(
        StandardScaler(),
        PCA(n_components=n_components),
        PolynomialFeatures(degree=degree, include_bias=False),
        LogisticRegression(C=C, max_iter=max_iter),
    )
