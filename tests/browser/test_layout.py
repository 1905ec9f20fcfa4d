"""Every page fits its window: nothing scrolls sideways on a phone or on a desktop.

A page wider than the window makes a phone reader pan left and right to read every line;
a code block wider than its box hides the end of its lines behind a scroll bar. Both are
checked at a phone width (390 px, an iPhone 12 to 15) and at a desktop width (1280 px).
A wide table or figure may scroll inside its own box (the theme wraps tables so), but
the page itself may not.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}

# Code blocks of the page's main content whose text is wider than the block. A block's
# scrollWidth exceeds its clientWidth by the width of what is hidden; one pixel of
# rounding is allowed.
OVERFLOWING_CODE = """
() => Array.from(document.querySelectorAll("main pre"))
  .filter((pre) => pre.offsetParent !== null)  // skip hidden ones (closed dropdowns)
  .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
  .map((pre) => ({
    hidden_px: pre.scrollWidth - pre.clientWidth,
    first_line: pre.textContent.split("\\n")[0].slice(0, 80),
  }))
"""

PAGE_WIDTH = """
() => ({
  scroll: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  viewport: document.documentElement.clientWidth,
})
"""


@pytest.fixture(params=sorted(WIDTHS), ids=sorted(WIDTHS))
def sized_page(request: pytest.FixtureRequest, browser: object) -> object:
    width, height = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route(lambda url: not url.startswith("http://127.0.0.1:"), lambda r: r.abort())
    page = context.new_page()
    page.size_name = request.param
    try:
        yield page
    finally:
        context.close()


def _open(page: object, base_url: str, book_page: str) -> None:
    response = page.goto(urljoin(base_url, book_page), wait_until="load")
    assert response is not None and response.status == 200


def test_page_does_not_scroll_sideways(sized_page, base_url, book_page, screenshots):
    _open(sized_page, base_url, book_page)
    width = sized_page.evaluate(PAGE_WIDTH)
    if sized_page.size_name == "phone":
        shot = screenshots / f"{Path(book_page).stem}-phone.png"
        sized_page.screenshot(path=str(shot), full_page=True)
    assert width["scroll"] <= width["viewport"], (
        f"{book_page} at {sized_page.size_name} width: the page is {width['scroll']} px wide "
        f"in a {width['viewport']} px window, so it scrolls sideways"
    )


def test_no_code_block_scrolls_sideways(sized_page, base_url, book_page):
    _open(sized_page, base_url, book_page)
    overflowing = sized_page.evaluate(OVERFLOWING_CODE)
    assert overflowing == [], (
        f"{book_page} at {sized_page.size_name} width: code blocks wider than their box "
        f"(shorten or wrap these lines): {overflowing}"
    )


def test_the_checks_can_fail(sized_page, base_url, book_html):
    """The two measurements above do see a page and a code block that are too wide."""
    page = next(iter(sorted((book_html / "book").glob("*.html"))))
    _open(sized_page, base_url, page.relative_to(book_html).as_posix())
    sized_page.evaluate(
        """() => {
          const pre = document.createElement("pre");
          pre.textContent = "x = " + "1 + ".repeat(400) + "1";
          document.querySelector("main").appendChild(pre);
          const wide = document.createElement("div");
          wide.style.width = "4000px";
          wide.style.height = "1px";
          document.body.appendChild(wide);
        }"""
    )
    assert sized_page.evaluate(OVERFLOWING_CODE), "a too-wide code block was not detected"
    width = sized_page.evaluate(PAGE_WIDTH)
    assert width["scroll"] > width["viewport"], "a too-wide page was not detected"
