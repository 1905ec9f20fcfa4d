"""Sphinx extension: take the book home (notebooks, the wheel, the exercises), Colab, editions.

* ``_sources/<page>.ipynb`` for every notebook page (its download; the publish workflow
  pushes them to the ``notebooks`` branch for Colab): the page's *resolved* doctree as
  Markdown (sphinx-markdown-builder's translator: glued values filled in, references as
  links or text) between the executed notebook's own code cells, a first cell that
  installs the library, the chapter's exercise cells (``mnist_tutorial.exercise_cells``).
* ``downloads/``: the library's wheel and ``mnist-exercises.zip`` (no solutions).
* A Colab button on notebook pages once ``repository.url`` is set (:func:`colab_url`).
* ``MNIST_TUTORIAL_EDITION=student``: sphinx-exercise's ``hide_solutions``, so no solution
  reaches a page, a notebook or the search index.
* A subset of the chapters (a shorter toc): references to pages left out become text.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx_markdown_builder.contexts import SubContext, SubContextParams, WrappedContext
from sphinx_markdown_builder.translator import MarkdownTranslator, pushing_context

ROOT = Path(__file__).resolve().parents[2]
DOWNLOADS = "downloads"
BUNDLE_NAME = "mnist-exercises.zip"
PACKAGE = "mnist_tutorial"
NOTEBOOKS_BRANCH = "notebooks"
CELL = "CELLMARK{}ENDMARK"
_CELL = re.compile(r"CELLMARK(\d+)ENDMARK")
SHOWN_ONLY_IN_HTML = "(This part is shown in the HTML book.)"


def colab_url(repository_url: str, docname: str) -> str:
    """The Colab link of a page's notebook on the ``notebooks`` branch ("" without a repo)."""
    match = re.match(r"https?://github\.com/([^/]+)/([^/#?]+?)(?:\.git)?/?$", repository_url or "")
    if not match or "executablebooks/jupyter-book" in repository_url:
        return ""
    owner, repo = match.groups()
    return (
        f"https://colab.research.google.com/github/{owner}/{repo}/blob/"
        f"{NOTEBOOKS_BRANCH}/{docname}.ipynb"
    )


# --- The notebook: Markdown from the resolved doctree, code from the executed notebook


class _Markdown(MarkdownTranslator):
    """The translator, with admonitions, exercises and solutions as a reader expects them."""

    def unknown_visit(self, node: nodes.Node) -> None:  # render the children
        pass

    def unknown_departure(self, node: nodes.Node) -> None:
        pass

    def _push_box(self, title: str) -> None:  # an admonition: its own title says what it is
        self._push_context(SubContext(SubContextParams(1, 2)))

    @pushing_context
    def visit_title(self, node: nodes.Node) -> None:
        kind = type(node.parent).__name__
        if kind == "section":
            return super().visit_title(node)
        if kind == "solution_node":  # <summary> says it
            raise nodes.SkipNode
        prefix = "**Exercise " if kind.startswith("exercise") else "**"
        self._push_context(WrappedContext(prefix, "**", params=SubContextParams(2, 2)))

    def visit_solution_node(self, node: nodes.Node) -> None:
        self.add("<details><summary>Solution</summary>", prefix_eol=2, suffix_eol=2)

    def depart_solution_node(self, node: nodes.Node) -> None:
        self.add("</details>", prefix_eol=2, suffix_eol=2)


def _link(docname: str, refuri: str, *, site: str, notebooks: set[str]) -> str | None:
    """Where a link of the page points from a notebook (``None``: keep only its text)."""
    if "://" in refuri or refuri.startswith("mailto:"):
        return refuri
    path, _, anchor = refuri.partition("#")
    if not path:
        return f"#{anchor}"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
    if site:
        return f"{site}/{target}" + (f"#{anchor}" if anchor else "")
    page = target.removesuffix(".html")
    if page in notebooks and target.endswith(".html"):
        return posixpath.relpath(page, posixpath.dirname(docname) or ".") + ".ipynb"
    return None


def page_markdown(app: Any, doctree: nodes.document, docname: str, notebooks: set[str]) -> list:
    """The page as ``[markdown, cell index, markdown, ...]`` (code cells by their index)."""
    doctree = doctree.deepcopy()
    site = site_url(app)
    for cell in list(doctree.findall(nodes.container)):
        if cell.get("nb_element") != "cell_code":
            continue
        marker = [nodes.paragraph("", CELL.format(cell["cell_index"]))]
        marker += [  # a figure's caption follows its cell
            nodes.paragraph("", "", nodes.emphasis("", "", *caption.children))
            for caption in cell.findall(nodes.caption)
        ]
        cell.replace_self(marker)
    for node in list(doctree.findall(lambda n: isinstance(n, (nodes.raw, nodes.comment)))):
        if isinstance(node, nodes.raw) and "html" in node.get("format", ""):
            node.parent.insert(
                node.parent.index(node),
                nodes.paragraph("", "", nodes.emphasis("", SHOWN_ONLY_IN_HTML)),
            )
        node.parent.remove(node)
    for node in list(doctree.findall(nodes.compound)):
        if "toctree-wrapper" in node["classes"]:
            node.parent.remove(node)
    for block in doctree.findall(nodes.literal_block):
        if block.get("language") in (None, "default", "ipython3"):
            block["language"] = "python"
    for image in doctree.findall(nodes.image):
        name = app.builder.images.get(image["uri"])
        image["uri"] = f"{site}/_images/{name}" if site and name else image["uri"]
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri") or ("#" + ref["refid"] if ref.get("refid") else "")
        target = _link(docname, uri, site=site, notebooks=notebooks) if uri else None
        if target is None:
            ref.replace_self(nodes.inline("", "", *ref.children))
        else:
            ref["refuri"], ref["internal"] = target, False
    translator = _Markdown(doctree, app.builder)
    doctree.walkabout(translator)
    parts = _CELL.split(translator.astext())
    return [int(part) if i % 2 else part.strip() for i, part in enumerate(parts)]


def install_cell_source(site: str, wheel: str) -> str:
    """The first code cell: install the library when ``import mnist_tutorial`` fails."""
    if site:
        return (
            "# This notebook needs the book's library, mnist_tutorial. In a fresh Jupyter\n"
            "# or Colab kernel that lacks it, this cell installs it from the book's site.\n"
            "try:\n    import mnist_tutorial\nexcept ImportError:\n"
            f"    %pip install --quiet {site.rstrip('/')}/{DOWNLOADS}/{wheel}"
        )
    return (
        "# This notebook needs the book's library, mnist_tutorial. This cell checks\n"
        "# that it is installed, and says where to get it if it is not.\n"
        "try:\n    import mnist_tutorial\nexcept ImportError as error:\n"
        "    raise ImportError(\n"
        f'        "Install the library first: download {wheel} from the book\'s "\n'
        "        \"'Get the code and the exercises' page, then run \"\n"
        f'        "%pip install {wheel} (from the folder where it was saved)"\n'
        "    ) from error"
    )


def exercise_cells(chapter: str) -> list[dict]:
    """The chapter's exercises as cells to fill, from the library when it offers them."""
    import mnist_tutorial

    if not re.match(r"ch\d\d_", chapter) or not hasattr(mnist_tutorial, "exercise_cells"):
        return []
    try:
        return list(mnist_tutorial.exercise_cells(chapter))
    except (KeyError, ValueError):  # a page without exercises
        return []


def take_home_notebook(notebook: Any, parts: list, *, install: str, extra: list = ()) -> Any:
    """The executed notebook with the page's Markdown between its code cells.

    ``parts`` come from :func:`page_markdown`; every code cell of ``notebook`` is kept in
    order (a hidden cell collapsed, its hidden outputs dropped), the install cell first
    after the title, then ``extra`` cells (``{"cell_type", "source"}``) at the end.
    """
    import nbformat

    source = [nbformat.from_dict(c) for c in json.loads(json.dumps(notebook["cells"]))]
    code = {index: cell for index, cell in enumerate(source) if cell.cell_type == "code"}
    cells, done = [], 0
    for part in [*parts, len(source)]:  # a code cell's index counts every cell before it
        if isinstance(part, str):
            if part:
                cells.append(nbformat.v4.new_markdown_cell(part))
            continue
        for cell in [code[i] for i in sorted(code) if done <= i <= part]:
            tags = set(cell.metadata.get("tags", []))
            if tags & {"remove-output", "remove-cell"}:
                cell.outputs = []
            cell.outputs = [  # glued with display=False: not shown in the book either
                out for out in cell.outputs if "scrapbook" not in out.get("metadata", {})
            ]
            if tags & {"remove-cell", "remove-input", "hide-input", "hide-cell"}:
                cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            cell.metadata.pop("mystnb", None)
            cells.append(cell)
        done = max(done, part + 1)
    title = 1 if cells and cells[0].cell_type == "markdown" else 0
    if title and cells[0].source.startswith("# ") and "\n" in cells[0].source:
        heading, rest = cells[0].source.split("\n", 1)
        cells[0].source = heading
        cells.insert(1, nbformat.v4.new_markdown_cell(rest.strip()))
    first = nbformat.v4.new_code_cell(install, metadata={"tags": ["install-library"]})
    cells.insert(title, first)
    for cell in extra:  # tagged: not one of the page's cells
        new = nbformat.v4.new_code_cell if cell["cell_type"] == "code" else None
        cells.append((new or nbformat.v4.new_markdown_cell)(cell["source"]))
        cells[-1].metadata["tags"] = ["exercise"]
    result = nbformat.v4.new_notebook(cells=cells)
    result.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    for index, cell in enumerate(result.cells):
        cell["id"] = f"cell-{index}"
    return result


def executed_notebook(app: Any, docname: str) -> Any:
    """The page's notebook with this build's outputs (merged from jupyter-cache)."""
    import nbformat

    path = Path(app.outdir).parent / "jupyter_execute" / f"{docname}.ipynb"
    if not path.is_file():
        return None
    notebook = nbformat.read(path, as_version=4)
    cache = Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    if any(cell.get("outputs") for cell in notebook.cells) or not cache.is_dir():
        return notebook
    from jupyter_cache import get_cache

    try:
        return get_cache(str(cache)).merge_match_into_notebook(notebook)[1]
    except KeyError:  # not in the cache: executed in place, or not at all
        return notebook


def _version() -> str:
    # the wheel's version (hatch_build.py): BASE_VERSION + a hash of the sources
    import importlib.util

    spec = importlib.util.spec_from_file_location("_v", ROOT / PACKAGE / "_version.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.source_version(ROOT)


# --- The downloads: the wheel and the exercises bundle


def wheel_name() -> str:
    return f"{PACKAGE}-{_version()}-py3-none-any.whl"


def _inputs_digest() -> str:
    digest = hashlib.sha256()
    paths = [ROOT / "pyproject.toml", ROOT / "hatch_build.py"]
    paths += sorted(p for p in (ROOT / PACKAGE).rglob("*.py") if "__pycache__" not in p.parts)
    paths += sorted(p for p in (ROOT / PACKAGE / "data").rglob("*") if p.is_file())
    paths += sorted(p for p in (ROOT / "exercises").glob("*") if p.is_file())
    for path in paths:
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def build_wheel(target: Path) -> Path:
    """The library's wheel in ``target`` (rebuilt only when its inputs changed)."""
    wheel, stamp = target / wheel_name(), ROOT / "_build" / ".wheel-inputs"
    digest = _inputs_digest()
    if wheel.is_file() and stamp.is_file() and stamp.read_text().strip() == digest:
        return wheel
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob(f"{PACKAGE}-*.whl"):
        old.unlink()
    command = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps"]
    command += ["--no-build-isolation", "--quiet", "--wheel-dir", str(target)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not wheel.is_file():
        raise RuntimeError(f"take_home: building the wheel failed:\n{result.stderr[-2000:]}")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest + "\n")
    return wheel


def build_exercises_bundle(target: Path) -> Path:
    """``mnist-exercises.zip``: ``exercises/`` with the student files (no solutions)."""
    from mnist_tutorial.exercise_files import student_files

    target.mkdir(parents=True, exist_ok=True)
    bundle = target / BUNDLE_NAME
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in student_files(ROOT / "exercises"):
            info = zipfile.ZipInfo(f"exercises/{path.name}", date_time=(2020, 2, 2, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return bundle


# --- Sphinx glue


def site_url(app: Any) -> str:
    return (getattr(app.config, "html_baseurl", "") or "").strip().rstrip("/")


def _notebook_pages(env: Any) -> set[str]:
    return {doc for doc in env.found_docs if "kernelspec" in env.metadata.get(doc, {})}


def _download_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    """``{download-file}`wheel``` or ``{download-file}`exercises```: a link to the file."""
    files = {"wheel": wheel_name(), "exercises": BUNDLE_NAME}
    if text not in files:
        message = inliner.reporter.error(f"download-file: 'wheel' or 'exercises', not {text!r}")
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    uri = "../" * inliner.document.settings.env.docname.count("/") + f"{DOWNLOADS}/{files[text]}"
    node = nodes.reference(rawtext, "", refuri=uri, classes=["download-file"])
    node += nodes.literal(files[text], files[text])
    return [node], []


def _page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Write the page's take-home notebook and offer it for download."""
    if doctree is None or pagename not in _notebook_pages(app.env):
        return
    import nbformat

    notebook = executed_notebook(app, pagename)
    if notebook is None:
        return
    parts = page_markdown(app, doctree, pagename, _notebook_pages(app.env))
    install = install_cell_source(site_url(app), wheel_name())
    extra = exercise_cells(pagename.rsplit("/", 1)[-1])
    result = take_home_notebook(notebook, parts, install=install, extra=extra)
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(result, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def _colab_button(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    url = colab_url(app.config.html_theme_options.get("repository_url", ""), pagename)
    if url and pagename in _notebook_pages(app.env) and "header_buttons" in context:
        colab = {"type": "link", "text": "Colab", "tooltip": "Open this chapter in Colab"}
        colab |= {"icon": "_static/images/logo_colab.png", "url": url, "label": "colab-button"}
        context["header_buttons"].append(
            {"type": "group", "tooltip": "Launch", "icon": "fas fa-rocket", "buttons": [colab]}
        )


def _left_out(app: Any, env: Any) -> dict[str, str]:
    """``{docname: text}`` of the pages beside this build's pages that it leaves out."""
    left_out = {}
    for folder in {Path(env.doc2path(doc)).parent for doc in env.found_docs}:
        for path in folder.glob("*.md"):
            doc = path.relative_to(app.srcdir).with_suffix("").as_posix()
            if doc not in env.found_docs:
                left_out[doc] = path.read_text(encoding="utf-8")
    return left_out


def _ignore_left_out(app: Any, env: Any) -> None:
    """A Markdown link to a page left out: MyST writes its text; no warning (nitpick_ignore)."""
    left_out = [("myst", doc) for doc in _left_out(app, env)]
    app.config.nitpick_ignore = [*app.config.nitpick_ignore, *left_out]


def _unreleased(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """A reference to a page left out of this build (a subset of chapters): its text."""
    if node.get("reftype") not in ("doc", "ref", "numref", "myst", "any"):
        return None
    left_out = _left_out(app, env)
    target = node["reftarget"].removesuffix(".md")
    text = left_out.get(
        posixpath.normpath(posixpath.join(posixpath.dirname(node["refdoc"]), target))
    )
    title = re.search(r"^# (.+)$", text or "", flags=re.MULTILINE)
    if text is None:  # a label on a page left out
        label = re.escape(target)
        where = rf"^\({label}\)=|^:label: {label}$|^\s*name: {label}$"
        text = next((t for t in left_out.values() if re.search(where, t, re.MULTILINE)), None)
    if text is None:
        return None
    shown = title[1] if title and not node.get("refexplicit") else contnode.astext()
    return nodes.inline(shown, shown)


def _editions(app: Any, config: Any) -> None:
    if os.environ.get("MNIST_TUTORIAL_EDITION", "").strip().lower() == "student":
        config.hide_solutions = True  # removed when read: in no page, notebook or index
    # one execution cache (scripts/build_book.py's) for every edition and --path-output
    config.nb_execution_cache_path = str(ROOT / "_build" / ".jupyter_cache")


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    sources, keep = Path(app.outdir) / "_sources", _notebook_pages(app.env)
    for old in sources.rglob("*.ipynb"):  # a page that is no longer a notebook
        if old.relative_to(sources).with_suffix("").as_posix() not in keep:
            old.unlink()
    if app.config.take_home_downloads:
        build_wheel(Path(app.outdir) / DOWNLOADS)
        build_exercises_bundle(Path(app.outdir) / DOWNLOADS)


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("sphinx_markdown_builder")  # the translator's settings
    app.add_config_value("take_home_downloads", True, "html")  # the wheel and the zip
    app.add_role("download-file", _download_role)
    app.connect("config-inited", _editions, priority=900)
    # before sphinx-book-theme's download menu, then after its header buttons (501)
    app.connect("html-page-context", _page_context, priority=400)
    app.connect("html-page-context", _colab_button, priority=502)
    app.connect("missing-reference", _unreleased)
    app.connect("env-updated", _ignore_left_out)
    app.connect("build-finished", _build_finished)
    return {"version": "0.2", "parallel_read_safe": True, "parallel_write_safe": True}
