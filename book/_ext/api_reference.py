"""Sphinx extension: the library's API reference, generated from ``mnist_tutorial.__all__``.

The directive ``{public-api} mnist_tutorial`` (in a MyST page) expands to an autosummary
table of every
public name (``__all__``) and, module by module, the autodoc entry of each one (its
numpydoc docstring, rendered by napoleon, with its examples). Names are never typed by
hand: a name added to ``__all__`` appears on the page at the next build, and a name
removed disappears.
"""

from __future__ import annotations

import importlib
import inspect
import sys
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
        # autodoc and autosummary emit reStructuredText: wrap it for the MyST page
        rst = [".. autosummary::", ""]
        rst += [
            f"   {package}.{name}"
            for names in groups.values()
            for name in names
            if not _is_data(getattr(module, name))
        ]
        rst.append("")
        for home, names in groups.items():
            title = home if home != package else f"{package}: constants"
            rst += [f".. rubric:: {title}", ""]
            for name in names:
                obj = getattr(module, name)
                directive = _directive_for(obj)
                if directive == "autodata":
                    rst += _constant(package, name, obj)
                    continue
                rst.append(f".. {directive}:: {package}.{name}")
                if directive == "autoclass":
                    rst += ["   :members:", "   :show-inheritance:"]
                rst.append("")
        lines = ["```{eval-rst}", *rst, "```"]
        self.env.note_dependency(module.__file__)
        container = nodes.container()
        content = StringList(lines, source=f"<public-api {package}>")
        nested_parse_with_titles(self.state, content, container)
        return container.children


def _constant(package: str, name: str, obj: Any) -> list[str]:
    """A ``py:data`` entry: the value and the ``#:`` comment where the constant is defined."""
    from sphinx.pycode import ModuleAnalyzer

    value = repr(obj)
    lines = [f".. py:data:: {package}.{name}", f"   :value: {value if len(value) < 80 else '...'}"]
    lines.append("")
    for module_name in sorted(m for m in sys.modules if m.startswith(package + ".")):
        try:
            docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        except Exception:  # a module without source (compiled, namespace)
            continue
        if ("", name) in docs:
            lines += [f"   {line}" for line in docs[("", name)]]
            lines.append(f"   (Defined in ``{module_name}``.)")
            break
    return [*lines, ""]


def _resolve_public_name(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """A library docstring's ``:func:`deskew``` links to the public ``mnist_tutorial.deskew``.

    Docstrings name functions as their module sees them (``deskew``, or
    ``mnist_tutorial.augment.deskew``); the page documents them under the package's
    public name. Anything else stays unresolved (and -n reports it).
    """
    if node.get("refdomain") != "py":
        return None
    package = app.config.api_reference_package
    target = node["reftarget"].lstrip("~.")
    name = target.rsplit(".", 1)[-1]
    # imported here too: a build that reuses the pickled environment (the PDF after the
    # HTML) resolves references without reading api.md, so autodoc never imported it
    module = importlib.import_module(package)
    if name not in getattr(module, "__all__", ()):
        return None
    if "." in target and not target.startswith(package + "."):
        return None
    return env.get_domain("py").resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], f"{package}.{name}", node, contnode
    )


def setup(app: Any) -> dict[str, Any]:
    app.add_config_value("api_reference_package", "mnist_tutorial", "env")
    app.connect("missing-reference", _resolve_public_name)
    app.setup_extension("sphinx.ext.autodoc")
    app.setup_extension("sphinx.ext.autosummary")
    app.setup_extension("sphinx.ext.napoleon")
    app.add_directive("public-api", PublicApi)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
