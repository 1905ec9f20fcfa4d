"""Bad inputs across the whole public API (issue 22): every public function refuses
NaN, infinite and huge values, mixed label types, misspelt options and bad seeds with
an error that names the argument, changes nothing it is given, and returns nothing that
shares memory with what it was given.

Each case is ``(function name, call, argument)``: ``call(bad)`` calls the function with
the bad value in the named argument. ``test_every_public_function_is_covered`` keeps the
table in step with ``mnist_tutorial.__all__``.
"""

from __future__ import annotations

import sys
import types

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression

import mnist_tutorial as mt

RNG = np.random.default_rng(0)
IMAGES = RNG.random((4, 784)) * 255  # four flat 28x28 "images"
Y4 = np.array(["0", "1", "2", "1"])
CM = np.array([[5.0, 1.0, 0.0], [2.0, 6.0, 1.0], [0.0, 1.0, 7.0]])
SMALL_X = RNG.random((30, 4))
SMALL_Y = np.arange(30) % 3
MODEL = LogisticRegression(max_iter=500).fit(SMALL_X, SMALL_Y)
MODEL_2D = LogisticRegression(max_iter=500).fit(SMALL_X[:, :2], SMALL_Y)
PCA_FIT = PCA(3).fit(SMALL_X)
TABLE = pd.DataFrame({"accuracy": [0.9, 0.95], "fit_seconds": [1.0, 2.0]}, index=["a", "b"])
SCORES = pd.DataFrame({"precision": [0.9, 0.8], "recall": [0.7, 0.95], "f1": [0.8, 0.85]})


def _with(arr, value, where=(0, 0)):
    """A copy of ``arr`` with one entry replaced by ``value``."""
    out = np.array(arr, dtype=float)
    out[where if out.ndim > 1 else where[0]] = value
    return out


# --- numeric arrays: NaN, inf and huge values ------------------------------------------
# call(bad_array_maker) where bad_array_maker(good) returns good with one bad entry

ARRAY_CASES = [
    (
        "compare_solvers",
        lambda f: mt.compare_solvers(f(SMALL_X), SMALL_Y, SMALL_X, SMALL_Y),
        "X_train",
    ),
    (
        "compare_solvers",
        lambda f: mt.compare_solvers(SMALL_X, SMALL_Y, f(SMALL_X), SMALL_Y),
        "X_test",
    ),
    ("fit_cache_table", lambda f: mt.fit_cache_table(f(SMALL_X), SMALL_Y, folder="."), "X_test"),
    ("deskew", lambda f: mt.deskew(f(IMAGES)), "images"),
    ("deskew_alpha", lambda f: mt.deskew_alpha(f(IMAGES)), "images"),
    ("Deskew", lambda f: mt.Deskew().fit(f(IMAGES)), "X"),
    ("Deskew.transform", lambda f: mt.Deskew().fit(IMAGES).transform(f(IMAGES)), "X"),
    ("shift_images", lambda f: mt.shift_images(f(IMAGES), 1, 0), "images"),
    ("augment_shifted", lambda f: mt.augment_shifted(f(IMAGES), Y4), "X"),
    ("Hog", lambda f: mt.Hog().fit(f(IMAGES)), "X"),
    ("Hog.transform", lambda f: mt.Hog().fit(IMAGES).transform(f(IMAGES)), "X"),
    ("hog_features", lambda f: mt.hog_features(f(IMAGES)), "images"),
    ("hog_cells", lambda f: mt.hog_cells(f(IMAGES)), "images"),
    ("ink_frequency", lambda f: mt.ink_frequency(f(IMAGES)), "X"),
    ("pixel_summary", lambda f: mt.pixel_summary(f(IMAGES)), "X"),
    ("mean_images", lambda f: mt.mean_images(f(IMAGES), Y4), "X"),
    ("confident_share", lambda f: mt.confident_share(f([[0.1, 0.9]])), "probabilities"),
    ("precision_recall_f1", lambda f: mt.precision_recall_f1(f(CM)), "cm"),
    ("confusion_accuracy", lambda f: mt.confusion_accuracy(f(CM)), "cm"),
    ("per_class_metrics", lambda f: mt.per_class_metrics(f(CM)), "cm"),
    ("most_confused_pairs", lambda f: mt.most_confused_pairs(f(CM)), "cm"),
    (
        "accuracy_report",
        lambda f: mt.accuracy_report(MODEL, f(SMALL_X), SMALL_Y, SMALL_X, SMALL_Y),
        "X_train",
    ),
    ("describe_model", lambda f: mt.describe_model(MODEL, f(SMALL_X), SMALL_Y), "X_test"),
    ("model_table", lambda f: mt.model_table({"m": MODEL}, f(SMALL_X), SMALL_Y), "X_test"),
    ("confusion_from_model", lambda f: mt.confusion_from_model(MODEL, f(SMALL_X), SMALL_Y), "X"),
    (
        "n_components_for_variance",
        lambda f: mt.n_components_for_variance(f([0.5, 0.3]), 0.5),
        "pca",
    ),
    ("pca_reconstruction", lambda f: mt.pca_reconstruction(PCA_FIT, f(SMALL_X), 2), "X"),
    ("center_and_scale", lambda f: mt.center_and_scale(f(np.eye(5) / 2)), "image"),
    ("stable_softmax", lambda f: mt.stable_softmax(f([[1.0, 2.0]])), "Z"),
    ("as_images", lambda f: mt.as_images(f(IMAGES)), "images"),
    ("plot_digits", lambda f: mt.plot_digits(f(IMAGES)), "images"),
    ("plot_misclassified", lambda f: mt.plot_misclassified(f(IMAGES), Y4, Y4), "images"),
    ("plot_image_rows", lambda f: mt.plot_image_rows({"a": f(IMAGES)}), "images"),
    (
        "plot_confusion_examples",
        lambda f: mt.plot_confusion_examples(f(IMAGES), Y4, Y4, [("1", "1")]),
        "images",
    ),
    ("plot_digit_matrix", lambda f: mt.plot_digit_matrix(f(IMAGES[:1])), "image"),
    ("plot_pixel_map", lambda f: mt.plot_pixel_map(f(IMAGES[:1])), "values"),
    ("plot_pixel_histogram", lambda f: mt.plot_pixel_histogram(f(IMAGES)), "X"),
    ("plot_hog", lambda f: mt.plot_hog(f(IMAGES[:1])), "image"),
    (
        "plot_class_counts",
        lambda f: mt.plot_class_counts(dict(enumerate(f([[3, 4]])[0]))),
        "counts",
    ),
    (
        "plot_model_comparison",
        lambda f: mt.plot_model_comparison(dict(zip("ab", f([[0.9, 0.8]])[0]))),
        "accuracy",
    ),
    (
        "plot_accuracy_vs_time",
        lambda f: mt.plot_accuracy_vs_time(TABLE.assign(accuracy=f([[0.9, 0.8]])[0])),
        "accuracy",
    ),
    ("plot_tradeoff", lambda f: mt.plot_tradeoff(f([[1, 2]])[0], [0.9, 0.8], [1, 2]), "x"),
    ("plot_confusion_matrix", lambda f: mt.plot_confusion_matrix(f(CM)), "cm"),
    (
        "plot_per_class_metrics",
        lambda f: mt.plot_per_class_metrics(SCORES.assign(f1=f([[0.5, 0.6]])[0])),
        "table",
    ),
    ("plot_explained_variance", lambda f: mt.plot_explained_variance(f([[0.5, 0.3]])[0]), "pca"),
    (
        "plot_decision_boundary",
        lambda f: mt.plot_decision_boundary(MODEL_2D, f(SMALL_X[:, :2]), SMALL_Y),
        "X",
    ),
    ("plot_simulation", lambda f: mt.plot_simulation(f(SMALL_X), np.ones(4), 0.0), "X"),
    ("plot_probabilities", lambda f: mt.plot_probabilities(f([[0.2, 0.8]])[0]), "probabilities"),
    ("plot_sigmoid", lambda f: mt.plot_sigmoid(points=(f([[0.0, 1.0]])[0], [0.5, 0.7])), "points"),
]

BAD_VALUES = {"nan": np.nan, "inf": np.inf, "-inf": -np.inf, "huge": 1e300}


@pytest.mark.parametrize("kind", list(BAD_VALUES))
@pytest.mark.parametrize(("name", "call", "arg"), ARRAY_CASES, ids=[c[0] for c in ARRAY_CASES])
def test_non_finite_and_huge_values_are_refused_naming_the_argument(name, call, arg, kind):
    if kind == "huge" and name == "stable_softmax":
        pytest.skip("softmax is about huge scores: tested below")
    value = BAD_VALUES[kind]
    with pytest.raises(ValueError, match=arg):
        call(lambda good: _with(good, value))


# scalars: NaN, inf and huge values in a float argument

SCALAR_CASES = [
    ("fit_seconds", lambda v: mt.fit_seconds(MODEL, v), "start"),
    ("accuracy_se", lambda v: mt.accuracy_se(v, 100), "accuracy"),
    ("confident_share", lambda v: mt.confident_share([0.5], margin=v), "margin"),
    ("ink_frequency", lambda v: mt.ink_frequency(IMAGES, threshold=v), "threshold"),
    ("n_components_for_variance", lambda v: mt.n_components_for_variance([0.5, 0.5], v), "target"),
    ("simulate_logistic", lambda v: mt.simulate_logistic(weight_scale=v), "weight_scale"),
    ("simulate_logistic", lambda v: mt.simulate_logistic(bias_shift=v), "bias_shift"),
    ("load_mnist", lambda v: mt.load_mnist(timeout=v), "timeout"),
    ("make_hog_pipeline", lambda v: mt.make_hog_pipeline(eps=v), "eps"),
    ("make_hog_pipeline", lambda v: mt.make_hog_pipeline(C=v), "C"),
    ("hog_features", lambda v: mt.hog_features(IMAGES, eps=v), "eps"),
    ("Hog", lambda v: mt.Hog(eps=v).fit(IMAGES), "eps"),
    (
        "plot_model_comparison",
        lambda v: mt.plot_model_comparison({"a": 0.9}, benchmark=v),
        "benchmark",
    ),
    ("plot_sigmoid", lambda v: mt.plot_sigmoid(threshold=v), "threshold"),
    ("plot_sigmoid", lambda v: mt.plot_sigmoid(z_range=(-1.0, v)), "z_range"),
    ("plot_simulation", lambda v: mt.plot_simulation(SMALL_X, np.ones(4), v), "bias"),
    (
        "plot_simulation",
        lambda v: mt.plot_simulation(SMALL_X, np.ones(4), 0.0, t_range=(v, 1.0)),
        "t_range",
    ),
    (
        "plot_explained_variance",
        lambda v: mt.plot_explained_variance([0.5, 0.5], targets=[v]),
        "targets",
    ),
    ("glue", lambda v: mt.glue("x", v, display=False), "value"),
]


@pytest.mark.parametrize("kind", ["nan", "inf", "huge"])
@pytest.mark.parametrize(
    ("name", "call", "arg"), SCALAR_CASES, ids=[c[0] + "-" + c[2] for c in SCALAR_CASES]
)
def test_non_finite_and_huge_scalars_are_refused_naming_the_argument(name, call, arg, kind):
    if kind == "huge" and name == "glue":
        pytest.skip("a huge finite number is a number the book may glue")
    with pytest.raises(ValueError, match=arg):
        call(BAD_VALUES[kind])


# --- functions about non-finite and huge values: allowed, and tested ------------------


def test_sigmoids_take_nan_inf_and_huge_values_on_purpose():
    z = np.array([np.nan, -np.inf, np.inf, -1e300, 1e300])
    out = mt.stable_sigmoid(z)
    assert np.isnan(out[0]) and out[1:].tolist() == [0.0, 1.0, 0.0, 1.0]
    with np.errstate(over="ignore"):
        assert mt.sigmoid_naive(z)[1:].tolist() == [0.0, 1.0, 0.0, 1.0]


def test_softmax_takes_huge_scores_and_stays_finite():
    out = mt.stable_softmax([[1e300, -1e300, 0.0], [1.7e308, -1.7e308, 1.7e308]])
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, [[1.0, 0.0, 0.0], [0.5, 0.0, 0.5]])


def test_huge_finite_pixels_below_the_limit_keep_hog_features_finite():
    images = IMAGES * 1e90  # large, yet within the supported magnitude
    assert np.all(np.isfinite(mt.hog_features(images)))
    assert np.all(np.isfinite(mt.hog_features(images, soft_bins=True, block_norm="L2-Hys")))
    assert np.all(np.isfinite(mt.deskew(images)))
    assert np.all(np.isfinite(mt.deskew_alpha(images)))


# --- labels of mixed types ---------------------------------------------------------------

MIXED = np.array([1, "1", 2, "2"], dtype=object)
MIXED_LIST = [1, "1", 2, "2"]
LABEL_CASES = [
    ("class_counts", lambda y: mt.class_counts(y), "y"),
    ("mean_images", lambda y: mt.mean_images(IMAGES, y), "y"),
    ("augment_shifted", lambda y: mt.augment_shifted(IMAGES, y), "y"),
    ("compare_accuracy", lambda y: mt.compare_accuracy(y, Y4, Y4), "y_true"),
    ("compare_accuracy", lambda y: mt.compare_accuracy(Y4, y, Y4), "pred_a"),
    ("misclassified_positions", lambda y: mt.misclassified_positions(y, Y4), "y_true"),
    ("confusion_examples", lambda y: mt.confusion_examples(Y4, y, "1", "1"), "y_pred"),
    ("confusion_from_model", lambda y: mt.confusion_from_model(MODEL, SMALL_X[:4], y), "y"),
    (
        "accuracy_report",
        lambda y: mt.accuracy_report(MODEL, SMALL_X, SMALL_Y, SMALL_X[:4], y),
        "y_test",
    ),
    ("describe_model", lambda y: mt.describe_model(MODEL, SMALL_X[:4], y), "y_test"),
    ("model_table", lambda y: mt.model_table({"m": MODEL}, SMALL_X[:4], y), "y_test"),
    ("per_class_metrics", lambda y: mt.per_class_metrics(np.eye(4), labels=y), "labels"),
    ("most_confused_pairs", lambda y: mt.most_confused_pairs(np.eye(4), labels=y), "labels"),
    ("plot_misclassified", lambda y: mt.plot_misclassified(IMAGES, y, Y4), "y_true"),
    (
        "plot_confusion_examples",
        lambda y: mt.plot_confusion_examples(IMAGES, y, Y4, [("1", "1")]),
        "y_true",
    ),
    (
        "plot_decision_boundary",
        lambda y: mt.plot_decision_boundary(MODEL_2D, SMALL_X[:4, :2], y),
        "y",
    ),
    ("plot_confusion_matrix", lambda y: mt.plot_confusion_matrix(np.eye(4), labels=y), "labels"),
    ("plot_probabilities", lambda y: mt.plot_probabilities([0.1, 0.2, 0.3, 0.4], y), "classes"),
]


@pytest.mark.parametrize(
    "labels", [MIXED, MIXED_LIST, pd.Series(MIXED)], ids=["array", "list", "Series"]
)
@pytest.mark.parametrize(
    ("name", "call", "arg"), LABEL_CASES, ids=[c[0] + "-" + c[2] for c in LABEL_CASES]
)
def test_mixed_label_types_are_refused_naming_the_argument(name, call, arg, labels):
    with pytest.raises(TypeError, match=rf"(?s)Mix of label input types.*{arg}|{arg}.*Mix"):
        call(labels)


@pytest.mark.parametrize(
    "bad", [[1.0, np.nan, 2.0, 1.0], ["1", None, "2", "1"]], ids=["nan", "None"]
)
def test_missing_labels_are_refused(bad):
    with pytest.raises((TypeError, ValueError), match="y"):
        mt.class_counts(bad)


# --- option strings: a misspelt option is an error, never the default ---------------------

OPTION_CASES = [
    ("exercise_cells", lambda: mt.exercise_cells("sigmoid"), "chapter"),
    ("exercise_cells", lambda: mt.exercise_cells(True), "chapter"),
    ("check", lambda: mt.check("ch99", print), "chapter"),
    ("check", lambda: mt.check("ch02", print, timeout=float("nan")), "timeout"),
    ("check", lambda: mt.check("ch02", print, timeout=True), "timeout"),
    ("load_mnist", lambda: mt.load_mnist(source="Bundled"), "source"),
    ("mnist_split", lambda: mt.mnist_split(split="Book"), "split"),
    ("make_scaler", lambda: mt.make_scaler("Standard"), "kind"),
    ("make_scaled_lr", lambda: mt.make_scaled_lr("std"), "scaler"),
    ("make_pca", lambda: mt.make_pca(5, scaler="MinMax"), "scaler"),
    ("make_pca_lr", lambda: mt.make_pca_lr(5, scaler="max"), "scaler"),
    ("make_poly_lr", lambda: mt.make_poly_lr(5, scaler="max"), "scaler"),
    ("make_solver_model", lambda: mt.make_solver_model("LBFGS"), "solver"),
    ("hog_features", lambda: mt.hog_features(IMAGES, block_norm="l2"), "block_norm"),
    ("Hog", lambda: mt.Hog(block_norm="L2Hys").fit(IMAGES), "block_norm"),
    ("plot_digits", lambda: mt.plot_digits(IMAGES, cmap="gray_rr"), "cmap"),
    ("plot_pixel_map", lambda: mt.plot_pixel_map(IMAGES[0], cmap="virdis"), "cmap"),
    ("plot_confusion_matrix", lambda: mt.plot_confusion_matrix(CM, cmap="blues"), "cmap"),
    (
        "plot_per_class_metrics",
        lambda: mt.plot_per_class_metrics(SCORES, columns=["precison"]),
        "columns",
    ),
    # options that are True or False: a string is not one
    ("load_mnist", lambda: mt.load_mnist(as_frame="False"), "as_frame"),
    ("load_digits", lambda: mt.load_digits(as_frame="yes"), "as_frame"),
    ("deskew", lambda: mt.deskew(IMAGES, center="no"), "center"),
    ("Deskew", lambda: mt.Deskew(center="no").fit(IMAGES), "center"),
    ("make_deskew_lr", lambda: mt.make_deskew_lr(standardize="yes"), "standardize"),
    ("hog_cells", lambda: mt.hog_cells(IMAGES, soft_bins="yes"), "soft_bins"),
    ("make_hog_pipeline", lambda: mt.make_hog_pipeline(soft_bins=1), "soft_bins"),
    ("plot_confusion_matrix", lambda: mt.plot_confusion_matrix(CM, normalize="true"), "normalize"),
    ("plot_digits", lambda: mt.plot_digits(IMAGES, centered="yes"), "centered"),
    ("plot_hog", lambda: mt.plot_hog(IMAGES[0], show_image="no"), "show_image"),
    ("plot_digit_matrix", lambda: mt.plot_digit_matrix(IMAGES[0], annotate="no"), "annotate"),
    (
        "plot_simulation",
        lambda: mt.plot_simulation(SMALL_X, np.ones(4), 0.0, legend="no"),
        "legend",
    ),
    ("glue", lambda: mt.glue("x", 1, display="no"), "display"),
]


@pytest.mark.parametrize(
    ("name", "call", "arg"), OPTION_CASES, ids=[c[0] + "-" + c[2] for c in OPTION_CASES]
)
def test_misspelt_options_are_refused_naming_the_argument(name, call, arg):
    with pytest.raises((ValueError, TypeError), match=arg):
        call()


# --- seeds, as scikit-learn takes them ---------------------------------------------------


@pytest.mark.parametrize("seed", ["42", 4.2, True, np.float64(1.0), -1, [1, 2]])
def test_bad_seeds_are_refused_naming_random_state(seed):
    with pytest.raises((TypeError, ValueError), match="random_state"):
        mt.simulate_logistic(10, 2, random_state=seed)


@pytest.mark.parametrize("seed", [0, np.int64(7), None, np.random.default_rng(3)])
def test_good_seeds_are_accepted(seed):
    sim = mt.simulate_logistic(10, 2, random_state=seed)
    assert sim.X.shape == (10, 2)
    if isinstance(seed, (int, np.integer)):
        again = mt.simulate_logistic(10, 2, random_state=seed)
        np.testing.assert_array_equal(sim.X, again.X)


# --- nothing passed in is changed; nothing returned shares its memory ---------------------

ARRAY_FUNCTIONS = [
    ("deskew", lambda X: mt.deskew(X)),
    ("deskew_alpha", lambda X: mt.deskew_alpha(X)),
    ("Deskew", lambda X: mt.Deskew().fit_transform(X)),
    ("shift_images", lambda X: mt.shift_images(X, 0, 0)),
    ("augment_shifted", lambda X: mt.augment_shifted(X, Y4, shifts=())[0]),
    ("Hog", lambda X: mt.Hog().fit_transform(X)),
    ("hog_features", lambda X: mt.hog_features(X)),
    ("hog_cells", lambda X: mt.hog_cells(X)),
    ("ink_frequency", lambda X: mt.ink_frequency(X)),
    ("mean_images", lambda X: mt.mean_images(X, Y4)[1]),
    ("stable_sigmoid", lambda X: mt.stable_sigmoid(X)),
    ("sigmoid_naive", lambda X: mt.sigmoid_naive(X)),
    ("stable_softmax", lambda X: mt.stable_softmax(X)),
    ("as_images", lambda X: mt.as_images(X)),
    ("pca_reconstruction", lambda X: mt.pca_reconstruction(PCA(2).fit(X), X, 2)),
    ("center_and_scale", lambda X: mt.center_and_scale(X / 255)),
]


@pytest.mark.parametrize(("name", "call"), ARRAY_FUNCTIONS, ids=[c[0] for c in ARRAY_FUNCTIONS])
def test_inputs_are_left_alone_and_outputs_are_new_arrays(name, call):
    X = IMAGES.copy()
    out = call(X)
    np.testing.assert_array_equal(X, IMAGES)
    assert not np.shares_memory(np.asarray(out), X)


# --- the tables above cover every public function ----------------------------------------

# Public names not in the tables above, each with the reason.
NOT_COVERED = {
    # constants and classes that take no input
    "CATALOGUE": "a constant",
    "HOG_PARAMS": "a constant",
    "RANDOM_STATE": "a constant",
    "SOLVERS": "a constant",
    "TEST_SIZE": "a constant",
    "DataFileError": "an exception",
    "Drawing": "a plain result object",
    "FitCacheWarning": "a warning class",
    "FitRecord": "a plain result object",
    "ModelSpec": "a catalogue record",
    # only integer or name arguments (tested for those in their own test files)
    "binary_rates": "integers only (check_int; tests/test_metrics.py)",
    "n_poly_features": "integers only (check_int; tests/test_pipelines.py)",
    "export_model": "a fitted model: refusals in tests/test_export.py",
    "cached_fits": "a folder path only: test_cached_fits_refuses_a_folder_that_is_not_a_path",
    "plot_accuracy_vs_time": "covered above through table['accuracy']",
    # owned by the fit-cache and model-catalogue work (cache.py, models.py)
    "cache_dir": "takes no argument",
    "describe_estimator": "test_describe_estimator_refuses_what_is_not_an_estimator",
    "fit_cached": "X, y: scikit-learn's own checks, which name X and y (tests/test_cache.py)",
    "fit_record": "a fitted model only: tests/test_cache.py",
    "use_fit_cache": "a bool only: tests/test_cache.py",
    "fit_model": "a catalogue name only: tests/test_models.py (unknown and non-str names)",
    "make_model": "a catalogue name only: tests/test_models.py (unknown and non-str names)",
    "models_for_page": "a page name only: tests/test_models.py",
    "make_deskew_lr": "covered above (standardize)",
    "make_pca": "covered above (scaler)",
    "stable_sigmoid": "about NaN and huge values: allowed on purpose, tested above",
    "sigmoid_naive": "about NaN and huge values: allowed on purpose, tested above",
}


def test_every_public_function_is_covered():
    tables = ARRAY_CASES + SCALAR_CASES + LABEL_CASES + OPTION_CASES
    covered = {case[0].split(".")[0] for case in tables} | {"simulate_logistic"}
    public = set(mt.__all__)
    missing = public - covered - set(NOT_COVERED)
    assert not missing, f"public names with no bad-input case: {sorted(missing)}"
    stale = (covered | set(NOT_COVERED)) - public
    assert not stale, f"cases for names that are not public: {sorted(stale)}"


def test_cached_fits_refuses_a_folder_that_is_not_a_path():
    with pytest.raises(TypeError, match="folder"):
        list(mt.cached_fits(folder=3.5))


def test_describe_estimator_refuses_what_is_not_an_estimator():
    with pytest.raises(TypeError, match="estimator"):
        mt.describe_estimator("LogisticRegression(C=0.1)")


@pytest.mark.parametrize("where", ["y_train", "y_test"])
def test_compare_solvers_refuses_mixed_labels_naming_them(where):
    mixed = np.array([1, "1"] * 15, dtype=object)
    ys = {"y_train": SMALL_Y, "y_test": SMALL_Y, where: mixed}
    with pytest.raises(TypeError, match=where):
        mt.compare_solvers(SMALL_X, ys["y_train"], SMALL_X, ys["y_test"])


# --- a second sweep: other kinds of bad input ---------------------------------------------
# ``ax``/``axes`` of the wrong kind: a TypeError naming it, never an AttributeError from
# inside matplotlib.

ONE_SCORE = pd.DataFrame({"precision": [0.5], "recall": [0.5], "f1": [0.5]})
AX_CASES = [
    ("plot_hog", lambda ax: mt.plot_hog(IMAGES[0], ax=ax)),
    ("plot_sigmoid", lambda ax: mt.plot_sigmoid(ax=ax)),
    ("plot_confusion_matrix", lambda ax: mt.plot_confusion_matrix(CM, ax=ax)),
    ("plot_pixel_map", lambda ax: mt.plot_pixel_map(IMAGES[0], ax=ax)),
    ("plot_pixel_histogram", lambda ax: mt.plot_pixel_histogram(IMAGES, ax=ax)),
    ("plot_digit_matrix", lambda ax: mt.plot_digit_matrix(IMAGES[0], ax=ax)),
    ("plot_class_counts", lambda ax: mt.plot_class_counts({"a": 1}, ax=ax)),
    ("plot_model_comparison", lambda ax: mt.plot_model_comparison({"a": 0.9}, ax=ax)),
    ("plot_accuracy_vs_time", lambda ax: mt.plot_accuracy_vs_time(TABLE, ax=ax)),
    ("plot_tradeoff", lambda ax: mt.plot_tradeoff([1, 2], [0.9, 0.8], [1, 2], ax=ax)),
    ("plot_per_class_metrics", lambda ax: mt.plot_per_class_metrics(ONE_SCORE, ax=ax)),
    ("plot_explained_variance", lambda ax: mt.plot_explained_variance([0.5, 0.5], ax=ax)),
    ("plot_probabilities", lambda ax: mt.plot_probabilities([0.5, 0.5], ax=ax)),
    ("plot_simulation", lambda ax: mt.plot_simulation(SMALL_X, np.ones(4), 0.0, ax=ax)),
    (
        "plot_decision_boundary",
        lambda ax: mt.plot_decision_boundary(MODEL_2D, SMALL_X[:, :2], SMALL_Y, ax=ax),
    ),
]
AXES_CASES = [
    ("plot_digits", lambda axes: mt.plot_digits(IMAGES, axes=axes)),
    ("plot_misclassified", lambda axes: mt.plot_misclassified(IMAGES, Y4, Y4, axes=axes)),
    ("plot_image_rows", lambda axes: mt.plot_image_rows({"a": IMAGES}, axes=axes)),
    (
        "plot_confusion_examples",
        lambda axes: mt.plot_confusion_examples(IMAGES, Y4, Y4, [("1", "1")], axes=axes),
    ),
]


@pytest.mark.parametrize("bad", ["left", 3, [1, 2]], ids=["str", "int", "list"])
@pytest.mark.parametrize(("name", "call"), AX_CASES, ids=[c[0] for c in AX_CASES])
def test_an_ax_that_is_not_an_axes_is_refused_naming_it(name, call, bad):
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        call(bad)
    plt.close("all")


def test_a_figure_or_an_array_of_axes_is_not_one_axes():
    fig, axes = plt.subplots(1, 2)
    for bad in (fig, axes):
        with pytest.raises(TypeError, match=f"ax must be .* got {type(bad).__name__}"):
            mt.plot_sigmoid(ax=bad)
    plt.close(fig)


@pytest.mark.parametrize(("name", "call"), AXES_CASES, ids=[c[0] for c in AXES_CASES])
def test_axes_that_are_not_axes_are_refused_naming_them(name, call):
    fig, row = plt.subplots(1, 5)
    for bad in ("axes", ["a"] * 5, [*row[:4], fig]):
        with pytest.raises(TypeError, match="axes must hold matplotlib Axes"):
            call(bad)
    plt.close("all")


@pytest.mark.parametrize(
    ("name", "call", "arg"),
    [
        ("plot_hog", lambda kw: mt.plot_hog(IMAGES[0], line_kw=kw), "line_kw"),
        ("plot_digit_matrix", lambda kw: mt.plot_digit_matrix(IMAGES[0], text_kw=kw), "text_kw"),
    ],
)
@pytest.mark.parametrize("bad", [3, [("color", "red")], "red"])
def test_style_keywords_must_be_a_dict(name, call, arg, bad):
    with pytest.raises(TypeError, match=f"{arg} must be a dict"):
        call(bad)
    plt.close("all")


# No samples: a ValueError naming the argument, never a NumPy reduction error or
# scikit-learn's "Found array with 0 sample(s)" without the argument's name.

EMPTY_CASES = [
    (
        "accuracy_report",
        lambda: mt.accuracy_report(MODEL, SMALL_X, SMALL_Y, SMALL_X[:0], []),
        "X_test",
    ),
    ("describe_model", lambda: mt.describe_model(MODEL, SMALL_X[:0], []), "X_test"),
    ("model_table", lambda: mt.model_table({"m": MODEL}, SMALL_X[:0], []), "X_test"),
    ("confusion_from_model", lambda: mt.confusion_from_model(MODEL, SMALL_X[:0], []), "X"),
    ("compare_solvers", lambda: mt.compare_solvers(SMALL_X[:0], [], SMALL_X, SMALL_Y), "X_train"),
    ("plot_simulation", lambda: mt.plot_simulation(SMALL_X[:0], np.ones(4), 0.0), "X"),
    (
        "plot_decision_boundary",
        lambda: mt.plot_decision_boundary(MODEL_2D, SMALL_X[:0, :2], []),
        "X",
    ),
    ("plot_per_class_metrics", lambda: mt.plot_per_class_metrics(ONE_SCORE[:0]), "table"),
    ("center_and_scale", lambda: mt.center_and_scale(np.empty((0, 0))), "image"),
]


@pytest.mark.parametrize(("name", "call", "arg"), EMPTY_CASES, ids=[c[0] for c in EMPTY_CASES])
def test_no_samples_is_refused_naming_the_argument(name, call, arg):
    with pytest.raises(ValueError, match=arg):
        call()
    plt.close("all")


def test_augmenting_no_images_gives_no_images():
    X_aug, y_aug = mt.augment_shifted(np.empty((0, 784)), np.array([], dtype=str))
    assert X_aug.shape == (0, 784) and y_aug.shape == (0,)


# A fitted model with data it was not fitted for: the argument is named, and labels of
# the other kind (strings vs numbers) are refused, not scored as all wrong.

MODEL_STR = LogisticRegression(max_iter=500).fit(SMALL_X, SMALL_Y.astype(str))
MODEL_MISMATCH_CASES = [
    (
        "accuracy_report",
        lambda X, y: mt.accuracy_report(MODEL, SMALL_X, SMALL_Y, X, y),
        "X_test",
        "y_test",
    ),
    ("describe_model", lambda X, y: mt.describe_model(MODEL, X, y), "X_test", "y_test"),
    ("model_table", lambda X, y: mt.model_table({"m": MODEL}, X, y), "X_test", "y_test"),
    ("confusion_from_model", lambda X, y: mt.confusion_from_model(MODEL, X, y), "X", "y"),
    (
        "compare_solvers",
        lambda X, y: mt.compare_solvers(SMALL_X, SMALL_Y, X, y, solvers=("lbfgs",)),
        "X_test",
        "y_test",
    ),
]


@pytest.mark.parametrize(
    ("name", "call", "x_arg", "y_arg"),
    MODEL_MISMATCH_CASES,
    ids=[c[0] for c in MODEL_MISMATCH_CASES],
)
def test_data_the_model_was_not_fitted_for_is_refused_naming_it(name, call, x_arg, y_arg):
    with pytest.raises(ValueError, match=rf"{x_arg} has 3 features but|but {x_arg} has 3"):
        call(SMALL_X[:, :3], SMALL_Y)
    with pytest.raises(TypeError, match=f"Mix of label input types.*{y_arg}"):
        call(SMALL_X, SMALL_Y.astype(str))


def test_decision_boundary_points_must_have_the_models_label_kind():
    with pytest.raises(TypeError, match=r"Mix of label input types.*y"):
        mt.plot_decision_boundary(MODEL_2D, SMALL_X[:, :2], SMALL_Y.astype(str))
    plt.close("all")


def test_string_labels_still_work_with_a_string_model():
    report = mt.accuracy_report(
        MODEL_STR, SMALL_X, SMALL_Y.astype(str), SMALL_X, SMALL_Y.astype(str)
    )
    assert report["train"] == pytest.approx(MODEL_STR.score(SMALL_X, SMALL_Y.astype(str)))


@pytest.mark.parametrize(
    "call",
    [
        lambda m: mt.accuracy_report(m, SMALL_X, SMALL_Y, SMALL_X, SMALL_Y),
        lambda m: mt.describe_model(m, SMALL_X, SMALL_Y),
        lambda m: mt.model_table({"m": m}, SMALL_X, SMALL_Y),
        lambda m: mt.confusion_from_model(m, SMALL_X, SMALL_Y),
        lambda m: mt.plot_decision_boundary(m, SMALL_X[:, :2], SMALL_Y),
    ],
    ids=[
        "accuracy_report",
        "describe_model",
        "model_table",
        "confusion_from_model",
        "plot_decision_boundary",
    ],
)
@pytest.mark.parametrize("bad", ["model", LogisticRegression, PCA_FIT], ids=["str", "class", "PCA"])
def test_what_is_not_a_classifier_is_refused_naming_it(call, bad):
    with pytest.raises(TypeError, match=r"model(s\['m'\])? must be a fitted classifier"):
        call(bad)
    plt.close("all")


def test_compare_solvers_needs_two_classes_and_one_kind_of_label():
    with pytest.raises(ValueError, match="y_train must hold at least 2 classes"):
        mt.compare_solvers(SMALL_X, np.zeros(30), SMALL_X, SMALL_Y)
    with pytest.raises(ValueError, match="X_train has 4 features but X_test has 3"):
        mt.compare_solvers(SMALL_X, SMALL_Y, SMALL_X[:, :3], SMALL_Y)


# Class names that repeat: two rows of a table (or two bars) could not be told apart.

REPEATED_LABEL_CASES = [
    ("per_class_metrics", lambda: mt.per_class_metrics(CM, labels=["a", "a", "b"]), "labels"),
    ("most_confused_pairs", lambda: mt.most_confused_pairs(CM, labels=[1, 2, 1]), "labels"),
    (
        "plot_confusion_matrix",
        lambda: mt.plot_confusion_matrix(CM, labels=["a", "b", "a"]),
        "labels",
    ),
    (
        "confusion_from_model",
        lambda: mt.confusion_from_model(MODEL, SMALL_X, SMALL_Y, labels=[0, 0, 1]),
        "labels",
    ),
    ("plot_probabilities", lambda: mt.plot_probabilities([0.2, 0.8], ["a", "a"]), "classes"),
]


@pytest.mark.parametrize(
    ("name", "call", "arg"), REPEATED_LABEL_CASES, ids=[c[0] for c in REPEATED_LABEL_CASES]
)
def test_repeated_class_names_are_refused(name, call, arg):
    with pytest.raises(ValueError, match=f"{arg} must not repeat a label"):
        call()
    plt.close("all")


# Arrays of the wrong shape that were silently flattened or split.

SHAPE_CASES = [
    (
        "plot_probabilities",
        lambda: mt.plot_probabilities([[0.2, 0.8], [0.5, 0.5]]),
        "probabilities",
    ),
    ("plot_sigmoid", lambda: mt.plot_sigmoid(points=([[0.0, 1.0]], [[0.5, 0.7]])), "points"),
    ("plot_tradeoff", lambda: mt.plot_tradeoff([[1, 2]], [[0.9, 0.8]], [[1, 2]]), "x"),
    (
        "plot_per_class_metrics",
        lambda: mt.plot_per_class_metrics(ONE_SCORE, columns="f1"),
        "columns",
    ),
    ("plot_per_class_metrics", lambda: mt.plot_per_class_metrics(ONE_SCORE, columns=()), "columns"),
    ("plot_per_class_metrics", lambda: mt.plot_per_class_metrics(np.ones((1, 3))), "table"),
]


@pytest.mark.parametrize(
    ("name", "call", "arg"), SHAPE_CASES, ids=[c[0] + "-" + c[2] for c in SHAPE_CASES]
)
def test_wrong_shapes_are_refused_naming_the_argument(name, call, arg):
    with pytest.raises(ValueError, match=arg):
        call()
    plt.close("all")


def test_one_row_of_predict_proba_is_one_sample():
    d = mt.plot_probabilities(MODEL.predict_proba(SMALL_X[:1]))
    assert [b.get_height() for b in d.bars_] == pytest.approx(MODEL.predict_proba(SMALL_X[:1])[0])
    plt.close(d.figure_)


# Values out of their documented range.

RANGE_CASES = [
    ("plot_sigmoid", lambda: mt.plot_sigmoid(points=([0.0, 1.0], [0.5, 1.5])), "points"),
    ("plot_tradeoff", lambda: mt.plot_tradeoff([1, 2], [0.9, 0.8], [-1.0, 2.0]), "seconds"),
]


@pytest.mark.parametrize(("name", "call", "arg"), RANGE_CASES, ids=[c[0] for c in RANGE_CASES])
def test_values_out_of_range_are_refused_naming_the_argument(name, call, arg):
    with pytest.raises(ValueError, match=arg):
        call()
    plt.close("all")


def test_explained_variance_targets_must_be_a_sequence():
    with pytest.raises(TypeError, match="targets must be a sequence"):
        mt.plot_explained_variance([0.5, 0.5], targets=0.9)


def test_hog_cell_sizes_may_be_an_array_of_ints():
    expected = mt.hog_features(IMAGES, cell_sizes=(4, 7))
    np.testing.assert_array_equal(mt.hog_features(IMAGES, cell_sizes=np.array([4, 7])), expected)
    np.testing.assert_array_equal(
        mt.Hog(cell_sizes=np.array([4, 7])).fit_transform(IMAGES), expected
    )


# The logistic-regression settings a pipeline builder passes on: checked when the
# pipeline is made, not minutes later when it is fitted.

BUILDERS = [
    ("make_scaled_lr", lambda **kw: mt.make_scaled_lr(**kw)),
    ("make_pca_lr", lambda **kw: mt.make_pca_lr(5, **kw)),
    ("make_poly_lr", lambda **kw: mt.make_poly_lr(5, **kw)),
    ("make_deskew_lr", lambda **kw: mt.make_deskew_lr(5, **kw)),
]
BAD_LR_PARAMS = [
    ("C", -1.0, ValueError),
    ("C", 0, ValueError),
    ("C", float("nan"), ValueError),
    ("C", "1.0", TypeError),
    ("C", True, TypeError),
    ("max_iter", 2.5, TypeError),
    ("max_iter", True, TypeError),
    ("max_iter", 0, ValueError),
    ("tol", -1e-4, ValueError),
]


@pytest.mark.parametrize(
    ("param", "value", "error"), BAD_LR_PARAMS, ids=[f"{p}={v!r}" for p, v, _ in BAD_LR_PARAMS]
)
@pytest.mark.parametrize(("name", "build"), BUILDERS, ids=[b[0] for b in BUILDERS])
def test_builders_check_logistic_regression_settings_when_called(name, build, param, value, error):
    with pytest.raises(error, match=param):
        build(**{param: value})


@pytest.mark.parametrize(("name", "build"), BUILDERS, ids=[b[0] for b in BUILDERS])
def test_builders_pass_good_settings_on_unchanged(name, build):
    params = build(C=1, max_iter=np.int64(50), tol=1e-3).get_params()
    assert params["logreg__C"] == 1 and type(params["logreg__C"]) is int
    assert params["logreg__max_iter"] == 50
    with pytest.raises(ValueError, match="C must be a finite number"):
        build(C=np.inf)  # refused everywhere in the library, as by make_hog_pipeline


@pytest.mark.parametrize(
    ("call", "arg"),
    [
        (lambda v: mt.confusion_examples(Y4, Y4, v, "1"), "true_label"),
        (lambda v: mt.confusion_examples(Y4, Y4, "1", v), "predicted_label"),
        (lambda v: mt.plot_confusion_examples(IMAGES, Y4, Y4, [(v, "1")]), "true_label"),
    ],
    ids=["true_label", "predicted_label", "plot_confusion_examples"],
)
@pytest.mark.parametrize("bad", [["1"], ("1", "2"), None, np.array(["1"])], ids=str)
def test_a_label_to_look_for_must_be_one_label(call, arg, bad):
    with pytest.raises(TypeError, match=f"{arg} must be one label"):
        call(bad)
    plt.close("all")


def test_one_label_may_be_a_numpy_scalar_or_a_bool():
    assert mt.confusion_examples(Y4, Y4, np.str_("1"), "1").tolist() == [1, 3]
    assert mt.confusion_examples([0, 1, 1], [0, 1, 1], np.int64(1), 1).tolist() == [1, 2]
    assert mt.confusion_examples([True, False], [True, True], np.True_, True).tolist() == [0]


def test_class_counts_counts_every_category_of_a_categorical():
    y = pd.Series(pd.Categorical(["1", "2", "1"], categories=["0", "1", "2"]))
    counts = mt.class_counts(y)
    assert counts.to_dict() == {"0": 0, "1": 2, "2": 1}
    assert counts.to_dict() == y.value_counts().sort_index().to_dict()  # pandas' own count
    plain = np.array(["1", "2", "1"])
    assert mt.class_counts(plain).to_dict() == {"1": 2, "2": 1}


@pytest.mark.parametrize("arg", ["titles", "row_labels"])
def test_titles_and_row_labels_are_lists_not_one_string(arg):
    with pytest.raises(TypeError, match=f"{arg} must be a list of strings"):
        mt.plot_digits(IMAGES, n_cols=4, **{arg: "0121"[: 4 if arg == "titles" else 1]})
    plt.close("all")


SCALED_LR = mt.make_scaled_lr().fit(SMALL_X, SMALL_Y)


@pytest.mark.parametrize(
    "call",
    [
        lambda p: mt.n_components_for_variance(p, 0.5),
        lambda p: mt.plot_explained_variance(p),
        lambda p: mt.pca_reconstruction(p, SMALL_X, 2),
    ],
    ids=["n_components_for_variance", "plot_explained_variance", "pca_reconstruction"],
)
@pytest.mark.parametrize(
    "bad", [SCALED_LR, MODEL, PCA], ids=["pipeline-without-PCA", "LR", "class"]
)
def test_a_model_without_pca_is_refused_naming_pca(call, bad):
    with pytest.raises((TypeError, ValueError), match=r"pca must be a (fitted )?PCA"):
        call(bad)
    plt.close("all")


# A square stack of flat rows: 784 MNIST images of 784 pixels (or 64 digits of 64) are
# that many images, never one 784x784 image. The oracle: each image on its own.

SQUARE_STACKS = {
    "mnist": RNG.random((784, 784)) * 255,
    "digits": RNG.random((64, 64)) * 16,
}
STACK_FUNCTIONS = [
    ("deskew", lambda X: mt.deskew(X)),
    ("deskew_alpha", lambda X: mt.deskew_alpha(X)),
    ("Deskew", lambda X: mt.Deskew().fit(X).transform(X)),
    ("shift_images", lambda X: mt.shift_images(X, 1, -1)),
    ("augment_shifted", lambda X: mt.augment_shifted(X, np.arange(len(X)) % 10, ((1, 0),))[0]),
    ("as_images", lambda X: mt.as_images(X).reshape(len(X), -1)),
]


@pytest.mark.parametrize("data", list(SQUARE_STACKS))
@pytest.mark.parametrize(("name", "call"), STACK_FUNCTIONS, ids=[c[0] for c in STACK_FUNCTIONS])
def test_a_square_stack_of_flat_rows_is_that_many_images(name, call, data):
    X = SQUARE_STACKS[data]
    out = call(X)
    assert len(out) == (2 if name == "augment_shifted" else 1) * len(X)
    for i in (0, 5, len(X) - 1):  # each row as if it were given alone
        alone = call(X[i : i + 1])
        np.testing.assert_allclose(out[i], alone[0], rtol=1e-12, atol=1e-12)


def test_plot_digits_draws_a_square_stack_of_digits_as_that_many_panels():
    d = mt.plot_digits(SQUARE_STACKS["digits"])
    assert len(d.images_) == 64 and d.images_[0].get_array().shape == (8, 8)
    plt.close(d.figure_)


def test_one_square_image_of_another_size_is_still_one_image():
    assert mt.as_images(np.zeros((16, 16))).shape == (1, 16, 16)
    assert mt.deskew(np.eye(28)).shape == (28, 28)


# pandas' missing values (pd.NA in nullable columns, NaN or None among string labels): a
# ValueError that says a value is missing, not "strings and numbers" or "dtype object".


def test_pd_na_in_nullable_pixel_columns_is_reported_as_missing():
    frame = pd.DataFrame(IMAGES).astype("Float64")
    frame.iloc[1, 3] = pd.NA
    for call in (mt.ink_frequency, mt.pixel_summary, mt.deskew, mt.hog_features):
        with pytest.raises(ValueError, match="NaN"):
            call(frame)


def test_nullable_columns_without_missing_values_give_the_same_result():
    ints = pd.DataFrame(np.round(IMAGES)).astype("Int64")
    np.testing.assert_array_equal(mt.deskew(ints), mt.deskew(np.round(IMAGES)))
    np.testing.assert_array_equal(mt.ink_frequency(ints), mt.ink_frequency(np.round(IMAGES)))


@pytest.mark.parametrize(
    "labels",
    [
        pd.Series(["1", pd.NA, "2", "1"], dtype="string"),
        pd.Series(["1", None, "2", "1"]),
        np.array(["1", np.nan, "2", "1"], dtype=object),
    ],
    ids=["string-NA", "None", "object-nan"],
)
@pytest.mark.parametrize(
    "call",
    [
        mt.class_counts,
        lambda y: mt.misclassified_positions(y, Y4),
        lambda y: mt.mean_images(IMAGES, y),
    ],
    ids=["class_counts", "misclassified_positions", "mean_images"],
)
def test_missing_string_labels_are_reported_as_missing(call, labels):
    with pytest.raises(ValueError, match=r"has missing labels .* at positions \[1\]"):
        call(labels)


@pytest.mark.parametrize(
    ("scale", "label"),
    [
        (255, "pixel value (0 = blank, 255 = full ink)"),
        (16, "pixel value (0 = blank, 16 = full ink)"),
        (1, "pixel value (0 = blank, 1 = full ink)"),
        (-1, "pixel value"),
        (1000, "pixel value"),
    ],
)
def test_pixel_histogram_names_the_scale_the_pixels_are_on(scale, label):
    d = mt.plot_pixel_histogram(IMAGES / 255 * scale)
    assert d.ax_.get_xlabel() == label
    plt.close(d.figure_)


def test_hog_with_an_eps_for_0_255_pixels_refuses_pixels_scaled_to_0_1():
    with pytest.raises(ValueError, match=r"X looks scaled to \[0, 1\].*eps=800"):
        mt.make_hog_pipeline().fit(IMAGES / 255, Y4)
    with pytest.raises(ValueError, match="eps"):
        mt.Hog(eps=5).fit(IMAGES / 255)
    # unscaled pixels, or the default eps (scale-free), are fine
    assert mt.Hog(eps=800).fit(IMAGES).n_features_in_ == 784
    np.testing.assert_allclose(
        mt.Hog().fit_transform(IMAGES / 255), mt.Hog().fit_transform(IMAGES), atol=1e-4
    )


@pytest.mark.parametrize("arg", ["features", "predictions"])
@pytest.mark.parametrize("bad", [["a"], [SMALL_Y], "m"], ids=["list", "list-of-arrays", "str"])
def test_model_table_extras_must_be_keyed_by_model_name(arg, bad):
    with pytest.raises(TypeError, match=f"{arg} must be a dict keyed by model name"):
        mt.model_table({"m": MODEL}, SMALL_X, SMALL_Y, **{arg: bad})


@pytest.mark.parametrize(
    ("bad", "error"), [("yesterday", TypeError), (float("nan"), ValueError), (True, TypeError)]
)
def test_fit_cache_table_checks_used_since(tmp_path, bad, error):
    with pytest.raises(error, match="used_since"):
        mt.fit_cache_table(folder=tmp_path, used_since=bad)


# pandas objects whose indexes hold the same labels in another order: pandas would align
# them, the library (like scikit-learn) compares by position, so the result would be
# silently wrong. Refused; a reset index or plain arrays are compared by position.

Y_SERIES = pd.Series(Y4, index=[7, 3, 9, 1])
Y_SORTED = Y_SERIES.sort_index()  # same labels, another order
X_FRAME = pd.DataFrame(IMAGES, index=[7, 3, 9, 1])
SX_FRAME = pd.DataFrame(SMALL_X, index=RNG.permutation(30))
SY_SORTED = pd.Series(SMALL_Y, index=SX_FRAME.index).sort_index()
ALIGN_CASES = [
    ("compare_accuracy", lambda: mt.compare_accuracy(Y_SERIES, Y_SORTED, Y4)),
    ("misclassified_positions", lambda: mt.misclassified_positions(Y_SERIES, Y_SORTED)),
    ("confusion_examples", lambda: mt.confusion_examples(Y_SERIES, Y_SORTED, "1", "1")),
    ("mean_images", lambda: mt.mean_images(X_FRAME, Y_SORTED)),
    ("augment_shifted", lambda: mt.augment_shifted(X_FRAME, Y_SORTED)),
    ("plot_misclassified", lambda: mt.plot_misclassified(X_FRAME, Y_SORTED, Y4)),
    (
        "plot_confusion_examples",
        lambda: mt.plot_confusion_examples(X_FRAME, Y_SORTED, Y4, [("1", "1")]),
    ),
    ("accuracy_report", lambda: mt.accuracy_report(MODEL, SX_FRAME, SY_SORTED, SMALL_X, SMALL_Y)),
    ("describe_model", lambda: mt.describe_model(MODEL, SX_FRAME, SY_SORTED)),
    (
        "describe_model",
        lambda: mt.describe_model(
            MODEL, SMALL_X, SY_SORTED, y_pred=pd.Series(SMALL_Y, index=SX_FRAME.index)
        ),
    ),
    ("confusion_from_model", lambda: mt.confusion_from_model(MODEL, SX_FRAME, SY_SORTED)),
    ("model_table", lambda: mt.model_table({"m": MODEL}, SX_FRAME, SY_SORTED)),
    ("compare_solvers", lambda: mt.compare_solvers(SX_FRAME, SY_SORTED, SMALL_X, SMALL_Y)),
    (
        "plot_decision_boundary",
        lambda: mt.plot_decision_boundary(MODEL_2D, SX_FRAME.iloc[:, :2], SY_SORTED),
    ),
]


@pytest.mark.parametrize("call", [c[1] for c in ALIGN_CASES], ids=[c[0] for c in ALIGN_CASES])
def test_the_same_index_in_another_order_is_refused(call):
    with pytest.raises(ValueError, match="same index labels in different orders"):
        call()
    plt.close("all")


def test_same_order_reset_index_or_arrays_are_compared_by_position():
    by_position = np.flatnonzero(Y_SORTED.to_numpy() != Y4).tolist()
    assert by_position  # the two orders differ somewhere
    assert mt.misclassified_positions(Y_SERIES, Y_SERIES).tolist() == []
    assert mt.misclassified_positions(Y_SERIES, Y_SORTED.reset_index(drop=True)).tolist() == (
        by_position
    )
    assert mt.misclassified_positions(Y_SERIES, Y_SORTED.to_numpy()).tolist() == by_position
    report = mt.describe_model(MODEL, SX_FRAME, pd.Series(SMALL_Y, index=SX_FRAME.index))
    assert report["accuracy"] == pytest.approx(MODEL.score(SMALL_X, SMALL_Y))


@pytest.mark.parametrize(
    ("value", "expected"),
    [(np.float64(0.975), 0.975), (np.int64(14000), 14000), (np.True_, True), (np.str_("7"), "7")],
    ids=["float64", "int64", "bool_", "str_"],
)
def test_glue_stores_numpy_scalars_as_python_values(monkeypatch, value, expected):
    stored = {}  # a stand-in myst_nb: the lowest-versions environment has none
    stand_in = types.ModuleType("myst_nb")
    stand_in.glue = lambda name, v, display=True: stored.update({name: v})
    monkeypatch.setitem(sys.modules, "myst_nb", stand_in)
    mt.glue("x", value, display=False)
    assert stored["x"] == expected and type(stored["x"]) is type(expected)
    assert repr(stored["x"]) == repr(expected)  # no "np.float64(...)" on the page


@pytest.mark.parametrize(
    "call",
    [
        lambda: mt.plot_digits(np.empty((0, 784))),
        lambda: mt.plot_misclassified(np.empty((0, 784)), [], []),
    ],
    ids=["plot_digits", "plot_misclassified"],
)
def test_no_image_to_draw_is_an_error_not_a_blank_figure(call):
    with pytest.raises(ValueError, match="images holds no image"):
        call()
    plt.close("all")


def test_plot_confusion_matrix_keeps_the_labels_of_a_labelled_table():
    cm = pd.DataFrame([[5, 1], [2, 6]], index=["cat", "dog"], columns=["cat", "dog"])
    disp = mt.plot_confusion_matrix(cm)
    assert [t.get_text() for t in disp.ax_.get_xticklabels()] == ["cat", "dog"]
    assert [t.get_text() for t in disp.ax_.get_yticklabels()] == ["cat", "dog"]
    plt.close(disp.figure_)
    with pytest.raises(ValueError, match="must be the same labels"):
        mt.plot_confusion_matrix(cm[["dog", "cat"]])  # columns in another order
    with pytest.raises(ValueError, match="differ from the labels of cm"):
        mt.plot_confusion_matrix(cm, labels=["dog", "cat"])
    plt.close("all")


@pytest.mark.parametrize(
    "call",
    [mt.precision_recall_f1, mt.confusion_accuracy, mt.per_class_metrics, mt.most_confused_pairs],
    ids=["precision_recall_f1", "confusion_accuracy", "per_class_metrics", "most_confused_pairs"],
)
def test_a_confusion_table_with_columns_in_another_order_is_refused(call):
    cm = pd.DataFrame(CM, index=list("xyz"), columns=list("xyz"))
    call(cm)  # in order: fine
    with pytest.raises(ValueError, match="must be the same labels"):
        call(cm[["z", "y", "x"]])  # the diagonal would not hold the right answers
