"""Build the book's HTML with warnings as errors: the fast path.

    python scripts/build_book.py [extra jupyter-book options, e.g. --all]

It runs ``jupyter-book build . -W -n --keep-going`` (plain ``jupyter-book build .``
builds the same book, one page after another and without warnings as errors), after
three chores that plain ``jupyter-book build`` does not do:

* The execution cache (jupyter-cache) only notices changes to a chapter's code cells.
  This script fingerprints the library (``mnist_tutorial/**/*.py``), the bundled data's
  checksums and the versions of the numerical packages, and empties the execution cache
  when the fingerprint changes, so every chapter re-executes against the new library.
* matplotlib prints "building the font cache" to stderr the first time it is imported on
  a machine; the book fails on stray stderr, so the font cache is built first.
* Jupyter Book executes pages one after another, and fitting logistic regression barely
  uses a second core. So the pages that the execution cache does not hold are executed
  first by jupyter-cache's own ``local-parallel`` executor (one page per core, one BLAS
  thread per kernel) and stored in the execution cache, where MyST-NB then finds them.
  Models shared by several pages are still fitted once: the fit cache makes a page that
  needs a model another page is fitting wait for it. A page that fails here is simply not
  cached, so the build executes it again and reports the error.

The order comes from the model catalogue (``mnist_tutorial.models``), never from page
names: pages that introduce the most models start first, pages that only reuse other
pages' models start last; without a catalogue, the table of contents' order. A page that
reports on the fit cache (its code calls ``fit_cache_table``) runs after all the others,
and when it has to run, every page runs again with it (it lists what the build used).

jupyter-cache's executor replaced a hand-written process pool (about 110 lines) that did
the same with a finer start order: ``local-parallel`` reads MyST markdown notebooks
through MyST-NB's ``myst_nb_md`` reader, caches them exactly where MyST-NB looks, and
the fit cache's locks work across its worker processes as across any others. It starts
one worker per core (no ``--jobs``) and hands out pages in the order they were added to
the project, which is why the script re-adds them in the catalogue's order.

Measured (2 cores shared with other work, load average about 4; the 13 pages executed
into an empty execution cache, every model already in the fit cache): 116 s and 127 s
with ``local-parallel`` in the table of contents' order (no catalogue yet on this
branch), 98 s with the old pool and its hand-tuned order (longest pages first). The gap
is the order (and ``pool.map`` handing out pages two at a time): the catalogue's order
starts the pages that fit the most models first, as the old hand-written list did.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import re
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
# a page whose code lists the fit cache reports on the other pages: it runs after them
RUN_LAST = re.compile(r"\bfit_cache_table\b")
MYST_READER = {"name": "myst_nb_md", "type": "plugin"}  # MyST-NB's jupyter-cache reader
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


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


def start_order(pages: list[str]) -> list[str]:
    """``pages`` in the order a cold build should start them, from the model catalogue.

    First the pages that introduce models (most models first), then pages that fit
    nothing, then pages that only reuse models introduced elsewhere (they would wait).
    Without ``mnist_tutorial.models`` (an older library), the order of ``pages``.
    """
    try:
        from mnist_tutorial.models import CATALOGUE, models_for_page
    except ImportError:
        return list(pages)

    def key(page: str) -> tuple[int, int, int]:
        docname = Path(page).name
        used = set(models_for_page(docname))
        own = sum(1 for name in used if Path(CATALOGUE[name].chapter).name == docname)
        group = 0 if own else (2 if used else 1)
        return (group, -own, pages.index(page))

    return sorted(pages, key=key)


def _source(page: str) -> Path:
    return (ROOT / f"{page}.md").resolve()


def is_notebook(page: str) -> bool:
    """Whether a page is a MyST markdown notebook (a jupytext header), i.e. executes."""
    text = _source(page).read_text(encoding="utf-8") if _source(page).is_file() else ""
    return text.startswith("---") and "jupytext" in text.split("---", 2)[1]


def execute_pending(pages: list[str]) -> None:
    """Execute the pages the execution cache lacks with jupyter-cache's local-parallel."""
    from jupyter_cache import get_cache
    from jupyter_cache.executors import load_executor
    from myst_nb.core.read import myst_nb_reader_plugin

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    timeout = int(config.get("execute", {}).get("timeout", 30))
    cache = get_cache(str(EXECUTION_CACHE))
    pages = [page for page in pages if is_notebook(page)]
    pending = []
    for page in pages:
        try:
            cache.match_cache_notebook(myst_nb_reader_plugin(str(_source(page))))
        except KeyError:
            pending.append(page)
    if not pending:
        return
    last = [page for page in pages if RUN_LAST.search(_source(page).read_text("utf-8"))]
    if any(page in last for page in pending):  # it reports on every page: run them all
        pending = list(pages)
    # jupyter-cache executes a project's notebooks in the order they were added
    for record in cache.list_project_records():
        cache.remove_nb_from_project(record.uri)
    ordered = [page for page in start_order(pages) if page in pending]
    for page in [*[p for p in ordered if p not in last], *[p for p in ordered if p in last]]:
        cache.add_nb_to_project(
            str(_source(page)), read_data={"name": "myst_nb_md", "type": "plugin"}
        )
    print(f"build_book: executing {len(pending)} pages, one per core", flush=True)
    start = time.perf_counter()
    saved = {name: os.environ.get(name) for name in THREAD_VARIABLES}
    os.environ.update({name: "1" for name in THREAD_VARIABLES})  # the pages share the cores
    try:
        first = [str(_source(p)) for p in ordered if p not in last]
        if first:
            report(
                load_executor("local-parallel", cache).run_and_cache(
                    filter_uris=first, timeout=timeout
                )
            )
        rest = [str(_source(p)) for p in ordered if p in last]
        if rest:
            report(
                load_executor("local-serial", cache).run_and_cache(
                    filter_uris=rest, timeout=timeout
                )
            )
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    print(f"build_book: pages executed in {time.perf_counter() - start:.0f} s", flush=True)


def report(result: object) -> None:
    for uri in result.excepted + result.errored:
        name = Path(uri).relative_to(ROOT)
        print(f"build_book: {name} failed here; the build will run it again and report", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--toc", default=str(ROOT / "_toc.yml"))
    parser.add_argument(
        "--serial", action="store_true", help="let Jupyter Book execute the pages one by one"
    )
    args, extra = parser.parse_known_args(argv)
    # the execution statistics page lists the fit cache entries used since this moment
    os.environ["MNIST_TUTORIAL_BUILD_START"] = str(time.time())
    fingerprint = library_fingerprint()
    changed = not STAMP.exists() or STAMP.read_text().strip() != fingerprint
    if EXECUTION_CACHE.exists() and changed:
        print("build_book: library, data or packages changed; clearing the execution cache")
        shutil.rmtree(EXECUTION_CACHE)
    if changed and "--all" not in extra:
        # Sphinx re-reads only the pages whose source changed: after a library change every
        # page must be read again, or unchanged pages keep their old figures and numbers
        extra = ["--all", *extra]
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.pyplot"], check=True, capture_output=True
    )
    toc = Path(args.toc) if Path(args.toc).is_absolute() else ROOT / args.toc
    if not args.serial and (os.cpu_count() or 1) > 1:
        execute_pending(toc_pages(toc))
    jupyter_book = shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
    command = [
        jupyter_book or "jupyter-book",
        "build",
        str(ROOT),
        "--toc",
        str(toc),
        "-W",
        "-n",
        "--keep-going",
    ]
    print("build_book:", " ".join([*command, *extra]), flush=True)
    result = subprocess.run([*command, *extra], cwd=ROOT)
    if result.returncode == 0:
        BUILD.mkdir(exist_ok=True)
        STAMP.write_text(fingerprint + "\n")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
