"""Every chapter can be taken home as a notebook, and a downloaded notebook runs."""

from __future__ import annotations

import urllib.request
from urllib.parse import urljoin

import nbformat
import pytest

pytestmark = pytest.mark.browser

# the introduction (data and a figure) and a chapter that loads chapter 5's fitted model
RUN_PAGES = ["book/intro.html", "book/ch06_confusion.html"]


def _notebook_link(page, base_url, book_page):
    page.goto(urljoin(base_url, book_page))
    link = page.locator("a.btn-download-notebook-button")
    assert link.count() == 1, f"{book_page} has no .ipynb entry in its download menu"
    return urljoin(page.url, link.get_attribute("href"))


def _download(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        return nbformat.reads(response.read().decode("utf-8"), as_version=4)


def test_page_offers_a_valid_notebook(page, base_url, book_page, book_html):
    url = _notebook_link(page, base_url, book_page)
    notebook = _download(url)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    markdown = [cell for cell in notebook.cells if cell.cell_type == "markdown"]
    assert markdown and markdown[0].source.lstrip().startswith("# ")
    assert all(not cell.outputs for cell in code), "a downloaded notebook ships without outputs"
    source = (book_html.parent.parent / book_page).with_suffix(".md")
    if source.is_file():  # the same code cells as the chapter's source, in order
        assert len(code) == source.read_text(encoding="utf-8").count("```{code-cell}")


@pytest.mark.slow  # uses the real fit cache, where the book build put chapter 5's model
@pytest.mark.parametrize("run_page", RUN_PAGES)
def test_downloaded_notebook_runs_top_to_bottom(page, base_url, book_html, tmp_path, run_page):
    from nbclient import NotebookClient

    if not (book_html / run_page).is_file():
        pytest.skip(f"this build has no {run_page}")
    notebook = _download(_notebook_link(page, base_url, run_page))
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    assert any("image/png" in out.get("data", {}) for out in outputs), "the figure is missing"
