"""Take the book home as a reader would: notebooks, the wheel and the exercises from the site.

Every chapter offers an ``.ipynb`` that reads like the page (this build's numbers in the
prose, no MyST markup) and starts by installing the library when it is missing. The
slow tests follow a reader with nothing but the site: download a notebook and the wheel
over HTTP, install the wheel into a fresh virtual environment (``python -m venv``, then
pip with the registry for its dependencies, ipykernel and nbclient), check that MyST-NB
is not there, run the notebook top to bottom, and grade the downloaded exercises bundle
with the installed library (the stubs score 0; the repository's reference solutions,
copied into the unpacked bundle, score full marks).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urljoin

import nbformat
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# the introduction (data and a figure), a chapter with styled tables (pandas' Styler needs
# jinja2, a dependency of the wheel) and a chapter that fits chapter 5's model again
RUN_PAGES = ["book/intro.html", "book/ch01_classification.html", "book/ch06_confusion.html"]
MYST_ONLY = re.compile(r"\{[\w:+-]+\}`|^\s*:::|^\s*```\{|^\([\w-]+\)=$", re.MULTILINE)


def _is_notebook_page(book_page: str) -> bool:
    source = (ROOT / book_page).with_suffix(".md")
    text = source.read_text(encoding="utf-8") if source.is_file() else ""
    return text.startswith("---") and "jupytext" in text.split("---", 2)[1]


def _notebook_link(page, base_url, book_page):
    page.goto(urljoin(base_url, book_page))
    link = page.locator("a.btn-download-notebook-button")
    assert link.count() == 1, f"{book_page} has no .ipynb entry in its download menu"
    return urljoin(page.url, link.get_attribute("href"))


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read()


def _download(url):
    return nbformat.reads(_get(url).decode("utf-8"), as_version=4)


def _download_link(page, base_url, kind: str) -> str:
    """The URL of the wheel or the exercises bundle, as linked from "Get the code"."""
    page.goto(urljoin(base_url, "book/get_the_code.html"))
    suffix = ".whl" if kind == "wheel" else ".zip"
    hrefs = page.eval_on_selector_all("main a[href]", "anchors => anchors.map((a) => a.href)")
    found = [href for href in hrefs if href.endswith(suffix)]
    assert found, f"the 'Get the code' page links no {suffix} file"
    return found[0]


def test_page_offers_a_notebook_that_reads_like_the_page(page, base_url, book_page):
    if not _is_notebook_page(book_page):
        pytest.skip(f"{book_page} is not a notebook page")
    notebook = _download(_notebook_link(page, base_url, book_page))
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    assert markdown and markdown[0].lstrip().startswith("# ")
    leftovers = [m.group(0) for text in markdown for m in [MYST_ONLY.search(text)] if m]
    assert not leftovers, f"{book_page}: MyST-only markup in the notebook: {leftovers[:5]}"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    code = [cell for cell in code if "exercise" not in cell.metadata.get("tags", [])]
    install = code[0].source
    assert "import mnist_tutorial" in install and "except ImportError" in install
    assert "example" not in install, "the install cell points at a placeholder"
    source = (ROOT / book_page).with_suffix(".md").read_text(encoding="utf-8")
    assert len(code) - 1 == source.count("```{code-cell}")  # the page's cells, in order
    # the numbers the page shows are in the notebook's prose
    page.goto(urljoin(base_url, book_page))
    pasted = page.eval_on_selector_all(
        "main span.pasted-text", "spans => spans.map((s) => s.textContent)"
    )
    prose = "\n".join(markdown)
    missing = sorted({text for text in pasted if text not in prose})
    assert not missing, f"{book_page}: values shown on the page but not in the notebook: {missing}"


def test_get_the_code_page_links_the_wheel_and_the_bundle(page, base_url):
    for kind in ("wheel", "exercises"):
        url = _download_link(page, base_url, kind)
        assert _get(url)[:2] == b"PK", f"{url} is not a zip archive"
    page.goto(urljoin(base_url, "book/intro.html"))
    hrefs = page.eval_on_selector_all("main a[href]", "anchors => anchors.map((a) => a.href)")
    assert any(h.endswith("get_the_code.html") for h in hrefs), "intro: no 'Get the code' link"
    assert any(h.split("#")[0].endswith("api.html") for h in hrefs), "intro: no API link"


@pytest.fixture(scope="module")
def reader_env(tmp_path_factory, browser, base_url):
    """A fresh venv with only the site's wheel (and ipykernel, nbclient, pytest)."""
    context = browser.new_context()
    page = context.new_page()
    try:
        wheel_url = _download_link(page, base_url, "wheel")
        bundle_url = _download_link(page, base_url, "exercises")
    finally:
        context.close()
    folder = tmp_path_factory.mktemp("reader")
    wheel = folder / wheel_url.rsplit("/", 1)[1]
    wheel.write_bytes(_get(wheel_url))
    bundle = folder / "exercises.zip"
    bundle.write_bytes(_get(bundle_url))
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = [str(python), "-m", "pip", "install", "--quiet", str(wheel)]
    subprocess.run([*install, "ipykernel", "nbclient", "pytest"], check=True, timeout=900)
    no_myst = subprocess.run([str(python), "-c", "import myst_nb"], capture_output=True)
    assert no_myst.returncode != 0, "the reader's environment must not have myst_nb"
    return {"python": python, "folder": folder, "bundle": bundle, "venv": venv}


_RUN = """
import json, sys
import nbformat
from nbclient import NotebookClient

notebook = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(notebook, timeout=600, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
print(json.dumps({
    "errors": [o.get("ename") for o in outputs if o.output_type == "error"],
    "stderr": [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"],
    "images": sum("image/png" in o.get("data", {}) for o in outputs),
}))
"""


@pytest.mark.slow  # a fresh venv from the registry; the real fit cache has chapter 5's model
@pytest.mark.parametrize("run_page", RUN_PAGES)
def test_downloaded_notebook_runs_in_a_fresh_venv(page, base_url, reader_env, run_page):
    notebook = _download(_notebook_link(page, base_url, run_page))
    for cell in notebook.cells:  # a reader runs the notebook, not the build's outputs
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    path = reader_env["folder"] / Path(run_page).with_suffix(".ipynb").name
    nbformat.write(notebook, path)
    result = subprocess.run(
        [str(reader_env["python"]), "-c", _RUN, str(path), str(reader_env["folder"])],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["errors"] == [] and report["stderr"] == [], report
    assert report["images"] >= 1, "the figure is missing"


def _grade(reader_env, folder: Path) -> dict:
    grade = reader_env["venv"] / "bin" / "mnist-grade"
    result = subprocess.run(
        [str(grade), "--path", str(folder), "--json"], capture_output=True, text=True, timeout=300
    )
    return json.loads(result.stdout)


@pytest.mark.slow
def test_downloaded_exercises_grade_with_the_installed_wheel(reader_env, tmp_path):
    with zipfile.ZipFile(reader_env["bundle"]) as archive:
        names = archive.namelist()
        assert not [name for name in names if "solution" in name]
        archive.extractall(tmp_path)
    exercises = tmp_path / "exercises"
    stubs = _grade(reader_env, exercises)
    assert stubs["max_total"] > 0 and stubs["total"] == 0
    # the same files come from the library itself: mnist-tutorial exercises DIR
    copied = tmp_path / "copied"
    command = reader_env["venv"] / "bin" / "mnist-tutorial"
    subprocess.run([str(command), "exercises", str(copied)], check=True, capture_output=True)
    assert sorted(p.name for p in copied.iterdir()) == sorted(p.name for p in exercises.iterdir())
    # a student who solved everything: the repository's solutions in the bundle's place
    for solution in (ROOT / "exercises" / "solutions").glob("ch*.py"):
        shutil.copyfile(solution, exercises / solution.name)
    solved = _grade(reader_env, exercises)
    assert solved["total"] == solved["max_total"] == stubs["max_total"], solved
    pytest_run = subprocess.run(
        [str(reader_env["python"]), "-m", "pytest", "-q", "-p", "no:cacheprovider", "."],
        cwd=exercises,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert pytest_run.returncode == 0, pytest_run.stdout[-3000:]
