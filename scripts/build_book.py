"""Build the book's HTML with warnings as errors.

    python scripts/build_book.py [extra jupyter-book options, e.g. --all]

It runs ``jupyter-book build . --toc book/_toc.yml -W -n --keep-going``, after two
chores that plain ``jupyter-book build`` does not do:

* The execution cache (jupyter-cache) only notices changes to a chapter's code cells.
  This script fingerprints the library (``mnist_tutorial/**/*.py``), the bundled data's
  checksums and the versions of the numerical packages, and empties the execution cache
  when the fingerprint changes, so every chapter re-executes against the new library.
* matplotlib prints "building the font cache" to stderr the first time it is imported on
  a machine; the book fails on stray stderr, so the font cache is built first.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
EXECUTION_CACHE = BUILD / ".jupyter_cache"
STAMP = BUILD / ".library-fingerprint"
PACKAGES = ("numpy", "pandas", "scikit-learn", "scipy", "matplotlib", "joblib", "myst-nb")


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


def main(argv: list[str]) -> int:
    fingerprint = library_fingerprint()
    if EXECUTION_CACHE.exists() and (
        not STAMP.exists() or STAMP.read_text().strip() != fingerprint
    ):
        print("build_book: library, data or packages changed; clearing the execution cache")
        shutil.rmtree(EXECUTION_CACHE)
    subprocess.run(
        [sys.executable, "-c", "import matplotlib.pyplot"], check=True, capture_output=True
    )
    command = [
        "jupyter-book",
        "build",
        str(ROOT),
        "--toc",
        str(ROOT / "book" / "_toc.yml"),
        "-W",
        "-n",
        "--keep-going",
        *argv,
    ]
    print("build_book:", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode == 0:
        BUILD.mkdir(exist_ok=True)
        STAMP.write_text(fingerprint + "\n")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
