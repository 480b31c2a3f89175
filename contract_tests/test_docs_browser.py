"""Swagger UI and Redoc in headless Chromium, on a production-mode server started as the
README says: the whole session flow through "Try it out", with nothing loaded from outside."""

import json

import pytest

from contract_tests.browser import browser_page
from contract_tests.servers import production_server
from tests.support import PASSWORD, ROOT

pytestmark = [pytest.mark.live, pytest.mark.consumers]

OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with production_server(tmp_path_factory.mktemp("docs")) as base:
        yield base


def try_it_out(page, tag: str, operation_id: str, body: dict | None = None) -> int:
    """Run one operation through Swagger UI's "Try it out"; return the status it shows."""
    block = page.locator(f"#operations-{tag}-{operation_id}")
    if not block.locator("button.execute, button.try-out__btn").first.is_visible():
        block.locator(".opblock-summary").first.click()
    try_out = block.locator("button.try-out__btn")
    if try_out.inner_text().strip() == "Try it out":
        try_out.click()
    clear = block.locator("button.btn-clear")
    if clear.count() and clear.is_visible():
        clear.click()
    if body is not None:
        block.locator("textarea.body-param__text").fill(json.dumps(body))
    block.locator("button.execute").click()
    status = block.locator(".live-responses-table .response .response-col_status").first
    status.wait_for(timeout=20_000)
    return int(status.inner_text().split()[0])


def test_swagger_ui_try_it_out_whole_flow(server):
    failed = []
    with browser_page(server) as (page, outside):
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(f"{server}/api/docs/")
        page.locator("#operations-auth-register").wait_for()

        statuses = [
            try_it_out(
                page, "auth", "register",
                {"username": "swagger", "email": "swagger@example.com",
                 "password": PASSWORD, "password2": PASSWORD},
            ),
            try_it_out(page, "auth", "login", {"username": "swagger", "password": PASSWORD}),
            try_it_out(page, "user", "getUser"),
            try_it_out(page, "auth", "logout"),
            try_it_out(page, "user", "getUser"),
        ]  # fmt: skip
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / "swagger-ui.png"), full_page=True)

    assert statuses == [201, 200, 200, 200, 401]
    assert outside == []
    # The only failed request is the last getUser, which is meant to fail.
    assert failed == [f"{server}/api/user/"]


def test_redoc_renders_offline(server):
    failed = []
    with browser_page(server) as (page, outside):
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(f"{server}/api/redoc/")
        page.get_by_role("heading", name="Register a new user").first.wait_for(timeout=30_000)
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=str(OUTPUT / "redoc.png"))

    assert outside == []
    assert failed == []
