"""mnist_tutorial: the helper library of the MNIST logistic-regression textbook.

The library loads data, fits (through a shared fit cache), computes and draws; the
book's chapters call it and explain.
"""

from .data import (
    RANDOM_STATE,
    TEST_SIZE,
    DataFileError,
    load_digits,
    load_mnist,
    mnist_split,
)
from .evaluation import (
    binary_rates,
    confusion_examples,
    confusion_from_model,
    describe_model,
    model_table,
)
from .export import center_and_scale, export_model
from .logistic import sigmoid, sigmoid_naive, simulate_logistic, softmax
from .metrics import (
    accuracy_from_confusion,
    most_confused_pairs,
    per_class_metrics,
    precision_recall_f1,
)
from .models import FitCacheWarning, FitRecord, cache_dir, fit_cached, fit_record
from .notebook import glue
from .pipelines import (
    components_for_variance,
    make_pca,
    make_pca_lr,
    make_poly_lr,
    make_scaled_lr,
    make_scaler,
    n_poly_features,
    reconstruct,
)
from .plotting import (
    as_images,
    plot_confusion_examples,
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_digit_matrix,
    plot_digits,
    plot_explained_variance,
    plot_image_rows,
    plot_misclassified,
    plot_model_comparison,
    plot_pca_components,
    plot_per_class_metrics,
    plot_probabilities,
    plot_sigmoid,
    plot_tradeoff,
)

__version__ = "0.1.0"

__all__ = [
    "RANDOM_STATE",
    "TEST_SIZE",
    "DataFileError",
    "FitCacheWarning",
    "FitRecord",
    "accuracy_from_confusion",
    "as_images",
    "binary_rates",
    "cache_dir",
    "center_and_scale",
    "components_for_variance",
    "confusion_examples",
    "confusion_from_model",
    "describe_model",
    "export_model",
    "fit_cached",
    "fit_record",
    "glue",
    "load_digits",
    "load_mnist",
    "make_pca",
    "make_pca_lr",
    "make_poly_lr",
    "make_scaled_lr",
    "make_scaler",
    "mnist_split",
    "model_table",
    "most_confused_pairs",
    "n_poly_features",
    "per_class_metrics",
    "plot_confusion_examples",
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_digit_matrix",
    "plot_digits",
    "plot_explained_variance",
    "plot_image_rows",
    "plot_misclassified",
    "plot_model_comparison",
    "plot_pca_components",
    "plot_per_class_metrics",
    "plot_probabilities",
    "plot_sigmoid",
    "plot_tradeoff",
    "precision_recall_f1",
    "reconstruct",
    "sigmoid",
    "sigmoid_naive",
    "simulate_logistic",
    "softmax",
]
