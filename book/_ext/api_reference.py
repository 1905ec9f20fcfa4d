"""Sphinx extension: the library's API reference, generated from ``mnist_tutorial.__all__``.

The directive ``{public-api} mnist_tutorial`` expands to an autosummary table of every
public name (``__all__``) and, module by module, the autodoc entry of each one (its
numpydoc docstring, rendered by napoleon, with its examples). Names are never typed by
hand: a name added to ``__all__`` appears on the page at the next build, and a name
removed disappears.
"""

from __future__ import annotations

import importlib
import inspect
from collections import defaultdict
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles


def public_names(package: str) -> dict[str, list[str]]:
    """``{module: [names]}`` of ``package.__all__``, by the module that defines each name."""
    module = importlib.import_module(package)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in module.__all__:
        obj = getattr(module, name)
        home = getattr(obj, "__module__", None) if not _is_data(obj) else None
        groups[home if home and home.startswith(package) else package].append(name)
    return dict(sorted(groups.items()))


def _is_data(obj: Any) -> bool:
    return not (inspect.isclass(obj) or inspect.isfunction(obj) or inspect.isroutine(obj))


def _directive_for(obj: Any) -> str:
    if inspect.isclass(obj):
        return "autoclass" if not issubclass(obj, BaseException) else "autoexception"
    if inspect.isfunction(obj) or inspect.isroutine(obj):
        return "autofunction"
    return "autodata"


class PublicApi(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        package = self.arguments[0]
        module = importlib.import_module(package)
        groups = public_names(package)
        lines = [".. autosummary::", ""]
        lines += [f"   {package}.{name}" for names in groups.values() for name in names]
        lines.append("")
        for home, names in groups.items():
            title = home if home != package else f"{package} (constants)"
            lines += [f".. rubric:: {title}", ""]
            for name in names:
                obj = getattr(module, name)
                directive = _directive_for(obj)
                lines.append(f".. {directive}:: {package}.{name}")
                if directive == "autoclass":
                    lines += ["   :members:", "   :show-inheritance:"]
                if directive == "autodata" and not _short(obj):
                    lines.append("   :no-value:")
                lines.append("")
        self.env.note_dependency(module.__file__)
        container = nodes.container()
        content = StringList(lines, source=f"<public-api {package}>")
        nested_parse_with_titles(self.state, content, container)
        return container.children


def _short(obj: Any) -> bool:
    return isinstance(obj, (int, float, str)) and len(repr(obj)) < 60


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("sphinx.ext.autodoc")
    app.setup_extension("sphinx.ext.autosummary")
    app.setup_extension("sphinx.ext.napoleon")
    app.add_directive("public-api", PublicApi)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
