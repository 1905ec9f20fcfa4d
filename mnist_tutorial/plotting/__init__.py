"""Figures for the book, one module per subject.

Each function takes data and an optional ``ax`` (or ``axes``), draws, and returns what
it drew under names (a :class:`Drawing`, or scikit-learn's own display object), so
nothing is addressed by position. None calls ``plt.show()``, saves files or changes
``rcParams``, and nothing here fits a model. Text is drawn at :data:`TEXT_SIZE` points
and default figures are at most :data:`PAGE_WIDTH` inches wide, so figures are readable
at the book's page width; galleries of at most five columns fit a phone
(:data:`PHONE_WIDTH`).

- :mod:`.images`: the one image grid (:func:`plot_digits`) and the galleries built on it
- :mod:`.pixels`: one digit's pixel values, pixel statistics, class counts
- :mod:`.probability`: the sigmoid, a simulated logistic model, one sample's probabilities
- :mod:`.confusion`: the confusion matrix (scikit-learn's display) and per-class scores
- :mod:`.features`: PCA's explained variance, decision boundaries (scikit-learn's display)
- :mod:`.comparison`: models compared, with their uncertainty and their cost
- :mod:`.hog`: one digit's HOG cells as orientation glyphs
"""

from ._base import PAGE_WIDTH, PHONE_WIDTH, TEXT_SIZE, Drawing, as_images
from .comparison import plot_accuracy_vs_time, plot_model_comparison, plot_tradeoff
from .confusion import plot_confusion_matrix, plot_per_class_metrics
from .features import plot_decision_boundary, plot_explained_variance
from .hog import plot_hog
from .images import plot_confusion_examples, plot_digits, plot_image_rows, plot_misclassified
from .pixels import plot_class_counts, plot_digit_matrix, plot_pixel_histogram, plot_pixel_map
from .probability import plot_probabilities, plot_sigmoid, plot_simulation

__all__ = [
    "PAGE_WIDTH",
    "PHONE_WIDTH",
    "TEXT_SIZE",
    "Drawing",
    "as_images",
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
]
