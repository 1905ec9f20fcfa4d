"""Loading MNIST (bundled, offline, checksum-verified) and scikit-learn's 8x8 digits."""

from __future__ import annotations

import copy
import gzip
import hashlib
import math
import threading
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.datasets import load_digits as _sk_load_digits
from sklearn.model_selection import train_test_split
from sklearn.utils import Bunch

from ._validation import check_bool, check_float, check_option

__all__ = [
    "DATA_DIR",
    "MNIST_FILES",
    "N_TRAIN_OFFICIAL",
    "OPENML_TIMEOUT",
    "RANDOM_STATE",
    "TEST_SIZE",
    "DataFileError",
    "load_digits",
    "load_mnist",
    "mnist_split",
]

#: Folder holding the bundled IDX files (package data).
DATA_DIR = Path(__file__).with_name("data")

#: The four IDX files, in the order training images, training labels, test images, test labels.
MNIST_FILES = (
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
)

#: The book's one train/test split: ``train_test_split(X, y, test_size=0.2, random_state=42)``.
TEST_SIZE = 0.2
RANDOM_STATE = 42

#: MNIST's official split: the first 60,000 images (LeCun's training file) train, the last
#: 10,000 (the t10k file) test. The published results on MNIST use this split.
N_TRAIN_OFFICIAL = 60000

#: Seconds ``load_mnist(source="openml")`` waits for OpenML before giving up.
OPENML_TIMEOUT = 300.0

_SPLITS = ("book", "official")
_SOURCES = ("bundled", "openml")

_DESCR = """\
**MNIST database of handwritten digits** (bundled copy, loaded offline by mnist_tutorial)

70,000 grayscale images of handwritten digits, 28x28 pixels, pixel values 0 (background)
to 255 (ink), flattened row by row into 784 features ``pixel1`` ... ``pixel784``.
Rows 0-59,999 are MNIST's training set and rows 60,000-69,999 its test set, the same row
order as OpenML's ``mnist_784`` (``fetch_openml("mnist_784", version=1)``).

Authors: Yann LeCun, Corinna Cortes, Christopher J. C. Burges,
"The MNIST database of handwritten digits".
License: Creative Commons Attribution-Share Alike 3.0 (CC BY-SA 3.0).
"""


class DataFileError(OSError):
    """A bundled data file is missing, truncated, corrupted or malformed."""


def expected_checksums(data_dir: Path) -> dict[str, str]:
    sums_path = data_dir / "SHA256SUMS"
    try:
        text = sums_path.read_text()
    except OSError as exc:
        raise DataFileError(f"cannot read the checksum list {sums_path}: {exc}") from exc
    sums = {}
    for line in text.splitlines():
        if line.strip():
            parts = line.split()
            if len(parts) != 2:
                raise DataFileError(f"{sums_path} has a malformed line: {line!r}")
            digest, name = parts
            sums[name.lstrip("*")] = digest
    return sums


def read_idx(path: Path, expected_sha256: str | None) -> np.ndarray:
    """Read one gzip-compressed IDX file after checking its SHA-256.

    Every failure (missing, unreadable, wrong checksum, a damaged gzip stream behind a
    matching checksum, a bad header, a wrong size) is a :class:`DataFileError` naming
    the file.
    """
    try:
        return _parse_idx(path, expected_sha256)
    except DataFileError:
        raise
    except (OSError, EOFError, zlib.error, ValueError, MemoryError) as exc:
        raise DataFileError(f"MNIST data file {path.name} cannot be read: {exc!r}") from exc


def _parse_idx(path: Path, expected_sha256: str | None) -> np.ndarray:
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise DataFileError(f"MNIST data file {path.name} is missing (looked in {path})") from exc
    if expected_sha256 is None:
        raise DataFileError(f"MNIST data file {path.name} has no entry in SHA256SUMS")
    digest = hashlib.sha256(raw).hexdigest()
    if digest != expected_sha256:
        raise DataFileError(
            f"MNIST data file {path.name} failed its checksum: SHA-256 is {digest}, "
            f"expected {expected_sha256}; the file is truncated or corrupted "
            "(reinstall the package to restore it)"
        )
    try:
        buf = gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as exc:
        raise DataFileError(f"MNIST data file {path.name} is not valid gzip: {exc}") from exc
    if len(buf) < 4 or buf[0] != 0 or buf[1] != 0 or buf[2] != 0x08:
        raise DataFileError(
            f"MNIST data file {path.name} has a bad IDX header: expected bytes 00 00 08 "
            f"(unsigned bytes), got {buf[:4].hex(' ')}"
        )
    ndim = buf[3]
    header_len = 4 + 4 * ndim
    if ndim == 0 or len(buf) < header_len:
        raise DataFileError(
            f"MNIST data file {path.name} has a bad IDX header: {ndim} dimensions, "
            f"{len(buf)} bytes in all"
        )
    shape = tuple(int.from_bytes(buf[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    n_values = math.prod(shape)
    if len(buf) != header_len + n_values:
        raise DataFileError(
            f"MNIST data file {path.name} is truncated or padded: header says shape {shape} "
            f"({n_values} bytes of data), file holds {len(buf) - header_len}"
        )
    return np.frombuffer(buf, dtype=np.uint8, offset=header_len).reshape(shape)


def _load_raw(data_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    """Images (70000, 28, 28) uint8 and labels (70000,) uint8, training set first."""
    sums = expected_checksums(data_dir)
    train_x, train_y, test_x, test_y = (read_idx(data_dir / n, sums.get(n)) for n in MNIST_FILES)
    for name, arr in zip(MNIST_FILES, (train_x, train_y, test_x, test_y)):
        is_images = "images" in name
        if arr.ndim != (3 if is_images else 1) or (is_images and arr.shape[1:] != (28, 28)):
            expected = "(n, 28, 28) images" if is_images else "(n,) labels"
            raise DataFileError(f"MNIST data file {name} has shape {arr.shape}, not {expected}")
        if not is_images and arr.size and arr.max() > 9:
            raise DataFileError(f"MNIST data file {name} holds the label {arr.max()}, not 0-9")
    if train_x.shape[0] != train_y.shape[0] or test_x.shape[0] != test_y.shape[0]:
        raise DataFileError("MNIST image and label files disagree on the number of samples")
    images = np.concatenate([train_x, test_x])
    labels = np.concatenate([train_y, test_y])
    images.flags.writeable = False
    labels.flags.writeable = False
    return images, labels


@lru_cache(maxsize=2)
def _cached_arrays(data_dir: str) -> tuple[np.ndarray, np.ndarray]:
    """Images (n, 28, 28) uint8 and label strings (n,), read-only."""
    images, labels = _load_raw(Path(data_dir))
    label_str = np.array([str(d) for d in range(10)], dtype=object)[labels]
    label_str.flags.writeable = False
    return images, label_str


def _pixels(images: np.ndarray, rows: Any = slice(None)) -> np.ndarray:
    """The images' rows as float64 pixel rows (n, 784), read-only, as OpenML gives them."""
    X = images[rows].reshape(-1, images.shape[1] * images.shape[2]).astype(np.float64)
    X.flags.writeable = False
    return X


@lru_cache(maxsize=4)
def _cached_bunch(data_dir: str, as_frame: bool) -> Bunch:
    # Both layouts share one float64 copy of the pixels (440 MB), made once.
    images, label_str = _cached_arrays(data_dir)
    X = _cached_pixels(data_dir)
    feature_names = _FEATURE_NAMES
    categories = _CATEGORIES
    if as_frame:
        data, target = _frame(X, label_str, pd.RangeIndex(len(X)))
        frame = pd.concat([data, target], axis=1)
    else:
        data, target, frame = X, label_str, None
    return Bunch(
        data=data,
        target=target,
        frame=frame,
        categories=None if as_frame else {"class": categories},
        feature_names=feature_names,
        target_names=["class"],
        DESCR=_DESCR,
        images=images,
        details={"name": "mnist_784", "version": "1", "source": "bundled IDX files"},
        url="https://www.openml.org/d/554",
    )


@lru_cache(maxsize=2)
def _cached_pixels(data_dir: str) -> np.ndarray:
    return _pixels(_cached_arrays(data_dir)[0])


_FEATURE_NAMES = [f"pixel{i}" for i in range(1, 28 * 28 + 1)]
_CATEGORIES = [str(d) for d in range(10)]


def _frame(X: np.ndarray, label_str: np.ndarray, index: pd.Index) -> tuple:
    """(DataFrame of the pixels, categorical Series "class") over ``index``."""
    data = pd.DataFrame(X, columns=_FEATURE_NAMES, index=index, copy=False)
    labels = pd.Categorical(label_str, categories=_CATEGORIES)
    return data, pd.Series(labels, name="class", index=index)


def _check_as_frame(as_frame: bool) -> bool:
    return check_bool(as_frame, "as_frame")


#: pandas 3 always copies on write, so a shallow copy is already the caller's own; pandas
#: 2 does not (unless the caller turned it on), so there the copy must be deep.
_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3


def _own_copy(obj: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """A copy of a cached table that the caller may edit without changing the cache."""
    return obj.copy(deep=not _COPY_ON_WRITE)


def load_mnist(
    *, as_frame: bool = True, source: str = "bundled", timeout: float = OPENML_TIMEOUT
) -> Bunch:
    """Load the 70,000 MNIST digits, as ``fetch_openml("mnist_784", version=1)`` does.

    The default reads the IDX files bundled with this package, verifies their SHA-256
    and never touches the network. The result is cached in memory: a second call in
    the same process returns at once. What it returns is yours to change: the tables
    are copies (shallow under pandas 3's copy-on-write, deep under pandas 2) and the
    arrays are read-only, so an edit in place (``mnist.data /= 255``) either stays in
    your copy or fails loudly; it never changes what the next call returns.

    Parameters
    ----------
    as_frame : bool, default=True
        If True, ``data`` is a DataFrame of shape (70000, 784) with float64 columns
        ``pixel1`` ... ``pixel784`` and ``target`` a categorical Series of the strings
        ``"0"`` ... ``"9"`` named ``class``. If False, ``data`` is an ndarray of shape
        (70000, 784), float64, and ``target`` an object ndarray of shape (70000,) of
        those strings.
    source : {"bundled", "openml"}, default="bundled"
        ``"openml"`` calls :func:`sklearn.datasets.fetch_openml` instead (network needed
        on first use) and adds ``images``.
    timeout : float, default=OPENML_TIMEOUT (300 seconds)
        With ``source="openml"``: how long to wait for the download before raising
        :class:`TimeoutError` (the abandoned download may go on in the background).

    Returns
    -------
    Bunch
        ``data``, ``target``, ``frame`` (data plus the ``class`` column, or None),
        ``feature_names``, ``target_names``, ``DESCR``, ``categories``, ``details``,
        ``url``, and ``images``: uint8 ndarray of shape (70000, 28, 28).

    Raises
    ------
    DataFileError
        A bundled file is missing, fails its checksum, or has a bad header.
    TimeoutError
        OpenML did not answer within ``timeout`` seconds.

    Examples
    --------
    >>> mnist = load_mnist()
    >>> mnist.data.shape, mnist.images.shape
    ((70000, 784), (70000, 28, 28))
    >>> mnist.target.iloc[:5].tolist()
    ['5', '0', '4', '1', '9']
    """
    as_frame = _check_as_frame(as_frame)
    source = check_option(source, "source", _SOURCES)
    timeout = _check_timeout(timeout)
    if source == "openml":
        bunch = _fetch_openml_within(timeout, as_frame)
        data = bunch.data.to_numpy() if as_frame else bunch.data
        bunch.images = np.asarray(data, dtype=np.uint8).reshape(-1, 28, 28)
        return bunch
    cached = _cached_bunch(str(DATA_DIR), as_frame)
    bunch = Bunch(**cached)
    for name in ("feature_names", "target_names", "categories", "details"):
        bunch[name] = copy.deepcopy(cached[name])  # small; a list is not shared state either
    if as_frame:
        # the reader's own copies (shallow under pandas 3's copy-on-write, else deep)
        bunch.data = _own_copy(cached.data)
        bunch.target = _own_copy(cached.target)
        bunch.frame = _own_copy(cached.frame)
    return bunch


def _check_timeout(timeout: float) -> float:
    # at most a year: threading's join() overflows on astronomically large timeouts
    return check_float(timeout, "timeout", low=0, high=365 * 24 * 3600, inclusive=(False, True))


def _fetch_openml_within(timeout: float, as_frame: bool) -> Bunch:
    """``fetch_openml("mnist_784")`` in a helper thread, given up after ``timeout`` seconds.

    scikit-learn's downloader has no timeout of its own and a stalled connection can
    block forever; a daemon thread cannot be stopped, but it no longer holds the caller
    (nor the interpreter's exit).
    """
    import sklearn.datasets

    outcome: dict = {}

    def fetch() -> None:
        try:
            outcome["bunch"] = sklearn.datasets.fetch_openml(
                "mnist_784", version=1, as_frame=as_frame, parser="auto"
            )
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=fetch, name="load_mnist-openml", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(
            f"load_mnist(source='openml') got no complete answer from OpenML within {timeout:g} "
            "seconds; check the network, pass a larger timeout, or use the bundled copy "
            "(source='bundled', the default, needs no network)"
        )
    if "error" in outcome:
        raise outcome["error"]
    return outcome["bunch"]


@lru_cache(maxsize=4)
def _cached_split(as_frame: bool, split: str) -> tuple:
    # The rows first, then only their pixels as float64: the same tables as splitting
    # load_mnist()'s (train_test_split draws its permutation from n and random_state only)
    # without a float64 copy of all 70,000 images.
    images, label_str = _cached_arrays(str(DATA_DIR))
    n = len(images)
    if split == "book":
        rows = train_test_split(np.arange(n), test_size=TEST_SIZE, random_state=RANDOM_STATE)
        indexes = [pd.Index(r) for r in rows]
    else:
        rows = [np.arange(N_TRAIN_OFFICIAL), np.arange(N_TRAIN_OFFICIAL, n)]
        indexes = [pd.RangeIndex(0, N_TRAIN_OFFICIAL), pd.RangeIndex(N_TRAIN_OFFICIAL, n)]
    pairs = []
    for part, index in zip(rows, indexes):
        X, y = _pixels(images, part), label_str[part]
        y.flags.writeable = False
        pairs.append(_frame(X, y, index) if as_frame else (X, y))
    (X_train, y_train), (X_test, y_test) = pairs
    return X_train, X_test, y_train, y_test


def mnist_split(*, as_frame: bool = True, split: str = "book") -> tuple:
    """A train/test split of MNIST: the book's (default) or the official one.

    ``split="book"`` is the book's split, 56,000 training and 14,000 test images:
    exactly ``train_test_split(X, y, test_size=0.2, random_state=42)`` on
    :func:`load_mnist`. ``split="official"`` is MNIST's own split, the one published
    results use: the first 60,000 images for training (the IDX training files) and the
    last 10,000 for test (the t10k files), in OpenML's row order. Each split is computed
    once per process; what you get is yours to change, as with :func:`load_mnist`
    (DataFrames are copies, arrays are read-only).

    Parameters
    ----------
    as_frame : bool, default=True
        DataFrames and Series (row labels are the rows of :func:`load_mnist`), or
        ndarrays.
    split : {"book", "official"}, default="book"

    Returns
    -------
    X_train : DataFrame or ndarray of shape (56000, 784) (official: (60000, 784))
    X_test : DataFrame or ndarray of shape (14000, 784) (official: (10000, 784))
    y_train : Series or ndarray of shape (56000,) (official: (60000,))
    y_test : Series or ndarray of shape (14000,) (official: (10000,))

    Examples
    --------
    >>> X_train, X_test, y_train, y_test = mnist_split()
    >>> X_train.shape, X_test.shape
    ((56000, 784), (14000, 784))
    >>> X_train, X_test, y_train, y_test = mnist_split(split="official")
    >>> X_train.shape, X_test.shape
    ((60000, 784), (10000, 784))
    """
    as_frame = _check_as_frame(as_frame)
    split = check_option(split, "split", _SPLITS)
    parts = _cached_split(as_frame, split)
    if as_frame:  # the reader's own copies (see _own_copy)
        return tuple(_own_copy(part) for part in parts)
    return tuple(part.view() for part in parts)  # new objects over read-only data


def load_digits(*, as_frame: bool = False) -> Bunch:
    """scikit-learn's 1,797 8x8 digits (pixel values 0-16): the quick warm-up dataset.

    A thin wrapper around :func:`sklearn.datasets.load_digits` (shipped with
    scikit-learn, no network).

    Returns
    -------
    Bunch
        ``data`` of shape (1797, 64), ``target`` of shape (1797,), ``images`` of shape
        (1797, 8, 8), ``target_names``, ``DESCR``.

    Examples
    --------
    >>> load_digits().data.shape
    (1797, 64)
    """
    return _sk_load_digits(as_frame=_check_as_frame(as_frame))
