"""The take-home notebook: MyST prose becomes plain Markdown with this build's numbers.

Tests the conversion in ``book/_ext/take_home.py`` on small, hand-written cells (the
browser tests check the real downloads of a built book).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
pytest.importorskip("myst_nb")


def _load():
    spec = importlib.util.spec_from_file_location("take_home", ROOT / "book/_ext/take_home.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["take_home"] = module
    spec.loader.exec_module(module)
    return module


th = _load()
GLUE = {
    "ch06_worst_rate": {"data": {"text/plain": "0.1234"}},
    "ch06_digit": {"data": {"text/plain": "'8'"}},
    "ch06_n": {"data": {"text/plain": "14000"}},
}
MYST_ONLY = re.compile(r"\{[\w:+-]+\}`|^:::|^```\{|^\([\w-]+\)=", re.MULTILINE)


def context(**kwargs):
    defaults = dict(
        docname="book/ch06_confusion",
        titles={"book/ch05_fitting": "Fitting with scikit-learn", "book/api": "API"},
        notebooks={"book/ch05_fitting", "book/ch06_confusion"},
        labels={"fig-ch05-cm": ("book/ch05_fitting", "fig-ch05-cm", "The matrix")},
        files={"wheel": "mnist_tutorial-0.1.0-py3-none-any.whl", "exercises": "ex.zip"},
    )
    return th.Context(GLUE, **{**defaults, **kwargs})


def test_glue_roles_become_formatted_numbers():
    text = (
        "Digit {glue:text}`ch06_digit` is wrong {glue:text}`ch06_worst_rate:.1%` of the "
        "time on {glue:text}`ch06_n:,` images ({glue}`ch06_n`)."
    )
    assert th.convert_markdown(context(), text) == (
        "Digit 8 is wrong 12.3% of the time on 14,000 images (14000)."
    )


def test_only_directives_keep_what_the_html_shows():
    text = "```{only} html\nOn screen.\n```\n\n````{only} latex\nOn paper.\n````\n"
    assert th.convert_markdown(context(), text).strip() == "On screen."


def test_a_missing_glue_key_fails_loudly():
    with pytest.raises(KeyError, match="ch06_nope"):
        th.convert_markdown(context(), "{glue:text}`ch06_nope:.2f`")


def test_code_spans_and_code_blocks_keep_their_text():
    text = "Write `{glue:text}`key`` like this:\n\n```md\n{glue:text}`ch06_n`\n```\n"
    converted = th.convert_markdown(context(), text)
    assert "```md\n{glue:text}`ch06_n`\n```" in converted


def test_code_block_directives_are_verbatim():
    text = "```{code-block} python\nprint('{glue:text}`not_a_key`')\n```"
    assert th.convert_markdown(context(), text) == (
        "```python\nprint('{glue:text}`not_a_key`')\n```"
    )


def test_doc_and_ref_roles_link_to_the_site_or_a_sibling_notebook():
    text = "See {doc}`ch05_fitting`, {doc}`the API <api>` and {numref}`fig-ch05-cm`."
    offline = th.convert_markdown(context(), text)
    assert offline == (
        "See [Fitting with scikit-learn](ch05_fitting.ipynb), the API and "
        "[The matrix](ch05_fitting.ipynb)."
    )
    online = th.convert_markdown(context(site_url="https://x.org/book/"), text)
    assert "[Fitting with scikit-learn](https://x.org/book/book/ch05_fitting.html)" in online
    assert "[the API](https://x.org/book/book/api.html)" in online
    assert "(https://x.org/book/book/ch05_fitting.html#fig-ch05-cm)" in online


def test_exercise_and_solution_become_markdown_with_the_solution_code(tmp_path):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "ch.py").write_text(
        "import numpy as np\n\n\ndef f(x):\n    return x + 1\n\n\ndef g():\n    pass\n"
    )
    text = (
        "(ex-label)=\n"
        ":::{exercise} Add one\n:label: ex-ch06-f\n"
        "Implement `f(x)` for {glue:text}`ch06_n` rows.\n:::\n\n"
        ":::{solution} ex-ch06-f\n:class: dropdown\n"
        "```{literalinclude} solutions/ch.py\n:pyobject: f\n```\n:::\n"
    )
    converted = th.convert_markdown(context(), text, source_dir=tmp_path)
    assert converted.startswith("**Exercise: Add one**\n\nImplement `f(x)` for 14000 rows.")
    assert "<details><summary>Solution</summary>" in converted
    assert "```python\ndef f(x):\n    return x + 1\n```" in converted
    assert "def g" not in converted and ":label:" not in converted
    assert not MYST_ONLY.search(converted), converted


def test_admonitions_figures_and_unknown_markup_leave_no_myst():
    text = (
        "```{note}\nMind the {glue:text}`ch06_digit`.\n```\n\n"
        "```{figure} images/a.png\n:alt: An a\nThe caption.\n```\n\n"
        "{math}`x^2` and {sub-ref}`today` and {abbr}`ML (machine learning)`\n\n"
        "% a comment\n```{nb-exec-table}\n```\n"
    )
    converted = th.convert_markdown(context(), text)
    assert "> **Note**\n>\n> Mind the 8." in converted
    assert "![An a](images/a.png)\n\n*The caption.*" in converted
    assert "$x^2$ and today and ML" in converted
    assert "a comment" not in converted
    assert not MYST_ONLY.search(converted), converted


def _notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    glue_cell = nbformat.v4.new_code_cell('mt.glue("ch06_n", 14000, display=False)')
    glue_cell.metadata["tags"] = ["remove-cell"]
    glue_cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"application/papermill.record/text/plain": "14000"},
            metadata={"scrapbook": {"name": "ch06_n", "mime_prefix": "x"}},
        )
    ]
    figure = nbformat.v4.new_code_cell("fig = plot()")
    figure.metadata["mystnb"] = {"figure": {"caption": "On {glue:text}`ch06_n` images."}}
    figure.outputs = [nbformat.v4.new_output("display_data", data={"image/png": "iVBOR"})]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\nIntro with {glue:text}`ch06_n` images."),
        nbformat.v4.new_code_cell("import mnist_tutorial as mt"),
        glue_cell,
        figure,
        nbformat.v4.new_markdown_cell("(a-target)=\n"),
    ]
    return nb


@pytest.mark.parametrize("site", ["", "https://example.org/book"])
def test_take_home_notebook(site):
    nb = _notebook()
    wheel = "mnist_tutorial-0.1.0-py3-none-any.whl"
    out = th.take_home_notebook(nb, context(site_url=site), wheel=wheel, source_dir=ROOT)
    nbformat.validate(out)
    kinds = [cell.cell_type for cell in out.cells]
    assert kinds == ["markdown", "code", "code", "code", "code", "markdown"]  # empty cell dropped
    assert out.cells[0].source.endswith("Intro with 14000 images.")
    install = out.cells[1].source
    assert "import mnist_tutorial" in install
    if site:
        assert f"%pip install --quiet {site}/downloads/{wheel}" in install
    else:
        assert "%pip install --quiet" not in install and wheel in install
        assert "http" not in install
    glue_cell = out.cells[3]
    assert glue_cell.outputs == [] and glue_cell.metadata["jupyter"]["source_hidden"]
    assert out.cells[4].outputs[0]["data"]["image/png"] == "iVBOR"
    assert out.cells[5].source == "*On 14000 images.*"
    assert nb.cells[0].source.startswith("# Title\n\nIntro with {glue:text}")  # not modified
    for cell in out.cells:
        assert not MYST_ONLY.search(cell.source)


def test_install_cell_runs_as_python_once_ipython_transforms_it():
    from IPython.core.inputtransformer2 import TransformerManager

    for site in ("", "https://example.org/book"):
        source = th.install_cell_source(site, "w.whl")
        compile(TransformerManager().transform_cell(source), "<install>", "exec")


def test_exercises_bundle_has_the_student_files_and_no_solutions(tmp_path):
    import zipfile

    bundle = th.build_exercises_bundle(tmp_path)
    names = zipfile.ZipFile(bundle).namelist()
    assert "exercises/README.md" in names and "exercises/conftest.py" in names
    students = sorted(p.name for p in (ROOT / "exercises").glob("ch*.py"))
    assert students and all(f"exercises/{name}" in names for name in students)
    assert all(f"exercises/test_{name}" in names for name in students)
    assert not [name for name in names if "solution" in name]


def _book_site():
    spec = importlib.util.spec_from_file_location("book_site", ROOT / "book/_ext/book_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("", False),
        ("https://github.com/executablebooks/jupyter-book", False),  # Jupyter Book's default
        ("https://github.com/someone/mnist-book", True),
    ],
)
def test_repository_buttons_only_with_a_real_url(url, shown):
    from types import SimpleNamespace

    config = SimpleNamespace(
        html_theme_options={"repository_url": url, "use_repository_button": False},
        myst_substitutions={},
    )
    _book_site()._repository_buttons(None, config)
    options = config.html_theme_options
    assert options["use_repository_button"] is shown and options["use_issues_button"] is shown
    assert options["use_edit_page_button"] is False
    assert ("](" in config.myst_substitutions["repository"]) is shown
