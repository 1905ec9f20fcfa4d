"""Build the book's PDF edition from the pages the HTML build executed.

    python scripts/build_book.py && python scripts/build_pdf.py

Jupyter Book's LaTeX route: ``jupyter-book build . --builder latex`` (with
sphinx-jupyterbook-latex, as ``_config.yml`` sets) writes ``_build/latex/book.tex``, then
``latexmk`` runs XeLaTeX on it with the Makefile's settings Sphinx writes next to it
(``make all-pdf``, which is what ``--builder pdflatex`` runs too). The PDF is copied to
``_build/html/book/mnist-tutorial.pdf``, next to the pages, so it is published with the
site; the introduction and the "Get the code" page link to it.

Nothing executes here: the LaTeX build reads every page's outputs from the execution
cache the HTML build filled (``_build/.jupyter_cache``). The script checks that before
it starts (the library fingerprint is the HTML build's and every notebook page is in the
execution cache; otherwise it stops and says to run ``scripts/build_book.py``) and after
it ends (the execution cache holds the same records as before).

TeX comes from Debian's packages (see ``.ci/run``): latexmk, texlive-latex-extra,
texlive-xetex, texlive-fonts-recommended (the rsfs and dingbat fonts the LaTeX classes
load) and fonts-freefont-otf (Sphinx's XeLaTeX fonts); nothing is downloaded at build
time. The set is what the build reads (latexmk's ``book.fls``, ``pdffonts``), checked by
building with only these installed.

Measured (2 cores shared with other builds, load average 7 to 14): 2 to 5 minutes, of
which Sphinx 30 to 100 s (nothing re-read, nothing executed) and XeLaTeX 80 to 250 s;
173 pages, 2.2 MB. The HTML build that follows it has nothing to do (0 pages changed).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_book  # the HTML build's paths and page helpers

ROOT = build_book.ROOT
LATEX = build_book.BUILD / "latex"
PDF_NAME = "mnist-tutorial.pdf"
# next to the pages: they link to it as "mnist-tutorial.pdf", and the PDF's own relative
# links (the downloads, "../downloads/...") resolve from there as they do from the pages
PUBLISHED = build_book.BUILD / "html" / "book" / PDF_NAME


def cache_records() -> set[tuple[int, str]]:
    """The execution cache's records (id, notebook hash); empty if there is no cache."""
    from jupyter_cache import get_cache

    if not build_book.EXECUTION_CACHE.exists():
        return set()
    cache = get_cache(str(build_book.EXECUTION_CACHE))
    return {(record.pk, record.hashkey) for record in cache.list_cache_records()}


def missing_pages(toc: Path) -> list[str]:
    """Why the LaTeX build would execute something: each page not in the execution cache.

    Empty when the HTML build is current: the library fingerprint is the one it built
    with, and every notebook page of ``toc`` matches a record of the execution cache.
    """
    from jupyter_cache import get_cache
    from myst_nb.core.read import myst_nb_reader_plugin

    stamp = build_book.STAMP
    if not stamp.exists() or stamp.read_text().split() != list(build_book.fingerprints()):
        return ["(the library, data or packages changed since the last HTML build)"]
    if not build_book.EXECUTION_CACHE.exists():
        return ["(no execution cache)"]
    cache = get_cache(str(build_book.EXECUTION_CACHE))
    missing = []
    for page in build_book.toc_pages(toc):
        if not build_book.is_notebook(page):
            continue
        try:
            cache.match_cache_notebook(myst_nb_reader_plugin(str(build_book._source(page))))
        except KeyError:
            missing.append(page)
    return missing


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--toc", default=str(ROOT / "_toc.yml"))
    args, extra = parser.parse_known_args(argv)
    toc = Path(args.toc) if Path(args.toc).is_absolute() else ROOT / args.toc

    missing = missing_pages(toc)
    if missing:
        print(
            "build_pdf: the PDF is built from the HTML build's executed pages, and these "
            "are not in the execution cache:\n  " + "\n  ".join(missing) + "\n"
            "Run `python scripts/build_book.py` first.",
            file=sys.stderr,
        )
        return 1
    before = cache_records()

    start = time.perf_counter()
    jupyter_book = shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
    command = [
        *[jupyter_book or "jupyter-book", "build", str(ROOT), "--toc", str(toc)],
        *["--builder", "latex", "-W", "-n", "--keep-going", *extra],
    ]
    print("build_pdf:", " ".join(command), flush=True)
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        return 1
    if cache_records() != before:
        print("build_pdf: the LaTeX build executed pages; it must not", file=sys.stderr)
        return 1
    sphinx_seconds = time.perf_counter() - start

    # the Makefile Sphinx writes: latexmk with its latexmkrc (XeLaTeX, makeindex)
    options = "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"
    latexmk = ["make", "-C", str(LATEX), "all-pdf", options]
    print("build_pdf:", " ".join(latexmk), flush=True)
    result = subprocess.run(latexmk, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout[-5000:], result.stderr[-2000:], sep="\n", file=sys.stderr)
        print(f"build_pdf: LaTeX failed; the log is {LATEX / 'book.log'}", file=sys.stderr)
        return 1
    shutil.copyfile(LATEX / "book.pdf", PUBLISHED)
    total = time.perf_counter() - start
    print(
        f"build_pdf: {PUBLISHED.relative_to(ROOT)} "
        f"({PUBLISHED.stat().st_size / 1e6:.1f} MB; Sphinx {sphinx_seconds:.0f} s, "
        f"LaTeX {total - sphinx_seconds:.0f} s)",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
