"""Build the book's HTML with warnings as errors, through the fit cache, pages in parallel.

    python scripts/build_book.py [extra jupyter-book options, e.g. --all]

It runs ``jupyter-book build . -W -n --keep-going`` (plain ``jupyter-book build .`` builds
the same book page after page, fitting every model without the fit cache), and first:

* sets ``MNIST_TUTORIAL_FIT_CACHE=1`` for the kernels it starts, so that ``.fit`` goes
  through the library's fit cache (a model several pages fit is fitted once, a rebuild
  loads it);
* empties the execution cache when the library's code (docstrings and comments left out),
  the data's checksums or the packages' versions changed, and re-reads every page
  (``--all``) when any library text changed (a docstring edit executes no page);
* builds matplotlib's font cache (its stderr message would fail the book);
* fits, one per core and the costliest first, the catalogue's models that those pages fit
  on the training split (``mnist_tutorial.fit_model``), so that no page waits for another
  page's fit;
* executes the pages the execution cache lacks with jupyter-cache's ``local-parallel``
  (one page per core, one BLAS thread each, glibc's malloc keeping freed memory), the
  last pages of the book (the heaviest) first. A page that fails there is not cached:
  the build runs it again and reports the error.
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
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml
from sklearn.exceptions import ConvergenceWarning
from sphinx_external_toc.parsing import parse_toc_yaml

from mnist_tutorial.cache import SWITCH, code_digest
from mnist_tutorial.models import CATALOGUE, fit_model, models_for_page

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
EXECUTION_CACHE = BUILD / ".jupyter_cache"
STAMP = BUILD / ".library-fingerprint"
PACKAGES = ("numpy", "pandas", "scikit-learn", "scipy", "matplotlib", "joblib", "myst-nb")
# The pages share the cores: one BLAS thread each. And glibc's malloc keeps freed memory
# for reuse instead of handing every large array back to the system and faulting fresh,
# zeroed pages in for the next one (measured: the HOG model's fit from 42-54 to 37-39
# CPU-seconds, mostly system time; same results). Other C libraries ignore these.
THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
KERNEL_ENV = {name: "1" for name in THREADS}
KERNEL_ENV |= {"MALLOC_MMAP_MAX_": "0", "MALLOC_TRIM_THRESHOLD_": str(2**36)}


def fingerprints() -> tuple[str, str]:
    """(fingerprint of what pages compute with, of the library's text as a whole)."""
    code, text = hashlib.sha256(), hashlib.sha256()
    lib = ROOT / "mnist_tutorial"
    for path in sorted(lib.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        code.update(f"{path.relative_to(ROOT)} {code_digest(source)}\n".encode())
        text.update(f"{path.relative_to(ROOT)}\n{source}".encode())
    code.update((lib / "data" / "SHA256SUMS").read_bytes())
    for name in PACKAGES:
        try:
            code.update(f"{name}=={importlib.metadata.version(name)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            code.update(f"{name} missing\n".encode())
    return code.hexdigest(), text.hexdigest()


def toc_pages(toc: Path) -> list[str]:
    """Every page of a Jupyter Book table of contents, in order (``book/ch01_...``)."""
    return list(parse_toc_yaml(toc))


def models_to_prefit(pages: list[str]) -> list[str]:
    """The catalogue models the pages fit on the training split, later chapters' first."""
    used = {name for page in pages for name in models_for_page(Path(page).name)}
    return [name for name in reversed(CATALOGUE) if name in used and CATALOGUE[name].full_data]


def prefit(names: list[str]) -> None:
    """Fit ``names`` into the fit cache, one process per core (fresh ones: one BLAS thread)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(os.cpu_count(), mp_context=context) as pool:
        list(pool.map(_fit_quietly, names))


def _fit_quietly(name: str) -> None:
    with warnings.catch_warnings():  # a ConvergenceWarning is the page's to show
        warnings.simplefilter("ignore", ConvergenceWarning)
        fit_model(name)


def _source(page: str) -> Path:
    return (ROOT / f"{page}.md").resolve()


def is_notebook(page: str) -> bool:
    """Whether a page is a MyST markdown notebook (a jupytext header), i.e. executes."""
    text = _source(page).read_text(encoding="utf-8") if _source(page).is_file() else ""
    return text.startswith("---") and "jupytext" in text.split("---", 2)[1]


def execute_pending(pages: list[str], timeout: int) -> None:
    """Execute the pages the execution cache lacks with jupyter-cache's local-parallel."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor
    from myst_nb.core.read import myst_nb_reader_plugin

    cache = get_cache(str(EXECUTION_CACHE))
    pending = []
    for page in reversed([p for p in pages if is_notebook(p)]):
        try:
            cache.match_cache_notebook(myst_nb_reader_plugin(str(_source(page))))
        except KeyError:
            pending.append(str(_source(page)))
    if not pending:
        return
    start = time.perf_counter()
    names = models_to_prefit([Path(uri).stem for uri in pending])
    prefit(names)
    print(f"build_book: {len(names)} models fitted or found in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    # jupyter-cache executes a project's notebooks in the order they were added
    for record in cache.list_project_records():
        cache.remove_nb_from_project(record.uri)
    for uri in pending:
        cache.add_nb_to_project(uri, read_data={"name": "myst_nb_md", "type": "plugin"})
    print(f"build_book: executing {len(pending)} pages, one per core", flush=True)
    result = load_executor("local-parallel", cache).run_and_cache(
        filter_uris=pending, timeout=timeout
    )
    for uri in result.excepted + result.errored:
        name = Path(uri).relative_to(ROOT)
        print(f"build_book: {name} failed here; the build will run it again and report", flush=True)
    print(f"build_book: pages executed in {time.perf_counter() - start:.0f} s", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--toc", default=str(ROOT / "_toc.yml"))
    parser.add_argument(
        "--serial", action="store_true", help="let Jupyter Book execute the pages one by one"
    )
    args, extra = parser.parse_known_args(argv)
    os.environ[SWITCH] = "1"  # the kernels started from here fit through the fit cache
    code, text = fingerprints()
    old = STAMP.read_text().split() if STAMP.exists() else []
    if EXECUTION_CACHE.exists() and old[:1] != [code]:
        print("build_book: library code, data or packages changed; clearing the execution cache")
        shutil.rmtree(EXECUTION_CACHE)
    if old != [code, text] and "--all" not in extra:
        # Sphinx re-reads only pages whose source changed; after a library change, every
        # page is read again (re-executed only if the code changed), API docs included
        extra = ["--all", *extra]
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.pyplot"], check=True, capture_output=True
    )
    toc = Path(args.toc) if Path(args.toc).is_absolute() else ROOT / args.toc
    if not args.serial and (os.cpu_count() or 1) > 1:
        config = yaml.safe_load((ROOT / "_config.yml").read_text())
        saved = {name: os.environ.get(name) for name in KERNEL_ENV}
        os.environ.update(KERNEL_ENV)  # for the fitting processes and the page kernels
        try:
            execute_pending(toc_pages(toc), int(config.get("execute", {}).get("timeout", 30)))
        finally:
            for name, value in saved.items():
                os.environ.pop(name) if value is None else os.environ.update({name: value})
    jupyter_book = shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
    command = [jupyter_book or "jupyter-book", "build", str(ROOT), "--toc", str(toc)]
    command += ["-W", "-n", "--keep-going", *extra]
    print("build_book:", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode == 0:
        BUILD.mkdir(exist_ok=True)
        STAMP.write_text(f"{code}\n{text}\n")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
