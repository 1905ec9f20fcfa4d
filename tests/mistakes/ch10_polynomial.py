"""Wrong answers to chapter 10's exercises."""

from math import comb

import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
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


# ---- make_poly_search (a grid search beyond the page's pipeline)


def _pipeline():
    return Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA()),
            ("poly", PolynomialFeatures(degree=2, include_bias=False)),
            ("logreg", LogisticRegression(max_iter=1000)),
        ]
    )


def make_poly_search__returns_pipeline(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Returns the pipeline itself, without the search around it.

    Keyword: GridSearchCV
    """
    return _pipeline()


def make_poly_search__zip(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Pairs the values one to one with zip, so most combinations are never tried.

    Keyword: misses combinations
    """
    grid = [{"pca__n_components": [n], "logreg__C": [c]} for n, c in zip(n_components, C)]
    return GridSearchCV(_pipeline(), grid, cv=cv)


def make_poly_search__first_values_only(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Varies the components with the first C only.

    Keyword: misses combinations
    """
    grid = {"pca__n_components": list(n_components), "logreg__C": [C[0]]}
    return GridSearchCV(_pipeline(), grid, cv=cv)


def make_poly_search__swapped(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Gives the C values to PCA and the numbers of components to the classifier.

    Keyword: swapped
    """
    grid = {"pca__n_components": list(C), "logreg__C": list(n_components)}
    return GridSearchCV(_pipeline(), grid, cv=cv)


def make_poly_search__step_name(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Uses make_pipeline's automatic step names with a Pipeline that names its steps.

    Keyword: name a step
    """
    grid = {"pca__n_components": list(n_components), "logisticregression__C": list(C)}
    return GridSearchCV(_pipeline(), grid, cv=cv)


def make_poly_search__ignores_cv(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Leaves GridSearchCV's default of 5 folds.

    Keyword: cv argument
    """
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(_pipeline(), grid)


def make_poly_search__cv_by_position(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Passes cv as a third positional argument, which GridSearchCV does not take.

    Keyword: positional arguments
    """
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(_pipeline(), grid, cv)


def make_poly_search__pca_first(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """PCA before the scaler.

    Keyword: in order
    """
    pipe = make_pipeline(
        PCA(),
        MinMaxScaler(),
        PolynomialFeatures(degree=2, include_bias=False),
        LogisticRegression(max_iter=1000),
    )
    grid = {"pca__n_components": list(n_components), "logisticregression__C": list(C)}
    return GridSearchCV(pipe, grid, cv=cv)


def make_poly_search__with_bias(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Keeps PolynomialFeatures' default constant column.

    Keyword: include_bias
    """
    pipe = _pipeline().set_params(poly__include_bias=True)
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(pipe, grid, cv=cv)


def make_poly_search__default_max_iter(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """LogisticRegression() with its default 100 iterations.

    Keyword: max_iter=1000
    """
    pipe = _pipeline().set_params(logreg=LogisticRegression())
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(pipe, grid, cv=cv)


def make_poly_search__standard_scaler(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Scales with StandardScaler.

    Keyword: StandardScaler
    """
    pipe = _pipeline().set_params(scale=StandardScaler())
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(pipe, grid, cv=cv)


def make_poly_search__degree_in_grid(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Also searches degree 3, which the docstring does not ask for.

    Keyword: more than once | degree=2
    """
    grid = {
        "pca__n_components": list(n_components),
        "logreg__C": list(C),
        "poly__degree": [2, 3],
    }
    return GridSearchCV(_pipeline(), grid, cv=cv)


def make_poly_search__f1_scoring(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Scores the folds by macro F1 instead of accuracy.

    Keyword: scoring
    """
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(_pipeline(), grid, cv=cv, scoring="f1_macro")


def make_poly_search__no_refit(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """refit=False: the search keeps no fitted best pipeline.

    Keyword: refit
    """
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(_pipeline(), grid, cv=cv, refit=False)


def make_poly_search__shared_pipeline(
    n_components=(30, 60),
    C=(0.01, 0.1, 1.0),
    cv=3,
    pipeline=_pipeline(),  # noqa: B008
):
    """A pipeline as a default argument: one object, shared by every search.

    Keyword: new one on every call
    """
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(pipeline, grid, cv=cv)


def make_poly_search__first_call_only(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Hard-codes the default grid and folds.

    Keyword: misses combinations | pass the arguments on
    """
    grid = {"pca__n_components": [30, 60], "logreg__C": [0.01, 0.1, 1.0]}
    return GridSearchCV(_pipeline(), grid, cv=3)


# ---- written for issue 21 (kinds of mistakes not catalogued before), as a student
# would; the notes in each docstring say which the checks caught before their fix


def n_polynomial_features__degree_plus_one(n_features, degree, include_bias=False):
    """comb(n + d + 1, d + 1): one degree too many.

    Keyword: n_polynomial_features
    """
    total = comb(int(n_features) + int(degree) + 1, int(degree) + 1)
    return total if include_bias else total - 1


def n_polynomial_features__interaction_only(n_features, degree, include_bias=False):
    """Counts products of distinct features only (no squares).

    Keyword: n_polynomial_features
    """
    n = int(n_features)
    total = sum(comb(n, k) for k in range(1, int(degree) + 1))
    return total + 1 if include_bias else total


def n_polynomial_features__hardcoded_bias(n_features, degree, include_bias=False):
    """Ignores include_bias: always counts the constant column as the page's default does.

    Keyword: include_bias
    """
    return comb(int(n_features) + int(degree), int(degree))


def make_poly_search__kfold(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """cv=KFold(cv): plain folds instead of the stratified ones cv=3 gives a classifier.

    Keyword: cv
    """
    from sklearn.model_selection import KFold

    pipeline = Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA()),
            ("poly", PolynomialFeatures(degree=2, include_bias=False)),
            ("logreg", LogisticRegression(max_iter=1000)),
        ]
    )
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(pipeline, grid, cv=KFold(n_splits=cv))


def make_poly_search__ignores_C(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """Always the chapter's three values of C.

    Keyword: C
    """
    pipeline = Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA()),
            ("poly", PolynomialFeatures(degree=2, include_bias=False)),
            ("logreg", LogisticRegression(max_iter=1000)),
        ]
    )
    grid = {"pca__n_components": list(n_components), "logreg__C": [0.01, 0.1, 1.0]}
    return GridSearchCV(pipeline, grid, cv=cv)


def make_poly_search__fixed_components(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """PCA(n_components=50) in the pipeline and no components in the grid.

    Keyword: n_components
    """
    pipeline = Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA(n_components=50)),
            ("poly", PolynomialFeatures(degree=2, include_bias=False)),
            ("logreg", LogisticRegression(max_iter=1000)),
        ]
    )
    return GridSearchCV(pipeline, {"logreg__C": list(C)}, cv=cv)


def make_poly_search__interaction_only(n_components=(30, 60), C=(0.01, 0.1, 1.0), cv=3):
    """PolynomialFeatures(interaction_only=True): no squares.

    Keyword: interaction_only
    """
    pipeline = Pipeline(
        [
            ("scale", MinMaxScaler()),
            ("pca", PCA()),
            ("poly", PolynomialFeatures(degree=2, include_bias=False, interaction_only=True)),
            ("logreg", LogisticRegression(max_iter=1000)),
        ]
    )
    grid = {"pca__n_components": list(n_components), "logreg__C": list(C)}
    return GridSearchCV(pipeline, grid, cv=cv)
