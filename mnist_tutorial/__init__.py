"""mnist_tutorial: the helper library of the MNIST logistic-regression textbook.

The library loads data, computes and draws; the book's chapters call it and explain.
The book's build fits through a shared fit cache (``mnist_tutorial.cache``).
"""

from .cache import (
    FitCacheWarning,
    FitRecord,
    cache_dir,
    cached_fits,
    fit_cached,
    fit_record,
    fit_seconds,
    use_fit_cache,
)
from .data import (
    RANDOM_STATE,
    TEST_SIZE,
    DataFileError,
    load_digits,
    load_mnist,
    mnist_split,
)
from .exercise_files import exercise_cells
from .explore import class_counts, ink_frequency, mean_images, pixel_summary
from .export import center_and_scale, export_model
from .features import Deskew, augment_shifted, deskew, deskew_alpha, shift_images
from .hog import HOG_PARAMS, Hog, hog_cells, hog_features, make_hog_pipeline
from .logistic import sigmoid_naive, simulate_logistic, stable_sigmoid, stable_softmax
from .metrics import (
    accuracy_report,
    accuracy_se,
    binary_rates,
    compare_accuracy,
    confident_share,
    confusion_accuracy,
    confusion_examples,
    confusion_from_model,
    describe_model,
    misclassified_positions,
    model_table,
    most_confused_pairs,
    per_class_metrics,
    precision_recall_f1,
)
from .models import (
    CATALOGUE,
    ModelSpec,
    compare_solvers,
    describe_estimator,
    fit_cache_table,
    fit_model,
    make_model,
    models_for_page,
)
from .notebook import glue
from .pca import n_components_for_variance, pca_reconstruction
from .pipelines import (
    SOLVERS,
    make_deskew_lr,
    make_pca,
    make_pca_lr,
    make_poly_lr,
    make_scaled_lr,
    make_scaler,
    make_solver_model,
    n_poly_features,
)
from .plotting import (
    Drawing,
    as_images,
    plot_accuracy_vs_time,
    plot_class_counts,
    plot_confusion_examples,
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_digit_matrix,
    plot_digits,
    plot_explained_variance,
    plot_hog,
    plot_image_rows,
    plot_misclassified,
    plot_model_comparison,
    plot_per_class_metrics,
    plot_pixel_histogram,
    plot_pixel_map,
    plot_probabilities,
    plot_sigmoid,
    plot_simulation,
    plot_tradeoff,
)

try:  # the installed wheel's version: BASE_VERSION+g<hash of the sources>
    from importlib.metadata import version as _installed_version

    __version__ = _installed_version("mnist-tutorial")
except Exception:  # not installed (run from a source tree)
    from ._version import BASE_VERSION

    __version__ = BASE_VERSION

__all__ = [
    "CATALOGUE",
    "HOG_PARAMS",
    "RANDOM_STATE",
    "SOLVERS",
    "TEST_SIZE",
    "DataFileError",
    "Deskew",
    "Drawing",
    "FitCacheWarning",
    "FitRecord",
    "Hog",
    "ModelSpec",
    "accuracy_report",
    "accuracy_se",
    "as_images",
    "augment_shifted",
    "binary_rates",
    "cache_dir",
    "cached_fits",
    "center_and_scale",
    "check",
    "class_counts",
    "compare_accuracy",
    "compare_solvers",
    "confident_share",
    "confusion_accuracy",
    "confusion_examples",
    "confusion_from_model",
    "describe_estimator",
    "describe_model",
    "deskew",
    "deskew_alpha",
    "exercise_cells",
    "export_model",
    "fit_cache_table",
    "fit_cached",
    "fit_model",
    "fit_record",
    "fit_seconds",
    "glue",
    "hog_cells",
    "hog_features",
    "ink_frequency",
    "load_digits",
    "load_mnist",
    "make_deskew_lr",
    "make_hog_pipeline",
    "make_model",
    "make_pca",
    "make_pca_lr",
    "make_poly_lr",
    "make_scaled_lr",
    "make_scaler",
    "make_solver_model",
    "mean_images",
    "misclassified_positions",
    "mnist_split",
    "model_table",
    "models_for_page",
    "most_confused_pairs",
    "n_components_for_variance",
    "n_poly_features",
    "pca_reconstruction",
    "per_class_metrics",
    "pixel_summary",
    "plot_accuracy_vs_time",
    "plot_class_counts",
    "plot_confusion_examples",
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_digit_matrix",
    "plot_digits",
    "plot_explained_variance",
    "plot_hog",
    "plot_image_rows",
    "plot_misclassified",
    "plot_model_comparison",
    "plot_per_class_metrics",
    "plot_pixel_histogram",
    "plot_pixel_map",
    "plot_probabilities",
    "plot_sigmoid",
    "plot_simulation",
    "plot_tradeoff",
    "precision_recall_f1",
    "shift_images",
    "sigmoid_naive",
    "simulate_logistic",
    "stable_sigmoid",
    "stable_softmax",
    "use_fit_cache",
]


def __getattr__(name: str):
    # mt.check imports the exercise checks, so only when a notebook first calls it
    if name == "check":
        from .notebook_check import check

        return check
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
