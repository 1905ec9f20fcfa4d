"""Every page passes an axe-core audit (WCAG 2, levels A and AA) at both widths.

The audit runs the rules tagged ``wcag2a`` and ``wcag2aa``.

axe-core is pinned in ``package.json`` / ``package-lock.json`` and installed into
``node_modules`` with ``npm ci`` (``.ci/run`` does it); it is injected into each page from
that file, so nothing is fetched from a CDN. A page's scrollable boxes only exist at a
given width (a code block scrolls on a phone, not on a desktop), so the audit runs at the
phone and the desktop width of ``test_layout.py``.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa"]

RUN_AXE = """
async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + "  " + n.html.slice(0, 120)),
    count: v.nodes.length,
  }));
}
"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci` at the repository root")
    return AXE.read_text(encoding="utf-8")


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}, {v['count']} elements): {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"])
    return "\n".join(lines)


def test_axe_finds_no_violation(loaded_page, book_page, axe_source):
    assert loaded_page.status == 200, f"{book_page}: HTTP {loaded_page.status}"
    if not loaded_page.evaluate("() => Boolean(window.axe)"):
        loaded_page.add_script_tag(content=axe_source)
    violations = loaded_page.evaluate(RUN_AXE, TAGS)
    assert violations == [], (
        f"{book_page} at {loaded_page.size_name} width, axe-core "
        f"({', '.join(TAGS)}):\n{_describe(violations)}"
    )


def test_the_audit_can_fail(sized_page, base_url, book_html, axe_source):
    """axe sees an image without alt text and a scrolling box no keyboard can reach."""
    page = sorted((book_html / "book").glob("*.html"))[0]
    sized_page.goto(urljoin(base_url, page.relative_to(book_html).as_posix()), wait_until="load")
    sized_page.evaluate(
        """() => {
          const main = document.querySelector("main");
          const img = document.createElement("img");
          img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
          main.appendChild(img);
          const box = document.createElement("div");
          box.style.cssText = "width: 100px; height: 40px; overflow: auto";
          box.innerHTML = "<p style='width: 900px'>" + "wide text ".repeat(40) + "</p>";
          main.appendChild(box);
        }"""
    )
    sized_page.add_script_tag(content=axe_source)
    found = {v["id"] for v in sized_page.evaluate(RUN_AXE, TAGS)}
    assert {"image-alt", "scrollable-region-focusable"} <= found, found
