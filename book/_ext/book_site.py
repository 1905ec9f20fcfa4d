"""Sphinx extension for this book's web site: where it lives, the draw page, a clean console.

Where the book lives is set once, in ``_config.yml``: ``repository.url`` (the source) and
``html.baseurl`` (the published site). When the repository URL is set, this extension
turns on the repository and issues buttons; when it is empty they stay off, so no page
shows a placeholder link. (The take-home notebooks, ``take_home.py``, use the site URL.)

The take-home notebooks and downloads are made by ``take_home.py``. This extension adds
``book/_static`` (the "Draw a digit" page's ``draw.js`` and ``draw.css``) to the static
files and loads those two files on that page only.

Two fixes keep the browser console free of errors (the browser tests insist on it):

* sphinx-thebe's inline ``const THEBE_JS_URL = ...`` script is registered twice under
  jupyter-book 1.0.4 (same body, different priority), and the second copy throws
  "Identifier 'THEBE_JS_URL' has already been declared"; duplicates are dropped.
* On a reader's first visit (empty ``localStorage``) pydata-sphinx-theme logs "Got invalid
  theme mode: . Resetting to auto." (pydata-sphinx-theme issue 1635); a one-line script
  sets the empty mode to ``auto`` first, which is what the theme falls back to anyway.

Exercises are numbered within their chapter ("Exercise 5.2", not "Exercise 23"):
sphinx-exercise numbers them with Sphinx's ``numfig``, across the whole book because the
chapters carry no section numbers; :func:`_number_exercises_by_chapter` renumbers them from
the chapter's file name (``book/ch05_fitting`` is chapter 5) after Sphinx has counted
them, so the exercise titles, the solutions' titles and references (HTML and the PDF) agree.

The bibliography's entries are list items (``role="listitem"``, not the deprecated
``doc-biblioentry``) of the list docutils puts them in.

Every page loads ``layout.js`` (``book/_static``, with ``layout.css``): a box that scrolls
sideways (a wide table, a long code line on a phone, a figure kept legible) is made
reachable by keyboard and named for screen readers, and a figure is never shown smaller
than 0.65 of its natural size (10-point text stays 9 px tall on a phone;
``tests/browser/test_layout.py`` checks both).

Registered in ``_config.yml`` under ``sphinx: local_extensions``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

STATIC_DIR = Path(__file__).resolve().parent.parent / "_static"
DRAW_PAGE = "book/draw_a_digit"


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
        app.add_js_file("layout.js", loading_method="defer")


# docutils writes the bibliography as <div role="list"> of <div role="doc-biblioentry">: a
# role deprecated in DPUB-ARIA 1.1, and a list whose items are not list items (axe-core:
# aria-deprecated-role, aria-required-children). Each entry becomes a list item.
_BIBLIOENTRY = 'role="doc-biblioentry"'

_CHAPTER = re.compile(r"(?:^|/)ch(\d+)_")


def _number_exercises_by_chapter(app: Any, env: Any) -> list[str]:
    """Exercise k of chapter N becomes N.k (in the order Sphinx counted them)."""
    for docname, numbers in env.toc_fignumbers.items():
        match = _CHAPTER.search(docname)
        exercises = numbers.get("exercise")
        if not match or not exercises:
            continue
        chapter = int(match.group(1))
        ordered = sorted(exercises, key=lambda ids: exercises[ids])
        numbers["exercise"] = {ids: (chapter, k) for k, ids in enumerate(ordered, start=1)}
    return []


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
    body = context.get("body")
    if isinstance(body, str) and _BIBLIOENTRY in body:
        context["body"] = body.replace(_BIBLIOENTRY, 'role="listitem"')
    if pagename == DRAW_PAGE:
        app.add_css_file("draw.css")
        app.add_js_file("draw.js", loading_method="defer")


def _repository_buttons(app: Any, config: Any) -> None:
    """Repository buttons on when ``repository.url`` is set, off (no placeholder) when not."""
    options = config.html_theme_options
    url = (options.get("repository_url") or "").strip()
    if "://" not in url or "executablebooks/jupyter-book" in url:
        url = ""  # unset, or Jupyter Book's own default: no button
    options["repository_url"] = url
    for button in ("use_repository_button", "use_issues_button"):
        options[button] = bool(url)
    options["use_edit_page_button"] = False
    # {{ repository }} in a page: a link when the URL is known, plain words when not
    words = "the book's source repository"
    config.myst_substitutions = {
        **(getattr(config, "myst_substitutions", None) or {}),
        "repository": f"[{words}]({url})" if url else words,
    }


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _add_static_path)
    app.connect("config-inited", _repository_buttons)
    app.connect("builder-inited", _add_mode_default)
    # after Sphinx's TocTreeCollector has numbered every figure and exercise
    app.connect("env-get-updated", _number_exercises_by_chapter, priority=900)
    app.connect("html-page-context", _page_context, priority=400)
    # after every other extension has added its scripts to the page
    app.connect("html-page-context", _drop_duplicate_scripts, priority=999)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
