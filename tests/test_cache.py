"""mnist_tutorial.cache: the shared fit cache, on small data (scikit-learn's 8x8 digits).

Every test here runs with its own empty cache folder (see conftest.py).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import re
import stat
import sys
import threading
import time
import warnings

import joblib
import numpy as np
import pandas as pd
import pytest
import sklearn
from numpy.testing import assert_array_equal
from sklearn.base import BaseEstimator, clone
from sklearn.decomposition import PCA
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from mnist_tutorial import (
    FitCacheWarning,
    cache_dir,
    fit_cache_table,
    fit_cached,
    fit_record,
    load_digits,
)


@pytest.fixture(scope="module", autouse=True)
def _one_blas_thread():
    """Tiny fits: on a busy machine, multi-threaded BLAS makes them 20 times slower."""
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def digits():
    d = load_digits()
    X = d.data[:300] / 16.0
    return X, d.target[:300]


@pytest.fixture
def fit_calls(monkeypatch):
    """Count the real LogisticRegression.fit calls (the cache must skip them)."""
    calls = []
    original = LogisticRegression.fit

    def counting_fit(self, X, y, sample_weight=None):
        calls.append(self.get_params()["C"])
        return original(self, X, y, sample_weight)

    monkeypatch.setattr(LogisticRegression, "fit", counting_fit)
    return calls


@pytest.fixture
def as_installed(monkeypatch):
    """This module's helper estimators count as an installed package's: the cache never
    keys the reader's own code (see the tests of that below), and these stand in for an
    installed estimator that is slow, or that cannot be pickled once fitted."""
    import mnist_tutorial.cache as cache_module

    real = cache_module._origin
    here = _SlowLoggedFit.__module__
    monkeypatch.setattr(cache_module, "_origin", lambda n: "installed" if n == here else real(n))


def _model(**params):
    return LogisticRegression(max_iter=500, **params)


def _entries(folder):
    return sorted(folder.glob("*.joblib"))


def test_cache_dir_follows_the_environment(fit_cache, monkeypatch, tmp_path):
    assert cache_dir() == fit_cache
    monkeypatch.delenv("MNIST_TUTORIAL_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "mnist-tutorial"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "mnist-tutorial"


def test_second_call_loads_the_same_model_without_refitting(digits, fit_cache, fit_calls):
    X, y = digits
    first = fit_cached(_model(), X, y)
    assert fit_calls == [1.0]
    record = fit_record(first)
    assert record.from_cache is False
    assert record.fit_seconds > 0
    assert record.warnings == []
    entries = _entries(fit_cache)
    assert len(entries) == 1 and entries[0].name.startswith("LogisticRegression-")
    assert record.key in entries[0].name

    second = fit_cached(_model(), X, y)
    assert fit_calls == [1.0]  # no second fit
    again = fit_record(second)
    assert again.from_cache is True
    assert again.key == record.key
    assert again.fit_seconds == record.fit_seconds  # the time of the real fit
    assert second is not first
    assert_array_equal(second.coef_, first.coef_)
    assert_array_equal(second.intercept_, first.intercept_)
    assert_array_equal(second.predict(X), first.predict(X))
    assert_array_equal(second.predict_proba(X), first.predict_proba(X))
    # the fit matches a plain, uncached scikit-learn fit
    plain = clone(_model()).fit(X, y)
    assert_array_equal(second.coef_, plain.coef_)
    assert _entries(fit_cache) == entries


def test_equal_arrays_in_new_objects_reuse_the_entry(digits, fit_cache, fit_calls):
    """Equal data in new objects (as in a later chapter) hits the same entry; other types miss."""
    X, y = digits
    fit_cached(_model(), X, y)
    fit_cached(_model(), X.copy(), y.copy().tolist())  # a list of the same labels is new data
    fit_cached(_model(), X.copy(), y.copy())
    assert len(fit_calls) == 2
    assert fit_record(fit_cached(_model(), np.array(X), np.array(y))).from_cache


def test_equal_dataframes_share_an_entry(digits, fit_calls):
    X, y = digits
    frame = pd.DataFrame(X, columns=[f"pixel{i}" for i in range(1, 65)])
    target = pd.Series(y.astype(str), name="class")
    fit_cached(_model(), frame, target)
    copy = fit_cached(_model(), frame.copy(), target.copy())
    assert fit_record(copy).from_cache
    assert len(fit_calls) == 1


@pytest.mark.parametrize("change", ["one pixel", "one label", "C", "max_iter", "fewer rows"])
def test_changed_data_or_parameters_refit(digits, fit_cache, fit_calls, change):
    X, y = digits
    base = fit_cached(_model(), X, y)
    X2, y2, model = X.copy(), y.copy(), _model()
    if change == "one pixel":
        X2[17, 30] += 0.25
    elif change == "one label":
        y2[5] = (y2[5] + 1) % 10
    elif change == "C":
        model = _model(C=0.5)
    elif change == "max_iter":
        model = LogisticRegression(max_iter=600)
    else:
        X2, y2 = X2[:-1], y2[:-1]
    refit = fit_cached(model, X2, y2)
    assert len(fit_calls) == 2
    assert fit_record(refit).from_cache is False
    assert fit_record(refit).key != fit_record(base).key
    assert len(_entries(fit_cache)) == 2
    assert_array_equal(refit.coef_, clone(model).fit(X2, y2).coef_)


def test_labels_that_differ_in_kind_or_value_never_share_an_entry(digits, fit_calls):
    """Labels are hashed in bulk (categorical codes, string blocks), never losing a difference."""
    X, y = digits
    strings = y.astype(str).astype(object)
    cat = pd.Series(pd.Categorical(strings, categories=[str(d) for d in range(10)]))
    variants = {
        "categorical": cat,
        "categorical, one label changed": cat.where(cat.index != 5, "9" if cat[5] != "9" else "8"),
        "categorical, an unused category": cat.cat.add_categories(["x"]),
        "categorical, ordered": cat.cat.as_ordered(),
        "object strings": pd.Series(strings),
        "str array": strings.astype(str),
        "object array": strings,
        "object array, a longer label": np.array([*strings[:-1], "10"], dtype=object),
        "object array, a longer label, a trailing NUL": np.array(
            [strings[0] + "\0", *strings[1:-1], "10"], dtype=object
        ),
    }
    keys = {
        name: fit_record(fit_cached(_model(), X, labels)).key for name, labels in variants.items()
    }
    assert len(set(keys.values())) == len(keys), keys
    assert len(fit_calls) == len(keys)
    again = fit_cached(
        _model(), X, pd.Series(pd.Categorical(strings, categories=cat.cat.categories))
    )
    assert fit_record(again).from_cache and len(fit_calls) == len(keys)


def test_pipelines_are_keyed_by_their_inner_parameters(digits, fit_calls):
    X, y = digits
    pipe = make_pipeline(StandardScaler(), _model())
    fitted = fit_cached(pipe, X, y)
    assert fit_record(fit_cached(pipe, X, y)).from_cache
    other = fit_cached(clone(pipe).set_params(logisticregression__C=0.1), X, y)
    assert fit_record(other).from_cache is False
    assert fit_calls == [1.0, 0.1]
    assert_array_equal(fitted.predict(X), clone(pipe).fit(X, y).predict(X))


def _deskew_data():
    X = np.zeros((40, 784))
    X[:, 300:310] = np.linspace(0, 255, 40)[:, None]
    return X, np.arange(40) % 2


def _edit_source(monkeypatch, module_name, suffix):
    """Make the cache read ``module_name``'s source with ``suffix`` (or ``suffix[0]``) appended."""
    import mnist_tutorial.cache as cache

    real_getsource = cache.inspect.getsource

    def edited(obj):
        source = real_getsource(obj)
        added = suffix[0] if isinstance(suffix, list) else suffix
        return source + added if getattr(obj, "__name__", "") == module_name else source

    monkeypatch.setattr(cache.inspect, "getsource", edited)


@pytest.mark.parametrize("module", ["mnist_tutorial.features", "mnist_tutorial._validation"])
def test_editing_a_library_step_refits(digits, monkeypatch, fit_calls, module):
    """A step defined in mnist_tutorial (Deskew) is keyed by its module's code and by the
    code of the library modules that module uses (_validation)."""
    from mnist_tutorial.cache import code_fingerprint
    from mnist_tutorial.features import Deskew

    X, y = _deskew_data()
    pipe = make_pipeline(Deskew(), _model())
    fit_cached(pipe, X, y)
    assert fit_record(fit_cached(pipe, X, y)).from_cache
    _edit_source(monkeypatch, module, "\nEDITED = 1\n")
    assert fit_record(fit_cached(pipe, X, y)).from_cache is False
    assert len(fit_calls) == 2
    # a pipeline made only of scikit-learn steps depends on no source code at all
    assert code_fingerprint(make_pipeline(StandardScaler(), _model())) == []
    assert code_fingerprint(pipe) == ["mnist_tutorial.features"]


@pytest.mark.parametrize(
    "edited",
    ["\ndef f():  # a comment\n    pass\n", '\ndef f():\n    """Doc."""\n    pass\n'],
    ids=["comment", "docstring"],
)
def test_docstring_or_comment_edits_of_the_library_reuse_the_fit(
    digits, monkeypatch, fit_calls, edited
):
    """Docstrings and comments are not part of the key; code is."""
    from mnist_tutorial.features import Deskew

    X, y = _deskew_data()
    pipe = make_pipeline(Deskew(), _model())
    suffix = ["\ndef f():\n    pass\n"]
    _edit_source(monkeypatch, "mnist_tutorial.features", suffix)
    fit_cached(pipe, X, y)
    suffix[0] = edited
    assert fit_record(fit_cached(pipe, X, y)).from_cache
    assert len(fit_calls) == 1


def test_cache_reports_skip_entries_that_can_no_longer_be_hit(digits, fit_cache, monkeypatch):
    """Entries of an older library step or scikit-learn stay on disk but are not reported."""
    import mnist_tutorial.cache as cache
    from mnist_tutorial.features import Deskew

    fit_cached(make_pipeline(Deskew(), _model()), *_deskew_data())
    fit_cached(_model(), *digits)
    assert len(fit_cache_table(folder=fit_cache)) == 2
    _edit_source(monkeypatch, "mnist_tutorial.features", "\nEDITED = 1\n")
    table = fit_cache_table(folder=fit_cache)  # Deskew "changed": its entry is stale
    assert table["model"].tolist() == ["LogisticRegression(max_iter=500)"]
    monkeypatch.setattr(cache.sklearn, "__version__", "0.0")  # another scikit-learn
    assert len(fit_cache_table(folder=fit_cache)) == 0
    assert len(_entries(fit_cache)) == 2  # nothing deleted


def test_reports_can_keep_only_the_models_used_since_a_time(digits, fit_cache):
    """Loading an entry marks it as used, so a build can list the models it used."""
    import os

    from mnist_tutorial import fit_cache_table

    fit_cached(_model(C=1.0), *digits)
    fit_cached(_model(C=0.1), *digits)
    for path in _entries(fit_cache):
        os.utime(path, (1_000_000, 1_000_000))  # both used long ago
    start = time.time() - 1
    assert len(fit_cache_table(folder=fit_cache, used_since=start)) == 0
    fit_cached(_model(C=0.1), *digits)  # loaded from the cache: marked as used now
    table = fit_cache_table(folder=fit_cache, used_since=start)
    assert table["model"].tolist() == ["LogisticRegression(C=0.1, max_iter=500)"]
    assert len(fit_cache_table(folder=fit_cache)) == 2


class _SlowLoggedFit(BaseEstimator):
    """Sleeps in fit and appends a line to ``log``: counts real fits across processes."""

    def __init__(self, log=""):
        self.log = log

    def fit(self, X, y=None):
        with open(self.log, "a") as handle:
            handle.write("fit\n")
        time.sleep(1.0)
        self.fitted_ = True
        return self


def _fit_in_child(log, queue):
    queue.put(fit_record(fit_cached(_SlowLoggedFit(log), np.zeros((3, 2)))).from_cache)


@pytest.mark.skipif(sys.platform == "win32", reason="the fit lock uses POSIX flock")
def test_two_processes_needing_the_same_model_fit_it_once(tmp_path, as_installed):
    """Chapters executed in parallel share fits: the second process waits and loads."""
    context = multiprocessing.get_context("fork")
    log, queue = tmp_path / "fits.log", context.Queue()
    children = [context.Process(target=_fit_in_child, args=(str(log), queue)) for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=30)
    assert [child.exitcode for child in children] == [0, 0]
    assert sorted(queue.get(timeout=5) for _ in children) == [False, True]
    assert log.read_text().splitlines() == ["fit"]


def test_unsupervised_estimators_without_y(digits):
    X, _ = digits
    pca = fit_cached(PCA(n_components=3, random_state=0), X)
    assert fit_record(fit_cached(PCA(n_components=3, random_state=0), X)).from_cache
    assert_array_equal(pca.components_, PCA(n_components=3, random_state=0).fit(X).components_)


def test_the_estimator_passed_in_is_not_modified(digits):
    X, y = digits
    model = _model(C=0.7)
    params = model.get_params()
    fitted = fit_cached(model, X, y)
    assert fitted is not model
    assert not hasattr(model, "coef_")
    assert not hasattr(model, "_mnist_tutorial_fit_record")
    assert model.get_params() == params
    with pytest.raises(ValueError, match="not fitted through fit_cached"):
        fit_record(model)


@pytest.mark.parametrize("garbage", [b"not a joblib file", b"", "truncate", "wrong key", "list"])
def test_corrupt_entries_are_refitted_and_rewritten(digits, fit_cache, fit_calls, garbage, caplog):
    X, y = digits
    first = fit_cached(_model(), X, y)
    (entry,) = _entries(fit_cache)
    if garbage == "truncate":
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    elif garbage == "wrong key":  # a readable entry that belongs to other data
        other = joblib.load(entry)
        other["record"] = ("0" * 40, *other["record"][1:])
        joblib.dump(other, entry)
    elif garbage == "list":
        joblib.dump([1, 2, 3], entry)
    else:
        entry.write_bytes(garbage)
    refit = fit_cached(_model(), X, y)  # a damaged entry is the disk's problem: logged
    assert re.search(rf"{entry.name} is unreadable.*refitting", caplog.text)
    assert len(fit_calls) == 2
    assert fit_record(refit).from_cache is False
    assert_array_equal(refit.coef_, first.coef_)
    # the entry was rewritten: the next call loads it, silently
    reloaded = fit_cached(_model(), X, y)
    assert fit_record(reloaded).from_cache
    assert len(fit_calls) == 2


def test_an_unwritable_cache_still_returns_the_fit(digits, tmp_path, monkeypatch, caplog):
    X, y = digits
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(blocker))
    model = fit_cached(_model(), X, y)  # no warning (filterwarnings=error would raise it)
    assert "cannot create the fit cache folder" in caplog.text
    assert model.predict(X[:5]).shape == (5,)
    assert fit_record(model).from_cache is False


def test_fit_warnings_are_recorded_and_replayed(digits, fit_calls):
    X, y = digits
    with pytest.warns(ConvergenceWarning) as first_caught:
        first = fit_cached(LogisticRegression(max_iter=1), X, y)
    record = fit_record(first)
    assert [name for name, _ in record.warnings] == ["ConvergenceWarning"]
    assert "max_iter" in record.warnings[0][1] or "converge" in record.warnings[0][1]
    assert sum(w.category is ConvergenceWarning for w in first_caught) == 1

    with pytest.warns(ConvergenceWarning) as again_caught:
        second = fit_cached(LogisticRegression(max_iter=1), X, y)
    assert fit_record(second).from_cache
    assert len(fit_calls) == 1
    replayed = [w for w in again_caught if w.category is ConvergenceWarning]
    assert len(replayed) == 1
    assert str(replayed[0].message) == record.warnings[0][1]


def test_a_clean_fit_replays_nothing(digits):
    X, y = digits
    fit_cached(_model(), X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit_cached(_model(), X, y)


def test_the_fit_error_propagates_and_nothing_is_cached(fit_cache):
    with pytest.raises(ValueError):
        fit_cached(_model(), [[0.0], [1.0]], [0, 0])  # one class only
    assert _entries(fit_cache) == []


@pytest.mark.parametrize(
    "bad", ["LogisticRegression", LogisticRegression, None, object(), [LogisticRegression()]]
)
def test_bad_estimator_raises_type_error(bad, digits):
    X, y = digits
    with pytest.raises(TypeError, match="estimator must be an unfitted scikit-learn estimator"):
        fit_cached(bad, X, y)


@pytest.mark.parametrize("est", [LogisticRegression(), "model", None])
def test_fit_record_of_an_uncached_estimator_raises(est):
    with pytest.raises(ValueError, match="not fitted through fit_cached"):
        fit_record(est)


# --- security: the cache trusts only a folder and entries only their user can write --------


class _Planted:
    """Unpickling this creates ``marker``: proof that a planted pickle ran code."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _plant(folder, estimator, X, y, marker):
    """Write a hostile entry, claiming to be current, under the key the cache would use."""
    from mnist_tutorial import cache

    key, library = cache._cache_key(estimator, X, y)
    path = folder / f"{type(estimator).__name__}-{key}.joblib"
    payload = {"format": cache._FORMAT, "estimator": _Planted(marker), "record": None}
    joblib.dump({**payload, "sklearn": sklearn.__version__, "library": library}, path)
    return path


def _give_away(path, monkeypatch):
    """Make ``path`` look owned by another user (chown as root, else a different getuid)."""
    if os.geteuid() == 0:
        os.chown(path, 4242, 4242)
    else:
        monkeypatch.setattr(os, "getuid", lambda: os.geteuid() + 4242)


@pytest.mark.parametrize("how", ["group-writable", "world-writable", "someone else's"])
def test_an_untrusted_folder_is_refused_and_its_entries_never_loaded(
    digits, tmp_path, monkeypatch, fit_calls, how
):
    X, y = digits
    folder = tmp_path / "shared"
    folder.mkdir()
    marker = tmp_path / "code-ran"
    entry = _plant(folder, _model(), X, y, marker)
    os.chmod(folder, {"group-writable": 0o770, "world-writable": 0o777}.get(how, 0o700))
    if how == "someone else's":
        _give_away(folder, monkeypatch)
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(folder))
    with pytest.warns(FitCacheWarning, match="fit cache is not used") as caught:
        model = fit_cached(_model(), X, y)
    message = str(caught[0].message)
    assert str(folder) in message and "chmod 700" in message
    assert ("owned by user id" if how == "someone else's" else "writable by") in message
    assert not marker.exists()  # the planted pickle was never loaded
    assert len(fit_calls) == 1  # the model was fitted ...
    assert fit_record(model).from_cache is False
    assert "not used" in fit_record(model).note
    assert_array_equal(model.coef_, clone(_model()).fit(X, y).coef_)
    assert entry.read_bytes().startswith(b"\x80")  # ... and nothing was written over the plant
    again = fit_cached(_model(), X, y)  # warned once per folder: then only logged
    assert fit_record(again).from_cache is False and not marker.exists()
    assert [p.name for p in folder.iterdir()] == [entry.name]
    assert len(fit_cache_table(X, y, folder=folder)) == 0  # the listing refuses it too
    assert not marker.exists()


@pytest.mark.parametrize("how", ["group-writable", "someone else's", "symlink"])
def test_an_untrusted_entry_in_a_private_folder_is_refitted(
    digits, fit_cache, tmp_path, monkeypatch, fit_calls, how
):
    X, y = digits
    marker = tmp_path / "code-ran"
    if how == "symlink":
        elsewhere = _plant(tmp_path, _model(), X, y, marker)
        (fit_cache / elsewhere.name).symlink_to(elsewhere)
        entry = fit_cache / elsewhere.name
    else:
        entry = _plant(fit_cache, _model(), X, y, marker)
        if how == "group-writable":
            os.chmod(entry, 0o664)
        elif os.geteuid() == 0:
            os.chown(entry, 4242, 4242)
        else:
            pytest.skip("needs root to give a file away")
    with pytest.warns(FitCacheWarning, match=re.escape(entry.name)):
        model = fit_cached(_model(), X, y)
    assert not marker.exists()
    assert fit_record(model).from_cache is False and len(fit_calls) == 1
    # the refit replaced the entry with a private one, which the next call trusts
    assert not entry.is_symlink()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600 and entry.stat().st_uid == os.geteuid()
    assert fit_record(fit_cached(_model(), X, y)).from_cache


def test_the_folder_is_created_private(digits, tmp_path, monkeypatch):
    folder = tmp_path / "new" / "cache"
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(folder))
    fit_cached(_model(), *digits)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {0o600}


@pytest.mark.parametrize("how", ["group-writable", "symlink"])
def test_the_listing_applies_the_caches_checks(digits, fit_cache, tmp_path, how):
    """The listing loads an entry only as fit_cached would: a planted one never runs."""
    X, y = digits
    marker = tmp_path / "code-ran"
    fit_cached(_model(C=0.5), X, y)  # one real entry
    if how == "symlink":
        elsewhere = _plant(tmp_path, _model(), X, y, marker)
        (fit_cache / elsewhere.name).symlink_to(elsewhere)
    else:
        os.chmod(_plant(fit_cache, _model(), X, y, marker), 0o664)
    with pytest.warns(FitCacheWarning, match="safely" if how == "symlink" else "writable by"):
        table = fit_cache_table(X, y, folder=fit_cache)
    assert table["model"].tolist() == ["LogisticRegression(C=0.5, max_iter=500)"]
    assert table["test_accuracy"][0] == pytest.approx(fit_cached(_model(C=0.5), X, y).score(X, y))
    assert not marker.exists()


def test_the_listing_describes_each_entry_from_the_entry(digits, fit_cache):
    X, y = digits
    with pytest.warns(ConvergenceWarning):
        model = fit_cached(LogisticRegression(max_iter=2), X, y)
    (entry,) = _entries(fit_cache)
    assert fit_record(model).key in entry.name
    (row,) = fit_cache_table(X, y, folder=fit_cache).to_dict("records")
    assert row["model"] == "LogisticRegression(max_iter=2)"
    assert row["fit_seconds"] == fit_record(model).fit_seconds
    assert row["warnings"] == "ConvergenceWarning" and row["n_iter"] == 2
    assert row["test_accuracy"] == model.score(X, y)
    assert list(fit_cache.glob("*.json")) == []  # no description files


@pytest.mark.parametrize("garbage", [b"not a joblib file", b"", "list"])
def test_the_listing_skips_damaged_entries(digits, fit_cache, garbage):
    fit_cached(_model(), *digits)
    (entry,) = _entries(fit_cache)
    if garbage == "list":
        joblib.dump([1, 2, 3], entry)
    else:
        entry.write_bytes(garbage)
    assert len(fit_cache_table(folder=fit_cache)) == 0


def test_temporary_files_of_a_killed_writer_are_removed_on_next_use(digits, fit_cache):
    """A writer killed mid-write leaves .tmp: the next use removes it, unless its lock is held."""
    from mnist_tutorial import cache

    stale = fit_cache / f".{'a' * 40}.x1y2.tmp"
    stale.write_bytes(b"half an entry")
    live = fit_cache / f".{'b' * 40}.x1y2.tmp"
    live.write_bytes(b"being written")
    with cache._lock(fit_cache / f"{'b' * 40}.lock", []):  # a live writer holds its key
        fit_cached(_model(), *digits)
        assert not stale.exists() and live.exists()
    assert len(fit_cache_table(folder=fit_cache)) == 1  # the listing sweeps too
    assert not live.exists()


# --- never stale: the reader's own code is never cached ----------------------------------

_USER_MODULE = """
import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

SCALE = {scale}


def _helper(X):
    return np.asarray(X) * SCALE


def rescale(X):
    return _helper(X){func_edit}


class Shift(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return np.asarray(X){class_edit}
"""


def _user_module(folder, name, scale="1.0", func_edit="", class_edit=""):
    """Write (or rewrite) a reader's module on disk and (re)import it."""
    import importlib
    import linecache

    path = folder / f"{name}.py"
    path.write_text(_USER_MODULE.format(scale=scale, func_edit=func_edit, class_edit=class_edit))
    linecache.checkcache()
    if name in sys.modules:
        return importlib.reload(sys.modules[name])
    return importlib.import_module(name)


@pytest.mark.parametrize("edit", ["function", "helper", "global value", "class"])
def test_the_readers_own_code_is_never_cached_so_an_edit_is_never_missed(
    digits, tmp_path, monkeypatch, fit_cache, edit
):
    from sklearn.preprocessing import FunctionTransformer

    X, y = digits
    monkeypatch.syspath_prepend(str(tmp_path))
    name = f"readers_steps_{edit.replace(' ', '_')}"
    monkeypatch.delitem(sys.modules, name, raising=False)

    def pipe(module):
        return make_pipeline(FunctionTransformer(module.rescale), module.Shift(), _model())

    module = _user_module(tmp_path, name)
    for _ in range(2):  # fitted every time, quietly (no FitCacheWarning: by design)
        first = fit_cached(pipe(module), X, y)
        assert fit_record(first).from_cache is False and fit_record(first).key == ""
        assert "code of your own" in fit_record(first).note
    edited = {
        "function": {"func_edit": " + 0.0"},
        "helper": {"func_edit": ""},  # same function body, the helper it calls changes below
        "global value": {"scale": "0.5"},
        "class": {"class_edit": " + 1.0"},
    }[edit]
    module = _user_module(tmp_path, name, **edited)
    if edit == "helper":
        path = tmp_path / f"{name}.py"
        path.write_text(path.read_text().replace("* SCALE", "* SCALE * 2"))
        import importlib
        import linecache

        linecache.checkcache()
        module = importlib.reload(module)
    refit = fit_cached(pipe(module), X, y)
    assert fit_record(refit).from_cache is False
    assert_array_equal(refit.predict_proba(X), clone(pipe(module)).fit(X, y).predict_proba(X))
    assert list(fit_cache.glob("*.joblib")) == []
    monkeypatch.delitem(sys.modules, name)


@pytest.mark.parametrize("where", ["typed at the prompt", "in a file"])
def test_a_lambda_of_the_readers_is_fitted_not_cached(digits, fit_cache, where):
    from sklearn.preprocessing import FunctionTransformer

    X, y = digits
    namespace = {}
    exec("double = lambda X: X * 2", namespace)  # as typed at the Python prompt
    func = namespace["double"] if where == "typed at the prompt" else (lambda X: X * 2)
    pipe = make_pipeline(FunctionTransformer(func), _model())
    model = fit_cached(pipe, X, y)
    assert_array_equal(model.predict(X), clone(pipe).fit(X, y).predict(X))
    assert fit_record(model).from_cache is False and "code of your own" in fit_record(model).note
    assert list(fit_cache.glob("*.joblib")) == [] and list(fit_cache.glob("*.tmp")) == []


@pytest.mark.parametrize(
    "estimator",
    [
        LogisticRegression(solver="saga", max_iter=50, tol=1e-2),
        make_pipeline(
            StandardScaler(), OneVsRestClassifier(LogisticRegression(solver="liblinear"))
        ),
        PCA(n_components=3, svd_solver="randomized"),
        PCA(n_components=3, svd_solver="arpack"),
        LogisticRegression(random_state=np.random.RandomState(0), solver="sag", max_iter=50),
    ],
    ids=["saga", "liblinear in a pipeline", "randomized PCA", "arpack PCA", "RandomState"],
)
def test_unseeded_randomness_is_fitted_not_cached(digits, fit_cache, estimator):
    X, y = digits
    y = None if isinstance(estimator, PCA) else y
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        first, second = fit_cached(estimator, X, y), fit_cached(estimator, X, y)
    assert fit_record(first).from_cache is False and fit_record(second).from_cache is False
    assert "random" in fit_record(second).note
    assert list(fit_cache.glob("*.joblib")) == []


def test_seeded_or_deterministic_randomness_is_cached(digits, fit_cache):
    X, y = digits
    seeded = LogisticRegression(solver="saga", max_iter=50, tol=1e-2, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        fit_cached(seeded, X, y)
        assert fit_record(fit_cached(seeded, X, y)).from_cache
    # lbfgs ignores random_state=None; a small PCA with the "auto" solver runs "full"
    fit_cached(_model(), X, y)
    assert fit_record(fit_cached(_model(), X, y)).from_cache
    fit_cached(PCA(n_components=3), X)
    assert fit_record(fit_cached(PCA(n_components=3), X)).from_cache


# --- failures leave no trace --------------------------------------------------------------------


class _HoldsALock(BaseEstimator):
    def fit(self, X, y=None):
        self.lock_ = threading.Lock()
        return self


def test_an_unpicklable_fit_is_returned_with_a_warning_and_no_temp_file(fit_cache, as_installed):
    with pytest.warns(FitCacheWarning, match="cannot be pickled"):
        model = fit_cached(_HoldsALock(), np.zeros((3, 2)))
    assert hasattr(model, "lock_")
    assert "cannot be pickled" in fit_record(model).note
    assert [p.suffix for p in fit_cache.iterdir()] == [".lock"]  # no entry, no temp file


def test_a_folder_that_becomes_unwritable_costs_the_reuse_not_the_fit(
    digits, fit_cache, monkeypatch, caplog
):
    from mnist_tutorial import cache

    X, y = digits
    fit_cached(_model(), X, y)

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.tempfile, "mkstemp", read_only)
    model = fit_cached(_model(C=0.5), X, y)  # filterwarnings=error: no warning may escape
    assert fit_record(model).from_cache is False
    assert "could not write the fit cache entry" in fit_record(model).note
    assert "Permission denied" in caplog.text
    assert fit_record(fit_cached(_model(), X, y)).from_cache  # the old entry still serves
    assert not list(fit_cache.glob("*.tmp")) and not list(fit_cache.glob(".*.tmp"))


def test_cache_problems_of_the_disk_never_reach_stderr(digits, tmp_path, monkeypatch, capfd):
    """As in a notebook cell of the book build (stderr_output: error): nothing on stderr.

    With logging left unconfigured (no handler on the root logger, as in a fresh kernel),
    Python prints a logger's warnings to stderr unless the library's logger has a
    handler; the library gives it a NullHandler.
    """
    import logging

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(blocker))
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])  # pytest's capture handlers: gone for now
    capfd.readouterr()
    model = fit_cached(_model(), *digits)  # filterwarnings=error: no warning either
    assert capfd.readouterr().err == ""
    assert "cannot create the fit cache folder" in fit_record(model).note
    # the oracle: without the library's NullHandler, the same message reaches stderr
    monkeypatch.setattr(logging.getLogger("mnist_tutorial"), "handlers", [])
    fit_cached(_model(), *digits)
    assert "cannot create the fit cache folder" in capfd.readouterr().err


# --- use_fit_cache: plain .fit through the cache --------------------------------------------


@pytest.fixture
def patched():
    from mnist_tutorial import use_fit_cache

    original = (LogisticRegression.fit, Pipeline.fit)
    use_fit_cache()
    try:
        yield
    finally:
        use_fit_cache(False)
    assert (LogisticRegression.fit, Pipeline.fit) == original


def test_use_fit_cache_fits_like_fit_and_reuses(digits, patched, fit_cache):
    X, y = digits
    model = _model(C=0.3)
    assert model.fit(X, y) is model  # returns self, as .fit does
    assert fit_record(model).from_cache is False
    with use_fit_cache_disabled():
        plain = _model(C=0.3).fit(X, y)
    assert_array_equal(model.coef_, plain.coef_)
    again = _model(C=0.3).fit(X, y)
    assert fit_record(again).from_cache
    assert_array_equal(again.coef_, plain.coef_)
    assert_array_equal(again.predict_proba(X), plain.predict_proba(X))
    assert len(_entries(fit_cache)) == 1
    by_name = _model(C=0.3).fit(X=X, y=y)
    assert fit_record(by_name).from_cache


@contextlib.contextmanager
def use_fit_cache_disabled():
    from mnist_tutorial import use_fit_cache

    use_fit_cache(False)
    try:
        yield
    finally:
        use_fit_cache()


def test_use_fit_cache_fits_the_readers_pipeline_steps(digits, patched, fit_cache):
    X, y = digits
    scaler, inner_lr = StandardScaler(), _model()
    inner = Pipeline([("scale", scaler), ("lr", inner_lr)])
    outer = Pipeline([("inner", inner)])
    for _ in range(2):  # fitted, then loaded: the reader's objects are fitted both times
        assert outer.fit(X, y) is outer
        assert outer.named_steps["inner"] is inner and inner.named_steps["scale"] is scaler
        assert_array_equal(scaler.mean_, X.mean(axis=0))
        assert hasattr(inner_lr, "coef_")
    assert fit_record(outer).from_cache
    assert len(_entries(fit_cache)) == 1  # the inner fits went through the outer one
    assert_array_equal(
        outer.predict(X), make_pipeline(StandardScaler(), _model()).fit(X, y).predict(X)
    )


def test_use_fit_cache_leaves_other_calls_plain(digits, patched, fit_cache):
    X, y = digits
    weighted = _model().fit(X, y, sample_weight=np.ones(len(y)))
    with pytest.raises(ValueError, match="not fitted through fit_cached"):
        fit_record(weighted)
    unseeded = LogisticRegression(solver="saga", max_iter=30, tol=1e-2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        unseeded.fit(X, y)  # no FitCacheWarning: exactly .fit
    assert fit_record(unseeded).from_cache is False
    assert _entries(fit_cache) == []


def test_use_fit_cache_from_threads(digits, patched, fit_cache):
    X, y = digits
    models = [_model(C=c) for c in (0.1, 0.2, 0.1, 0.2)]
    threads = [threading.Thread(target=m.fit, args=(X, y)) for m in models]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(hasattr(m, "coef_") for m in models)
    assert_array_equal(models[0].coef_, models[2].coef_)
    assert len(_entries(fit_cache)) == 2


def test_use_fit_cache_validates_and_is_idempotent():
    from mnist_tutorial import use_fit_cache

    original = LogisticRegression.fit
    use_fit_cache()
    use_fit_cache()
    use_fit_cache(False)
    assert LogisticRegression.fit is original
    use_fit_cache(False)
    with pytest.raises(TypeError, match="enabled must be True or False"):
        use_fit_cache("yes")


@pytest.mark.parametrize(
    "func",
    [np.log1p, functools.partial(np.clip, a_min=0.0, a_max=1.0), np.sqrt, abs],
    ids=["ufunc", "partial of numpy", "another ufunc", "builtin"],
)
def test_installed_callables_are_cached_without_source(digits, fit_cache, func):
    from sklearn.preprocessing import FunctionTransformer

    from mnist_tutorial.cache import code_fingerprint

    X, y = digits
    pipe = make_pipeline(FunctionTransformer(func), _model())
    assert code_fingerprint(pipe) == []
    fit_cached(pipe, X, y)
    assert fit_record(fit_cached(pipe, X, y)).from_cache


# --- the build turns the cache on, a reader's notebook does not ----------------------------------


def _fit_methods_after_import(env):
    """Whether LogisticRegression.fit and Pipeline.fit are scikit-learn's own after
    ``import mnist_tutorial`` in a fresh Python with environment ``env``."""
    import subprocess

    code = (
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.pipeline import Pipeline\n"
        "before = LogisticRegression.fit, Pipeline.fit\n"
        "import mnist_tutorial\n"
        "print(LogisticRegression.fit is before[0], Pipeline.fit is before[1])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MNIST_TUTORIAL_FIT_CACHE"} | env
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_without_the_switch_fit_is_scikit_learns_own():
    """As in a downloaded notebook: importing the library patches nothing."""
    assert _fit_methods_after_import({}) == ["True", "True"]
    assert _fit_methods_after_import({"MNIST_TUTORIAL_FIT_CACHE": "0"}) == ["True", "True"]


def test_the_builds_switch_routes_fit_through_the_cache():
    assert _fit_methods_after_import({"MNIST_TUTORIAL_FIT_CACHE": "1"}) == ["False", "False"]
