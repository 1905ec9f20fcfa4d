"""Write the student stubs in ``exercises/`` from the reference solutions (maintainers).

Each stub keeps the solution's module docstring, imports, signatures and function
docstrings, with every function body replaced by ``raise NotImplementedError``. Edit
``exercises/solutions/chNN_*.py``, then run::

    python scripts/make_stubs.py            # rewrite exercises/chNN_*.py
    python scripts/make_stubs.py --check    # exit 1 if a stub is out of date (CI)

``tests/test_exercise_checks.py`` fails when a stub and its solution drift apart.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_stub(source: str) -> str:
    """The student stub of a solution file: same docstrings, bodies replaced by a raise.

    Top-level imports are kept (marked ``noqa: F401``, since the stub does not use
    them yet) and every top-level function keeps its signature and docstring.

    Examples
    --------
    >>> src = 'import numpy as np\\n\\n\\ndef f(x):\\n    "Double x."\\n    return 2 * x\\n'
    >>> print(make_stub(src))
    import numpy as np  # noqa: F401
    <BLANKLINE>
    <BLANKLINE>
    def f(x):
        "Double x."
        raise NotImplementedError("f: replace this line with your code")
    <BLANKLINE>
    """
    tree = ast.parse(source)
    lines = source.splitlines()
    edits = []  # (first line, last line, replacement lines), 1-based inclusive
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and "noqa" not in lines[node.lineno - 1]:
            edits.append((node.lineno, node.lineno, [lines[node.lineno - 1] + "  # noqa: F401"]))
        elif isinstance(node, ast.FunctionDef):
            body = node.body
            has_doc = (
                isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            )
            first = body[0].end_lineno + 1 if has_doc else body[0].lineno
            indent = " " * (body[0].col_offset)
            message = f"{node.name}: replace this line with your code"
            raise_line = f'{indent}raise NotImplementedError("{message}")'
            edits.append((first, node.end_lineno, [raise_line]))
    for first, last, new in sorted(edits, reverse=True):
        lines[first - 1 : last] = new
    return "\n".join(lines) + "\n"


def stub_pairs(directory: Path = ROOT / "exercises") -> list[tuple[Path, Path]]:
    """(solution, stub) paths for every ``solutions/chNN_*.py`` file."""
    return [
        (solution, directory / solution.name)
        for solution in sorted((directory / "solutions").glob("ch[0-9][0-9]_*.py"))
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stubs out of date")
    parser.add_argument("--dir", type=Path, default=ROOT / "exercises", help="exercises folder")
    args = parser.parse_args(argv)
    stale = []
    for solution, stub in stub_pairs(args.dir):
        text = make_stub(solution.read_text())
        if stub.is_file() and stub.read_text() == text:
            continue
        stale.append(stub)
        if not args.check:
            stub.write_text(text)
            print(f"wrote {stub.relative_to(args.dir.parent)}")
    if args.check and stale:
        print("out of date: " + ", ".join(p.name for p in stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
