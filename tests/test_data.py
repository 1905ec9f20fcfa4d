"""mnist_tutorial.data: the bundled MNIST against the raw IDX files, scikit-learn and a fake
fetch_openml; corrupted copies of the data folder must raise a clear DataFileError."""

from __future__ import annotations

import gzip
import hashlib
import shutil

import numpy as np
import pandas as pd
import pytest
import sklearn.datasets
from numpy.testing import assert_array_equal
from sklearn.model_selection import train_test_split
from sklearn.utils import Bunch

from mnist_tutorial import DataFileError, load_digits, load_mnist, mnist_split
from mnist_tutorial import data as data_module

DATA_DIR = data_module.DATA_DIR
TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS = data_module.MNIST_FILES


def _parse_idx(name: str) -> np.ndarray:
    """An independent IDX reader: gzip + NumPy, big-endian int32 header."""
    buf = gzip.decompress((DATA_DIR / name).read_bytes())
    ndim = buf[3]
    shape = tuple(np.frombuffer(buf, dtype=">i4", count=ndim, offset=4))
    return np.frombuffer(buf, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


@pytest.fixture(scope="module")
def raw():
    return {name: _parse_idx(name) for name in data_module.MNIST_FILES}


@pytest.fixture(scope="module")
def mnist():
    return load_mnist()


# --- content and order -----------------------------------------------------------------------


def test_shapes_and_openml_row_order(mnist, raw):
    assert mnist.data.shape == (70000, 784)
    assert mnist.images.shape == (70000, 28, 28)
    assert mnist.target.shape == (70000,)
    assert mnist.target.iloc[0] == "5"  # OpenML's mnist_784 starts with the training "5"
    assert mnist.target.iloc[:10].tolist() == list("5041921314")
    # images against the raw files; test_images_are_the_data_reshaped ties data to images
    assert_array_equal(mnist.images[:60000], raw[TRAIN_IMAGES])
    assert_array_equal(mnist.images[60000:], raw[TEST_IMAGES])
    # (np.array_equal: assert_array_equal is ten times slower on 55 million floats)
    assert np.array_equal(mnist.data.iloc[60000:].to_numpy(), raw[TEST_IMAGES].reshape(-1, 784))


def test_labels_match_the_raw_label_files(mnist, raw):
    labels = np.concatenate([raw[TRAIN_LABELS], raw[TEST_LABELS]])
    assert_array_equal(mnist.target.astype(int).to_numpy(), labels)
    counts = mnist.target.value_counts().reindex([str(d) for d in range(10)])
    assert_array_equal(counts.to_numpy(), np.bincount(labels, minlength=10))
    assert counts.sum() == 70000


def test_dtypes_names_and_frame(mnist):
    names = [f"pixel{i}" for i in range(1, 785)]
    assert mnist.feature_names == names
    assert list(mnist.data.columns) == names
    assert (mnist.data.dtypes == np.float64).all()
    assert isinstance(mnist.target.dtype, pd.CategoricalDtype)
    assert list(mnist.target.cat.categories) == [str(d) for d in range(10)]
    assert mnist.target.name == "class"
    assert mnist.target_names == ["class"]
    assert list(mnist.frame.columns) == [*names, "class"]
    assert np.array_equal(mnist.frame.iloc[:, :784].to_numpy(), mnist.data.to_numpy())
    assert (mnist.frame.dtypes.iloc[:784] == np.float64).all()
    assert mnist.frame["class"].dtype == mnist.target.dtype
    assert_array_equal(mnist.frame["class"].cat.codes, mnist.target.cat.codes)
    assert mnist.data.index.equals(pd.RangeIndex(70000))
    assert mnist.data.to_numpy().min() == 0 and mnist.data.to_numpy().max() == 255
    assert "LeCun" in mnist.DESCR and "CC BY-SA 3.0" in mnist.DESCR


def test_images_are_the_data_reshaped(mnist):
    assert mnist.images.dtype == np.uint8
    assert np.array_equal(mnist.images, mnist.data.to_numpy().reshape(-1, 28, 28))


def test_as_frame_false_gives_arrays(mnist):
    arrays = load_mnist(as_frame=False)
    assert isinstance(arrays.data, np.ndarray)
    assert arrays.data.dtype == np.float64 and arrays.data.shape == (70000, 784)
    assert isinstance(arrays.target, np.ndarray) and arrays.target.shape == (70000,)
    assert arrays.target.dtype == object
    assert_array_equal(arrays.target, mnist.target.to_numpy(dtype=object))
    assert np.array_equal(arrays.data, mnist.data.to_numpy())
    assert arrays.frame is None
    assert arrays.categories == {"class": [str(d) for d in range(10)]}
    # the cached arrays are read-only: an edit fails loudly instead of changing the cache
    with pytest.raises(ValueError, match="read-only"):
        arrays.data[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        arrays.images[0, 0, 0] = 1
    with pytest.raises(ValueError, match="read-only"):
        arrays.target[0] = "7"
    assert load_mnist(as_frame=False).target[0] == "5"


def test_second_call_comes_from_the_memory_cache(mnist):
    before = data_module._cached_bunch.cache_info()
    again = load_mnist()
    after = data_module._cached_bunch.cache_info()
    assert after.hits == before.hits + 1
    assert after.misses == before.misses
    assert again is not mnist  # a fresh Bunch ...
    assert np.shares_memory(again.images, mnist.images)  # ... around the same cached arrays


def test_edits_to_a_returned_frame_do_not_reach_the_next_load(mnist):
    first = load_mnist()
    first.data.iloc[0, 0] = 999.0
    first.data["pixel2"] = -1.0
    first.target.iloc[0] = "7"
    first.frame.iloc[1, 5] = 123.0
    second = load_mnist()
    assert second.data.iloc[0, 0] == 0.0
    assert (second.data["pixel2"] == 0.0).all()
    assert second.target.iloc[0] == "5"
    assert second.frame.iloc[1, 5] == 0.0
    assert mnist.data.iloc[0, 0] == 0.0


@pytest.mark.parametrize("as_frame", [True, False])
def test_in_place_edits_never_reach_the_next_call(as_frame):
    """``X_train /= 255`` in one cell must not change what the next cell loads."""
    for split in ("book", "official"):
        X_train, X_test, y_train, y_test = mnist_split(as_frame=as_frame, split=split)
        first_row = np.asarray(X_train)[0].copy()
        if as_frame:
            if split == "book":  # (each edit copies a block: one big one is enough)
                X_train /= 255  # stays in this copy (pandas copy-on-write)
                assert X_train.to_numpy().max() <= 1.0
            X_test.iloc[0, :] = -1.0
            y_train.iloc[0] = "3"
            y_test.iloc[:] = "0"
        else:
            for array in (X_train, X_test, y_train, y_test):
                with pytest.raises(ValueError, match="read-only"):
                    array[0] = array[1]
            with pytest.raises(ValueError, match="read-only"):
                X_train /= 255
        again = mnist_split(as_frame=as_frame, split=split)
        assert_array_equal(np.asarray(again[0])[0], first_row)
        assert np.asarray(again[0]).max() == 255.0
        assert np.asarray(again[1])[0].max() > 0
        assert np.asarray(again[2])[0] == mnist_split(as_frame=True, split=split)[2].iloc[0]
        assert len(set(np.asarray(again[3]).tolist())) == 10
    mnist = load_mnist(as_frame=as_frame)
    mnist.feature_names.append("extra")
    mnist.target_names[0] = "label"
    mnist.categories = None
    again = load_mnist(as_frame=as_frame)
    assert len(again.feature_names) == 784 and again.target_names == ["class"]
    assert not again.images.flags.writeable


def test_official_split_is_the_idx_files(raw):
    """The first 60,000 rows are LeCun's training file, the last 10,000 his t10k file."""
    X_train, X_test, y_train, y_test = mnist_split(split="official")
    assert X_train.shape == (60000, 784) and X_test.shape == (10000, 784)
    assert np.array_equal(X_train.to_numpy(), raw[TRAIN_IMAGES].reshape(-1, 784))
    assert np.array_equal(X_test.to_numpy(), raw[TEST_IMAGES].reshape(-1, 784))
    assert_array_equal(y_train.astype(int).to_numpy(), raw[TRAIN_LABELS])
    assert_array_equal(y_test.astype(int).to_numpy(), raw[TEST_LABELS])
    assert_array_equal(X_test.index, np.arange(60000, 70000))
    arrays = mnist_split(as_frame=False, split="official")
    assert np.array_equal(arrays[1], raw[TEST_IMAGES].reshape(-1, 784))
    assert_array_equal(arrays[2].astype(int), raw[TRAIN_LABELS])
    assert len(raw[TRAIN_LABELS]) == data_module.N_TRAIN_OFFICIAL


def test_book_split_as_arrays_matches_the_frames():
    _, X_test, y_train, _ = mnist_split(as_frame=False)
    frames = mnist_split(split="book")
    assert np.array_equal(X_test, frames[1].to_numpy())
    assert_array_equal(y_train, frames[2].to_numpy(dtype=object))


@pytest.mark.parametrize("split", ["random", "Official", "", None, 0.2])
def test_bad_split_raises(split):
    with pytest.raises((ValueError, TypeError), match="split must be one of 'book', 'official'"):
        mnist_split(split=split)


@pytest.mark.parametrize("as_frame", ["yes", 1, None])
def test_bad_as_frame_raises(as_frame):
    with pytest.raises(TypeError, match="as_frame must be True or False"):
        load_mnist(as_frame=as_frame)
    with pytest.raises(TypeError, match="as_frame must be True or False"):
        mnist_split(as_frame=as_frame)


@pytest.mark.parametrize("source", ["web", "OpenML", "", None])
def test_bad_source_raises(source):
    with pytest.raises((ValueError, TypeError), match="source must be one of 'bundled', 'openml'"):
        load_mnist(source=source)


# --- source="openml" delegates to scikit-learn (faked: no network) ---------------------------


@pytest.mark.parametrize("as_frame", [True, False])
def test_openml_source_calls_fetch_openml(monkeypatch, as_frame):
    calls = []
    pixels = np.random.default_rng(0).integers(0, 256, size=(3, 784)).astype(np.float64)

    def fake_fetch_openml(*args, **kwargs):
        calls.append((args, kwargs))
        data = pd.DataFrame(pixels, columns=[f"pixel{i}" for i in range(1, 785)])
        return Bunch(data=data if kwargs["as_frame"] else pixels, target=None)

    monkeypatch.setattr(sklearn.datasets, "fetch_openml", fake_fetch_openml)
    bunch = load_mnist(source="openml", as_frame=as_frame)
    assert calls == [(("mnist_784",), {"version": 1, "as_frame": as_frame, "parser": "auto"})]
    assert bunch.images.dtype == np.uint8
    assert bunch.images.shape == (3, 28, 28)
    assert_array_equal(bunch.images, pixels.reshape(3, 28, 28))


def test_openml_source_times_out_instead_of_hanging(monkeypatch):
    """A stalled download (a fetch that never returns) raises TimeoutError in time."""
    import threading
    import time

    release = threading.Event()

    def stalled_fetch_openml(*args, **kwargs):
        release.wait(60)  # a connection that never answers (released when the test ends)
        raise ConnectionError("never reached")

    monkeypatch.setattr(sklearn.datasets, "fetch_openml", stalled_fetch_openml)
    start = time.perf_counter()
    try:
        with pytest.raises(TimeoutError, match=r"within 0\.2 seconds.*source='bundled'"):
            load_mnist(source="openml", timeout=0.2)
    finally:
        release.set()
    assert time.perf_counter() - start < 5
    assert data_module.OPENML_TIMEOUT == 300


def test_openml_errors_reach_the_caller(monkeypatch):
    def failing_fetch_openml(*args, **kwargs):
        raise ConnectionError("no network")

    monkeypatch.setattr(sklearn.datasets, "fetch_openml", failing_fetch_openml)
    with pytest.raises(ConnectionError, match="no network"):
        load_mnist(source="openml")


@pytest.mark.parametrize(
    "timeout, error",
    [
        (0, ValueError),
        (-1, ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        ("10", TypeError),
        (True, TypeError),
        (None, TypeError),
    ],
)
def test_bad_timeout_raises(timeout, error):
    with pytest.raises(error, match="timeout must be"):
        load_mnist(source="openml", timeout=timeout)


# --- mnist_split and load_digits -------------------------------------------------------------


def test_mnist_split_is_the_books_train_test_split(mnist):
    X_train, X_test, y_train, y_test = mnist_split()
    # train_test_split draws its permutation from n_samples and random_state only, so
    # splitting the row numbers gives the oracle without copying 440 MB of pixels again
    rows_train, rows_test = train_test_split(np.arange(70000), test_size=0.2, random_state=42)
    assert X_train.shape == (56000, 784) and X_test.shape == (14000, 784)
    assert y_train.shape == (56000,) and y_test.shape == (14000,)
    assert_array_equal(X_train.index, rows_train)
    assert_array_equal(X_test.index, rows_test)
    assert_array_equal(y_train.index, rows_train)
    assert_array_equal(y_test.index, rows_test)
    assert_array_equal(y_train.to_numpy(), mnist.target.to_numpy()[rows_train])
    assert_array_equal(y_test.to_numpy(), mnist.target.to_numpy()[rows_test])
    assert y_train.dtype == mnist.target.dtype and y_train.name == "class"
    assert np.array_equal(X_test.to_numpy(), mnist.data.to_numpy()[rows_test])
    assert np.array_equal(X_train.to_numpy()[:500], mnist.data.to_numpy()[rows_train[:500]])
    assert list(X_train.columns) == mnist.feature_names
    again = mnist_split()[0]  # computed once per process: a new frame (over the same data
    # under pandas 3's copy-on-write; a deep copy under pandas 2)
    assert again is not X_train
    shared = np.shares_memory(again.to_numpy(), X_train.to_numpy())
    assert shared == data_module._COPY_ON_WRITE


def test_mnist_split_equals_splitting_the_frames_on_digits_sized_data():
    """The same call on DataFrames (the oracle above relies on this equivalence)."""
    X = pd.DataFrame(np.arange(200.0).reshape(100, 2))
    y = pd.Series(np.arange(100) % 10)
    X_train, X_test, _, _ = train_test_split(X, y, test_size=0.2, random_state=42)
    rows_train, rows_test = train_test_split(np.arange(100), test_size=0.2, random_state=42)
    assert_array_equal(X_train.index, rows_train)
    assert_array_equal(X_test.index, rows_test)


def test_load_digits_is_sklearns():
    ours, theirs = load_digits(), sklearn.datasets.load_digits()
    assert_array_equal(ours.data, theirs.data)
    assert_array_equal(ours.target, theirs.target)
    assert_array_equal(ours.images, theirs.images)
    assert ours.data.shape == (1797, 64)
    framed = load_digits(as_frame=True)
    pd.testing.assert_frame_equal(framed.data, sklearn.datasets.load_digits(as_frame=True).data)


# --- a damaged data folder: a clear DataFileError, never wrong data --------------------------


@pytest.fixture
def data_copy(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def _load_copy(folder):
    """Load through the same cached loader load_mnist uses, keyed on the folder."""
    return data_module._cached_bunch(str(folder), True)


def _rewrite(folder, name, payload: bytes, *, compress: bool = True) -> None:
    """Replace a file and RECOMPUTE its checksum, so only the content check can catch it."""
    raw = gzip.compress(payload, compresslevel=1) if compress else payload
    (folder / name).write_bytes(raw)
    sums = folder / "SHA256SUMS"
    lines = []
    for line in sums.read_text().splitlines():
        digest, file_name = line.split()
        if file_name.lstrip("*") == name:
            digest = hashlib.sha256(raw).hexdigest()
        lines.append(f"{digest}  {file_name}")
    sums.write_text("\n".join(lines) + "\n")


def _label_file(labels, header=None) -> bytes:
    labels = np.asarray(labels, dtype=np.uint8)
    header = header or (b"\x00\x00\x08\x01" + len(labels).to_bytes(4, "big"))
    return header + labels.tobytes()


def test_the_real_folder_loads_through_the_test_loader():
    assert data_module.expected_checksums(DATA_DIR).keys() >= set(data_module.MNIST_FILES)


def test_one_corrupted_byte_fails_the_checksum(data_copy, monkeypatch):
    path = data_copy / TRAIN_IMAGES
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(DataFileError, match=rf"{TRAIN_IMAGES} failed its checksum"):
        _load_copy(data_copy)
    # the public function, pointed at the damaged folder, refuses too
    monkeypatch.setattr(data_module, "DATA_DIR", data_copy)
    with pytest.raises(DataFileError, match="truncated or corrupted"):
        load_mnist()


def test_truncated_file_fails_the_checksum(data_copy):
    path = data_copy / TEST_LABELS
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(DataFileError, match=rf"{TEST_LABELS} failed its checksum"):
        _load_copy(data_copy)


def test_missing_file_is_named(data_copy):
    (data_copy / TEST_IMAGES).unlink()
    with pytest.raises(DataFileError, match=rf"{TEST_IMAGES} is missing"):
        _load_copy(data_copy)


def test_missing_checksum_list(data_copy):
    (data_copy / "SHA256SUMS").unlink()
    with pytest.raises(DataFileError, match="cannot read the checksum list"):
        _load_copy(data_copy)


def test_file_without_checksum_entry(data_copy):
    sums = data_copy / "SHA256SUMS"
    sums.write_text(
        "".join(line + "\n" for line in sums.read_text().splitlines() if TRAIN_LABELS not in line)
    )
    with pytest.raises(DataFileError, match=rf"{TRAIN_LABELS} has no entry in SHA256SUMS"):
        _load_copy(data_copy)


def test_malformed_checksum_list(data_copy):
    (data_copy / "SHA256SUMS").write_text("not-a-checksum-line\n")
    with pytest.raises(DataFileError, match="malformed line"):
        _load_copy(data_copy)


# The first file read is the training images: replacing it by a small bad file fails fast.


def test_bad_header_with_matching_checksum(data_copy):
    _rewrite(data_copy, TRAIN_IMAGES, b"\x00\x00\x0d\x03" + bytes(12))
    with pytest.raises(DataFileError, match=rf"{TRAIN_IMAGES} has a bad IDX header.*00 00 0d 03"):
        _load_copy(data_copy)


def test_truncated_payload_with_matching_checksum(data_copy):
    header = b"\x00\x00\x08\x03" + b"".join(n.to_bytes(4, "big") for n in (10, 28, 28))
    _rewrite(data_copy, TRAIN_IMAGES, header + bytes(10 * 784 - 1))
    with pytest.raises(DataFileError, match=rf"{TRAIN_IMAGES} is truncated or padded"):
        _load_copy(data_copy)


def test_not_gzip_with_matching_checksum(data_copy):
    _rewrite(data_copy, TRAIN_IMAGES, b"plain bytes, not gzip", compress=False)
    with pytest.raises(DataFileError, match=rf"{TRAIN_IMAGES} is not valid gzip"):
        _load_copy(data_copy)


# Shapes, label values and counts are checked once all four files are read.


def test_label_out_of_range_with_matching_checksum(data_copy):
    labels = gzip.decompress((DATA_DIR / TEST_LABELS).read_bytes())
    payload = bytearray(labels)
    payload[-1] = 10
    _rewrite(data_copy, TEST_LABELS, bytes(payload))
    with pytest.raises(DataFileError, match=rf"{TEST_LABELS} holds the label 10"):
        _load_copy(data_copy)


def test_labels_with_wrong_shape_with_matching_checksum(data_copy):
    # a valid IDX file of shape (5, 2): right type byte, wrong number of dimensions
    header = b"\x00\x00\x08\x02" + (5).to_bytes(4, "big") + (2).to_bytes(4, "big")
    _rewrite(data_copy, TEST_LABELS, header + bytes(10))
    with pytest.raises(DataFileError, match=rf"{TEST_LABELS} has shape \(5, 2\)"):
        _load_copy(data_copy)


def test_image_and_label_counts_must_agree(data_copy):
    _rewrite(data_copy, TEST_LABELS, _label_file(np.zeros(9999)))
    with pytest.raises(DataFileError, match="disagree on the number of samples"):
        _load_copy(data_copy)


def test_data_file_error_is_an_os_error():
    assert issubclass(DataFileError, OSError)


def _rewrite_raw(folder, name, raw: bytes) -> None:
    """Replace a file with these exact bytes and recompute its checksum."""
    (folder / name).write_bytes(raw)
    sums = folder / "SHA256SUMS"
    lines = []
    for line in sums.read_text().splitlines():
        digest, file_name = line.split()
        if file_name.lstrip("*") == name:
            digest = hashlib.sha256(raw).hexdigest()
        lines.append(f"{digest}  {file_name}")
    sums.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(
            lambda raw: raw[:20] + bytes(b ^ 0xFF for b in raw[20:60]) + raw[60:],
            id="corrupt-deflate",
        ),
        pytest.param(lambda raw: raw[: len(raw) // 2], id="truncated-stream"),
        pytest.param(lambda raw: raw[:-4] + b"\x00\x00\x00\x00", id="wrong-size-trailer"),
        pytest.param(lambda raw: raw[:-8] + b"\x01\x02\x03\x04" + raw[-4:], id="wrong-crc"),
    ],
)
def test_damaged_gzip_stream_with_matching_checksum(data_copy, damage):
    """A damaged gzip stream behind a matching checksum: DataFileError naming the file,
    never zlib.error, EOFError or a reshape error."""
    raw = (DATA_DIR / TEST_LABELS).read_bytes()
    _rewrite_raw(data_copy, TEST_LABELS, damage(raw))
    with pytest.raises(DataFileError, match=TEST_LABELS):
        _load_copy(data_copy)


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(b"\x00\x00\x08\x03" + (10).to_bytes(4, "big"), id="header-cut-short"),
        pytest.param(b"\x00\x00\x08\x00", id="no-dimensions"),
        pytest.param(
            b"\x00\x00\x08\x03" + b"\xff\xff\xff\xff" * 3 + bytes(16), id="huge-dimensions"
        ),
        pytest.param(b"\x00\x00\x08", id="three-bytes"),
    ],
)
def test_bad_idx_shapes_with_matching_checksum(data_copy, payload):
    _rewrite(data_copy, TRAIN_IMAGES, payload)
    with pytest.raises(DataFileError, match=TRAIN_IMAGES):
        _load_copy(data_copy)


def test_returned_tables_are_deep_copies_without_copy_on_write(monkeypatch, mnist):
    """Under pandas 2 (no copy-on-write) the tables must be deep copies: simulate it."""
    monkeypatch.setattr(data_module, "_COPY_ON_WRITE", False)
    first = load_mnist()
    assert not np.shares_memory(first.data.to_numpy(), load_mnist().data.to_numpy())
    X_train = mnist_split()[0]
    assert not np.shares_memory(X_train.to_numpy(), mnist_split()[0].to_numpy())
