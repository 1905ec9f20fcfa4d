"""The take-home notebooks, the student edition, subset builds and the Colab button.

``book/_ext/take_home.py`` writes each MyST notebook page's ``.ipynb`` from Sphinx's
resolved doctree. The fast tests build a two-page site with Sphinx and MyST-NB (executed
for real, once per module) and read what it wrote: the same code paths as the book, on
pages small enough to say exactly what must come out. The slow tests (``.ci/run`` runs
them after the book build, with ``MNIST_TUTORIAL_REQUIRE_BOOK=1``) build the real book's
student edition and a chapters 1-5 release from the book's execution cache.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("myst_nb")
pytest.importorskip("sphinx_markdown_builder")
MYST_ONLY = re.compile(r"\{[\w:+-]+\}`|^\s*:::|^\s*```\{|^\([\w-]+\)=$", re.MULTILINE)
WHEEL = "mnist_tutorial-{}-py3-none-any.whl"
SITE = "https://example.org/book"
REPO = "https://github.com/someone/mnist-book"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "book" / "_ext" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


th = _load("take_home")

HEADER = """---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
"""
PAGE_A = HEADER + textwrap.dedent(
    """
    # Confusion

    ```{code-cell} ipython3
    :tags: [remove-cell]
    from myst_nb import glue
    n, rate, digit = 14000, 0.1234, "8"
    glue("n", n, display=False)
    glue("rate", rate, display=False)
    glue("digit", digit, display=False)
    ```

    Digit {glue:text}`digit` is wrong {glue:text}`rate:.1%` of the time on
    {glue:text}`n:,` images. See {doc}`b`, {doc}`the other page <b>`, {ref}`sec-b`,
    [page b](b.md) and [the web](https://example.com). Mind $x^2$ and `code {glue:text}`.

    ## Code

    ```{code-cell} ipython3
    print(n + 1)
    ```

    Between the cells.

    ```{code-cell} ipython3
    ---
    mystnb:
      figure:
        caption: On {glue:text}`n:,` images.
        name: fig-a
    ---
    from IPython.display import Image
    Image(data=bytes.fromhex(PNG), format="png")
    ```

    ```{note}
    A note with {glue:text}`digit`.
    ```

    % a comment for authors only

    ```{raw} html
    <canvas id="draw-here"></canvas>
    ```

    :::{exercise} Add one
    :label: ex-add
    Implement `add_one(x)`.
    :::

    :::{solution} ex-add
    :class: dropdown
    ```{literalinclude} solution.py
    :pyobject: add_one
    ```
    :::
    """
)
PAGE_B = HEADER + "\n(sec-b)=\n# The other page\n\n```{code-cell} ipython3\n1 + 1\n```\n"
SOLUTION = "def add_one(x):\n    return x + 41 - 40  # DISTINCTIVE-SOLUTION-LINE\n"
PNG = (  # a 1x1 PNG
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
CONF = """
extensions = ["myst_nb", "sphinx_exercise", "take_home"]
html_theme = "sphinx_book_theme"
html_theme_options = {{"repository_url": {repo!r}}}
html_baseurl = {site!r}
myst_enable_extensions = ["colon_fence", "dollarmath"]
nb_execution_mode = "force"
exclude_patterns = ["_build"]
take_home_downloads = False
"""


def build_site(folder: Path, *, site="", repo="", pages=("a", "b"), env=None, check=True):
    """A two-page Sphinx site (``-W -n``) with this book's extension; the html folder."""
    src = folder / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF.format(site=site, repo=repo))
    (src / "solution.py").write_text(SOLUTION)
    toc = "\n".join(pages)
    (src / "index.md").write_text(f"# Home\n\n```{{toctree}}\n{toc}\n```\n")
    (src / "a.md").write_text(PAGE_A.replace("bytes.fromhex(PNG)", f'bytes.fromhex("{PNG}")'))
    (src / "b.md").write_text(PAGE_B)
    if "b" not in pages:
        (src / "conf.py").write_text(
            CONF.format(site=site, repo=repo) + 'exclude_patterns.append("b.md")\n'
        )
    out = folder / "html"
    command = [sys.executable, "-m", "sphinx", "-W", "-n", "--keep-going", "-q", "-b", "html"]
    path = os.pathsep.join([str(ROOT / "book" / "_ext"), os.environ.get("PYTHONPATH", "")])
    result = subprocess.run(
        [*command, str(src), str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path, **(env or {})},
        timeout=600,
    )
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("offline"))


@pytest.fixture(scope="module")
def online(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("online"), site=SITE, repo=REPO)


def _notebook(html: Path, page: str = "a"):
    notebook = nbformat.read(html / "_sources" / f"{page}.ipynb", as_version=4)
    nbformat.validate(notebook)
    return notebook


def _prose(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def test_glued_values_are_filled_in_and_no_myst_is_left(offline):
    notebook = _notebook(offline)
    prose = _prose(notebook)
    assert notebook.cells[0].source.startswith("# Confusion")
    assert "Digit 8 is wrong 12.3% of the time on 14,000 images." in " ".join(prose.split())
    assert "*On 14,000 images.*" in prose  # the figure's caption follows its cell
    assert "A note with 8." in prose and "$x^2$" in prose
    assert th.SHOWN_ONLY_IN_HTML in prose and "canvas" not in prose and "authors" not in prose
    assert "`code {glue:text}`" in prose  # a code span keeps its text
    assert not MYST_ONLY.search(prose.replace("`code {glue:text}`", "")), prose


def test_references_link_to_a_sibling_notebook_or_the_site(offline, online):
    prose = " ".join(_prose(_notebook(offline)).split())
    assert "[The other page](b.ipynb)" in prose and "[the other page](b.ipynb)" in prose
    assert "[page b](b.ipynb)" in prose
    assert "[the web](https://example.com)" in prose
    online_prose = " ".join(_prose(_notebook(online)).split())
    assert f"[The other page]({SITE}/b.html)" in online_prose
    assert f"({SITE}/b.html#sec-b)" in online_prose


def test_code_cells_are_the_executed_cells_in_order(offline):
    notebook = _notebook(offline)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert len(code) == 1 + PAGE_A.count("```{code-cell}")  # install cell + every cell
    install, hidden, printed, figure = code
    assert "import mnist_tutorial" in install.source and "http" not in install.source
    assert "glue(" in hidden.source and hidden.metadata["jupyter"]["source_hidden"]
    assert hidden.outputs == []  # glued with display=False: nothing to show
    assert printed.outputs[0]["text"] == "14001\n"
    assert "image/png" in figure.outputs[0]["data"]
    assert notebook.metadata.kernelspec.name == "python3"
    assert len({cell["id"] for cell in notebook.cells}) == len(notebook.cells)
    order = [cell.source.split("\n")[0] for cell in notebook.cells]
    assert order.index("print(n + 1)") < order.index("Between the cells.")
    assert order.index("Between the cells.") < order.index("from IPython.display import Image")


def test_the_install_cell_uses_the_site_when_it_is_set(online):
    install = next(c for c in _notebook(online).cells if c.cell_type == "code").source
    assert f"%pip install --quiet {SITE}/downloads/{th.wheel_name()}" in install


def test_install_cell_runs_as_python_once_ipython_transforms_it():
    from IPython.core.inputtransformer2 import TransformerManager

    for site in ("", SITE):
        source = th.install_cell_source(site, "w.whl")
        compile(TransformerManager().transform_cell(source), "<install>", "exec")


def test_solutions_are_in_details_blocks_with_their_code(offline):
    prose = _prose(_notebook(offline))
    assert "Add one" in prose and "Implement `add_one(x)`" in prose
    assert "<details><summary>Solution</summary>" in prose and "</details>" in prose
    assert "DISTINCTIVE-SOLUTION-LINE" in prose


def test_a_student_release_of_some_pages_has_no_solution_and_no_warning(tmp_path):
    """The student edition of a subset: no solution anywhere, -W -n passes without ``b``."""
    html = build_site(tmp_path, pages=("a",), env={"MNIST_TUTORIAL_EDITION": "student"})
    leaks = _files_containing(html, ["DISTINCTIVE-SOLUTION-LINE", "x + 41 - 40"])
    assert not leaks, leaks
    prose = " ".join(_prose(_notebook(html)).split())
    assert "Implement `add_one(x)`" in prose  # the exercise stays
    assert "See The other page, the other page, sec-b, page b and" in prose  # b: text
    assert not (html / "b.html").exists()


def test_exercise_cells_end_the_notebook(monkeypatch):
    import mnist_tutorial

    cells = [{"cell_type": "markdown", "source": "Do it"}, {"cell_type": "code", "source": "x"}]
    monkeypatch.setattr(mnist_tutorial, "exercise_cells", lambda chapter: cells, raising=False)
    extra = th.exercise_cells("ch02_sigmoid")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    result = th.take_home_notebook(notebook, ["# T", 0], install="pass", extra=extra)
    assert all(c.metadata["tags"] == ["exercise"] for c in result.cells[-2:])
    assert [(c.cell_type, c.source) for c in result.cells[-2:]] == [
        ("markdown", "Do it"),
        ("code", "x"),
    ]
    nbformat.validate(result)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", ""),
        ("https://github.com/executablebooks/jupyter-book", ""),  # Jupyter Book's default
        ("https://gitlab.com/someone/mnist-book", ""),
        (
            "https://github.com/someone/mnist-book.git",
            "https://colab.research.google.com/github/someone/mnist-book/blob/notebooks/"
            "book/ch02_sigmoid.ipynb",
        ),
    ],
)
def test_colab_url(url, expected):
    assert th.colab_url(url, "book/ch02_sigmoid") == expected


def test_every_chapter_page_has_its_colab_button(online, offline):
    page = (online / "a.html").read_text(encoding="utf-8")
    url = "https://colab.research.google.com/github/someone/mnist-book/blob/notebooks/a.ipynb"
    assert page.count(f'href="{url}"') == 1
    assert "colab.research.google.com" not in (offline / "a.html").read_text(encoding="utf-8")
    assert "colab.research.google.com" not in (online / "index.html").read_text(encoding="utf-8")


def test_the_book_s_chapters_colab_urls():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [f["file"] for part in toc["parts"] for f in part["chapters"]]
    notebooks = [p for p in [toc["root"], *pages] if _is_notebook(ROOT / f"{p}.md")]
    assert "book/ch02_sigmoid" in notebooks and "book/api" not in notebooks
    for page in notebooks:
        assert th.colab_url(REPO, page) == (
            "https://colab.research.google.com/github/someone/mnist-book/blob/notebooks/"
            f"{page}.ipynb"
        )


def _is_notebook(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    return text.startswith("---") and "kernelspec" in text.split("---", 2)[1]


def _readable(path: Path) -> str:
    """A file's text as a reader sees it (HTML without tags, a notebook's cells, archives)."""
    if path.suffix in (".zip", ".whl"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    text = path.read_bytes().decode("utf-8", "replace")
    if path.suffix == ".html":
        return html.unescape(re.sub(r"<[^>]+>", "", text))
    if path.suffix == ".ipynb":
        cells = json.loads(text)["cells"]
        return "\n".join("".join(cell["source"]) for cell in cells) + text
    return text


def _files_containing(folder: Path, needles: list[str]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix not in (".png", ".svg", ".woff", ".woff2", ".ico"):
            text = _readable(path)
            found += [f"{path}: {n}" for n in needles if n in text]
    return found


def test_exercises_bundle_has_the_student_files_and_no_solutions(tmp_path):
    bundle = th.build_exercises_bundle(tmp_path)
    names = zipfile.ZipFile(bundle).namelist()
    assert "exercises/README.md" in names and "exercises/conftest.py" in names
    students = sorted(p.name for p in (ROOT / "exercises").glob("ch*.py"))
    assert students and all(f"exercises/{name}" in names for name in students)
    assert all(f"exercises/test_{name}" in names for name in students)
    assert not [name for name in names if "solution" in name]


def test_the_api_page_lists_every_constant_of_all_with_its_value():
    import mnist_tutorial

    text = (ROOT / "book" / "api.md").read_text(encoding="utf-8")
    assert ".. automodule:: mnist_tutorial\n   :members:" in text  # functions and classes
    # the build's machinery is left out of the main list only to be documented below it
    excluded = re.search(r":exclude-members: (.*)\n", text)
    for name in excluded[1].split(", ") if excluded else []:
        assert name in mnist_tutorial.__all__, f"book/api.md excludes unknown name {name}"
        assert re.search(rf"\.\. auto(function|class|exception):: {name}\n", text), name
    for name in mnist_tutorial.__all__:
        value = getattr(mnist_tutorial, name)
        if callable(value):
            continue
        assert f".. py:data:: {name}\n" in text, f"book/api.md does not document {name}"
        shown = re.search(rf"py:data:: {name}\n   :value: (.*)\n", text)
        if shown:
            assert shown[1] == repr(value), f"{name}: the page says {shown[1]}"


def _book_site():
    return _load("book_site")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("", False),
        ("https://github.com/executablebooks/jupyter-book", False),  # Jupyter Book's default
        ("https://github.com/someone/mnist-book", True),
    ],
)
def test_repository_buttons_only_with_a_real_url(url, shown):
    config = SimpleNamespace(
        html_theme_options={"repository_url": url, "use_repository_button": False},
        myst_substitutions={},
    )
    _book_site()._repository_buttons(None, config)
    options = config.html_theme_options
    assert options["use_repository_button"] is shown and options["use_issues_button"] is shown
    assert options["use_edit_page_button"] is False
    assert ("](" in config.myst_substitutions["repository"]) is shown


# --------------------------------------------------------------------------------------
# The real book: its student edition and a chapters 1-5 release (after the book build)
# --------------------------------------------------------------------------------------


def _require_book():
    if not os.environ.get("MNIST_TUTORIAL_REQUIRE_BOOK"):
        pytest.skip("builds the book twice more: .ci/run runs it after the book build")


def build_book(out: Path, *extra: str, env=None) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "scripts" / "build_book.py"), "--path-output", str(out)]
    return subprocess.run(
        [*command, *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=3600,
    )


def solution_lines() -> list[str]:
    """Distinctive lines of the reference solutions (long; not in the student files, the
    library or the chapters' own text, where they would not be a solution)."""
    others = [*(ROOT / "exercises").glob("ch*.py"), *(ROOT / "mnist_tutorial").rglob("*.py")]
    students = "".join(p.read_text() for p in [*others, *(ROOT / "book").glob("*.md")])
    lines = set()
    for path in (ROOT / "exercises" / "solutions").glob("ch*.py"):
        for line in path.read_text().splitlines():
            line = line.strip()
            code = not line.startswith(("#", '"', "def ", "import", "from"))
            if len(line) > 30 and code and line not in students:
                lines.add(line)
    return sorted(lines)


@pytest.mark.slow
def test_the_book_s_student_edition_has_no_solution_code(tmp_path):
    _require_book()
    lines = solution_lines()
    assert len(lines) >= 20
    result = build_book(tmp_path, env={"MNIST_TUTORIAL_EDITION": "student"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = tmp_path / "_build" / "html"
    assert (html / "_sources" / "book" / "ch02_sigmoid.ipynb").is_file()
    leaks = _files_containing(html, lines)
    assert not leaks, leaks[:10]
    # the normal build shows them (so the test can fail)
    assert _files_containing(ROOT / "_build" / "html" / "book", lines[:40])


@pytest.mark.slow
def test_a_release_of_chapters_1_to_5_builds_with_warnings_as_errors(tmp_path):
    _require_book()
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    first = toc["parts"][0]
    assert [c["file"] for c in first["chapters"]][-1] == "book/ch05_fitting"
    kept = ("Take it home", "References")  # the bibliography page holds the citations
    toc["parts"] = [first, *[p for p in toc["parts"] if p["caption"] in kept]]
    (tmp_path / "_toc.yml").write_text(yaml.safe_dump(toc))
    result = build_book(tmp_path / "out", "--toc", str(tmp_path / "_toc.yml"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = tmp_path / "out" / "_build" / "html"
    assert (html / "book" / "ch05_fitting.html").is_file()
    assert not (html / "book" / "ch06_confusion.html").exists()
    notebook = json.loads((html / "_sources" / "book" / "ch02_sigmoid.ipynb").read_text())
    assert notebook["cells"]


@pytest.mark.slow
def test_the_workflow_publishes_exactly_the_take_home_notebooks():
    """The artifact the notebooks job pushes is every notebook page's download, nothing else."""
    html = ROOT / "_build" / "html"
    if not (html / "index.html").is_file():
        _require_book()
        pytest.fail("the book is not built")
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    upload = next(
        s for s in workflow["jobs"]["build"]["steps"] if s.get("name", "").endswith("notebooks")
    )
    published = sorted(
        p.relative_to(html / "_sources").as_posix() for p in ROOT.glob(upload["with"]["path"])
    )
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"], *[f["file"] for part in toc["parts"] for f in part["chapters"]]]
    expected = sorted(f"{p}.ipynb" for p in pages if _is_notebook(ROOT / f"{p}.md"))
    assert published == expected


@pytest.mark.slow
def test_a_downloaded_chapter_runs_in_a_fresh_kernel_with_scikit_learns_own_fit(
    wheel_only, tmp_path, monkeypatch
):
    """Chapter 5's take-home notebook, top to bottom, the library from its wheel, no build
    switch: every cell runs, ``.fit`` is scikit-learn's own and no fit reaches a cache."""
    _require_book()
    import nbclient

    notebook = ROOT / "_build" / "html" / "_sources" / "book" / "ch05_fitting.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    probe = (
        "import mnist_tutorial\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.pipeline import Pipeline\n"
        "print(mnist_tutorial.__file__)\n"
        "print(LogisticRegression.fit.__module__, Pipeline.fit.__module__)"
    )
    nb.cells.append(nbformat.v4.new_code_cell(probe))
    for name in [k for k in os.environ if k.startswith("MNIST_TUTORIAL_")]:
        monkeypatch.delenv(name)  # the build's switch above all
    cache = tmp_path / "fit-cache"
    monkeypatch.setenv("MNIST_TUTORIAL_CACHE", str(cache))
    monkeypatch.setenv("PYTHONPATH", str(wheel_only))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3")
    client.execute(cwd=str(tmp_path))  # raises CellExecutionError if any cell fails
    where, methods = nb.cells[-1].outputs[0]["text"].split("\n")[:2]
    assert where.startswith(str(wheel_only)), where
    assert methods == "sklearn.linear_model._logistic sklearn.pipeline", methods
    assert not cache.exists() or not any(cache.iterdir())
