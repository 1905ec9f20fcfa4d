"""mnist_tutorial.cache: the shared fit cache, on small data (scikit-learn's 8x8 digits).

Every test here runs with its own empty cache folder (see conftest.py).
"""

from __future__ import annotations

import multiprocessing
import sys
import time
import warnings

import joblib
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_array_equal
from sklearn.base import BaseEstimator, clone
from sklearn.decomposition import PCA
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from mnist_tutorial import FitCacheWarning, cache_dir, fit_cached, fit_record, load_digits


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


def test_pipelines_are_keyed_by_their_inner_parameters(digits, fit_calls):
    X, y = digits
    pipe = make_pipeline(StandardScaler(), _model())
    fitted = fit_cached(pipe, X, y)
    assert fit_record(fit_cached(pipe, X, y)).from_cache
    other = fit_cached(clone(pipe).set_params(logisticregression__C=0.1), X, y)
    assert fit_record(other).from_cache is False
    assert fit_calls == [1.0, 0.1]
    assert_array_equal(fitted.predict(X), clone(pipe).fit(X, y).predict(X))


def test_editing_a_library_step_refits(digits, monkeypatch, fit_calls):
    """A step defined in mnist_tutorial (Deskew) is keyed by its source code too."""
    import mnist_tutorial.cache as models
    from mnist_tutorial.features import Deskew

    X = np.zeros((40, 784))
    X[:, 300:310] = np.linspace(0, 255, 40)[:, None]
    y = np.arange(40) % 2
    pipe = make_pipeline(Deskew(), _model())
    fit_cached(pipe, X, y)
    assert fit_record(fit_cached(pipe, X, y)).from_cache
    real_getsource = models.inspect.getsource

    def edited(module):
        source = real_getsource(module)
        return source + "# edited" if module.__name__ == "mnist_tutorial.features" else source

    monkeypatch.setattr(models.inspect, "getsource", edited)
    assert fit_record(fit_cached(pipe, X, y)).from_cache is False
    assert len(fit_calls) == 2
    # a pipeline made only of scikit-learn steps does not depend on the library's source
    plain = make_pipeline(StandardScaler(), _model())
    assert models._library_sources(plain) == []


def test_cache_reports_skip_entries_that_can_no_longer_be_hit(digits, fit_cache, monkeypatch):
    """Entries of an older library step or scikit-learn stay on disk but are not reported."""
    import mnist_tutorial.cache as models
    from mnist_tutorial.cachestats import fit_cache_table
    from mnist_tutorial.features import Deskew

    X = np.zeros((40, 784))
    X[:, 300:310] = np.linspace(0, 255, 40)[:, None]
    y = np.arange(40) % 2
    fit_cached(make_pipeline(Deskew(), _model()), X, y)
    fit_cached(_model(), *digits)
    assert len(fit_cache_table(folder=fit_cache)) == 2
    entries = [joblib.load(path) for path in _entries(fit_cache)]
    assert all(models.entry_is_current(entry) for entry in entries)
    real_getsource = models.inspect.getsource
    monkeypatch.setattr(
        models.inspect, "getsource", lambda module: real_getsource(module) + "# edited"
    )
    table = fit_cache_table(folder=fit_cache)  # Deskew "changed": its entry is stale
    assert table["model"].tolist() == ["LogisticRegression(max_iter=500)"]
    monkeypatch.setattr(models.sklearn, "__version__", "0.0")  # another scikit-learn
    assert len(fit_cache_table(folder=fit_cache)) == 0
    assert len(_entries(fit_cache)) == 2  # nothing deleted


def test_reports_can_keep_only_the_models_used_since_a_time(digits, fit_cache):
    """Loading an entry marks it as used, so a build can list the models it used."""
    import os

    from mnist_tutorial.cachestats import fit_cache_table

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
def test_two_processes_needing_the_same_model_fit_it_once(tmp_path):
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
def test_corrupt_entries_are_refitted_and_rewritten(digits, fit_cache, fit_calls, garbage):
    X, y = digits
    first = fit_cached(_model(), X, y)
    (entry,) = _entries(fit_cache)
    if garbage == "truncate":
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    elif garbage == "wrong key":  # a readable entry that belongs to other data
        other = joblib.load(entry)
        other["record"].key = "0" * 40
        joblib.dump(other, entry)
    elif garbage == "list":
        joblib.dump([1, 2, 3], entry)
    else:
        entry.write_bytes(garbage)
    with pytest.warns(FitCacheWarning, match=rf"{entry.name} is unreadable.*refitting"):
        refit = fit_cached(_model(), X, y)
    assert len(fit_calls) == 2
    assert fit_record(refit).from_cache is False
    assert_array_equal(refit.coef_, first.coef_)
    # the entry was rewritten: the next call loads it, silently
    reloaded = fit_cached(_model(), X, y)
    assert fit_record(reloaded).from_cache
    assert len(fit_calls) == 2


def test_an_unwritable_cache_still_returns_the_fit(digits, tmp_path, monkeypatch):
    X, y = digits
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(blocker))
    with pytest.warns(FitCacheWarning, match="could not write the fit cache entry"):
        model = fit_cached(_model(), X, y)
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
