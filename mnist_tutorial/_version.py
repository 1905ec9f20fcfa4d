"""The library's version: ``BASE_VERSION`` plus a hash of its sources.

The wheel's version is ``0.1.0+g<hash>``, where the hash covers every ``.py`` file of
``mnist_tutorial`` (the library and the exercise checks) and the student files in
``exercises/``: a customised library or check gives a new version, so ``pip install``
of the new wheel replaces the old one. ``hatch_build.py`` sets it when the wheel is
built; raise ``BASE_VERSION`` (the one version string) for a release.

This module imports nothing but the standard library, so the build hook can load it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

BASE_VERSION = "0.1.0"


def source_version(root: str | Path) -> str:
    """``BASE_VERSION+g<first 10 hex digits of the sources' SHA-256>`` for the tree ``root``."""
    root = Path(root)
    files = sorted(
        p
        for p in (root / "mnist_tutorial").rglob("*.py")
        if "__pycache__" not in p.parts and "exercises_bundle" not in p.parts
    )
    files += sorted((root / "exercises").glob("*.py"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return f"{BASE_VERSION}+g{digest.hexdigest()[:10]}"
