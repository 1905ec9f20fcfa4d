"""The exercise files a student needs, and ``mnist-tutorial exercises DIR`` to copy them.

The student files (one per chapter, functions that raise ``NotImplementedError``), their
pytest files, the ``conftest.py`` they share and the exercises' README ship inside the
wheel, under ``mnist_tutorial/exercises_bundle/``; they are copied there from the
repository's ``exercises/`` folder when the wheel is built (``hatch_build.py``), never
kept twice in git. The reference solutions are not shipped: they are in the book's
"Solution" dropdowns and in the repository. In an editable install (``pip install -e``)
the files come from the repository's ``exercises/`` folder directly.

This module imports nothing heavy, so the wheel's build hook can load it on its own.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

__all__ = ["copy_exercises", "exercise_cells", "student_files"]

_BUNDLED = Path(__file__).resolve().parent / "exercises_bundle"
_SOURCE_TREE = Path(__file__).resolve().parent.parent / "exercises"


def student_files(folder: str | Path) -> list[Path]:
    """The files of ``folder`` (an ``exercises/`` folder) that a student gets.

    Every ``.py`` file directly in the folder (student files, their pytest files,
    ``conftest.py``) and ``README.md``; nothing from subfolders, so ``solutions/`` stays
    out.

    Parameters
    ----------
    folder : str or Path
        An exercises folder, for example the repository's ``exercises/``.

    Returns
    -------
    list of Path
        The files, sorted by name.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ["ch02_sigmoid.py", "test_ch02_sigmoid.py", "README.md", "notes.txt"]:
    ...     _ = (folder / name).write_text("")
    >>> (folder / "solutions").mkdir()
    >>> _ = (folder / "solutions" / "ch02_sigmoid.py").write_text("")
    >>> [path.name for path in student_files(folder)]
    ['README.md', 'ch02_sigmoid.py', 'test_ch02_sigmoid.py']
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"folder must be an existing folder, got {str(folder)!r}")
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and (path.suffix == ".py" or path.name == "README.md")
    )


def _source() -> Path:
    for folder in (_BUNDLED, _SOURCE_TREE):
        if folder.is_dir() and any(folder.glob("test_ch*.py")):
            return folder
    raise FileNotFoundError(
        "this installation of mnist_tutorial has no exercise files "
        f"(looked in {_BUNDLED} and {_SOURCE_TREE})"
    )


def copy_exercises(destination: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Copy the student exercise files into ``destination`` (created if missing).

    Parameters
    ----------
    destination : str or Path
        The folder to copy into, for example ``"exercises"``.
    overwrite : bool, default=False
        Replace files that already exist. By default an existing file (perhaps a
        student's work) is never replaced: a :class:`FileExistsError` names it and
        nothing is copied.

    Returns
    -------
    list of Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "exercises"
    >>> written = copy_exercises(folder)
    >>> (folder / "ch02_sigmoid.py").is_file(), (folder / "test_ch02_sigmoid.py").is_file()
    (True, True)
    >>> (folder / "solutions").exists()
    False
    """
    destination = Path(destination)
    if destination.exists() and not destination.is_dir():
        raise ValueError(f"destination must be a folder, got the file {str(destination)!r}")
    files = student_files(_source())
    clashes = [destination / f.name for f in files if (destination / f.name).exists()]
    if clashes and not overwrite:
        raise FileExistsError(
            f"{clashes[0]} already exists (and {len(clashes) - 1} more); "
            "choose another folder or pass overwrite=True (--force) to replace them"
        )
    destination.mkdir(parents=True, exist_ok=True)
    written = []
    for path in files:
        shutil.copyfile(path, destination / path.name)
        written.append(destination / path.name)
    return written


def exercise_cells(chapter: int | str) -> list[dict[str, str]]:
    """Notebook cells for the exercises of ``chapter``: task, stub, check, per exercise.

    The cells come from the student file shipped with the library (the same
    ``exercises/chNN_*.py`` stub that ``mnist-tutorial exercises`` copies, itself
    generated from the reference solution): a code cell with the file's imports and
    ``import mnist_tutorial as mt``, then for each exercise a markdown cell (its name
    and the first paragraph of its docstring), a code cell with the stub (signature,
    docstring, ``raise NotImplementedError``) and a check cell ``mt.check("chNN", name)``.

    Parameters
    ----------
    chapter : int or str
        The chapter, as ``2`` or ``"ch02"``.

    Returns
    -------
    list of dict
        Cells as ``{"cell_type": "markdown" or "code", "source": str}``.

    Examples
    --------
    >>> cells = exercise_cells("ch02")
    >>> [c["cell_type"] for c in cells[:4]]
    ['code', 'markdown', 'code', 'code']
    >>> cells[3]["source"]
    'mt.check("ch02", sigmoid)'
    """
    import ast
    import re

    match = re.fullmatch(r"(?:ch)?0*(\d+)", str(chapter).strip())
    if match is None or isinstance(chapter, bool):
        raise ValueError(f"chapter must be a number or a name like 'ch02', got {chapter!r}")
    number = int(match.group(1))
    files = sorted(_source().glob(f"ch{number:02d}_*.py"))
    if not files:
        raise ValueError(f"no exercise file for chapter {chapter!r}")
    source = files[0].read_text(encoding="utf-8")
    tree = ast.parse(source)
    imports = [
        ast.get_source_segment(source, node)
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
        if not isinstance(node, ast.ImportFrom) or node.module != "__future__"
    ]
    imports = [line.replace("  # noqa: F401", "") for line in imports if line]
    tag = f"ch{number:02d}"
    cells = [{"cell_type": "code", "source": "\n".join([*imports, "import mnist_tutorial as mt"])}]
    functions = [
        n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")
    ]
    for position, node in enumerate(functions, start=1):
        doc = ast.get_docstring(node) or ""
        summary = doc.split("\n\n")[0].strip()
        task = f"### Exercise {position}: `{node.name}`\n\n{summary}\n\n" + (
            "Write the function in the next cell (keep its name and signature), run the cell, "
            "then run the check after it."
        )
        cells.append({"cell_type": "markdown", "source": task})
        cells.append({"cell_type": "code", "source": ast.get_source_segment(source, node)})
        cells.append({"cell_type": "code", "source": f'mt.check("{tag}", {node.name})'})
    return cells


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mnist-tutorial",
        description="The MNIST logistic-regression book's library: get and grade the exercises.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    copy = commands.add_parser(
        "exercises", help="copy the exercise files (no solutions) into a folder"
    )
    copy.add_argument("folder", nargs="?", default="exercises", help="default: ./exercises")
    copy.add_argument("--force", action="store_true", help="replace files that exist")
    commands.add_parser(
        "grade", help="grade the exercises (the same as mnist-grade)", add_help=False
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """``mnist-tutorial exercises [DIR] [--force]`` and ``mnist-tutorial grade [...]``."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["grade"]:
        from .grade import main as grade_main

        return grade_main(argv[1:])
    args = _parser().parse_args(argv)
    try:
        written = copy_exercises(args.folder, overwrite=args.force)
    except (FileExistsError, ValueError) as error:
        print(f"mnist-tutorial: {error}", file=sys.stderr)
        return 2
    folder = Path(args.folder)
    print(f"Copied {len(written)} files into {folder}/. Next:")
    print(f"  pytest {folder}/                                 # every chapter's checks")
    print(f"  python -m mnist_tutorial.grade --path {folder}   # points per exercise")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
