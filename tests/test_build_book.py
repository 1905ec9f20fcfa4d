"""scripts/build_book.py: page order from the model catalogue, never from page names."""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load():
    spec = importlib.util.spec_from_file_location("build_book", ROOT / "scripts/build_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bb = _load()


@dataclass(frozen=True)
class _Spec:
    chapter: str


def _fake_catalogue(monkeypatch, pages_of: dict[str, list[str]], chapter_of: dict[str, str]):
    module = types.ModuleType("mnist_tutorial.models")
    module.CATALOGUE = {name: _Spec(chapter) for name, chapter in chapter_of.items()}
    module.models_for_page = lambda docname: list(pages_of.get(docname, []))
    monkeypatch.setitem(sys.modules, "mnist_tutorial.models", module)


def test_start_order_comes_from_the_catalogue(monkeypatch):
    pages = ["book/intro", "book/a", "book/b", "book/c", "book/d"]
    _fake_catalogue(
        monkeypatch,
        pages_of={"a": ["m1"], "b": ["m2", "m3", "m1"], "c": ["m1", "m2"]},
        chapter_of={"m1": "a", "m2": "b", "m3": "book/b"},
    )
    # b introduces two models, a one; intro and d fit nothing; c only reuses
    assert bb.start_order(pages) == ["book/b", "book/a", "book/intro", "book/d", "book/c"]


def test_start_order_without_a_catalogue_is_the_toc_order(monkeypatch):
    monkeypatch.setitem(sys.modules, "mnist_tutorial.models", None)  # import fails
    pages = ["book/intro", "book/z", "book/a"]
    assert bb.start_order(pages) == pages


def test_toc_pages_reads_the_root_toc():
    pages = bb.toc_pages(ROOT / "_toc.yml")
    assert pages[0] == "book/intro"
    assert all((ROOT / f"{page}.md").is_file() for page in pages)
    assert bb.is_notebook("book/intro") and not bb.is_notebook("book/get_the_code")


def test_the_script_names_no_page():
    source = (ROOT / "scripts/build_book.py").read_text(encoding="utf-8")
    chapters = [p.stem for p in (ROOT / "book").glob("*.md")]
    assert not [name for name in chapters if re.search(rf"\b{name}\b", source)]
