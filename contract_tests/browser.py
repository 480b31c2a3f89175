"""Headless Debian Chromium through Playwright, allowed to talk to the test's own servers only."""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from tests.support import need

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium dials out on its own (updates, sync).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def browser_page(*allowed_origins: str) -> Iterator[tuple]:
    """Yield (page, outside) where `outside` collects every request to any other origin.

    Such requests are aborted: the pages under test must work offline.
    """
    need(
        "Chromium",
        available=shutil.which(CHROMIUM) is not None,
        how="apt-get install -y chromium (Debian's package; Playwright drives it)",
    )
    from playwright.sync_api import sync_playwright

    allowed = {_origin(origin) for origin in allowed_origins}
    outside: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or _origin(url) in allowed:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            context = browser.new_context()
            context.route("**/*", guard)
            yield context.new_page(), outside
        finally:
            browser.close()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
