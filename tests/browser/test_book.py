"""The built book in a real browser: every page loads cleanly, navigation and search work."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.browser

WAIT_FOR_IMAGES = """
async () => {
  const images = Array.from(document.images);
  images.forEach((img) => { img.loading = "eager"; });
  await Promise.all(images.map((img) => img.complete ? null : new Promise((resolve) => {
    img.addEventListener("load", resolve);
    img.addEventListener("error", resolve);
  })));
  return images.map((img) => ({
    src: img.currentSrc || img.src,
    ok: img.complete && img.naturalWidth > 0,
  }));
}
"""


def test_page_loads_without_errors_and_images_load(desktop_page, book_page, screenshots):
    page = desktop_page
    assert page.status == 200, f"{book_page}: HTTP {page.status}"
    images = page.evaluate(WAIT_FOR_IMAGES)
    broken = [image["src"] for image in images if not image["ok"]]
    assert not broken, f"{book_page}: images that did not load: {broken}"
    assert page.errors.messages == [], f"{book_page}: {page.errors.messages}"
    assert page.title(), f"{book_page} has no <title>"
    page.screenshot(path=str(screenshots / f"{Path(book_page).stem}.png"), full_page=True)


def test_every_figure_has_alt_text_and_a_caption(desktop_page, book_page):
    found = desktop_page.evaluate(
        """() => ({
          noAlt: Array.from(document.querySelectorAll("main img"))
            .filter((img) => !(img.getAttribute("alt") || "").trim())
            .map((img) => img.src),
          noCaption: Array.from(document.querySelectorAll("main figure"))
            .filter((fig) => !(fig.querySelector("figcaption")?.textContent || "").trim())
            .map((fig) => fig.id || fig.outerHTML.slice(0, 80)),
        })"""
    )
    assert found["noAlt"] == [], f"{book_page}: images without alt text: {found['noAlt']}"
    assert found["noCaption"] == [], f"{book_page}: figures without a caption: {found['noCaption']}"


def test_toc_links_resolve(desktop_page, base_url, book_page, http_status, book_html):
    links = desktop_page.eval_on_selector_all(
        "nav.bd-docs-nav a[href], .prev-next-area a[href], a.navbar-brand[href]",
        "anchors => anchors.map((a) => a.href)",
    )
    assert links, f"{book_page} has no table-of-contents links"
    local = sorted({link.split("#")[0] for link in links if link.startswith(base_url)})
    statuses = {link: http_status(link) for link in local}
    assert all(status == 200 for status in statuses.values()), statuses
    # the sidebar lists every page of the book (the root is the logo/home link)
    linked = {link[len(base_url) :] for link in local}
    pages = {p.relative_to(book_html).as_posix() for p in (book_html / "book").glob("*.html")}
    missing = pages - linked - {book_page}
    assert not missing, f"{book_page}: the sidebar does not link to {sorted(missing)}"


def test_solution_dropdown_opens_on_click(page, base_url, book_html):
    candidates = [
        p
        for p in sorted((book_html / "book").glob("*.html"))
        if 'class="solution' in p.read_text(encoding="utf-8")
    ]
    if not candidates:
        pytest.skip("no page of this build has an exercise solution")
    page.goto(urljoin(base_url, candidates[0].relative_to(book_html).as_posix()))
    solution = page.locator("div.solution.dropdown").first
    body = solution.locator(".admonition-title ~ *").first
    button = solution.locator("button.toggle-button")
    solution.scroll_into_view_if_needed()
    assert not body.is_visible(), "the solution is visible before it is opened"
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    body.wait_for(state="visible", timeout=5000)
    assert button.get_attribute("aria-expanded") == "true"
    assert "def " in body.inner_text()
    assert page.errors.messages == []


def test_search_finds_sigmoid(page, base_url):
    page.goto(urljoin(base_url, "search.html?q=sigmoid"))
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(state="visible", timeout=20_000)
    assert results.count() >= 1
    titles = results.locator("a").all_inner_texts()
    assert any(title.strip() for title in titles)
    assert page.errors.messages == []


def test_formulas_render_offline(page, base_url):
    """MathJax comes from the site itself: formulas render with every outside request refused."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(urljoin(base_url, "book/ch02_sigmoid.html"), wait_until="load")
    page.wait_for_function("() => window.MathJax && window.MathJax.startup", timeout=20_000)
    page.evaluate("() => window.MathJax.startup.promise")
    rendered = page.locator("main mjx-container")
    assert rendered.count() >= 1, "no formula was rendered by MathJax"
    assert rendered.first.locator("mjx-math").count() == 1
    assert not page.locator("main .math:not(:has(mjx-container))").count(), "unrendered TeX"
    scripts = [url for url in requested if "mathjax" in url.lower()]
    assert scripts and all(url.startswith(base_url) for url in scripts), scripts
    assert page.errors.messages == [] and page.errors.outside == []


# What a page shows of its results: outputs and prose, without the code that made them
# (a code cell or a code block may name np.float64 on purpose; its output may not).
SHOWN_TEXT = """
() => {
  const main = document.querySelector("main").cloneNode(true);
  main.querySelectorAll("div.cell_input, div.highlight, code.literal").forEach((el) => {
    if (!el.closest("div.cell_output")) el.remove();
  });
  return main.textContent;
}
"""
# NumPy 2's scalar reprs: np.float64(0.7), np.int64(3), np.True_, np.str_('a'), ...
NUMPY_REPR = re.compile(
    r"\bnp\.(?:(?:u?int|float|complex)\d*|bool_?|str_|bytes_|longdouble|clongdouble)\("
    r"|\bnp\.(?:True_|False_)\b"
)


def test_no_numpy_scalar_repr_in_outputs(desktop_page, book_page):
    """Outputs and glued numbers print plain values: ``0.7``, never ``np.float64(0.7)``."""
    text = desktop_page.evaluate(SHOWN_TEXT)
    found = sorted(
        {
            text[max(m.start() - 30, 0) : m.end() + 20].replace("\n", " ")
            for m in NUMPY_REPR.finditer(text)
        }
    )
    assert found == [], f"{book_page} shows NumPy scalar reprs: {found}"


def test_exercises_are_numbered_within_their_chapter(desktop_page, book_page):
    """Chapter N's exercises read "Exercise N.1", "Exercise N.2", ... in page order."""
    chapter = re.match(r"book/ch(\d+)_", book_page)
    numbers = desktop_page.eval_on_selector_all(
        "main .exercise .admonition-title .caption-number",
        "spans => spans.map((s) => s.textContent.trim())",
    )
    if chapter is None:
        assert numbers == [], f"{book_page} is no chapter but has exercises {numbers}"
        return
    expected = [f"Exercise {int(chapter.group(1))}.{k}" for k in range(1, len(numbers) + 1)]
    assert numbers == expected, f"{book_page}: exercise numbers {numbers}"


def test_the_numpy_repr_check_can_fail(page, base_url):
    """An output printing ``[np.float64(0.7)]`` is seen; the same text in code is not."""
    page.goto(urljoin(base_url, "book/intro.html"))
    page.evaluate(
        """() => {
          const main = document.querySelector("main");
          main.insertAdjacentHTML("beforeend",
            "<div class='cell_input'><pre>x = np.float64(1.0)</pre></div>"
            + "<div class='cell_output'><pre>[np.float64(0.7), np.True_]</pre></div>");
        }"""
    )
    found = NUMPY_REPR.findall(page.evaluate(SHOWN_TEXT))
    assert found == ["np.float64(", "np.True_"], found


_CITATION = re.compile(
    r'<a class="reference internal" href="(?:bibliography\.html)?#(id\d+)"[^>]*>(.*?)</a>', re.S
)


def test_citations_tell_their_sources_apart(book_html):
    """No two sources cite alike: "LeCun et al., 2010" (the MNIST page) is not the 1998 paper."""
    sources: dict[str, set[str]] = {}
    for path in sorted((book_html / "book").glob("*.html")):
        for entry, label in _CITATION.findall(path.read_text(encoding="utf-8")):
            text = re.sub(r"<[^>]+>", "", label).strip()
            sources.setdefault(text, set()).add(entry)
    assert sources, "no citation found: has the bibliography's markup changed?"
    alike = {text: sorted(entries) for text, entries in sources.items() if len(entries) > 1}
    assert alike == {}, f"citations that read the same but name different sources: {alike}"
