"""The PDF edition (``scripts/build_pdf.py``): every chapter is in it and nothing overflows.

The tests marked ``slow`` read the built PDF; the others check the margin check itself
and ``book/_ext/pdf_outputs.py`` (pandas' HTML tables as tables in the PDF).

The tests read the PDF with poppler's ``pdfinfo`` and ``pdftotext`` (Debian's
poppler-utils, installed by ``.ci/run`` with TeX). They skip when there is no PDF or no
poppler, so the default suite stays fast; ``.ci/run`` sets ``MNIST_TUTORIAL_REQUIRE_PDF=1``
after building the PDF, which turns a missing PDF or tool into a failure.

"Nothing runs past the margin" is checked on word boxes (``pdftotext -bbox-layout``):
every word of every page must end inside the text block. The text block's right edge is
measured on the PDF itself, not copied from the LaTeX settings: it is where most lines
end, because justified prose fills each line exactly to the edge. A code line that
LaTeX did not wrap, a wide table or a long URL ends further right and is reported with
its page and text. Every word is checked, not only code, so tables and outputs count too.
"""

from __future__ import annotations

import collections
import importlib.util
import os
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")  # the book's extra: the PDF tests read _toc.yml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
PDF = HTML / "book" / "mnist-tutorial.pdf"  # next to the pages (scripts/build_pdf.py)
LINKED_FROM = ("book/intro.html", "book/get_the_code.html")
REQUIRE_PDF = os.environ.get("MNIST_TUTORIAL_REQUIRE_PDF") == "1"
TOLERANCE = 1.0  # points: rounding in the PDF's coordinates, not a visible overflow
XHTML = "{http://www.w3.org/1999/xhtml}"


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if REQUIRE_PDF:
        pytest.fail(f"{reason} (MNIST_TUTORIAL_REQUIRE_PDF=1)")
    pytest.skip(reason)


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def pdf() -> Path:
    _need(PDF.is_file(), f"no PDF at {PDF}: run scripts/build_pdf.py after scripts/build_book.py")
    _need(shutil.which("pdftotext") is not None, "pdftotext not found (Debian's poppler-utils)")
    return PDF


def normalise(text: str) -> str:
    """Text as comparable words: ligatures and typographic quotes undone, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text)
    quotes = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
    text = text.translate(str.maketrans(quotes))
    return " ".join(text.split())


def chapter_titles(toc: Path = ROOT / "_toc.yml") -> dict[str, str]:
    """The title (first ``#`` heading, markup removed) of every page in the table of contents."""

    def files(node: object) -> list[str]:
        if isinstance(node, dict):
            return ([node["file"]] if "file" in node else []) + [
                f for value in node.values() for f in files(value)
            ]
        if isinstance(node, list):
            return [f for item in node for f in files(item)]
        return []

    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    titles = {}
    for page in [data["root"], *files(data.get("parts", data.get("chapters", [])))]:
        source = (ROOT / f"{page}.md").read_text(encoding="utf-8")
        heading = re.search(r"^# (.+)$", source, flags=re.MULTILINE)
        assert heading, f"{page}.md has no title"
        titles[page] = normalise(re.sub(r"[`*]", "", heading.group(1)))
    return titles


Word = collections.namedtuple("Word", "page x_min x_max text")


def words(pdf: Path) -> tuple[list[Word], list[tuple[int, float, float]], float]:
    """Every word with its page and horizontal extent, every line's (page, start, end), and
    the page width, from ``pdftotext -bbox-layout``."""
    root = ET.fromstring(_run("pdftotext", "-bbox-layout", str(pdf), "-"))
    found, lines, width = [], [], 0.0
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        width = max(width, float(page.get("width")))
        for line in page.iter(f"{XHTML}line"):
            lines.append((number, float(line.get("xMin")), float(line.get("xMax"))))
            for word in line.iter(f"{XHTML}word"):
                found.append(
                    Word(number, float(word.get("xMin")), float(word.get("xMax")), word.text)
                )
    return found, lines, width


def text_block(lines: list[tuple[int, float, float]]) -> tuple[float, float]:
    """The text block's left and right edges: where most lines start and end."""
    starts = collections.Counter(round(start) for _, start, _ in lines)
    ends = collections.Counter(round(end) for _, _, end in lines)
    return float(starts.most_common(1)[0][0]), float(ends.most_common(1)[0][0])


def past_the_edge(found: list[Word], left: float, right: float) -> list[Word]:
    """The words that start left of ``left`` or end right of ``right`` (beyond TOLERANCE)."""
    return [w for w in found if w.x_max > right + TOLERANCE or w.x_min < left - TOLERANCE]


@pytest.mark.slow
def test_page_count(pdf):
    info = _run("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)$", info, flags=re.MULTILINE).group(1))
    # the book has 18 pages of several screens each; far fewer PDF pages means pages went
    # missing, far more means something (an output, a table) spilled over many pages
    n_pages = len(chapter_titles())
    assert 4 * n_pages <= pages <= 25 * n_pages, f"{pages} PDF pages for {n_pages} book pages"


@pytest.mark.slow
def test_every_chapter_title_is_in_the_text(pdf):
    text = normalise(_run("pdftotext", str(pdf), "-"))
    missing = {page: title for page, title in chapter_titles().items() if title not in text}
    assert not missing, f"chapter titles not found in the PDF's text: {missing}"


def test_every_page_of_the_toc_has_a_title():
    titles = chapter_titles()
    assert titles["book/intro"] == "Handwritten digits with logistic regression"
    assert titles["book/api"] == "The mnist_tutorial library: API reference"  # markup gone
    assert len(set(titles.values())) == len(titles)


@pytest.mark.slow
def test_no_line_runs_past_the_margin(pdf):
    found, lines, width = words(pdf)
    left, right = text_block(lines)
    # a symmetric page: the edges found are the margins, not the end of some odd table
    assert abs(left - (width - right)) < 2 * TOLERANCE, (left, right, width)
    outside = past_the_edge(found, left, right)
    report = [f"page {w.page}: {w.text!r} ends at {w.x_max:.1f} pt" for w in outside[:20]]
    assert not outside, (
        f"{len(outside)} words beyond the text block [{left:.0f}, {right:.0f}] pt:\n"
        + "\n".join(report)
    )


@pytest.mark.slow
def test_the_introduction_and_get_the_code_link_to_the_pdf(pdf):
    for page in LINKED_FROM:
        html = (HTML / page).read_text(encoding="utf-8")
        targets = re.findall(r'href="([^"#]+\.pdf)"', html)
        assert targets, f"{page} does not link to the PDF"
        for target in targets:
            assert ((HTML / page).parent / target).resolve() == pdf.resolve(), (page, target)


def test_the_margin_check_finds_an_overflowing_line(tmp_path):
    """The check itself on a PDF with a known overflow (drawn by matplotlib, with text)."""
    _need(shutil.which("pdftotext") is not None, "pdftotext not found (Debian's poppler-utils)")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(6, 4))  # 432 x 288 pt
    for i in range(8):  # prose between 72 pt and 360 pt
        fig.text(72 / 432, 0.9 - 0.08 * i, "x" * 10, fontsize=10)
        fig.text(360 / 432, 0.9 - 0.08 * i, "y", fontsize=10, ha="right")
    fig.text(320 / 432, 0.2, "long_code_line()", fontsize=10, family="monospace")
    fig.savefig(tmp_path / "page.pdf")
    plt.close(fig)
    found, _, width = words(tmp_path / "page.pdf")
    assert width == pytest.approx(432)
    outside = past_the_edge(found, 72, 360)
    assert [w.text for w in outside] == ["long_code_line()"]
    assert past_the_edge(found, 72, 500) == []


def _pdf_outputs():
    spec = importlib.util.spec_from_file_location(
        "pdf_outputs", ROOT / "book" / "_ext" / "pdf_outputs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _bundle(**outputs: str):
    """A MyST-NB output bundle: one container per MIME type, as MyST-NB reads a notebook."""
    from docutils import nodes

    bundle = nodes.container(nb_element="mime_bundle")
    for mime_type, content in outputs.items():
        child = nodes.container(mime_type=mime_type.replace("_", "/"))
        if mime_type == "text_html":
            child += nodes.raw(content, content, format="html")
        else:
            child += nodes.literal_block(content, content)
        bundle += child
    return bundle


def test_a_styled_pandas_table_becomes_a_table():
    import pandas as pd
    from docutils import nodes

    frame = pd.DataFrame(
        {"chapter": ["ch05", "ch08"], "test accuracy": [0.91791, 0.92071]},
        index=pd.Index(["raw-lbfgs", "deskew-hog-pca60-poly2"], name="model"),
    )
    html = frame.style.format({"test accuracy": "{:.4f}"}).set_caption("Models").to_html()
    [table] = _pdf_outputs().for_paper(_bundle(text_html=html, text_plain="<Styler at 0x1>"))
    assert isinstance(table, nodes.table) and table[0].astext() == "Models"
    [head] = list(table.findall(nodes.thead))
    [header] = head.children  # the index's name folded into the header row
    assert [entry.astext() for entry in header.children] == ["model", "chapter", "test accuracy"]
    [body] = list(table.findall(nodes.tbody))
    assert [entry.astext() for entry in body[1].children] == [
        "deskew-hog-pca60-poly2",
        "ch08",
        "0.9207",
    ]
    widths = [spec["colwidth"] for spec in table.findall(nodes.colspec)]
    # the cells fit on a line: each column as wide as its longest cell (and the padding)
    names = ["deskew-hog-pca60-poly2", "chapter", "test accuracy"]
    assert widths == [len(name) + _pdf_outputs().PADDING for name in names]


def test_column_widths_share_a_long_line_and_keep_numbers_whole():
    outputs = _pdf_outputs()
    head = [[("name", 1, 1), ("description", 1, 1), ("test accuracy", 1, 1)]]
    body = [[("raw-lbfgs", 1, 1), ("a long description " * 10, 1, 1), ("0.9934", 1, 1)]]
    widths = outputs.column_widths(head, body, 3)
    assert sum(widths) == pytest.approx(outputs.LINE, abs=2)
    pad = outputs.PADDING
    # a short body cell whole, a header's longest word; the long column takes most of the rest
    assert len("raw-lbfgs") + pad <= widths[0] <= len("raw-lbfgs") + 2 * pad
    assert len("accuracy") + pad <= widths[2] <= len("test accuracy") + pad
    assert widths[1] > 0.7 * outputs.LINE
    # a table that fits on a line: each column as wide as its longest cell
    assert outputs.column_widths(head, [[("a", 1, 1)] * 3], 3) == [
        len(text) + pad for text, _, _ in head[0]
    ]


def test_what_the_pdf_shows_instead_of_html_outputs():
    for_paper = _pdf_outputs().for_paper
    script = '<script type="application/json" id="mnist-model">{"coef": []}</script>'
    assert (
        for_paper(_bundle(text_html=script, text_plain="<IPython.core.display.HTML object>")) == []
    )
    estimator = '<div class="sk-top-container"><div class="sk-text-repr-fallback"><pre>LR()</pre>'
    assert for_paper(_bundle(text_html=estimator, text_plain="LogisticRegression()")) is None
    assert for_paper(_bundle(image_png="iVBOR", text_html="<table></table>")) is None
    assert for_paper(_bundle(text_plain="0.93")) is None
    assert for_paper(_bundle(text_html="<b>bold</b>", text_plain="bold")) is None


def test_build_pdf_uses_only_what_build_book_defines():
    """build_pdf.py reads the HTML build's state through scripts/build_book.py: every name
    it takes from there exists (a renamed helper would otherwise fail only in CI's PDF step)."""
    import ast
    import sys

    scripts = ROOT / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        import build_book
    finally:
        sys.path.remove(str(scripts))
    tree = ast.parse((scripts / "build_pdf.py").read_text(encoding="utf-8"))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "build_book"
    }
    assert used, "build_pdf.py no longer reads build_book: update this test"
    missing = sorted(name for name in used if not hasattr(build_book, name))
    assert not missing, f"build_pdf.py uses build_book.{missing}, which does not exist"
