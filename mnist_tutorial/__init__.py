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
from .logistic import sigmoid, sigmoid_naive, simulate_logistic, softmax
from .metrics import (
    accuracy_from_confusion,
    most_confused_pairs,
    per_class_metrics,
    precision_recall_f1,
)
from .models import FitCacheWarning, FitRecord, cache_dir, fit_cached, fit_record
from .notebook import glue
from .plotting import (
    as_images,
    plot_confusion_matrix,
    plot_digit_matrix,
    plot_digits,
    plot_image_rows,
    plot_misclassified,
    plot_probabilities,
    plot_sigmoid,
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
    "cache_dir",
    "fit_cached",
    "fit_record",
    "glue",
    "load_digits",
    "load_mnist",
    "mnist_split",
    "most_confused_pairs",
    "per_class_metrics",
    "plot_confusion_matrix",
    "plot_digit_matrix",
    "plot_digits",
    "plot_image_rows",
    "plot_misclassified",
    "plot_probabilities",
    "plot_sigmoid",
    "precision_recall_f1",
    "sigmoid",
    "sigmoid_naive",
    "simulate_logistic",
    "softmax",
]
