"""Sphinx extension: take the book home (notebooks, the library's wheel, the exercises).

Next to the HTML, the build publishes

* for every page that is a MyST notebook, ``_sources/<docname>.ipynb`` (the page's
  ``.ipynb`` download): the notebook *as executed by this build*, with the glued values
  written into its prose, MyST-only markup (roles, directives, labels) turned into plain
  Markdown a Jupyter or Colab reader can read, exercise solutions in ``<details>``
  blocks, and a first code cell that installs the library when ``import mnist_tutorial``
  fails. Nothing in it needs ``myst_nb``;
* ``downloads/mnist_tutorial-<version>-py3-none-any.whl``, the library built from the same
  source (with the bundled MNIST files and the student exercise files), rebuilt only when
  the library, the exercises or ``pyproject.toml`` change;
* ``downloads/mnist-exercises.zip``: the student files, their pytest files and the
  exercises' README in an ``exercises/`` folder (no solutions).

Where the book lives is set once in ``_config.yml``: ``html.baseurl`` (the published
site) and ``repository.url``. The install cell and the notebooks' links use the site URL
when it is set; when it is not, the notebooks link to sibling ``.ipynb`` files and the
install cell explains what to download instead of pointing at a placeholder.

Roles for pages: ``{download-file}`wheel``` and ``{download-file}`exercises``` link
to the two files (with their file names as text).
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from docutils import nodes

ROOT = Path(__file__).resolve().parents[2]
DOWNLOADS = "downloads"
BUNDLE_NAME = "mnist-exercises.zip"
PACKAGE = "mnist_tutorial"

# --------------------------------------------------------------------------------------
# Markdown conversion (pure functions, unit-tested in tests/test_take_home.py)
# --------------------------------------------------------------------------------------

ROLE = re.compile(r"\{(?P<name>[a-zA-Z][\w:+-]*)\}`(?P<text>[^`]*)`")
DIRECTIVE = re.compile(
    r"^(?P<indent>\s*)(?P<fence>:{3,}|`{3,})\{(?P<name>[\w:+-]+)\}\s*(?P<arg>.*)$"
)
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
TARGET = re.compile(r"^\s*\([\w:.-]+\)=\s*$")
ADMONITIONS = {
    "note",
    "tip",
    "hint",
    "important",
    "warning",
    "caution",
    "attention",
    "danger",
    "error",
    "seealso",
    "admonition",
}


class Context:
    """What the conversion needs to know about the book.

    Parameters
    ----------
    glue : dict
        ``{key: {"data": {mime: value}}}`` of this page (MyST-NB's ``.glue.json``).
    site_url : str
        The published site ("" when unknown).
    docname : str
        This page, e.g. ``book/ch06_confusion``.
    titles : dict
        ``{docname: title}`` of every page.
    notebooks : set
        Docnames that have an ``.ipynb`` download.
    labels : dict
        ``{label: (docname, anchor, title)}``.
    files : dict
        ``{"wheel": name, "exercises": name}``: the download files.
    other_glue : callable
        ``other_glue(docname) -> dict``: the glue data of another page.
    """

    def __init__(
        self,
        glue: dict,
        *,
        site_url: str = "",
        docname: str = "",
        titles: dict | None = None,
        notebooks: set | None = None,
        labels: dict | None = None,
        files: dict | None = None,
        other_glue: Any = None,
    ) -> None:
        self.glue = glue
        self.site_url = site_url.rstrip("/")
        self.docname = docname
        self.titles = titles or {}
        self.notebooks = notebooks or set()
        self.labels = labels or {}
        self.files = files or {}
        self.other_glue = other_glue or (lambda docname: {})

    def page_link(self, target: str, text: str | None, anchor: str = "") -> str:
        """A Markdown link to another page (site HTML, else a sibling notebook, else text)."""
        text = text or self.titles.get(target, target.rsplit("/", 1)[-1])
        if self.site_url:
            return f"[{text}]({self.site_url}/{target}.html{'#' + anchor if anchor else ''})"
        if target in self.notebooks:
            return f"[{text}]({_relative(self.docname, target)}.ipynb)"
        return text

    def download_link(self, which: str) -> str:
        name = self.files.get(which, which)
        if self.site_url:
            return f"[{name}]({self.site_url}/{DOWNLOADS}/{name})"
        return f"`{name}`"


def _relative(source: str, target: str) -> str:
    source_dir = source.rsplit("/", 1)[0] if "/" in source else ""
    if source_dir and target.startswith(source_dir + "/"):
        return target[len(source_dir) + 1 :]
    return "../" * source.count("/") + target


def _resolve_docname(current: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/").removesuffix(".md")
    base = current.rsplit("/", 1)[0] + "/" if "/" in current else ""
    parts: list[str] = []
    for part in (base + target.removesuffix(".md")).split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts)


def glue_text(context: Context, content: str, mime: str = "text/plain") -> str:
    """The text of a ``{glue:text}`` role's content ``[doc::]key[:format]``."""
    from myst_nb.core.variables import format_plain_text

    glue = context.glue
    if "::" in content:
        doc, content = content.split("::", 1)
        glue = context.other_glue(_resolve_docname(context.docname, doc))
    key, _, fmt = content.partition(":")
    if key not in glue or mime not in glue[key].get("data", {}):
        raise KeyError(f"{context.docname}: no glued {mime} value for {key!r}")
    value = glue[key]["data"][mime]
    value = "".join(value) if isinstance(value, list) else value
    return format_plain_text(value, fmt) if mime == "text/plain" else value


def convert_role(context: Context, name: str, text: str) -> str:
    """Plain Markdown for the MyST role ``{name}`text```."""
    explicit = re.match(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", text, flags=re.DOTALL)
    title, target = (explicit["title"], explicit["target"]) if explicit else (None, text)
    if name in ("glue", "glue:", "glue:any", "glue:text"):
        return glue_text(context, text)
    if name == "glue:md":
        return glue_text(context, text.rsplit(":", 1)[0], mime="text/markdown")
    if name == "doc":
        return context.page_link(_resolve_docname(context.docname, target), title)
    if name in ("ref", "numref", "eq", "prf:ref"):
        if target in context.labels:
            docname, anchor, label_title = context.labels[target]
            return context.page_link(docname, title or label_title, anchor)
        return title or target
    if name.startswith("py:"):
        shown = f"`{(title or target).lstrip('~')}`"
        target = target.lstrip("~")
        if context.site_url and "api" in context.titles.get("book/api", "api"):
            return f"[{shown}]({context.site_url}/book/api.html#{target})"
        return shown
    if name == "math":
        return f"${text}$"
    if name == "download-file":
        return context.download_link(text)
    if name in ("cite", "cite:p", "cite:t"):
        return f"[{text}]"
    if name in ("kbd", "code", "literal", "file", "command", "program"):
        return f"`{text}`"
    if name in ("abbr",):
        return re.sub(r"\s*\(.*\)$", "", text)
    return title or text  # any other role: its visible text


INLINE = re.compile(ROLE.pattern + r"|(?P<code>(?P<ticks>`+)[^`].*?(?P=ticks))", re.DOTALL)


def convert_inline(context: Context, text: str) -> str:
    """Convert the roles of a piece of prose to plain Markdown (code spans stay as they are)."""

    def replace(match: re.Match) -> str:
        if match["code"]:
            return match["code"]
        return convert_role(context, match["name"], match["text"])

    return INLINE.sub(replace, text)


def _split_options(lines: list[str]) -> tuple[dict, list[str]]:
    """Directive options (``:key: value`` lines or a ``---`` YAML block) and the body."""
    options: dict[str, str] = {}
    index = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            import yaml

            options = {
                str(k): str(v) for k, v in (yaml.safe_load("\n".join(lines[1:end])) or {}).items()
            }
            index = end + 1
    while index < len(lines) and re.match(r"^\s*:[\w-]+:", lines[index]):
        key, _, value = lines[index].strip()[1:].partition(":")
        options[key] = value.strip()
        index += 1
    return options, lines[index:]


def _python_object(source: str, name: str) -> str:
    """The source of a top-level function or class, like literalinclude's ``:pyobject:``."""
    tree = ast.parse(source)
    lines = source.splitlines()
    for node in tree.body:
        if getattr(node, "name", None) == name:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            return "\n".join(lines[start - 1 : node.end_lineno])
    raise KeyError(f"no top-level {name!r}")


def literal_include(context: Context, argument: str, options: dict, source_dir: Path) -> str:
    path = (source_dir / argument.strip()).resolve()
    text = path.read_text(encoding="utf-8")
    if "pyobject" in options:
        text = _python_object(text, options["pyobject"])
    elif "lines" in options:
        wanted: list[str] = []
        all_lines = text.splitlines()
        for part in options["lines"].split(","):
            first, _, last = part.strip().partition("-")
            wanted += all_lines[int(first) - 1 : int(last or first)]
        text = "\n".join(wanted)
    language = options.get("language", "python" if path.suffix == ".py" else "")
    return f"```{language}\n{text.rstrip()}\n```"


def convert_markdown(context: Context, text: str, source_dir: Path = ROOT / "book") -> str:
    """A MyST markdown cell as plain (Jupyter) Markdown: no roles, directives or targets."""
    lines = text.splitlines()
    out: list[str] = []
    prose: list[str] = []

    def flush() -> None:
        if prose:
            out.append(convert_inline(context, "\n".join(prose)))
            prose.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        directive = DIRECTIVE.match(line)
        fence = FENCE.match(line) if not directive else None
        if directive:
            flush()
            marker = directive["fence"]
            end = index + 1
            depth = 0
            while end < len(lines):
                inner = DIRECTIVE.match(lines[end])
                if inner and inner["fence"] == marker:
                    depth += 1
                elif lines[end].strip() == marker:
                    if depth == 0:
                        break
                    depth -= 1
                end += 1
            options, body = _split_options(lines[index + 1 : end])
            out.append(
                convert_directive(
                    context, directive["name"], directive["arg"], options, body, source_dir
                )
            )
            index = end + 1
            continue
        if fence:  # a plain code block: copied as it is
            flush()
            marker = fence["fence"]
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith(marker):
                end += 1
            out.append("\n".join(lines[index : end + 1]))
            index = end + 1
            continue
        if TARGET.match(line) or line.lstrip().startswith("% ") or line.strip() == "%":
            index += 1
            continue
        prose.append(line)
        index += 1
    flush()
    return "\n".join(out)


def convert_directive(
    context: Context, name: str, argument: str, options: dict, body: list[str], source_dir: Path
) -> str:
    """Plain Markdown for one MyST directive."""
    verbatim = name in ("literalinclude", "code-block", "code", "sourcecode", "math", "raw")
    inner = "" if verbatim else convert_markdown(context, "\n".join(body), source_dir).strip()
    argument = argument.strip() if verbatim else convert_inline(context, argument.strip())
    if name == "exercise":
        return f"**Exercise: {argument}**\n\n{inner}".rstrip()
    if name == "solution":
        return f"<details><summary>Solution</summary>\n\n{inner}\n\n</details>"
    if name == "literalinclude":
        return literal_include(context, argument, options, source_dir)
    if name in ("math",):
        return f"$$\n{chr(10).join(body).strip()}\n$$"
    if name in ("figure", "image"):
        alt = options.get("alt", inner or argument)
        src = argument
        if context.site_url and not re.match(r"^[a-z]+://", src):
            src = f"{context.site_url}/_images/{Path(src).name}"
        caption = f"\n\n*{inner}*" if name == "figure" and inner else ""
        return f"![{alt}]({src}){caption}"
    if name in ("code-block", "code", "sourcecode"):
        return f"```{argument}\n" + "\n".join(body) + "\n```"
    if name in ADMONITIONS:
        title = argument if name == "admonition" else (argument or name.capitalize())
        quoted = "\n".join(f"> {line}" if line else ">" for line in inner.splitlines())
        return f"> **{title}**\n>\n{quoted}"
    if name == "dropdown":
        return f"<details><summary>{argument}</summary>\n\n{inner}\n\n</details>"
    if name in (
        "raw",
        "nb-exec-table",
        "glue:figure",
        "glue",
        "glue:any",
        "toctree",
        "bibliography",
    ):
        return "*(This part is shown in the HTML book.)*" if name != "raw" else ""
    return inner  # any other directive: its content


def install_cell_source(site_url: str, wheel: str) -> str:
    """The first code cell: install the library when ``import mnist_tutorial`` fails."""
    if site_url:
        header = (
            "# This notebook needs the book's library, mnist_tutorial. In a fresh Jupyter\n"
            "# or Colab kernel that lacks it, this cell installs it from the book's site.\n"
        )
    else:
        header = (
            "# This notebook needs the book's library, mnist_tutorial. This cell checks\n"
            "# that it is installed, and says where to get it if it is not.\n"
        )
    if site_url:
        return (
            header + "try:\n    import mnist_tutorial\nexcept ImportError:\n"
            f"    %pip install --quiet {site_url.rstrip('/')}/{DOWNLOADS}/{wheel}"
        )
    return (
        header + "try:\n    import mnist_tutorial\nexcept ImportError as error:\n"
        "    raise ImportError(\n"
        f'        "Install the library first: download {wheel} from the book\'s "\n'
        "        \"'Get the code and the exercises' page, then run \"\n"
        f'        "%pip install {wheel} (from the folder where it was saved)"\n'
        "    ) from error"
    )


def take_home_notebook(notebook: Any, context: Context, *, wheel: str, source_dir: Path) -> Any:
    """The executed notebook of a page, made readable and runnable without the book.

    Markdown cells are converted (:func:`convert_markdown`); a figure's caption follows
    its cell; code cells keep their outputs except where the page hides them
    (``remove-output``), and cells the page hides (``remove-cell``, ``remove-input``:
    they only glue or format) are collapsed in Jupyter. The first code cell installs
    the library when it is missing.
    """
    import nbformat

    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))  # a deep copy
    cells = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = convert_markdown(context, cell.source, source_dir)
            cell.pop("attachments", None)
            if cell.source.strip():
                cells.append(cell)
            continue
        if cell.cell_type != "code":
            cells.append(cell)
            continue
        tags = set(cell.metadata.get("tags", []))
        if tags & {"remove-output", "remove-cell"}:
            cell.outputs = []
        cell.outputs = [  # glued with display=False: not shown in the book either
            out
            for out in cell.outputs
            if not out.get("metadata", {}).get("scrapbook", {}).get("mime_prefix")
        ]
        if tags & {"remove-cell", "remove-input", "hide-input", "hide-cell"}:
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        figure = cell.metadata.get("mystnb", {}).get("figure", {})
        cells.append(cell)
        if figure.get("caption"):
            caption = convert_markdown(context, figure["caption"], source_dir).strip()
            cells.append(nbformat.v4.new_markdown_cell(f"*{' '.join(caption.split())}*"))
    install = nbformat.v4.new_code_cell(install_cell_source(context.site_url, wheel))
    install.metadata["tags"] = ["install-library"]
    first_code = next((i for i, c in enumerate(cells) if c.cell_type == "code"), len(cells))
    title = 1 if cells and cells[0].cell_type == "markdown" and first_code > 0 else 0
    cells.insert(title, install)
    notebook.cells = cells
    for key in ("source_map", "jupytext", "mystnb"):
        notebook.metadata.pop(key, None)
    notebook.metadata.setdefault(
        "kernelspec", {"display_name": "Python 3", "language": "python", "name": "python3"}
    )
    notebook.nbformat, notebook.nbformat_minor = 4, max(5, notebook.get("nbformat_minor", 5))
    seen: set[str] = set()
    for index, cell in enumerate(notebook.cells):
        if not cell.get("id") or cell["id"] in seen:
            cell["id"] = f"cell-{index}"
        seen.add(cell["id"])
    return notebook


# --------------------------------------------------------------------------------------
# The downloads: the wheel and the exercises bundle
# --------------------------------------------------------------------------------------


def _version() -> str:
    # the wheel's version (hatch_build.py): BASE_VERSION + a hash of the sources
    import importlib.util

    spec = importlib.util.spec_from_file_location("_v", ROOT / PACKAGE / "_version.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.source_version(ROOT)


def wheel_name() -> str:
    return f"{PACKAGE}-{_version()}-py3-none-any.whl"


def _inputs_digest() -> str:
    digest = hashlib.sha256()
    paths = [ROOT / "pyproject.toml", ROOT / "hatch_build.py"]
    paths += sorted(
        p for p in (ROOT / PACKAGE).rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    paths += sorted(p for p in (ROOT / "exercises").glob("*") if p.is_file())
    for path in paths:
        if PACKAGE + "/exercises_bundle" in path.as_posix():
            continue
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_wheel(target: Path) -> Path:
    """The library's wheel in ``target`` (rebuilt only when its inputs changed)."""
    wheel = target / wheel_name()
    stamp = ROOT / "_build" / ".wheel-inputs"
    digest = _inputs_digest()
    if wheel.is_file() and stamp.is_file() and stamp.read_text().strip() == digest:
        return wheel
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob(f"{PACKAGE}-*.whl"):
        old.unlink()
    command = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps"]
    command += ["--no-build-isolation", "--quiet", "--wheel-dir", str(target)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            "take_home: building the library's wheel failed (is hatchling installed? it is "
            f"in the project's 'book' extra):\n{result.stderr[-2000:]}"
        )
    if not wheel.is_file():
        raise RuntimeError(f"pip wheel did not produce {wheel.name}")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest + "\n")
    return wheel


def build_exercises_bundle(target: Path) -> Path:
    """``mnist-exercises.zip``: ``exercises/`` with the student files (no solutions)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "_exercise_files", ROOT / PACKAGE / "exercise_files.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    target.mkdir(parents=True, exist_ok=True)
    bundle = target / BUNDLE_NAME
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in module.student_files(ROOT / "exercises"):
            info = zipfile.ZipInfo(f"exercises/{path.name}", date_time=(2020, 2, 2, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return bundle


# --------------------------------------------------------------------------------------
# Sphinx glue
# --------------------------------------------------------------------------------------


def _is_myst_notebook(path: Path) -> bool:
    if path.suffix != ".md" or not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    header = text.split("---", 2)[1] if text.startswith("---") and text.count("---") >= 2 else ""
    return "jupytext" in header or "kernelspec" in header


def site_url(app: Any) -> str:
    return (getattr(app.config, "html_baseurl", "") or "").strip().rstrip("/")


def _download_role(
    name: str, rawtext: str, text: str, lineno: int, inliner: Any, options=None, content=()
):
    """``{download-file}`wheel``` or ``{download-file}`exercises```: a link to the file."""
    files = {"wheel": wheel_name(), "exercises": BUNDLE_NAME}
    if text not in files:
        message = inliner.reporter.error(
            f"download-file: expected 'wheel' or 'exercises', got {text!r}", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    env = inliner.document.settings.env
    depth = env.docname.count("/")
    uri = "../" * depth + f"{DOWNLOADS}/{files[text]}"
    node = nodes.reference(rawtext, "", refuri=uri, classes=["download-file"])
    node += nodes.literal(files[text], files[text])
    return [node], []


def _page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if doctree is None or pagename not in app.env.found_docs:
        return
    if _is_myst_notebook(Path(app.env.doc2path(pagename))):
        context["ipynb_source"] = f"{pagename}.ipynb"


def _glue_of(build_dir: Path, docname: str) -> dict:
    path = build_dir / "jupyter_execute" / f"{docname}.glue.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def executed_notebook(app: Any, docname: str) -> Any:
    """The page's notebook with this build's outputs (``None`` if it was not executed).

    MyST-NB writes ``jupyter_execute/<docname>.ipynb`` without outputs when they come
    from the execution cache, so the outputs are merged in from jupyter-cache.
    """
    import nbformat

    path = Path(app.outdir).parent / "jupyter_execute" / f"{docname}.ipynb"
    if not path.is_file():
        return None
    notebook = nbformat.read(path, as_version=4)
    if any(cell.get("outputs") for cell in notebook.cells):
        return notebook
    cache_path = getattr(app.config, "nb_execution_cache_path", "") or str(
        Path(app.outdir).parent / ".jupyter_cache"
    )
    if not Path(cache_path).is_dir():
        return notebook
    from jupyter_cache import get_cache

    try:
        _, merged = get_cache(cache_path).merge_match_into_notebook(notebook)
    except KeyError:  # not in the cache: executed in place, or not at all
        return notebook
    return merged


def glue_data(notebook: Any) -> dict:
    """``{key: {"data": {mime: value}}}`` of every value a notebook glued."""
    data = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            scrapbook = output.get("metadata", {}).get("scrapbook")
            if scrapbook:
                prefix = len(scrapbook.get("mime_prefix", ""))
                mimes = {key[prefix:]: value for key, value in output.get("data", {}).items()}
                data[scrapbook["name"]] = {"data": mimes}
    return data


def _build_finished(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    import nbformat

    outdir = Path(app.outdir)
    build_dir = outdir.parent
    downloads = outdir / DOWNLOADS
    wheel = build_wheel(downloads)
    build_exercises_bundle(downloads)
    env = app.env
    notebooks = {doc for doc in env.found_docs if _is_myst_notebook(Path(env.doc2path(doc)))}
    titles = {doc: title.astext() for doc, title in env.titles.items()}
    labels = {
        label: (doc, anchor, title)
        for label, (doc, anchor, title) in env.get_domain("std").labels.items()
    }
    executed = {doc: executed_notebook(app, doc) for doc in sorted(notebooks)}

    def glue_of(doc: str) -> dict:
        notebook = executed.get(doc)
        return {**_glue_of(build_dir, doc), **(glue_data(notebook) if notebook else {})}

    for doc in sorted(notebooks):
        notebook = executed[doc]
        if notebook is None:
            continue
        context = Context(
            glue_of(doc),
            site_url=site_url(app),
            docname=doc,
            titles=titles,
            notebooks=notebooks,
            labels=labels,
            files={"wheel": wheel.name, "exercises": BUNDLE_NAME},
            other_glue=glue_of,
        )
        result = take_home_notebook(
            notebook, context, wheel=wheel.name, source_dir=Path(env.doc2path(doc)).parent
        )
        target = outdir / "_sources" / f"{doc}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(result, target)


def setup(app: Any) -> dict[str, Any]:
    app.add_role("download-file", _download_role)
    # before sphinx-book-theme builds the download menu (priority 501)
    app.connect("html-page-context", _page_context, priority=400)
    app.connect("build-finished", _build_finished)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
