"""Fixtures for the browser tests: the built book served on loopback, headless Chromium.

The tests need the built book (``python scripts/build_book.py``) and run when selected,
``python -m pytest tests/browser -m browser``; plain ``python -m pytest`` skips them, and
so does a run without a built book, so the default suite stays fast. ``.ci/run`` sets
``MNIST_TUTORIAL_REQUIRE_BOOK=1`` after building, which turns a missing book or browser
into a failure. ``MNIST_TUTORIAL_BOOK_HTML`` points the tests at another build folder.

Chromium is Debian's ``/usr/bin/chromium`` (override with ``MNIST_TUTORIAL_CHROMIUM``),
driven by Playwright's Python package; nothing is downloaded.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOOK_HTML = Path(os.environ.get("MNIST_TUTORIAL_BOOK_HTML", ROOT / "_build" / "html"))
SCREENSHOTS = BOOK_HTML.parent / "screenshots"
CHROMIUM = os.environ.get("MNIST_TUTORIAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REQUIRE_BOOK = os.environ.get("MNIST_TUTORIAL_REQUIRE_BOOK") == "1"
#: the two widths every layout and access check runs at: a phone (iPhone 12 to 15), a desktop
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def _missing(reason: str) -> None:
    if REQUIRE_BOOK:
        pytest.fail(f"{reason} (MNIST_TUTORIAL_REQUIRE_BOOK=1)")
    pytest.skip(reason)


def book_pages() -> list[str]:
    """Paths (relative to the HTML root) of the book's content pages, e.g. ``book/intro.html``."""
    if not (BOOK_HTML / "book").is_dir():
        return []
    return sorted(p.relative_to(BOOK_HTML).as_posix() for p in (BOOK_HTML / "book").glob("*.html"))


def _shared_key(item: pytest.Item) -> tuple:
    """Tests reading a shared loaded page first, grouped by (page, width); the rest after."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    names = getattr(item, "fixturenames", ())
    if "loaded_page" in names or "desktop_page" in names:
        return (0, params.get("book_page", ""), params.get("loaded_page", "desktop"))
    return (1,)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Group the checks of one loaded page (each page loads once per width), and keep
    ``python -m pytest`` fast: browser tests run when asked for with ``-m browser``."""
    items.sort(key=_shared_key)  # stable: each group keeps its tests' order
    if REQUIRE_BOOK or "browser" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="browser test: run `python -m pytest tests/browser -m browser`")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "book_page" in metafunc.fixturenames:
        pages = book_pages() or ["(book not built)"]
        metafunc.parametrize("book_page", pages, ids=[Path(p).stem for p in pages])


@pytest.fixture(scope="session")
def book_html() -> Path:
    if not (BOOK_HTML / "index.html").is_file():
        _missing(f"the book is not built ({BOOK_HTML} has no index.html)")
    return BOOK_HTML


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(book_html: Path) -> Iterator[str]:
    """The built book served by a thread-local HTTP server on 127.0.0.1 (free port)."""
    handler = functools.partial(_QuietHandler, directory=str(book_html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def book_page(request: pytest.FixtureRequest, book_html: Path) -> str:
    if request.param == "(book not built)":
        _missing("the book has no pages")
    return request.param


def _http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture(scope="session")
def http_status() -> object:
    """``http_status(url) -> int``, remembering answers (the nav repeats on every page)."""
    return functools.lru_cache(maxsize=None)(_http_status)


@pytest.fixture(scope="session")
def screenshots(book_html: Path) -> Path:
    """Folder for review screenshots (``_build/screenshots``, git-ignored with ``_build``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def browser(book_html: Path) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        _missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


class PageErrors:
    """Console errors and uncaught exceptions seen by a page (loopback resources only)."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.outside: list[str] = []

    def console(self, message: object) -> None:
        url = message.location.get("url", "")
        if message.type == "error" and "Failed to load resource" in message.text:
            if not url.startswith("http://127.0.0.1:"):
                self.outside.append(url)  # offline here; not the book's fault
                return
            if url.endswith("/favicon.ico"):
                return  # the browser's own request, not the page's
        if message.type == "error":
            self.messages.append(f"console.error: {message.text} at {message.location}")

    def exception(self, error: object) -> None:
        self.messages.append(f"uncaught: {error}")


def _outside_request(route: object) -> None:
    """Tests run offline, and the book needs nothing from outside (MathJax included)."""
    route.abort()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page (1280x900) whose console errors are in ``page.errors.messages``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = PageErrors()
    page.on("console", errors.console)
    page.on("pageerror", errors.exception)
    context.route(lambda url: not url.startswith("http://127.0.0.1:"), _outside_request)
    page.errors = errors
    try:
        yield page
    finally:
        context.close()


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


class SharedPages:
    """Each book page loaded once per width, for the checks that only read it.

    The checks that use it run grouped by (page, width) (``pytest_collection_modifyitems``),
    so one loaded page is open at a time. A loaded page has ``status`` (of its HTTP
    response), ``errors`` (a :class:`PageErrors`) and ``size_name``.
    """

    def __init__(self, browser: object, base_url: str) -> None:
        self.browser, self.base_url = browser, base_url
        self.key: tuple[str, str] | None = None
        self.page: object = None

    def get(self, size: str, book_page: str) -> object:
        if self.key != (size, book_page):
            self.close()
            width, height = WIDTHS[size]
            context = self.browser.new_context(viewport={"width": width, "height": height})
            context.route(lambda url: not url.startswith("http://127.0.0.1:"), _outside_request)
            page = context.new_page()
            page.set_default_timeout(90_000)  # a loaded machine (CI) can be slow to go idle
            page.errors = PageErrors()
            page.on("console", page.errors.console)
            page.on("pageerror", page.errors.exception)
            response = page.goto(urljoin(self.base_url, book_page), wait_until="load")
            page.wait_for_load_state("networkidle")
            page.status = response.status if response is not None else None
            page.size_name = size
            self.key, self.page = (size, book_page), page
        return self.page

    def close(self) -> None:
        if self.page is not None:
            self.page.context.close()
        self.key, self.page = None, None


@pytest.fixture(scope="session")
def shared_pages(browser: object, base_url: str) -> Iterator[SharedPages]:
    pages = SharedPages(browser, base_url)
    try:
        yield pages
    finally:
        pages.close()


@pytest.fixture(params=sorted(WIDTHS), ids=sorted(WIDTHS))
def loaded_page(
    request: pytest.FixtureRequest, shared_pages: SharedPages, book_page: str
) -> object:
    """``book_page`` loaded at each width, shared with the other checks that only read it."""
    return shared_pages.get(request.param, book_page)


@pytest.fixture
def desktop_page(shared_pages: SharedPages, book_page: str) -> object:
    """``book_page`` loaded at the desktop width, shared like ``loaded_page``."""
    return shared_pages.get("desktop", book_page)
