"""Build the book's HTML with warnings as errors.

    python scripts/build_book.py [--jobs N] [extra jupyter-book options, e.g. --all]

It runs ``jupyter-book build . --toc book/_toc.yml -W -n --keep-going``, after three
chores that plain ``jupyter-book build`` does not do:

* The execution cache (jupyter-cache) only notices changes to a chapter's code cells.
  This script fingerprints the library (``mnist_tutorial/**/*.py``), the bundled data's
  checksums and the versions of the numerical packages, and empties the execution cache
  when the fingerprint changes, so every chapter re-executes against the new library.
* matplotlib prints "building the font cache" to stderr the first time it is imported on
  a machine; the book fails on stray stderr, so the font cache is built first.
* Jupyter Book executes pages one after another, and fitting logistic regression barely
  uses a second core. So the pages that the execution cache does not hold are executed
  first, in parallel (one page per core, ``--jobs N`` to change it), and stored in the
  execution cache exactly as MyST-NB would store them; the build then finds every page
  in the cache. Models shared by several pages are still fitted once: the fit cache
  makes a page that needs a model another page is fitting wait for it. A page that
  fails here is simply not cached, so the build executes it again and reports the error.
  The execution statistics page, which lists the models the build used (the fit cache
  entries loaded or fitted since the build started, ``MNIST_TUTORIAL_BUILD_START``),
  runs after all the others, and when it has to run, every page runs again with it.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
EXECUTION_CACHE = BUILD / ".jupyter_cache"
STAMP = BUILD / ".library-fingerprint"
PACKAGES = ("numpy", "pandas", "scikit-learn", "scipy", "matplotlib", "joblib", "myst-nb")
# The order in which a cold build executes the pages. Any order gives the same book (a
# page that needs a model another page is fitting waits for it); this one keeps both cores
# busy: the pages that fit the most models of their own start first, the pages that
# mostly reuse other pages' models start last, and the page that reports on the fit cache
# runs after all the others.
START_FIRST = ("book/ch11_going_further", "book/ch08_scaling", "book/ch05_fitting", "book/ch09_pca")
START_LAST = ("book/ch10_polynomial", "book/draw_a_digit")
RUN_LAST = ("book/execution_stats",)


def library_fingerprint() -> str:
    """SHA-256 over the library's source, the data checksums and package versions."""
    digest = hashlib.sha256()
    lib = ROOT / "mnist_tutorial"
    for path in [*sorted(lib.rglob("*.py")), lib / "data" / "SHA256SUMS"]:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    for name in PACKAGES:
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()


def toc_pages(toc: Path) -> list[str]:
    """Every page of a Jupyter Book table of contents, in order (``book/ch01_...``)."""

    def walk(node: object) -> list[str]:
        if isinstance(node, dict):
            own = [node["file"]] if "file" in node else []
            return own + [f for value in node.values() for f in walk(value)]
        if isinstance(node, list):
            return [f for item in node for f in walk(item)]
        return []

    data = yaml.safe_load(toc.read_text())
    return [data["root"], *walk({k: v for k, v in data.items() if k != "root"})]


def _limit_threads() -> None:
    """In a pool worker: one BLAS thread per kernel, since the pages share the cores."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"


def _execute(args: tuple[str, int]) -> tuple[str, object, float, str | None]:
    """Execute one page's notebook in its own folder (in a pool worker)."""
    from jupyter_cache.executors.utils import single_nb_execution
    from myst_nb.core.read import myst_nb_reader_plugin

    path, timeout = args
    notebook = myst_nb_reader_plugin(path)
    result = single_nb_execution(
        notebook, cwd=str(Path(path).parent), timeout=timeout, allow_errors=False
    )
    error = None if result.err is None else f"{type(result.err).__name__}: {result.err}"
    return path, notebook, result.time, error


def execute_pending(pages: list[str], jobs: int) -> None:
    """Execute, ``jobs`` at a time, the pages the execution cache lacks; cache the results."""
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn
    from myst_nb.core.read import myst_nb_reader_plugin

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    timeout = int(config.get("execute", {}).get("timeout", 30))
    cache = get_cache(str(EXECUTION_CACHE))
    pending = {}
    for page in pages:
        path = str((ROOT / f"{page}.md").resolve())
        try:
            cache.match_cache_notebook(myst_nb_reader_plugin(path))
        except KeyError:
            pending[page] = path
    if not pending:
        return
    if any(page in RUN_LAST for page in pending):  # it reports on every page: run them all
        pending = {page: str((ROOT / f"{page}.md").resolve()) for page in pages}

    def priority(page: str) -> tuple[int, int]:
        if page in START_FIRST:
            return (0, START_FIRST.index(page))
        if page in START_LAST:
            return (2, START_LAST.index(page))
        return (1, pages.index(page))

    order = sorted(pending, key=priority)
    first = [pending[page] for page in order if page not in RUN_LAST]
    last = [pending[page] for page in order if page in RUN_LAST]
    print(f"build_book: executing {len(pending)} pages, {jobs} at a time", flush=True)
    start = time.perf_counter()

    def store(path: str, notebook: object, seconds: float, error: str | None) -> None:
        name = Path(path).relative_to(ROOT)
        if error:
            print(f"build_book: {name} failed ({error}); the build will report it", flush=True)
            return
        bundle = CacheBundleIn(notebook, path, data={"execution_seconds": seconds})
        cache.cache_notebook_bundle(bundle, check_validity=False, overwrite=True)
        print(f"build_book: {name} executed in {seconds:.1f} s", flush=True)

    if first:
        context = multiprocessing.get_context("spawn")
        with context.Pool(min(jobs, len(first)), initializer=_limit_threads) as pool:
            for result in pool.imap_unordered(_execute, [(p, timeout) for p in first]):
                store(*result)
    for path in last:
        store(*_execute((path, timeout)))
    print(f"build_book: pages executed in {time.perf_counter() - start:.0f} s", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="pages executed at once"
    )
    parser.add_argument("--toc", default=str(ROOT / "book" / "_toc.yml"))
    args, extra = parser.parse_known_args(argv)
    # the execution statistics page lists the fit cache entries used since this moment
    os.environ["MNIST_TUTORIAL_BUILD_START"] = str(time.time())
    fingerprint = library_fingerprint()
    if EXECUTION_CACHE.exists() and (
        not STAMP.exists() or STAMP.read_text().strip() != fingerprint
    ):
        print("build_book: library, data or packages changed; clearing the execution cache")
        shutil.rmtree(EXECUTION_CACHE)
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.pyplot"], check=True, capture_output=True
    )
    toc = Path(args.toc) if Path(args.toc).is_absolute() else ROOT / args.toc
    if args.jobs > 1:
        execute_pending(toc_pages(toc), args.jobs)
    command = [
        "jupyter-book",
        "build",
        str(ROOT),
        "--toc",
        str(toc),
        "-W",
        "-n",
        "--keep-going",
        *extra,
    ]
    print("build_book:", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode == 0:
        BUILD.mkdir(exist_ok=True)
        STAMP.write_text(fingerprint + "\n")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
