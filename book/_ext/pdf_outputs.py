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

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

SKLEARN_MARKERS = ("sk-top-container", "sk-text-repr-fallback")


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
    entry += nodes.paragraph(text=text)
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
    result = nodes.table(classes=["pdf-output-table"])
    caption = table.find("caption")
    if caption is not None and caption.get_text(strip=True):
        result += nodes.title(text=caption.get_text(" ", strip=True))
    group = nodes.tgroup(cols=n_cols)
    result += group
    for _ in range(n_cols):
        group += nodes.colspec(colwidth=1)
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


class PdfOutputs(SphinxPostTransform):
    """Tables for pandas' HTML outputs, nothing for script-only HTML (LaTeX builds)."""

    default_priority = 3  # before myst_nb's SelectMimeType (4)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        def is_bundle(node: nodes.Node) -> bool:
            return isinstance(node, nodes.container) and node.get("nb_element") == "mime_bundle"

        for bundle in list(self.document.findall(is_bundle)):
            types = [child.get("mime_type", "") for child in bundle.children]
            if any(t.startswith("image/") or t == "text/latex" for t in types):
                continue  # a figure or formula: MyST-NB picks it
            html = _html_of(bundle)
            if html is None or any(marker in html for marker in SKLEARN_MARKERS):
                continue  # plain text, or scikit-learn's estimator: its text repr
            if "<table" in html:
                table = html_table(html)
                if table is not None:
                    bundle.replace_self(table)
            elif html.lstrip().startswith("<script") and html.rstrip().endswith("</script>"):
                bundle.parent.remove(bundle)


def setup(app: Any) -> dict[str, Any]:
    app.add_post_transform(PdfOutputs)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
