"""Every page fits its window, keeps its code's shape, and shows its figures legibly.

Checked at a phone width (390 px, an iPhone 12 to 15) and a desktop width (1280 px):

* the page never scrolls sideways (a phone reader would pan left and right to read);
* no table or figure is clipped: what does not fit scrolls inside its own box
  (``book/_static/layout.css``), and no box hides part of it for good;
* code keeps its Python shape: a code line is never wrapped (a wrapped line leaves
  ``return`` alone on a line or starts a continuation at column 0); a block wider than its
  box scrolls inside itself. Each rendered line of a block is one source line;
* text in figures stays at least 9 px tall. The book's figures are matplotlib PNGs whose
  dpi is in the file; their smallest text is 10 points (matplotlib's default size; the
  library draws at 12, and :func:`test_no_figure_text_below_ten_points` keeps chapters and
  library from going smaller), so a figure shown at ``scale`` = rendered / natural width
  has text of ``10 * dpi / 72 * scale`` px. ``book/_static/layout.js`` keeps the scale at
  0.65 or more (about 9 px at 100 dpi); a figure wider than the column scrolls instead,
  unless it would stick out by 8 px or less: then it shrinks to fit (text 8.8 px at least);
* every box that scrolls sideways has a cue: a hint under a table, figure, output or
  display equation, a fade at the right edge of code; a table's caption stays in view.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from PIL import Image

from .conftest import ROOT

pytestmark = pytest.mark.browser

#: 9 px at the 0.65 scale; a figure a few pixels too wide shrinks a little further to fit
#: (layout.js's FIT_SLACK_PX = 8: at worst 0.65 - 8/527 of a 527 px figure, 8.8 px)
MIN_TEXT_PX = 8.8
#: The smallest text of any figure of the book, in points (matplotlib's default size).
MIN_FIGURE_POINTS = 10

PAGE_WIDTH = """
() => ({
  scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  viewport: document.documentElement.clientWidth,
})
"""

# Visible code blocks whose rendered lines are not their source lines (a line wrapped),
# or that are wider than their box without scrolling inside it.
MISSHAPEN_CODE = """
() => {
  const found = [];
  for (const pre of document.querySelectorAll("main pre")) {
    if (pre.offsetParent === null) continue;  // hidden (a closed dropdown)
    const source = pre.textContent.replace(/\\n$/, "").split("\\n");
    const lines = source.filter((line) => line.trim() !== "").length;
    const range = document.createRange();
    range.selectNodeContents(pre);
    const tops = [];
    for (const rect of range.getClientRects()) {
      if (rect.width === 0 || rect.height === 0) continue;
      if (!tops.some((top) => Math.abs(top - rect.top) < rect.height / 2)) tops.push(rect.top);
    }
    const style = getComputedStyle(pre);
    const scrolls = ["auto", "scroll"].includes(style.overflowX);
    const problem = tops.length > lines ? `${lines} source lines drawn as ${tops.length}`
      : (pre.scrollWidth > pre.clientWidth + 1 && !scrolls) ? "too wide and does not scroll"
      : null;
    if (problem) found.push({problem, white_space: style.whiteSpace,
                             first_line: source[0].slice(0, 60)});
  }
  return found;
}
"""

# Tables and images that a box hides part of for good: an ancestor (up to <body>) that
# clips (overflow other than visible) is narrower than the element but cannot scroll.
CLIPPED = """
() => {
  const found = [];
  for (const el of document.querySelectorAll("main table, main img")) {
    if (el.offsetParent === null) continue;
    const rect = el.getBoundingClientRect();
    if (el.tagName === "TABLE" && el.scrollWidth > el.clientWidth + 1
        && !["auto", "scroll"].includes(getComputedStyle(el).overflowX)) {
      found.push({what: "table", text: el.textContent.trim().slice(0, 60),
                  why: "its content is wider than the table and it does not scroll"});
      continue;
    }
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      if (overflow === "visible") continue;
      const outer = box.getBoundingClientRect();
      const sticksOut = rect.left < outer.left - 1 || rect.right > outer.right + 1;
      if (sticksOut && !["auto", "scroll"].includes(overflow)) {
        found.push({what: el.tagName.toLowerCase(),
                    text: (el.alt || el.textContent || "").trim().slice(0, 60),
                    why: `cut by ${box.tagName.toLowerCase()}.${box.className} ` +
                         `(overflow ${overflow})`});
        break;
      }
    }
  }
  return found;
}
"""

# Every figure image: its natural and rendered width and where it comes from.
FIGURES = """
async () => {
  const images = Array.from(document.querySelectorAll("main img"));
  await Promise.all(images.map((img) => img.complete ? null : new Promise((resolve) => {
    img.addEventListener("load", resolve);
    img.addEventListener("error", resolve);
  })));
  return images.filter((img) => img.offsetParent !== null && img.naturalWidth > 0)
    .map((img) => ({src: img.currentSrc || img.src, natural: img.naturalWidth,
                    shown: img.getBoundingClientRect().width, alt: (img.alt || "").slice(0, 60)}));
}
"""


def _open(page: object, base_url: str, book_page: str) -> None:
    """Load a page of one's own (for the checks that change it to see them fail)."""
    response = page.goto(urljoin(base_url, book_page), wait_until="load")
    assert response is not None and response.status == 200


def _where(page: object, book_page: str) -> str:
    return f"{book_page} at {page.size_name} width"


def test_page_does_not_scroll_sideways(loaded_page, book_page, screenshots):
    assert loaded_page.status == 200, f"{book_page}: HTTP {loaded_page.status}"
    width = loaded_page.evaluate(PAGE_WIDTH)
    if loaded_page.size_name == "phone":
        shot = screenshots / f"{Path(book_page).stem}-phone.png"
        loaded_page.screenshot(path=str(shot), full_page=True)
    assert width["scroll"] <= width["viewport"], (
        f"{_where(loaded_page, book_page)}: the page is {width['scroll']} px wide "
        f"in a {width['viewport']} px window, so it scrolls sideways"
    )


def test_code_keeps_its_python_shape(loaded_page, book_page):
    misshapen = loaded_page.evaluate(MISSHAPEN_CODE)
    assert misshapen == [], (
        f"{_where(loaded_page, book_page)}: code blocks whose lines wrap or that are cut "
        f"(a code line must not wrap; a wide block scrolls inside itself): {misshapen}"
    )


def test_no_table_or_figure_is_clipped(loaded_page, book_page):
    loaded_page.evaluate(FIGURES)  # every image loaded and sized
    clipped = loaded_page.evaluate(CLIPPED)
    assert clipped == [], (
        f"{_where(loaded_page, book_page)}: tables or figures partly hidden (a wide one "
        f"must scroll inside its own box): {clipped}"
    )


# Boxes that scroll sideways (layout.js marks them), other than code and boxes around or
# inside another such box, without the hint under them.
UNHINTED = """
() => Array.from(document.querySelectorAll("main [data-scroll-region]"))
  .filter((box) => !(box.matches("pre") && !box.closest("div.cell_output")))
  .filter((box) => !box.querySelector("[data-scroll-region]"))
  .filter((box) => !box.parentElement.closest("[data-scroll-region]"))
  .filter((box) => !box.dataset.scrollHint)
  .map((box) => `${box.getAttribute("aria-label")}: ${box.outerHTML.slice(0, 80)}`)
"""

# Code blocks that scroll sideways without the fade at their right edge (while unscrolled).
UNFADED = """
() => Array.from(document.querySelectorAll("main pre[data-scroll-region]"))
  .filter((box) => !box.closest("div.cell_output") && box.scrollLeft === 0)
  .filter((box) => !(box.closest("div.highlight") || box.parentElement)
    .classList.contains("scrolls-right"))
  .map((box) => box.textContent.slice(0, 60))
"""

# One hint per hinted box (a second one would repeat under the same output).
DOUBLED = """
() => document.querySelectorAll("main p.scroll-hint").length
  - document.querySelectorAll("main [data-scroll-hint]").length
"""


def test_a_box_that_scrolls_sideways_says_so(loaded_page, book_page):
    """A phone hides scroll bars: a table, figure or output wider than the screen has a
    hint, and only one."""
    loaded_page.evaluate(FIGURES)  # every image loaded and sized
    doubled = loaded_page.evaluate(DOUBLED)
    assert doubled == 0, f"{_where(loaded_page, book_page)}: {doubled} hints too many"
    unfaded = loaded_page.evaluate(UNFADED)
    assert unfaded == [], f"{_where(loaded_page, book_page)}: code without its fade: {unfaded}"
    unhinted = loaded_page.evaluate(UNHINTED)
    where = _where(loaded_page, book_page)
    assert unhinted == [], f"{where}: no 'scroll sideways' hint under {unhinted}"


# Every box in the page that scrolls sideways (whoever made it scroll: a table, a figure,
# an output, a MathJax display equation), without its cue: a hint under it, or (code) a
# fade at its right edge. Boxes around or inside a box with a cue need none.
UNCUED = """
async () => {
  if (window.MathJax && window.MathJax.startup) await window.MathJax.startup.promise;
  await new Promise((resolve) => setTimeout(resolve, 300));  // layout.js marks them again
  const cued = (box) => Boolean(box.dataset.scrollHint
    || box.closest("div.highlight")?.classList.contains("scrolls-right")
    || box.parentElement?.classList.contains("scrolls-right"));
  const found = [];
  for (const box of document.querySelectorAll("main *")) {
    if (box.offsetParent === null) continue;  // hidden (a closed dropdown)
    if (!["auto", "scroll"].includes(getComputedStyle(box).overflowX)) continue;
    if (box.scrollWidth <= box.clientWidth + 1 || box.scrollLeft > 0) continue;
    if (cued(box)) continue;
    const around = Array.from(box.querySelectorAll("*")).some((inner) => cued(inner));
    let inside = false;
    for (let up = box.parentElement; up && up.tagName !== "MAIN" && !inside;
      up = up.parentElement) inside = !!cued(up);
    if (around || inside) continue;
    found.push(`${box.tagName.toLowerCase()}.${box.className}: ${box.scrollWidth} px in `
      + `${box.clientWidth}: ${box.textContent.trim().slice(0, 50)}`);
  }
  return found;
}
"""


def test_every_scrolling_box_has_a_cue(loaded_page, book_page):
    """Not only the boxes layout.js knows of: display equations and any other box too."""
    loaded_page.evaluate(FIGURES)
    uncued = loaded_page.evaluate(UNCUED)
    assert uncued == [], f"{_where(loaded_page, book_page)}: scrolls with no cue: {uncued}"


# Captions of tables (pandas' set_caption) that stick out of the visible box of their table.
CUT_CAPTIONS = """
() => Array.from(document.querySelectorAll("main table > caption"))
  .filter((caption) => caption.offsetParent !== null)
  .filter((caption) => caption.getBoundingClientRect().right
    > caption.parentElement.getBoundingClientRect().right + 1)
  .map((caption) => caption.textContent.trim().slice(0, 60))
"""


def test_a_table_caption_stays_in_view(loaded_page, book_page):
    cut = loaded_page.evaluate(CUT_CAPTIONS)
    assert cut == [], f"{_where(loaded_page, book_page)}: captions cut on first view: {cut}"


def test_the_cue_checks_can_fail(sized_page, base_url):
    """A wide display box with no hint, and a wide caption, are seen."""
    _open(sized_page, base_url, "book/ch04_learning.html")
    sized_page.evaluate(
        """() => {
          const main = document.querySelector("main");
          const math = document.createElement("div");
          math.style.cssText = "overflow-x: auto; max-width: 100%";
          math.innerHTML = "<span style='display: inline-block; width: 3000px'>x</span>";
          main.appendChild(math);
          const table = document.createElement("table");  // scrolls (layout.css)
          table.innerHTML = "<caption style='display: table-caption; position: static'>"
            + "a caption as wide as its table</caption>"
            + "<tr><td style='min-width: 3000px'>x</td></tr>";
          main.appendChild(table);
        }"""
    )
    assert any("3000 px" in box for box in sized_page.evaluate(UNCUED))
    assert sized_page.evaluate(CUT_CAPTIONS), "a caption wider than its box was not seen"


FIGURE_OF_WIDTH = """
async (width) => {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = 20;
  const box = document.querySelector("main .figure-box");
  const img = document.createElement("img");
  img.alt = `test ${width}`;
  await new Promise((resolve) => { img.onload = resolve; img.src = canvas.toDataURL(); });
  box.replaceChildren(img);
  window.dispatchEvent(new Event("resize"));
  await new Promise((resolve) => setTimeout(resolve, 400));
  return {shown: img.getBoundingClientRect().width, box: box.clientWidth,
          scrolls: box.dataset.scrollRegion === "1", hint: box.dataset.scrollHint === "1"};
}
"""


def test_a_figure_a_few_px_too_wide_shrinks_to_fit(page, base_url):
    """At 390 px a figure 6 px too wide at 0.65 fits its box with no scroll stop; one 20 px
    too wide still scrolls, with its hint."""
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, base_url, "book/ch04_learning.html")
    room = page.evaluate("() => document.querySelector('main .figure-box').clientWidth")
    near = page.evaluate(FIGURE_OF_WIDTH, int((room + 6) / 0.65))
    assert not near["scrolls"] and near["shown"] <= near["box"] + 0.5, near
    far = page.evaluate(FIGURE_OF_WIDTH, int((room + 20) / 0.65))
    assert far["scrolls"] and far["hint"] and far["shown"] > far["box"], far


def _png_dpi(book_html: Path, src: str) -> float | None:
    """The dpi a PNG of the build records (matplotlib writes it), or None."""
    path = book_html / unquote(urlparse(src).path).lstrip("/")
    if path.suffix.lower() != ".png" or not path.is_file():
        return None
    with Image.open(path) as image:
        dpi = image.info.get("dpi")
    return float(dpi[0]) if dpi else None


def _small_figure_text(page: object, book_html: Path) -> list[str]:
    """Figures of the page whose smallest (10-point) text is drawn under 9 px."""
    small = []
    for figure in page.evaluate(FIGURES):
        dpi = _png_dpi(book_html, figure["src"])
        if dpi is None:
            continue  # not a matplotlib figure of the build
        scale = figure["shown"] / figure["natural"]
        text_px = MIN_FIGURE_POINTS * dpi / 72 * scale
        if text_px < MIN_TEXT_PX - 0.05:
            small.append(
                f"{figure['alt']!r}: shown at {scale:.2f} of {figure['natural']} px, "
                f"{MIN_FIGURE_POINTS}-point text is {text_px:.1f} px"
            )
    return small


def test_figure_text_is_at_least_9_px(loaded_page, book_page, book_html):
    small = _small_figure_text(loaded_page, book_html)
    assert small == [], f"{_where(loaded_page, book_page)}: figure text under 9 px: {small}"


_SMALL_TEXT = re.compile(
    r"""\b(?:fontsize|labelsize|size)\s*[=:]\s*(?:(\d+(?:\.\d+)?)|["'](?:x+-)?small(?:er)?["'])"""
    r"""|set_(?:font)?size\(\s*(\d+(?:\.\d+)?)\s*\)|rcParams"""
)


def test_no_figure_text_below_ten_points():
    """The figure-size rule above assumes no text smaller than 10 points anywhere."""
    sources = sorted((ROOT / "book").glob("*.md")) + sorted(
        (ROOT / "mnist_tutorial" / "plotting").glob("*.py")
    )
    small = []
    for path in sources:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in _SMALL_TEXT.finditer(line):
                value = match.group(1) or match.group(2)
                if value is None or float(value) < MIN_FIGURE_POINTS:
                    small.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    # the plotting package's docs mention rcParams and an example text_kw of 9 points
    small = [s for s in small if not s.startswith("mnist_tutorial/plotting/__init__.py")]
    small = [s for s in small if '{"fontsize": 9}' not in s]
    assert small == [], f"figure text below {MIN_FIGURE_POINTS} points: {small}"


def test_the_checks_can_fail(sized_page, base_url, book_html):
    """Each measurement above sees what it looks for."""
    page = next(iter(sorted((book_html / "book").glob("*.html"))))
    _open(sized_page, base_url, page.relative_to(book_html).as_posix())
    sized_page.evaluate(
        """() => {
          const main = document.querySelector("main");
          const pre = document.createElement("pre");
          pre.style.whiteSpace = "pre-wrap";
          pre.textContent = "x = " + "1 + ".repeat(400) + "1";
          main.appendChild(pre);
          const cut = document.createElement("div");
          cut.style.cssText = "width: 50px; overflow: hidden";
          cut.innerHTML = "<img alt='wide' style='width: 400px; min-width: 400px' "
            + "src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>"
            + "<table style='overflow: hidden'><tr><td style='min-width: 2000px'>x</td></tr>"
            + "</table>";
          main.appendChild(cut);
          const wide = document.createElement("div");
          wide.style.width = "4000px";
          wide.style.height = "1px";
          document.body.appendChild(wide);
        }"""
    )
    assert sized_page.evaluate(MISSHAPEN_CODE), "a wrapped code line was not detected"
    clipped = {found["what"] for found in sized_page.evaluate(CLIPPED)}
    assert clipped == {"img", "table"}, f"clipped: {clipped} (expected an image and a table)"
    width = sized_page.evaluate(PAGE_WIDTH)
    assert width["scroll"] > width["viewport"], "a too-wide page was not detected"


def test_the_figure_check_can_fail(sized_page, base_url, book_html):
    """A figure squeezed to 40% of its natural width has text under 9 px, and is seen."""
    _open(sized_page, base_url, "book/ch01_classification.html")
    assert _small_figure_text(sized_page, book_html) == []
    sized_page.evaluate(
        """() => document.querySelectorAll("main img").forEach((img) => {
          img.style.minWidth = "0";
          img.style.width = `${Math.round(img.naturalWidth * 0.4)}px`;
        })"""
    )
    assert _small_figure_text(sized_page, book_html), "squeezed figures were not detected"
