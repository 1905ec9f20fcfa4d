"""scripts/build_book.py: the models it fits first; what makes pages re-execute."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load():
    spec = importlib.util.spec_from_file_location("build_book", ROOT / "scripts/build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bb = _load()


def test_the_build_prefits_every_training_split_model_the_pages_fit_once():
    from mnist_tutorial import CATALOGUE, models_for_page

    pages = bb.toc_pages(ROOT / "_toc.yml")
    names = bb.models_to_prefit(pages)
    used = {n for page in pages for n in models_for_page(page) if CATALOGUE[n].full_data}
    assert len(names) == len(set(names)) and set(names) == used
    assert names == sorted(names, key=list(CATALOGUE).index, reverse=True)  # later ones first
    assert [n for n in CATALOGUE if not CATALOGUE[n].full_data and n in names] == []
    assert bb.models_to_prefit(["book/ch05_fitting"]) == ["raw-lbfgs"]


def test_toc_pages_reads_the_root_toc():
    pages = bb.toc_pages(ROOT / "_toc.yml")
    assert pages[0] == "book/intro"
    assert all((ROOT / f"{page}.md").is_file() for page in pages)
    assert bb.is_notebook("book/intro") and not bb.is_notebook("book/get_the_code")


def test_the_script_names_no_page():
    source = (ROOT / "scripts/build_book.py").read_text(encoding="utf-8")
    chapters = [p.stem for p in (ROOT / "book").glob("*.md")]
    assert not [name for name in chapters if re.search(rf"\b{name}\b", source)]


@pytest.fixture
def library_copy(tmp_path, monkeypatch):
    """A copy of the library's sources, which the fingerprints read instead."""
    shutil.copytree(
        ROOT / "mnist_tutorial", tmp_path / "mnist_tutorial", ignore=shutil.ignore_patterns("*.gz")
    )
    monkeypatch.setattr(bb, "ROOT", tmp_path)
    return tmp_path / "mnist_tutorial"


@pytest.mark.parametrize(
    ("edit", "re_executes"),
    [
        (lambda s: s.replace('"""', '"""Edited. ', 1), False),  # the module docstring
        (lambda s: s + "\n# a comment\n", False),
        (lambda s: s + "\nEDITED = 1\n", True),
    ],
    ids=["docstring", "comment", "code"],
)
def test_only_code_edits_of_the_library_re_execute_pages(library_copy, edit, re_executes):
    code, text = bb.fingerprints()
    path = library_copy / "metrics.py"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    new_code, new_text = bb.fingerprints()
    assert new_text != text  # every edit re-reads the pages (the API page shows docstrings)
    assert (new_code != code) is re_executes
