"""Sphinx extension: the PDF edition shows tables where the web page does, and no HTML stubs.

A cell's output carries several representations; for LaTeX, MyST-NB shows the first of
PNG, LaTeX, Markdown and plain text that it finds. That is right for figures and for
scikit-learn's estimators (their HTML diagram falls back to the text repr), but two kinds
of output say nothing useful in plain text:

* a pandas table, above all a ``Styler`` (formatted numbers), whose plain text is
  ``<pandas.io.formats.style.Styler at 0x...>``: its HTML table becomes a table here;
* an HTML output that only carries a ``<script>`` (the draw page's model parameters),
  whose plain text is ``<IPython.core.display.HTML object>``: it is dropped here.

It only acts in LaTeX builds, before MyST-NB's ``SelectMimeType`` picks one
representation, and only reads the outputs the HTML build executed.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

SKLEARN_MARKERS = ("sk-top-container", "sk-text-repr-fallback")
# table columns, in characters of body text: the text block holds about LINE of them; a
# cell's padding takes about PADDING; a cell up to SHORT long (a number, a name) never
# wraps; a column's narrowest is at most CAP (a longer word may break)
LINE, PADDING, SHORT, CAP = 100, 3, 15, 25


def _html_of(bundle: nodes.Element) -> str | None:
    for child in bundle.children:
        if child.get("mime_type") == "text/html":
            return child.astext()
    return None


def _cell(text: str, *, morecols: int = 0, morerows: int = 0) -> nodes.entry:
    entry = nodes.entry()
    if morecols:
        entry["morecols"] = morecols
    if morerows:
        entry["morerows"] = morerows
    paragraph = nodes.paragraph()
    for i, piece in enumerate(re.split(r"(?<=[(,=_])", text)):  # code in a cell ...
        if i:  # ... may break after these, e.g. LogisticRegression(class_weight='balanced')
            paragraph += nodes.raw("", r"\allowbreak{}", format="latex")
        paragraph += nodes.Text(piece)
    entry += paragraph
    return entry


def html_table(html: str) -> nodes.table | None:
    """A docutils table from the first ``<table>`` of ``html`` (``None`` if it has none).

    Header rows are the ``<thead>`` rows; pandas' separate row for the index name is folded
    into the header row above it; ``colspan`` and ``rowspan`` are kept.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    table = soup.find("table")
    if table is None:
        return None

    def cells(row: Any) -> list[tuple[str, int, int]]:
        return [
            (
                cell.get_text(" ", strip=True),
                int(cell.get("colspan", 1)),
                int(cell.get("rowspan", 1)),
            )
            for cell in row.find_all(["th", "td"], recursive=False)
        ]

    head_rows = [cells(tr) for tr in table.find_all("tr") if tr.find_parent("thead")]
    body_rows = [cells(tr) for tr in table.find_all("tr") if not tr.find_parent("thead")]
    if (
        len(head_rows) >= 2
        and head_rows[-1]
        and head_rows[-2]
        and not head_rows[-2][0][0]
        and not any(text for text, _, _ in head_rows[-1][1:])
    ):  # pandas: the index's name on a row of its own, under a blank corner cell
        index_name = head_rows.pop()[0]
        head_rows[-1][0] = index_name
    rows = head_rows + body_rows
    if not rows:
        return None
    n_cols = max(sum(span for _, span, _ in row) for row in rows)
    result = nodes.table(classes=["pdf-output-table", "colwidths-given"])
    caption = table.find("caption")
    if caption is not None and caption.get_text(strip=True):
        result += nodes.title(text=caption.get_text(" ", strip=True))
    group = nodes.tgroup(cols=n_cols)
    result += group
    for width in column_widths(head_rows, body_rows, n_cols):
        group += nodes.colspec(colwidth=width)
    for part, part_rows in ((nodes.thead(), head_rows), (nodes.tbody(), body_rows)):
        if not part_rows:
            continue
        for row in part_rows:
            row_node = nodes.row()
            for text, colspan, rowspan in row:
                row_node += _cell(text, morecols=colspan - 1, morerows=rowspan - 1)
            part += row_node
        group += part
    return result


def column_widths(
    head_rows: list[list[tuple[str, int, int]]],
    body_rows: list[list[tuple[str, int, int]]],
    n_cols: int,
) -> list[int]:
    """Relative column widths, in characters.

    Each column is at least as wide as what must not break: a short body cell (a number,
    a name) whole, else its longest word, up to ``CAP`` characters. Whatever is left of
    the line is shared in proportion to how much longer each column's longest cell is.
    """
    shortest, longest = [1] * n_cols, [1] * n_cols
    for head, rows in ((True, head_rows), (False, body_rows)):
        for row in rows:
            if len(row) != n_cols:
                continue  # spans: this row says nothing about single columns
            for column, (text, _, _) in enumerate(row):
                word = max((len(word) for word in text.split()), default=0)
                keep = word if head or len(text) > SHORT else len(text)
                shortest[column] = max(shortest[column], min(keep, CAP) + PADDING)
                longest[column] = max(longest[column], len(text) + PADDING)
    if sum(longest) <= LINE:
        return longest
    spare = max(LINE - sum(shortest), 0)
    extra = [long - short for long, short in zip(longest, shortest)]
    return [short + round(spare * e / (sum(extra) or 1)) for short, e in zip(shortest, extra)]


def for_paper(bundle: nodes.Element) -> list[nodes.Node] | None:
    """What the PDF shows for a MyST-NB output bundle (its representations by MIME type):
    ``None`` to let MyST-NB choose, else the nodes to show instead (``[]``: nothing)."""
    types = [child.get("mime_type", "") for child in bundle.children]
    if any(t.startswith("image/") or t == "text/latex" for t in types):
        return None  # a figure or a formula
    html = _html_of(bundle)
    if html is None or any(marker in html for marker in SKLEARN_MARKERS):
        return None  # plain text, or a scikit-learn estimator: its text repr
    if "<table" in html:
        table = html_table(html)
        return None if table is None else [table]
    if html.lstrip().startswith("<script") and html.rstrip().endswith("</script>"):
        return []
    return None


class PdfOutputs(SphinxPostTransform):
    """Tables for pandas' HTML outputs, nothing for script-only HTML (LaTeX builds)."""

    default_priority = 3  # before myst_nb's SelectMimeType (4)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        def is_bundle(node: nodes.Node) -> bool:
            return isinstance(node, nodes.container) and node.get("nb_element") == "mime_bundle"

        for bundle in list(self.document.findall(is_bundle)):
            replacement = for_paper(bundle)
            if replacement == []:
                bundle.parent.remove(bundle)
            elif replacement is not None:
                bundle.replace_self(replacement)


def setup(app: Any) -> dict[str, Any]:
    app.add_post_transform(PdfOutputs)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
