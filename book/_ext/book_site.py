"""Sphinx extension for this book's web site: notebook downloads, the draw page, a clean console.

The chapters are MyST markdown notebooks (``.md`` with a jupytext header). Readers who
want to run one in Jupyter or Colab need an ``.ipynb``. On every HTML page whose source is
such a notebook, this extension

* converts the source with jupytext (no outputs: the reader runs it) and writes it to
  ``<outdir>/_sources/<docname>.ipynb`` at build time, so nothing generated is committed;
* sets ``ipynb_source`` in the page context, which makes sphinx-book-theme show an
  ``.ipynb`` entry in the page's download menu (next to ``.md`` and ``.pdf``).

It also adds ``book/_static`` (the "Draw a digit" page's ``draw.js`` and ``draw.css``)
to the static files and loads those two files on that page only.

Two fixes keep the browser console free of errors (the browser tests insist on it):

* sphinx-thebe's inline ``const THEBE_JS_URL = ...`` script is registered twice under
  jupyter-book 1.0.4 (same body, different priority), and the second copy throws
  "Identifier 'THEBE_JS_URL' has already been declared"; duplicates are dropped.
* On a reader's first visit (empty ``localStorage``) pydata-sphinx-theme logs "Got invalid
  theme mode: . Resetting to auto." (pydata-sphinx-theme issue 1635); a one-line script
  sets the empty mode to ``auto`` first, which is what the theme falls back to anyway.

Registered in ``_config.yml`` under ``sphinx: local_extensions``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

STATIC_DIR = Path(__file__).resolve().parent.parent / "_static"
DRAW_PAGE = "book/draw_a_digit"


def _is_myst_notebook(text: str) -> bool:
    if not text.startswith("---"):
        return False
    header = text.split("---", 2)[1] if text.count("---") >= 2 else ""
    return "jupytext" in header or "kernelspec" in header


def _add_static_path(app: Any, config: Any) -> None:
    path = str(STATIC_DIR)
    if STATIC_DIR.is_dir() and path not in config.html_static_path:
        config.html_static_path.append(path)


_DEFAULT_MODE = (
    "if (!document.documentElement.dataset.mode) "
    '{ document.documentElement.dataset.mode = "auto"; }'
)


def _add_mode_default(app: Any) -> None:
    if app.builder.format == "html":
        app.add_js_file(None, body=_DEFAULT_MODE, priority=100)


def _drop_duplicate_scripts(
    app: Any, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Remove scripts identical to an earlier one except for their priority."""
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen, unique = set(), []
    for script in scripts:
        attributes = getattr(script, "attributes", {})
        filename = getattr(script, "filename", script) or ""  # None and "" both mean inline
        key = (str(filename), tuple(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _page_context(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if pagename == DRAW_PAGE:
        app.add_css_file("draw.css")
        app.add_js_file("draw.js", loading_method="defer")
    if doctree is None or pagename not in app.env.found_docs:
        return
    source = Path(app.env.doc2path(pagename))
    if source.suffix != ".md":
        return
    text = source.read_text(encoding="utf-8")
    if not _is_myst_notebook(text):
        return
    import jupytext

    notebook = jupytext.reads(text, fmt="md:myst")
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    jupytext.write(notebook, target, fmt="ipynb")
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _add_static_path)
    app.connect("builder-inited", _add_mode_default)
    # before sphinx-book-theme builds the download menu (priority 501)
    app.connect("html-page-context", _page_context, priority=400)
    # after every other extension has added its scripts to the page
    app.connect("html-page-context", _drop_duplicate_scripts, priority=999)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
