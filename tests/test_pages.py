"""What the pages show: only public library code, and no choice made on the test set.

These tests read the chapters' MyST source (no execution, no build):

* every code cell, and every ``literalinclude`` of library or solution code, uses only
  public names of ``mnist_tutorial`` (no ``mt._x``, no ``from mnist_tutorial._x import``,
  no private ``pyobject``, no library function whose body calls a private helper),
  so what a page shows runs when copied;
* no code cell picks a setting by a test score (``idxmax``/``argmax``/``max(`` over a
  variable that holds test scores);
* a table's caption, ``to_frame`` name and renamed headers are words, not code names
  (``gain_se``, ``val_acc``); a table shown with its library column names unrenamed is
  not caught here.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import mnist_tutorial as mt

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
PAGES = sorted(BOOK.glob("*.md"))
LIBRARY = "mnist_tutorial"

CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```\s*$", re.M | re.S)
LITERALINCLUDE = re.compile(r"^```\{literalinclude\}\s*(\S+)\s*\n(.*?)^```\s*$", re.M | re.S)
OPTION = re.compile(r"^:([\w-]+):\s*(.*)$", re.M)


def _cell_source(block: str) -> str:
    """The Python of a code cell: without its YAML header, option lines and magics."""
    lines = block.splitlines()
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        lines = lines[end + 1 :]
    lines = [line for line in lines if not re.match(r"\s*(:\w[\w-]*:|%|!)", line)]
    return "\n".join(lines)


def code_cells(text: str) -> list[str]:
    return [_cell_source(m.group(1)) for m in CODE_CELL.finditer(text)]


def literalincludes(text: str) -> list[tuple[str, dict[str, str]]]:
    return [(m.group(1), dict(OPTION.findall(m.group(2)))) for m in LITERALINCLUDE.finditer(text)]


def _is_private(name: str) -> bool:
    return any(part.startswith("_") for part in name.split("."))


def private_names_in_code(source: str, aliases: tuple[str, ...] = ("mt",)) -> list[str]:
    """The private or unknown library names a piece of code uses, as written."""
    found = []
    tree = ast.parse(source)
    library_aliases = set(aliases)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == LIBRARY:
                    if _is_private(alias.name):
                        found.append(alias.name)
                    library_aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == LIBRARY:
            if _is_private(node.module):
                found.append(node.module)
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in library_aliases
            and (node.attr.startswith("_") or not hasattr(mt, node.attr))
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def _pyobject_source(path: Path, qualname: str) -> tuple[ast.AST, ast.Module]:
    module = ast.parse(path.read_text(encoding="utf-8"))
    scope: ast.AST = module
    for part in qualname.split("."):
        scope = next(
            node
            for node in ast.iter_child_nodes(scope)
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == part
        )
    return scope, module


def private_names_in_include(page: Path, target: str, options: dict[str, str]) -> list[str]:
    """The private names a literalinclude shows: its pyobject, or what that object calls."""
    path = (page.parent / target).resolve()
    if path.suffix != ".py":
        return []
    text = path.read_text(encoding="utf-8")
    qualname = options.get("pyobject")
    if qualname is None:
        return private_names_in_code(text)
    if _is_private(qualname):
        return [qualname]
    node, module = _pyobject_source(path, qualname)
    found = private_names_in_code(ast.unparse(node))
    if LIBRARY in path.parts:
        # a library object shown on a page may only use library names the package exports
        library_names = set()
        for n in module.body:
            if isinstance(n, ast.ImportFrom) and (n.level or (n.module or "").startswith(LIBRARY)):
                library_names |= {a.asname or a.name for a in n.names}
            elif isinstance(n, (ast.FunctionDef, ast.ClassDef)):
                library_names.add(n.name)
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        own = qualname.split(".")[0]
        found += sorted(
            name
            for name in used & library_names
            if name != own and (name.startswith("_") or not hasattr(mt, name))
        )
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_code_cells_use_only_public_library_names(page):
    text = page.read_text(encoding="utf-8")
    for source in code_cells(text):
        private = private_names_in_code(source)
        assert not private, f"{page.name}: a code cell uses {private}\n{source}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_literalincludes_show_only_public_code(page):
    text = page.read_text(encoding="utf-8")
    for target, options in literalincludes(text):
        private = private_names_in_include(page, target, options)
        assert not private, f"{page.name}: literalinclude of {target} {options} shows {private}"


# -- no choice made on the test set -------------------------------------------------

SELECTED = re.compile(r"^(best|chosen|choice|selected|top|winner)(_|$)")
SELECT_CALLS = {"idxmax", "idxmin", "argmax", "argmin", "nlargest", "nsmallest", "sort_values"}
SCORE_WORD = re.compile(r"acc|score|err|f1|loss|precision|recall", re.I)
TEST_DATA = {"X_test", "y_test"}


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _targets(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Assign):
        return set().union(*(_names(t) for t in node.targets))
    if isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        return _names(node.target)
    if isinstance(node, ast.For):
        return _names(node.target)
    return set()


def _selections(value: ast.AST) -> list[ast.AST]:
    """The parts of an expression that pick an element by its value (argmax, sort, ...)."""
    picked = []
    for node in ast.walk(value):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        keyed = name in {"max", "min", "sorted"} and any(k.arg == "key" for k in node.keywords)
        if name in SELECT_CALLS or keyed:
            picked.append(node)
    return picked


def selections_by_test_score(sources: list[str]) -> list[str]:
    """Statements that pick a best/chosen setting by a score computed on the test set.

    A name is *test data* when it is ``X_test``/``y_test``, has ``test`` as a part of its
    name (``test_acc``, ``acc_test``), or was assigned from an expression that uses test
    data (followed in page order). A statement is flagged when
    it assigns a name like ``best_...``/``chosen``/``top`` from an argmax-like call
    (``idxmax``, ``argmax``, ``nlargest``, ``sort_values``, ``max(..., key=...)``, ...)
    over test data whose code mentions a score (accuracy, score, error, f1, loss, ...).
    """
    tainted = set(TEST_DATA)
    flagged = []
    for source in sources:
        tree = ast.parse(source)
        tainted |= {name for name in _names(tree) if "test" in name.lower().split("_")}
        for node in ast.walk(tree):
            targets = _targets(node)
            if not targets:
                continue
            value = node.iter if isinstance(node, ast.For) else node.value
            if value is None:
                continue
            if _names(value) & tainted:
                if any(SELECTED.match(t) for t in targets):
                    for call in _selections(value):
                        text = ast.unparse(call)
                        if _names(call) & tainted and SCORE_WORD.search(text):
                            flagged.append(ast.unparse(node))
                tainted |= targets
    return flagged


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_no_page_selects_by_a_test_score(page):
    flagged = selections_by_test_score(code_cells(page.read_text(encoding="utf-8")))
    assert not flagged, (
        f"{page.name} chooses by a test-set score (choose on a validation split or by "
        f"cross-validation, then score the chosen model on the test set once): {flagged}"
    )


# -- the checks can fail -------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "mt._round_half_up(2.5)",
        "from mnist_tutorial.hog import _orientation_votes",
        "from mnist_tutorial._validation import check_numeric",
        "import mnist_tutorial._fitpatch",
        "import mnist_tutorial as lib\nlib._area_weights(3, 2)",
        "mt.no_such_function()",
    ],
)
def test_private_names_in_code_are_found(source):
    assert private_names_in_code(source)


def test_public_code_passes():
    assert not private_names_in_code("x = mt.stable_sigmoid([0.0])\nfrom mnist_tutorial import Hog")


def test_a_cell_header_and_magics_are_skipped():
    page = "```{code-cell} ipython3\n---\nmystnb:\n  image: {}\n---\n%time y = mt._x\n```\n"
    assert code_cells(page) == [""]
    page = "```{code-cell} ipython3\n:tags: [remove-cell]\nmt._x\n```\n"
    assert private_names_in_code(code_cells(page)[0]) == ["mt._x"]


@pytest.mark.parametrize(
    ("target", "options"),
    [
        ("../mnist_tutorial/hog.py", {"pyobject": "_orientation_votes"}),  # private object
        ("../mnist_tutorial/logistic.py", {"pyobject": "stable_sigmoid"}),  # check_numeric
        ("../mnist_tutorial/export.py", {"pyobject": "center_and_scale"}),  # _round_half_up
    ],
)
def test_private_library_code_in_an_include_is_found(target, options):
    assert private_names_in_include(BOOK / "page.md", target, options)


def test_a_public_solution_include_passes():
    options = {"pyobject": "sigmoid"}
    assert not private_names_in_include(
        BOOK / "page.md", "../exercises/solutions/ch02_sigmoid.py", options
    )


@pytest.mark.parametrize(
    "cells",
    [
        [
            "table = mt.model_table(models, X_test, y_test)",
            'best_name = table["accuracy"].idxmax()',
        ],
        [
            "scores = {k: m.score(X_test, y_test) for k, m in models.items()}",
            "best = max(scores, key=scores.get)",
        ],
        ["test_acc = pd.Series(accs)\nacc = test_acc * 1", "chosen = acc.sort_values().index[-1]"],
        ["r = search.cv_results_\nerr = 1 - clf.score(X_test, y_test)", "top_k = np.argmin(err)"],
    ],
)
def test_selection_by_a_test_score_is_found(cells):
    assert selections_by_test_score(cells)


@pytest.mark.parametrize(
    "cells",
    [
        # chosen on validation data: fine
        [
            "val = {k: m.score(X_val, y_val) for k, m in models.items()}",
            "best = max(val, key=val.get)",
        ],
        # the most probable class of one test image is no model choice
        ["proba_0 = model.predict_proba(X_test.iloc[[0]])[0]", "best = int(np.argmax(proba_0))"],
        # describing the test results (which digit is hardest) is not choosing
        [
            "error_rate = 1 - recall_score(y_test, y_pred, average=None)",
            "mt.glue('worst', str(error_rate.idxmax()))",
        ],
    ],
)
def test_choices_on_validation_data_pass(cells):
    assert not selections_by_test_score(cells)


# -- the code a reader sees runs when copied in page order -------------------------------

HIDDEN = ("remove-cell", "remove-input")


def visible_code(text: str) -> str:
    """The code cells a reader sees (neither removed nor with their input hidden), in order."""
    shown = []
    for match in CODE_CELL.finditer(text):
        block = match.group(1)
        if block.startswith("---"):
            head = block.split("\n---", 1)[0]
        else:
            head = "\n".join(line for line in block.splitlines() if line.startswith(":"))
        if not any(tag in head for tag in HIDDEN):
            shown.append(_cell_source(block))
    return "\n\n".join(shown)


def undefined_names(code: str) -> list[str]:
    """Names the code uses before any of it defines them (ruff's F821), as ``line: message``."""
    command = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--select"]
    command += ["F821", "--output-format", "concise", "--config", "builtins = ['display']"]
    command += ["--stdin-filename", "page.py", "-"]
    result = subprocess.run(command, input=code, capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return [line.split("page.py:", 1)[-1] for line in result.stdout.splitlines() if "F821" in line]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_the_code_a_reader_sees_defines_every_name_it_uses(page):
    """Copied in page order into a fresh notebook, the visible cells find every name:
    none is defined only in a hidden cell."""
    code = visible_code(page.read_text(encoding="utf-8"))
    undefined = undefined_names(code)
    assert not undefined, (
        f"{page.name}: visible code uses names no visible cell defines: {undefined}"
    )


def test_a_name_defined_only_in_a_hidden_cell_is_found():
    hidden = "```{code-cell} ipython3\n:tags: [remove-cell]\nk = 3\n```\n"
    shown = "```{code-cell} ipython3\nprint(k)\n```\n"
    header = "```{code-cell} ipython3\n---\ntags: [remove-input]\n---\nk = 3\n```\n"
    assert undefined_names(visible_code(hidden + shown))
    assert undefined_names(visible_code(header + shown))
    assert not undefined_names(visible_code(shown.replace("print(k)", "k = 3") + shown))


# -- table headers and captions are words, not code names ------------------------------

CODE_NAME = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")  # n_iter, gain_se, fit_seconds


def code_named_labels(source: str) -> list[str]:
    """Labels a table shows that read as code: snake_case words in a ``set_caption``
    text, a ``to_frame`` name or a new column name of ``rename(columns={...})``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        labels = []
        if node.func.attr in ("set_caption", "to_frame"):
            labels = node.args[:1]
        elif node.func.attr == "rename":
            columns = [k.value for k in node.keywords if k.arg == "columns"]
            labels = [v for c in columns if isinstance(c, ast.Dict) for v in c.values]
        found += [
            label.value
            for label in labels
            if isinstance(label, ast.Constant)
            and isinstance(label.value, str)
            and CODE_NAME.search(label.value)
        ]
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_table_captions_and_renamed_headers_are_words(page):
    labels = [
        label
        for cell in code_cells(page.read_text(encoding="utf-8"))
        for label in code_named_labels(cell)
    ]
    assert not labels, (
        f"{page.name}: a table shows code names to readers (say it in words, as chapter "
        f"5's 'fit (s)', 'iterations', 'test acc.'): {labels}"
    )


@pytest.mark.parametrize(
    "source",
    [
        'table.style.set_caption("gain and gain_se in percentage points")',
        'grid.rename(columns={"val_accuracy": "val_acc", "fit_seconds": "fit_s"})',
        'report.to_frame("test_accuracy")',
    ],
)
def test_code_named_labels_are_found(source):
    assert code_named_labels(source)


def test_worded_labels_pass():
    source = (
        'table.style.set_caption("Gain over the row above, in percentage points")\n'
        'grid.rename(columns={"n_iter": "iterations", "fit_seconds": "fit (s)"})\n'
        'report.to_frame("accuracy")'
    )
    assert not code_named_labels(source)


# --- Numbers are computed, not typed: a glued value is never a number literal ------------


def typed_glues(source: str) -> list[str]:
    """``glue(name, value)`` calls whose value is a number typed by hand (``5000``, ``0.2``,
    ``"5,000"``, ``"91.8%"``): the prose would not follow the code that makes the number."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and len(node.args) >= 2):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        value = node.args[1]
        if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
            value = value.operand
        if name != "glue" or not isinstance(value, ast.Constant):
            continue
        typed = value.value
        if isinstance(typed, str):
            is_number = re.fullmatch(r"[\d,._]*\d[\d,._]*\s*%?", typed.strip()) is not None
        else:
            is_number = isinstance(typed, (int, float)) and not isinstance(typed, bool)
        if is_number:
            found.append(ast.unparse(node))
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_no_glued_number_is_typed_by_hand(page):
    typed = [g for cell in code_cells(page.read_text(encoding="utf-8")) for g in typed_glues(cell)]
    assert not typed, f"{page.name}: glue a computed value, not a typed number: {typed}"


@pytest.mark.parametrize(
    "source",
    [
        'mt.glue("n", "5,000", display=False)',
        'mt.glue("share", 0.05, display=False)',
        'glue("n", 2000)',
        'mt.glue("pct", "91.8%")',
        'mt.glue("delta", -3)',
    ],
)
def test_a_typed_glue_is_found(source):
    assert typed_glues(source)


def test_computed_and_worded_glues_pass():
    source = (
        'mt.glue("n", f"{n_subset:,}", display=False)\n'
        'mt.glue("share", mt.TEST_SIZE)\n'
        'mt.glue("verdict", "follow the iterations")\n'
        'mt.glue("flag", True)\n'
    )
    assert not typed_glues(source)
