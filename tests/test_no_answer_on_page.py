"""No exercise is answered on the page: the solution's computation is only in its dropdown.

For every chapter NN and every function of ``exercises/solutions/chNN_*.py``, the code a
reader sees on the pages up to that chapter (``book/chMM_*.md`` with MM <= NN: visible
``{code-cell}`` blocks, plain ```` ```python ```` blocks, and ``literalinclude``s outside an
exercise's solution dropdown) must not contain the solution's computation. Two detectors,
both on the abstract syntax tree, so that names, spacing and comments do not matter:

* **The returned computation.** Each returned value of the solution (each element of a
  returned tuple) becomes a *pattern*: its expression with the function's own names
  (parameters and locals) as wildcards that match any sub-expression, with NumPy/builtin
  names, attribute and method names, keyword names and constants kept, with type
  conversions dropped on both sides (``np.asarray(x, dtype=...)``, ``float(x)``,
  ``x.to_numpy()``, ...) and NumPy functions read as methods (``np.mean(x)`` is
  ``x.mean()``); a ``.reshape(-1, ...)`` of many rows matches the ``.reshape(...)`` of one.
  A wildcard in a pattern of operators alone (``_ @ _ + _``) only matches a plain value
  (a name, an attribute, an item, a constant). A value that is only a name
  (``return model``) is replaced by what the name was assigned (``model.fit(...)``
  counts as ``model = model.fit(...)``), until the pattern holds at least two
  operations (and until it holds more than operators, while a local name is left).
  The function is flagged when *every* returned value it has is found inside some page
  code. A value computed in a loop or under a condition cannot be reduced to a pattern:
  such a function is judged by the second detector alone.
* **The loop.** A solution with a ``for``/``while`` loop is compared with every function
  and top-level loop of the pages: the token sequences of their normalised syntax trees
  (own names replaced by one placeholder) must not be more than
  ``SIMILARITY_LIMIT`` alike (difflib's ratio).

The page may teach the idea, show a simpler or a different version (a loop over one
sample, one feature, a scikit-learn call); the test only fails when the page already
holds what the student is asked to write.
"""

from __future__ import annotations

import ast
import builtins
import copy
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
SOLUTIONS = ROOT / "exercises" / "solutions"

CHAPTER_OF = re.compile(r"^ch(\d\d)_")
FENCE = re.compile(r"^(`{3,})(\{code-cell\}|python)[^\n]*\n(.*?)^\1\s*$", re.M | re.S)
LITERALINCLUDE = re.compile(r"^```\{literalinclude\}\s*(\S+)\s*\n(.*?)^```\s*$", re.M | re.S)
SOLUTION_BLOCK = re.compile(r"^(:{3,})\{solution\}.*?^\1\s*$", re.M | re.S)
OPTION = re.compile(r"^:([\w-]+):\s*(.*)$", re.M)
HIDDEN_TAGS = ("remove-cell", "remove-input")

#: Calls that only convert their single argument (type, container, dtype): dropped.
CONVERSIONS = {
    "asarray",
    "array",
    "asanyarray",
    "float",
    "int",
    "bool",
    "list",
    "tuple",
    "float64",
    "to_numpy",
}
#: NumPy functions that are also array methods: ``np.mean(x)`` is ``x.mean()``.
ARRAY_METHODS = {
    "mean",
    "sum",
    "max",
    "min",
    "any",
    "all",
    "std",
    "var",
    "prod",
    "argmax",
    "argmin",
    "reshape",
    "ravel",
    "round",
    "clip",
    "cumsum",
    "dot",
    "transpose",
}
#: NumPy's arithmetic written as functions: ``np.divide(a, b)`` is ``a / b`` (with ``out=``
#: or ``where=`` it is a guarded version, which a plain ``a / b`` on the page does not give).
OPERATORS = {
    "add": ast.Add,
    "subtract": ast.Sub,
    "multiply": ast.Mult,
    "divide": ast.Div,
    "true_divide": ast.Div,
    "matmul": ast.MatMult,
    "power": ast.Pow,
}
#: Least number of operations, calls, attributes and constants in a pattern.
MIN_SPECIFICITY = 2
#: Largest allowed similarity of a solution's loop and a page's function or loop.
SIMILARITY_LIMIT = 0.75
WILDCARD = "_"


# -- the code a reader sees ----------------------------------------------------------


@dataclass(frozen=True)
class PageCode:
    page: str
    line: int
    tree: ast.Module
    source: str


def _cell_body(body: str) -> tuple[str, bool]:
    """The Python of a fenced block and whether the reader sees it."""
    lines = body.splitlines()
    header = ""
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        header = "\n".join(lines[1:end])
        lines = lines[end + 1 :]
    options = [line for line in lines if re.match(r"\s*:[\w-]+:", line)]
    hidden = any(tag in header or tag in " ".join(options) for tag in HIDDEN_TAGS)
    code = [line for line in lines if not re.match(r"\s*(:[\w-]+:|%|!)", line)]
    return "\n".join(code), not hidden


def _included_source(page: Path, target: str, options: dict[str, str]) -> str | None:
    path = (page.parent / target).resolve()
    if path.suffix != ".py" or not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    qualname = options.get("pyobject")
    if qualname is None:
        return text
    scope: ast.AST = ast.parse(text)
    for part in qualname.split("."):
        scope = next(
            node
            for node in ast.iter_child_nodes(scope)
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == part
        )
    return ast.unparse(scope)


def page_code(page: Path) -> list[PageCode]:
    """Every piece of Python a reader sees on ``page``, parsed."""
    text = page.read_text(encoding="utf-8")
    pieces = []
    for match in FENCE.finditer(text):
        source, visible = _cell_body(match.group(3))
        if visible:
            line = text.count("\n", 0, match.start()) + 1
            pieces.append((line, source))
    in_solution = [m.span() for m in SOLUTION_BLOCK.finditer(text)]
    for match in LITERALINCLUDE.finditer(text):
        if any(start <= match.start() < end for start, end in in_solution):
            continue
        source = _included_source(page, match.group(1), dict(OPTION.findall(match.group(2))))
        if source is not None:
            pieces.append((text.count("\n", 0, match.start()) + 1, source))
    code = []
    for line, source in pieces:
        try:
            tree = ast.parse(source)
        except SyntaxError:  # a fragment shown for reading, not Python
            continue
        code.append(PageCode(page.name, line, strip_conversions(tree), source))
    return code


# -- normalising and matching --------------------------------------------------------


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def strip_conversions(node: ast.AST) -> ast.AST:
    """A copy without conversions, NumPy functions written as methods.

    ``np.asarray(x, dtype=...)``, ``float(x)``, ``x.to_numpy()`` -> ``x``;
    ``np.mean(x, axis=0)`` -> ``x.mean(axis=0)`` (and the other array methods);
    ``np.divide(a, b)`` -> ``a / b`` (and NumPy's other arithmetic, without keywords);
    ``a.dot(b)`` -> ``a @ b``.
    """

    class Strip(ast.NodeTransformer):
        def visit_Call(self, call: ast.Call) -> ast.AST:
            call = self.generic_visit(call)
            func = call.func
            numpy = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            numpy = numpy and func.value.id in ("np", "numpy")
            plain = len(call.args) == 2 and not call.keywords
            plain = plain and not any(isinstance(a, ast.Starred) for a in call.args)
            if numpy and plain and func.attr in OPERATORS:
                op = OPERATORS[func.attr]()
                return ast.copy_location(ast.BinOp(call.args[0], op, call.args[1]), call)
            method_dot = isinstance(func, ast.Attribute) and func.attr == "dot" and not numpy
            if method_dot and len(call.args) == 1 and not isinstance(call.args[0], ast.Starred):
                product = ast.BinOp(func.value, ast.MatMult(), call.args[0])
                return ast.copy_location(product, call)
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id in ("np", "numpy")
                and func.attr in ARRAY_METHODS
                and call.args
                and not isinstance(call.args[0], ast.Starred)
            ):
                method = ast.Attribute(call.args[0], func.attr, ast.Load())
                call = ast.copy_location(ast.Call(method, call.args[1:], call.keywords), call)
            name = _call_name(call)
            if name in CONVERSIONS:
                if name == "to_numpy" and isinstance(call.func, ast.Attribute) and not call.args:
                    return call.func.value
                if len(call.args) == 1 and not isinstance(call.args[0], ast.Starred):
                    return call.args[0]
            return call

    return Strip().visit(copy.deepcopy(node))


class Wildcard(ast.expr):
    """A placeholder for one of the solution's own names: matches any expression."""

    _fields = ()


def _to_pattern(node: ast.AST, own: set[str]) -> ast.AST:
    class Replace(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.AST:
            return Wildcard() if name.id in own else name

    return Replace().visit(copy.deepcopy(node))


def specificity(pattern: ast.AST) -> int:
    """How much a pattern says: its operations, calls, attributes, constants, names."""
    counted = (
        ast.Call,
        ast.Attribute,
        ast.BinOp,
        ast.UnaryOp,
        ast.Compare,
        ast.BoolOp,
        ast.Subscript,
        ast.Constant,
        ast.IfExp,
        ast.Name,
        ast.keyword,
    )
    return sum(isinstance(n, counted) for n in ast.walk(pattern))


OPERANDS = (ast.Name, ast.Attribute, ast.Subscript, ast.Constant)


def matches(pattern: ast.AST, node: ast.AST, operands: tuple = (ast.expr,)) -> bool:
    """Whether ``node`` has the shape of ``pattern`` (wildcards match any of ``operands``)."""
    if isinstance(pattern, Wildcard):
        return isinstance(node, operands)
    if type(pattern) is not type(node):
        return False
    if isinstance(pattern, ast.Constant):
        numbers = (int, float)
        if type(pattern.value) in numbers and type(node.value) in numbers:
            return pattern.value == node.value  # 0 and 0.0 are the same constant
        return type(pattern.value) is type(node.value) and pattern.value == node.value
    if isinstance(pattern, ast.Name):
        return pattern.id == node.id
    if isinstance(pattern, ast.Attribute):
        return pattern.attr == node.attr and matches(pattern.value, node.value, operands)
    if isinstance(pattern, ast.Call):
        args = node.args
        if _batched_reshape(pattern, node):
            args = args[1:]  # x.reshape(-1, 28, 28) reshapes every row as x.reshape(28, 28)
        if len(pattern.args) != len(args) or not matches(pattern.func, node.func, operands):
            return False
        if not all(matches(p, n, operands) for p, n in zip(pattern.args, args)):
            return False
        given = {k.arg: k.value for k in node.keywords}
        return all(
            k.arg in given and matches(k.value, given[k.arg], operands) for k in pattern.keywords
        )
    for field in pattern._fields:
        if field in ("ctx", "type_comment", "kind"):
            continue
        a, b = getattr(pattern, field, None), getattr(node, field, None)
        if isinstance(a, list):
            if not isinstance(b, list) or len(a) != len(b):
                return False
            if not all(
                matches(x, y, operands) if isinstance(x, ast.AST) else x == y for x, y in zip(a, b)
            ):
                return False
        elif isinstance(a, ast.AST):
            if not isinstance(b, ast.AST) or not matches(a, b, operands):
                return False
        elif a != b:
            return False
    return True


def _batched_reshape(pattern: ast.Call, node: ast.Call) -> bool:
    """``node`` is ``pattern``'s ``.reshape(...)`` with a leading -1: the same for a batch."""
    first = node.args[0] if node.args else None
    return (
        _call_name(pattern) == _call_name(node) == "reshape"
        and len(node.args) == len(pattern.args) + 1
        and isinstance(first, ast.UnaryOp)
        and isinstance(first.op, ast.USub)
        and isinstance(first.operand, ast.Constant)
        and first.operand.value == 1
    )


def found_in(pattern: ast.AST, code: list[PageCode]) -> str | None:
    """Where page code has a sub-expression of the pattern's shape: ``page:line: code``."""
    # operators alone (``_ @ _ + _``) only match when applied to plain values
    operands = OPERANDS if _only_arithmetic(pattern) else (ast.expr,)
    for piece in code:
        for node in ast.walk(piece.tree):
            if isinstance(node, ast.expr) and matches(pattern, node, operands):
                shown = ast.get_source_segment(piece.source, node) or ast.unparse(node)
                return f"{piece.page}:{piece.line + node.lineno}: {shown}"
    return None


def show(pattern: ast.AST) -> str:
    """A pattern as code, its wildcards written ``_``."""

    class Show(ast.NodeTransformer):
        def visit_Wildcard(self, node: Wildcard) -> ast.AST:
            return ast.Name(WILDCARD, ast.Load())

    return ast.unparse(Show().visit(copy.deepcopy(pattern)))


# -- what a solution computes --------------------------------------------------------


def _own_names(func: ast.FunctionDef) -> set[str]:
    names = {a.arg for a in ast.walk(func.args) if isinstance(a, ast.arg)}
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
    return names


def _changed_names(stmt: ast.stmt) -> set[str]:
    """Names a statement binds or changes (``x = ...``, ``x[i] = ...``, ``x += ...``)."""
    changed = set()
    for node in ast.walk(stmt):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            changed.add(node.id)
        elif isinstance(node, (ast.Subscript, ast.Attribute)) and isinstance(node.ctx, ast.Store):
            base = node
            while isinstance(base, (ast.Subscript, ast.Attribute)):
                base = base.value
            if isinstance(base, ast.Name):
                changed.add(base.id)
    return changed


def _straight_line_values(func: ast.FunctionDef) -> tuple[dict[str, ast.AST], set[str]]:
    """Names assigned once in the function's straight-line code, and names that are not."""
    values: dict[str, ast.AST] = {}
    unresolved: set[str] = set()
    for stmt in func.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                values[target.id] = stmt.value
                continue
        if (
            isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Call)
            and isinstance(stmt.value.func, ast.Attribute)
            and stmt.value.func.attr == "fit"
            and isinstance(stmt.value.func.value, ast.Name)
        ):  # scikit-learn's fit returns the estimator: ``m.fit(X, y)`` is ``m = m.fit(X, y)``
            fitted = copy.deepcopy(stmt.value)
            name = fitted.func.value.id
            if name in values:
                fitted.func.value = values[name]
            values[name] = fitted
            continue
        if isinstance(stmt, (ast.Expr, ast.Return, ast.If)) and not _changed_names(stmt):
            continue  # a docstring, a check that raises, the return itself
        unresolved |= _changed_names(stmt)
    for name in unresolved:
        values.pop(name, None)
    return values, unresolved


def _inline_once(node: ast.AST, values: dict[str, ast.AST]) -> ast.AST:
    class Inline(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.AST:
            if name.id in values:
                return copy.deepcopy(values[name.id])
            return name

    return Inline().visit(copy.deepcopy(node))


def return_patterns(func: ast.FunctionDef) -> list[list[ast.AST]] | None:
    """For each returned value, its patterns (any of them found counts), or None when a
    value comes out of a loop. A pattern of operators alone is made specific by putting
    back what its names were assigned: all of them at once, and each one alone (so that
    ``correct / predicted`` is found as ``diagonal / cm.sum(axis=0)`` too)."""
    returns = [stmt for stmt in func.body if isinstance(stmt, ast.Return) and stmt.value]
    if not returns:
        return None
    own = _own_names(func)
    values, unresolved = _straight_line_values(func)
    value = returns[-1].value
    elements = value.elts if isinstance(value, ast.Tuple) else [value]
    patterns = []
    for element in elements:
        expr, found = strip_conversions(element), []
        for _ in range(len(values) + 1):
            pattern = _to_pattern(expr, own)
            names = {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)} & own
            inlinable = names & set(values)
            if specificity(pattern) >= MIN_SPECIFICITY and not (
                _only_arithmetic(pattern) and inlinable
            ):
                found.append(pattern)
                break
            if not inlinable:
                if names & unresolved:
                    return None  # computed in a loop or a branch: the loop detector's job
                break  # only parameters left: nothing computed here
            for name in sorted(inlinable) if len(inlinable) > 1 else ():
                one = _to_pattern(strip_conversions(_inline_once(expr, {name: values[name]})), own)
                if specificity(one) >= MIN_SPECIFICITY and not _only_arithmetic(one):
                    found.append(one)
            expr = strip_conversions(_inline_once(expr, values))
        if found:
            patterns.append(found)
    return patterns


def _only_arithmetic(pattern: ast.AST) -> bool:
    """A pattern of operators on wildcards alone (``(_ - _) / _``) says little: inline."""
    return all(
        isinstance(n, (Wildcard, ast.BinOp, ast.UnaryOp, ast.operator, ast.unaryop))
        for n in ast.walk(pattern)
    )


def _tokens(node: ast.AST, own: set[str]) -> list[str]:
    tokens = []
    for n in ast.walk(node):
        if isinstance(n, (ast.expr_context, ast.Load, ast.Store)):
            continue
        if isinstance(n, ast.Name):
            tokens.append(WILDCARD if n.id in own else n.id)
        elif isinstance(n, ast.arg):
            tokens.append(WILDCARD)
        elif isinstance(n, ast.Attribute):
            tokens.append("." + n.attr)
        elif isinstance(n, ast.Constant):
            tokens.append("const")
        elif isinstance(n, (ast.Expr,)) and isinstance(getattr(n, "value", None), ast.Constant):
            continue
        else:
            tokens.append(type(n).__name__)
    return tokens


def _body_without_docstring(func: ast.FunctionDef) -> list[ast.stmt]:
    body = func.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return body


def loop_similarity(func: ast.FunctionDef, code: list[PageCode]) -> tuple[float, PageCode | None]:
    """The highest similarity of a solution with a loop to a page function or loop."""
    if not any(isinstance(n, (ast.For, ast.While)) for n in ast.walk(func)):
        return 0.0, None
    mine = ast.Module(body=_body_without_docstring(func), type_ignores=[])
    tokens = _tokens(mine, _own_names(func))
    best, where = 0.0, None
    for piece in code:
        candidates = [n for n in ast.walk(piece.tree) if isinstance(n, ast.FunctionDef)]
        candidates += [n for n in piece.tree.body if isinstance(n, (ast.For, ast.While))]
        for candidate in candidates:
            if isinstance(candidate, ast.FunctionDef):
                theirs = ast.Module(body=_body_without_docstring(candidate), type_ignores=[])
                own = _own_names(candidate)
            else:
                theirs = candidate
                own = {
                    n.id
                    for n in ast.walk(piece.tree)
                    if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
                }
            own -= set(dir(builtins))
            matcher = difflib.SequenceMatcher(None, tokens, _tokens(theirs, own), autojunk=False)
            if matcher.real_quick_ratio() <= best or matcher.quick_ratio() <= best:
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, where = ratio, piece
    return best, where


def answers_on_pages(solution: Path, pages: list[Path]) -> list[str]:
    """The solution's functions whose computation the pages already show, with where."""
    code = [piece for page in pages for piece in page_code(page)]
    module = ast.parse(solution.read_text(encoding="utf-8"))
    problems = []
    for func in module.body:
        if not isinstance(func, ast.FunctionDef):
            continue
        patterns = return_patterns(func)
        if patterns:
            where = [
                next(((p, w) for p in choices if (w := found_in(p, code))), None)
                for choices in patterns
            ]
            if all(where):
                shown = "; ".join(f"{show(p)} as {w}" for p, w in where)
                problems.append(f"{func.name} returns what the page computes: {shown}")
        ratio, piece = loop_similarity(func, code)
        if ratio > SIMILARITY_LIMIT:
            problems.append(
                f"{func.name}: a function or loop at {piece.page}:{piece.line} is "
                f"{ratio:.0%} alike (limit {SIMILARITY_LIMIT:.0%})"
            )
    return problems


def _chapter(path: Path) -> int:
    return int(CHAPTER_OF.match(path.name).group(1))


SOLUTION_FILES = sorted(p for p in SOLUTIONS.glob("ch*.py") if CHAPTER_OF.match(p.name))
PAGES = sorted(p for p in BOOK.glob("ch*.md") if CHAPTER_OF.match(p.name))


@pytest.mark.parametrize("solution", SOLUTION_FILES, ids=lambda p: p.stem[:4])
def test_no_exercise_is_answered_on_its_page_or_before(solution):
    pages = [p for p in PAGES if _chapter(p) <= _chapter(solution)]
    assert pages, f"no page for {solution.name}"
    problems = answers_on_pages(solution, pages)
    assert not problems, (
        f"{solution.name}: the pages up to chapter {_chapter(solution)} already show the "
        "answer (show a simpler or different version, or make the exercise a step beyond "
        "the page):\n  " + "\n  ".join(problems)
    )


# -- the detectors can fail ----------------------------------------------------------


def _detect(tmp_path: Path, solution: str, page: str) -> list[str]:
    (tmp_path / "ch01_x.py").write_text(solution, encoding="utf-8")
    (tmp_path / "ch01_x.md").write_text(page, encoding="utf-8")
    return answers_on_pages(tmp_path / "ch01_x.py", [tmp_path / "ch01_x.md"])


CLASSIFY = '''
import numpy as np

def classify(probabilities, threshold=0.5):
    """Docstring."""
    p = np.asarray(probabilities, dtype=np.float64)
    return (p >= threshold).astype(int)
'''

LOSS = """
import numpy as np

def logistic_loss(y, scores):
    y = np.asarray(y, dtype=np.float64)
    z = np.asarray(scores, dtype=np.float64)
    return float(np.mean(np.logaddexp(0.0, z) - y * z))
"""

FIT = """
from sklearn.linear_model import LogisticRegression

def fit(X_train, y_train, max_iter=1000):
    model = LogisticRegression(max_iter=max_iter)
    model.fit(X_train, y_train)
    return model
"""

DESCENT = """
import numpy as np

def fit_by_descent(X, y, learning_rate=0.1, n_steps=1000):
    X = np.asarray(X, dtype=np.float64)
    weights, bias = np.zeros(X.shape[1]), 0.0
    losses = []
    for _ in range(n_steps):
        losses.append(logistic_loss(y, X @ weights + bias))
        weights, bias = gradient_step(X, y, weights, bias, learning_rate)
    return weights, bias, np.array(losses)
"""


ROW_TO_IMAGE = """
import numpy as np

def row_to_image(row):
    values = np.asarray(row, dtype=np.float64).ravel()
    if values.size != 784:
        raise ValueError("row must hold 784 values")
    return values.reshape(28, 28)
"""


PRECISION = """
import numpy as np

def precision_per_class(cm):
    cm = np.asarray(cm, dtype=np.float64)
    predicted = cm.sum(axis=0)
    correct = np.diag(cm)
    return np.divide(correct, predicted)
"""


def _cell(code: str, tags: str = "") -> str:
    return f"```{{code-cell}} ipython3\n{tags}{code}\n```\n"


@pytest.mark.parametrize(
    ("solution", "page"),
    [
        (CLASSIFY, _cell("classes = (probabilities >= 0.5).astype(int)")),
        (CLASSIFY, "```python\nlabels = (np.asarray(p) >= t).astype(int)\n```\n"),
        (
            LOSS,
            _cell(
                "def loss(X, y, w, b):\n    z = X @ w + b\n"
                "    return float(np.mean(np.logaddexp(0, z) - y * z))"
            ),
        ),
        (FIT, _cell("m = LogisticRegression(C=0.1, max_iter=1000).fit(Xd, yd)")),
        (
            DESCENT,
            _cell(
                "def descend(X, y, rate, n):\n    w, b = np.zeros(X.shape[1]), 0.0\n"
                "    losses = []\n    for _ in range(n):\n"
                "        losses.append(loss(X, y, w, b))\n"
                "        w, b = step(X, y, w, b, rate)\n    return w, b, np.array(losses)"
            ),
        ),
        (ROW_TO_IMAGE, "```python\nimages = X.to_numpy().reshape(-1, 28, 28)\n```\n"),
        (PRECISION, _cell("diagonal = np.diag(counts)\nprecision = diagonal / counts.sum(axis=0)")),
    ],
    ids=["classify", "plain-python-block", "loss", "fit", "descent", "batched-reshape", "split"],
)
def test_detects_an_answer_on_the_page(tmp_path, solution, page):
    assert _detect(tmp_path, solution, page)


@pytest.mark.parametrize(
    ("solution", "page"),
    [
        # a loop over one sample at a time is a different version of a vectorised answer
        (CLASSIFY, _cell("classes = [1 if p >= 0.5 else 0 for p in probabilities]")),
        # a hidden cell is not on the page
        (CLASSIFY, _cell("classes = (probabilities >= 0.5).astype(int)", ":tags: [remove-cell]\n")),
        # the answer in the exercise's own dropdown is where it belongs
        (
            LOSS,
            ":::{solution} ex\n:class: dropdown\n```{literalinclude} ch01_x.py\n"
            ":pyobject: logistic_loss\n```\n:::\n",
        ),
        (FIT, _cell("m = LogisticRegression(max_iter=1000)")),
    ],
    ids=["loop-over-samples", "hidden-cell", "own-dropdown", "part-only"],
)
def test_accepts_a_different_version(tmp_path, solution, page):
    assert not _detect(tmp_path, solution, page)
