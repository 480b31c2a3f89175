"""examples/spa in headless Chromium: a page on http://localhost:<spa> using the API on
http://localhost:<api> with credentials, as a frontend team's SPA would."""

import sys

import pytest
import requests

from contract_tests.browser import browser_page
from contract_tests.servers import api_server, free_port, running
from tests.support import PASSWORD, ROOT

pytestmark = [pytest.mark.live, pytest.mark.consumers]


@pytest.fixture(scope="module")
def spa_port():
    return free_port()


@pytest.fixture(scope="module")
def spa(spa_port):
    """The example page, served as static files (on every loopback address)."""
    command = [
        sys.executable, "-m", "http.server", str(spa_port),
        "--bind", "127.0.0.1", "--directory", str(ROOT / "examples" / "spa"),
    ]  # fmt: skip
    with running(command, port=spa_port, env={}, ready_path="/") as base:
        yield base


@pytest.fixture(scope="module")
def api(spa_port, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('spa') / 'spa.sqlite3'}"
    origin = f"http://localhost:{spa_port}"
    with api_server(url, CORS_ALLOWED_ORIGINS=origin) as base:
        yield base.replace("127.0.0.1", "localhost")


def fill(page, form: str, **fields: str) -> None:
    for name, value in fields.items():
        page.locator(f"#{form} [name={name}]").fill(value)
    page.locator(f"#{form} button").click()


def test_spa_on_an_allowed_origin(spa, api):
    with browser_page(spa, api) as (page, outside):
        page.goto(f"{spa}/?api={api}")
        user, status = page.locator("#user"), page.locator("#status")
        user.filter(has_text="Not logged in").wait_for()

        fill(
            page,
            "register",
            username="spa",
            email="spa@example.com",
            password=PASSWORD,
            password2=PASSWORD,
        )
        status.filter(has_text="register: 201").wait_for()

        fill(page, "login", username="spa", password=PASSWORD)
        user.filter(has_text="Logged in as spa").wait_for()

        page.reload()  # the token is fetched again from /api/csrf/
        user.filter(has_text="Logged in as spa").wait_for()

        page.locator("#logout").click()
        status.filter(has_text="logout: 200").wait_for()
        user.filter(has_text="Not logged in").wait_for()

    assert outside == []


def test_spa_on_a_foreign_origin_gets_nothing(spa, api, spa_port):
    foreign = f"http://127.0.0.1:{spa_port}"  # another site: not in CORS_ALLOWED_ORIGINS
    with browser_page(foreign, api) as (page, outside):
        page.goto(f"{foreign}/?api={api}")
        status = page.locator("#status")
        status.filter(has_text="error: Failed to fetch").wait_for()

        fill(page, "login", username="spa", password=PASSWORD)
        status.filter(has_text="error: Failed to fetch").wait_for()

    assert outside == []
    # What the browser enforced, seen from the server: no CORS grant, and login refused.
    preflight = requests.options(
        f"{api}/api/login/",
        headers={"Origin": foreign, "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers
    refused = requests.post(
        f"{api}/api/login/",
        json={"username": "spa", "password": PASSWORD},
        headers={"Origin": foreign},
        timeout=10,
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "origin_refused"
