"""Input checks shared by the whole library, in one place (like scikit-learn's
``check_scalar`` and ``check_array``): each names the argument and what was expected.

Private: chapters and students never need these; public functions call them once, at
the top, so nothing fails later with a confusing NumPy message.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

__all__: list[str] = []  # private module


#: Largest magnitude a data value may have (pixels, features, counts): squares and sums
#: of a few thousand such values stay far from float64's overflow at about 1.8e308, so
#: nothing computed from accepted data turns infinite or NaN.
MAX_ABS = 1e100


def check_int(value: Any, name: str, *, min_value: int | None = 1) -> int:
    """``value`` as a Python int, if it is an integer (not a bool) >= ``min_value``.

    ``min_value=None``: any integer.

    Examples
    --------
    >>> check_int(3, "k"), check_int(np.int64(0), "n", min_value=0)
    (3, 0)
    >>> check_int(True, "k")
    Traceback (most recent call last):
    ...
    TypeError: k must be a positive integer, got bool True
    >>> check_int(0, "k")
    Traceback (most recent call last):
    ...
    ValueError: k must be a positive integer, got 0
    """
    kind = {None: "an integer", 0: "a non-negative integer", 1: "a positive integer"}.get(
        min_value, f"an integer >= {min_value}"
    )
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be {kind}, got {type(value).__name__} {value!r:.40}")
    if min_value is not None and value < min_value:
        raise ValueError(f"{name} must be {kind}, got {value!r}")
    return int(value)


def check_float(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    inclusive: tuple[bool, bool] = (True, True),
) -> float:
    """``value`` as a finite Python float (ints accepted, bools and strings not).

    Numbers beyond :data:`MAX_ABS` in magnitude are refused as well (they would overflow
    in the arithmetic that follows).

    ``low``/``high`` bound it; ``inclusive`` says whether each bound is allowed.

    Examples
    --------
    >>> check_float(1, "margin")
    1.0
    >>> check_float(float("nan"), "margin")
    Traceback (most recent call last):
    ...
    ValueError: margin must be a finite number, got nan
    >>> check_float(0.5, "margin", low=0, high=0.5, inclusive=(False, False))
    Traceback (most recent call last):
    ...
    ValueError: margin must be in (0, 0.5), got 0.5
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    out = float(value)
    if not math.isfinite(out):
        raise ValueError(f"{name} must be a finite number, got {out!r}")
    if abs(out) > MAX_ABS:
        raise ValueError(f"{name} must be at most {MAX_ABS:g} in magnitude, got {out!r}")
    low_ok = low is None or (out >= low if inclusive[0] else out > low)
    high_ok = high is None or (out <= high if inclusive[1] else out < high)
    if not (low_ok and high_ok):
        left = "-inf" if low is None else f"{low:g}"
        right = "inf" if high is None else f"{high:g}"
        brackets = ("[" if inclusive[0] else "(", "]" if inclusive[1] else ")")
        raise ValueError(
            f"{name} must be in {brackets[0]}{left}, {right}{brackets[1]}, got {out!r}"
        )
    return out


def check_numeric(
    X: Any, name: str, *, allow_nan: bool = False, max_abs: float | None = MAX_ABS
) -> np.ndarray:
    """``X`` as a float64 ndarray, refusing strings, None, complex and ragged input.

    ``np.asarray(["1.5"], dtype=float)`` quietly turns a string into a number; here a
    string is a :class:`TypeError`. NaN and infinite values are a :class:`ValueError`
    unless ``allow_nan``; so are finite values larger in magnitude than ``max_abs``
    (default :data:`MAX_ABS`, ``None``: no limit), which would overflow later.

    When no conversion was needed the result is a **read-only view** of the caller's
    array: nothing computed from it can write into the caller's data by mistake.

    Examples
    --------
    >>> check_numeric([[0, 1], [2, 3]], "X").dtype
    dtype('float64')
    >>> check_numeric(["0", "1"], "X")
    Traceback (most recent call last):
    ...
    TypeError: X must be a number or an array of real numbers, got dtype <U1
    >>> check_numeric([1.0, 1e300], "X")
    Traceback (most recent call last):
    ...
    ValueError: X holds values as large as 1e+300; at most 1e+100 in magnitude is supported
    """
    if isinstance(X, (pd.DataFrame, pd.Series)):
        dtypes = X.dtypes if isinstance(X, pd.DataFrame) else [X.dtype]
        nullable = any(isinstance(d, pd.api.extensions.ExtensionDtype) for d in dtypes)
        if nullable and all(pd.api.types.is_numeric_dtype(d) for d in dtypes):
            X = np.ascontiguousarray(X.to_numpy(dtype=np.float64, na_value=np.nan))  # pd.NA: NaN
        else:
            X = X.to_numpy()
    try:
        raw = np.asarray(X)
    except (TypeError, ValueError) as exc:  # ragged nested lists
        raise TypeError(
            f"{name} must be a number or an array of numbers, got {type(X).__name__}"
        ) from exc
    if raw.dtype.kind == "O" and all(
        isinstance(v, numbers.Real) and not isinstance(v, bool) for v in raw.flat
    ):
        raw = raw.astype(np.float64)
    if raw.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must be a number or an array of real numbers, got dtype {raw.dtype}"
        )
    arr = raw.astype(np.float64, copy=False)
    if isinstance(X, np.ndarray) and np.shares_memory(arr, X):
        arr = arr.view()
        arr.flags.writeable = False
    finite = np.isfinite(arr)
    if not allow_nan and not np.all(finite):
        raise ValueError(f"{name} must hold finite numbers; it contains NaN or infinite values")
    if max_abs is not None and arr.size:
        largest = float(np.max(np.abs(arr), where=finite, initial=0.0))
        if largest > max_abs:
            raise ValueError(
                f"{name} holds values as large as {largest:.3g}; at most {max_abs:g} in "
                "magnitude is supported"
            )
    return arr


#: Pixels per flat image of the book's two datasets (MNIST 28x28, scikit-learn's 8x8
#: digits): a square 2-D array with rows this long is a stack of such rows, not one image.
FLAT_SIZES = (784, 64)


def check_images(X: Any, name: str = "images", *, rows: bool = False) -> tuple[np.ndarray, bool]:
    """Square images as a float64 stack of shape (n, side, side).

    The rules, in order:

    * 3-D ``(n, side, side)``: a stack of images.
    * 2-D and square ``(side, side)``: **one** image (a single 16x16 image is one image,
      not sixteen 4x4 ones). To pass ``side`` flat images of ``side`` pixels, reshape
      them to ``(n, s, s)`` first. Except when ``rows`` is True (samples, as a
      scikit-learn transformer or a function taking ``X`` with ``y`` sees them) or the
      rows have 784 or 64 values (:data:`FLAT_SIZES`): 784 MNIST images of 784 pixels
      are 784 images, not one 784x784 image.
    * 2-D ``(n, side * side)``: ``n`` flat images (rows of a DataFrame or array).
    * 1-D ``(side * side,)``: one flat image.

    NaN, infinite and huge values (beyond :data:`MAX_ABS`) are refused, as by
    :func:`check_numeric`; the stack may be a read-only view of the caller's array.

    Returns
    -------
    stack : ndarray of float64, shape (n, side, side)
    flat : bool
        Whether the input held flat rows (so results can be given back flat).

    Examples
    --------
    >>> check_images(np.zeros((3, 784)))[0].shape
    (3, 28, 28)
    >>> check_images(np.zeros((16, 16)))[0].shape
    (1, 16, 16)
    >>> check_images(np.zeros((16, 16)), rows=True)[0].shape
    (16, 4, 4)
    >>> check_images(np.zeros((784, 784)))[0].shape
    (784, 28, 28)
    >>> check_images(np.zeros(64))[0].shape
    (1, 8, 8)
    >>> check_images(np.zeros((2, 10)))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: images of shape (2, 10) is not a stack of square images: ...
    """
    arr = check_numeric(X, name)
    one_square = arr.ndim == 2 and arr.shape[0] == arr.shape[1] and arr.shape[0] > 0
    if one_square and not rows and arr.shape[1] not in FLAT_SIZES:
        return arr[np.newaxis], False
    if arr.ndim == 1:
        arr, was_flat = arr[np.newaxis], True
    else:
        was_flat = arr.ndim == 2
    if arr.ndim == 2:
        side = math.isqrt(arr.shape[1])
        if side == 0 or side * side != arr.shape[1]:
            raise ValueError(
                f"{name} of shape {np.shape(X)} is not a stack of square images: "
                "expected (n_samples, side*side) or (n_samples, side, side)"
            )
        return arr.reshape(arr.shape[0], side, side), was_flat
    if arr.ndim == 3 and arr.shape[1] == arr.shape[2] and arr.shape[1] > 0:
        return arr, False
    raise ValueError(
        f"{name} must have shape (n_samples, side*side), (n_samples, side, side), "
        f"(side, side) or (side*side,), got {arr.shape}"
    )


def check_labels(y: Any, name: str, *, unique: bool = False) -> np.ndarray:
    """``y`` as a 1-D ndarray of labels, all strings or all numbers, none missing.

    ``unique=True``: a list of class names (a confusion matrix's ``labels``), in which a
    repeated name is a :class:`ValueError` (two rows could not be told apart).

    Like scikit-learn's ``type_of_target``: a mix of strings and numbers (``[1, "1"]``,
    which NumPy would quietly turn into two equal strings), ``None`` or other objects are
    a :class:`TypeError`, NaN a :class:`ValueError`. A Series keeps its values, not its
    index.

    Examples
    --------
    >>> check_labels(["4", "9"], "y").tolist()
    ['4', '9']
    >>> check_labels([1, "1"], "y")
    Traceback (most recent call last):
    ...
    TypeError: Mix of label input types: y holds both strings and numbers
    """
    if isinstance(y, (pd.Series, pd.Index)):
        y = y.to_numpy()
    if isinstance(y, (str, bytes)):
        raise TypeError(f"{name} must be a 1-D array of labels, got a single {type(y).__name__}")
    try:
        arr = np.asarray(y)
        objects = arr if arr.dtype.kind == "O" else None
        if objects is None and not isinstance(y, np.ndarray) and arr.dtype.kind in "US":
            objects = np.empty(len(y), dtype=object)  # see the original types: [1, "1"]
            objects[:] = list(y)
    except (TypeError, ValueError) as exc:  # ragged
        raise ValueError(f"{name} must be 1-D (n_samples,), got a ragged sequence") from exc
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D (n_samples,), got shape {arr.shape}")
    if arr.dtype.kind not in "biufUSO":
        raise TypeError(f"{name} must hold strings or numbers, got dtype {arr.dtype}")
    if objects is not None and arr.size and pd.isna(objects).any():
        missing = np.flatnonzero(pd.isna(objects))
        raise ValueError(
            f"{name} has missing labels (NaN, None or pd.NA) at positions {missing[:5].tolist()}"
        )
    kind = _label_kind(objects) if objects is not None else None
    if kind == "mixed":
        raise TypeError(f"Mix of label input types: {name} holds both strings and numbers")
    if kind == "other":
        raise TypeError(
            f"{name} must hold strings or numbers only, got "
            f"{sorted({type(v).__name__ for v in objects.tolist()})}"
        )
    if arr.dtype.kind == "f" or kind == "number":
        values = arr.astype(np.float64) if kind == "number" else arr
        if not np.all(np.isfinite(values)):
            raise ValueError(f"{name} contains NaN or infinite labels")
    if unique:
        repeated = pd.Index(arr).duplicated()
        if repeated.any():
            raise ValueError(
                f"{name} must not repeat a label, got {arr[repeated][0].item()!r} twice"
            )
    return arr


def check_label(value: Any, name: str) -> Any:
    """``value`` if it is one label: a string, a real number or a bool (NumPy's too), not NaN.

    Examples
    --------
    >>> check_label(np.int64(4), "true_label")
    np.int64(4)
    >>> check_label(["4"], "true_label")
    Traceback (most recent call last):
    ...
    TypeError: true_label must be one label (a string or a number), got list
    """
    if not isinstance(value, (str, numbers.Real, np.bool_)):
        raise TypeError(
            f"{name} must be one label (a string or a number), got {type(value).__name__}"
        )
    if isinstance(value, numbers.Real) and not math.isfinite(float(value)):
        raise ValueError(f"{name} must be a finite label, got {value!r}")
    return value


def check_aligned(*args: Any, names: tuple[str, ...]) -> None:
    """Refuse pandas objects whose indexes hold the same labels in different orders.

    The library compares values by position, as scikit-learn does; pandas would align
    them by index. When two arguments carry the same index labels in another order (one
    was sorted or shuffled), the two readings disagree and the result would be silently
    wrong, so this is a :class:`ValueError`. Arrays, and indexes that differ in their
    labels (e.g. one was reset), are compared by position as documented.

    Examples
    --------
    >>> y = pd.Series(["4", "9"], index=[10, 11])
    >>> check_aligned(y, y.sort_index(ascending=False), names=("y_true", "y_pred"))
    Traceback (most recent call last):
    ...
    ValueError: y_true and y_pred have the same index labels in different orders: ...
    """
    indexed = [
        (a.index, n) for a, n in zip(args, names) if isinstance(a, (pd.Series, pd.DataFrame))
    ]
    for (first, first_name), (other, other_name) in ((indexed[0], i) for i in indexed[1:]):
        if first.equals(other) or len(first) != len(other):
            continue
        if first.has_duplicates or other.has_duplicates or set(first) != set(other):
            continue
        raise ValueError(
            f"{first_name} and {other_name} have the same index labels in different orders: "
            "values are compared by position, so align them first "
            f"(e.g. {other_name}.loc[{first_name}.index]) or pass NumPy arrays"
        )


def check_samples(
    X: Any, y: Any, names: tuple[str, str], *, model: Any = None, model_name: str = "model"
) -> np.ndarray:
    """Validate a model's inputs (numbers, finite, 2-D, not empty) and labels; return the labels.

    ``names`` are the two arguments' names, for the messages. With ``model`` (a fitted
    classifier), ``X`` must have as many columns as the model was fitted on and ``y``
    labels of the model's kind (strings or numbers), so that no score is silently 0.

    Examples
    --------
    >>> check_samples([[0.0, 1.0], [1.0, 0.0]], ["a", "b"], ("X_test", "y_test")).tolist()
    ['a', 'b']
    >>> check_samples([[0.0, np.nan]], ["a"], ("X_test", "y_test"))
    Traceback (most recent call last):
    ...
    ValueError: X_test must hold finite numbers; it contains NaN or infinite values
    """
    check_aligned(X, y, names=names)
    arr = check_numeric(X, names[0])
    if arr.ndim != 2:
        raise ValueError(f"{names[0]} must be 2-D (n_samples, n_features), got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise ValueError(f"{names[0]} has no samples (shape {arr.shape})")
    labels = check_labels(y, names[1])
    if labels.size != arr.shape[0]:
        raise ValueError(
            f"{names[0]} has {arr.shape[0]} rows but {names[1]} has {labels.size} labels"
        )
    if model is not None:
        n_in = getattr(model, "n_features_in_", None)
        if isinstance(n_in, (int, np.integer)) and arr.shape[1] != n_in:
            raise ValueError(
                f"{names[0]} has {arr.shape[1]} features but {model_name} was fitted on {n_in}"
            )
        classes = getattr(model, "classes_", None)
        if classes is not None:
            check_same_label_type(classes, labels, (f"{model_name}.classes_", names[1]))
    return labels


def check_classifier(
    model: Any, name: str = "model", methods: tuple[str, ...] = ("predict", "score")
) -> Any:
    """``model`` if it looks like a fitted scikit-learn classifier: it has ``methods``.

    A class, a string, a number or an array is never one (even with ``methods=()``).

    Examples
    --------
    >>> check_classifier("LogisticRegression")
    Traceback (most recent call last):
    ...
    TypeError: model must be a fitted classifier (with predict and score), got str
    """
    not_a_model = model is None or isinstance(
        model, (type, str, bytes, numbers.Number, np.ndarray, list, tuple, dict)
    )
    if not_a_model or not all(hasattr(model, m) for m in methods):
        needs = f" (with {' and '.join(methods)})" if methods else ""
        raise TypeError(f"{name} must be a fitted classifier{needs}, got {type(model).__name__}")
    return model


def _label_kind(values: np.ndarray) -> str | None:
    """ "string", "number" or None (empty / other) for an array of labels."""
    if values.size == 0:
        return None
    if values.dtype.kind in "US":
        return "string"
    if values.dtype.kind in "biuf":
        return "number"
    kinds = {
        "string"
        if isinstance(v, str)
        else "number"
        if isinstance(v, numbers.Real) and not isinstance(v, bool)
        else "bool"
        if isinstance(v, bool)
        else "other"
        for v in values.ravel().tolist()
    }
    if kinds == {"string"}:
        return "string"
    if kinds <= {"number", "bool"}:
        return "number"
    if "other" in kinds:
        return "other"
    return "mixed"


def check_same_label_type(a: Any, b: Any, names: tuple[str, str]) -> None:
    """Refuse to compare string labels with numeric ones (``"4" == 4`` is False).

    MNIST's labels are the strings ``"0"``-``"9"``; comparing them with integer
    predictions flags every sample silently. scikit-learn raises "Mix of label input
    types" in the same case; so does this, naming both arguments and their types.

    Parameters
    ----------
    a, b : scalar or array_like of labels
    names : (str, str)
        The arguments' names, for the message.

    Examples
    --------
    >>> check_same_label_type(["4", "9"], ["9", "9"], ("y_true", "y_pred"))
    >>> check_same_label_type(["4", "9"], [4, 9], ("y_true", "y_pred"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: Mix of label input types: y_true holds strings (<U1) but y_pred holds numbers ...
    """
    arrays = [np.asarray(a), np.asarray(b)]
    kinds = [_label_kind(arr.ravel()) for arr in arrays]
    for kind, arg in zip(kinds, names):
        if kind == "mixed":
            raise TypeError(f"Mix of label input types: {arg} holds both strings and numbers")
    if None in kinds or kinds[0] == kinds[1]:
        return
    plural = {"string": "strings", "number": "numbers", "other": "other objects"}
    raise TypeError(
        f"Mix of label input types: {names[0]} holds {plural[kinds[0]]} ({arrays[0].dtype}) "
        f"but {names[1]} holds {plural[kinds[1]]} ({arrays[1].dtype}); "
        f"convert one, e.g. {names[1]}.astype({'str' if kinds[0] == 'string' else 'int'})"
    )


def check_option(value: Any, name: str, allowed: tuple[str, ...]) -> str:
    """``value`` if it is one of the strings ``allowed``; a misspelt option is an error.

    Examples
    --------
    >>> check_option("book", "split", ("book", "official"))
    'book'
    >>> check_option("Book", "split", ("book", "official"))
    Traceback (most recent call last):
    ...
    ValueError: split must be one of 'book', 'official'; got 'Book'
    """
    choices = ", ".join(repr(a) for a in allowed)
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be one of {choices}; got {type(value).__name__} {value!r:.40}"
        )
    if value not in allowed:
        raise ValueError(f"{name} must be one of {choices}; got {value!r}")
    return value


def check_bool(value: Any, name: str) -> bool:
    """``value`` as a Python bool, if it is True or False (NumPy's bools too, not 0 or "no").

    Examples
    --------
    >>> check_bool(np.True_, "center")
    True
    >>> check_bool("False", "center")
    Traceback (most recent call last):
    ...
    TypeError: center must be True or False, got str 'False'
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r:.40}")
    return bool(value)


def check_random_state(seed: Any, name: str = "random_state") -> np.random.Generator:
    """A NumPy Generator from ``seed``, accepted as scikit-learn accepts seeds.

    None (fresh entropy), a non-negative integer (not a bool, a float or a string of
    digits), or a :class:`numpy.random.Generator` (used as is, its stream shared) or
    :class:`numpy.random.RandomState` (a Generator seeded from it).

    Examples
    --------
    >>> bool(check_random_state(0).integers(10) == np.random.default_rng(0).integers(10))
    True
    >>> check_random_state("42")
    Traceback (most recent call last):
    ...
    TypeError: random_state must be None, a non-negative integer or a numpy Generator, got str '42'
    """
    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    if isinstance(seed, np.random.RandomState):
        return np.random.default_rng(seed.randint(0, 2**31 - 1))
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(
            f"{name} must be None, a non-negative integer or a numpy Generator, "
            f"got {type(seed).__name__} {seed!r:.40}"
        )
    if seed < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {seed!r}")
    return np.random.default_rng(int(seed))


def check_axes(ax: Any, name: str = "ax") -> Axes | None:
    """``ax`` if it is None or one matplotlib Axes (what ``plt.subplots()`` returns).

    Examples
    --------
    >>> check_axes(None) is None
    True
    >>> check_axes("left")
    Traceback (most recent call last):
    ...
    TypeError: ax must be a matplotlib Axes (e.g. from plt.subplots()) or None, got str
    """
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(
            f"{name} must be a matplotlib Axes (e.g. from plt.subplots()) or None, "
            f"got {type(ax).__name__}"
        )
    return ax


def check_axes_grid(axes: Any, name: str = "axes") -> np.ndarray:
    """``axes`` (one Axes or an array of them) as an object ndarray of Axes.

    Examples
    --------
    >>> check_axes_grid(["a", "b"])
    Traceback (most recent call last):
    ...
    TypeError: axes must hold matplotlib Axes (e.g. from plt.subplots(1, n)), got str
    """
    grid = np.asarray(axes, dtype=object)
    bad = [a for a in grid.ravel() if not isinstance(a, Axes)]
    if bad or grid.size == 0:
        what = type(bad[0]).__name__ if bad else "nothing"
        raise TypeError(
            f"{name} must hold matplotlib Axes (e.g. from plt.subplots(1, n)), got {what}"
        )
    return grid


def check_kw(value: Any, name: str) -> dict:
    """``value`` (None or a mapping of keyword arguments) as a new dict.

    Examples
    --------
    >>> check_kw(None, "line_kw")
    {}
    >>> check_kw(3, "line_kw")
    Traceback (most recent call last):
    ...
    TypeError: line_kw must be a dict of keyword arguments or None, got int
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise TypeError(
            f"{name} must be a dict of keyword arguments or None, got {type(value).__name__}"
        )
    return dict(value)
