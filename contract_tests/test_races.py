"""Concurrent registrations against a live gunicorn server settle to exactly one user."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from contract_tests.servers import api_server, count_rows, database
from tests.support import PASSWORD

pytestmark = pytest.mark.live

RACERS = 50


@pytest.fixture(params=["sqlite", "postgres"])
def server(request, tmp_path):
    """A live server on a fresh database; yields (base URL, database URL)."""
    # 50 registrations from one client: keep the per-client limit out of the way.
    with (
        database(request.param, tmp_path) as url,
        api_server(url, AUTHAPI_REGISTER_RATE="10000/h") as base,
    ):
        yield base, url


def case_variant(word: str, n: int) -> str:
    """Return `word` with its letters upper-cased where the bits of `n` say so."""
    return "".join(c.upper() if n >> i & 1 else c for i, c in enumerate(word))


def post_at_once(url: str, bodies: list[dict]) -> list[requests.Response]:
    """POST every body from its own thread, all released at the same moment."""
    barrier = threading.Barrier(len(bodies))

    def post(body):
        with requests.Session() as session:
            barrier.wait()
            return session.post(url, json=body, timeout=120)

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(post, bodies))


def register_body(username: str, email: str) -> dict:
    return {"username": username, "email": email, "password": PASSWORD, "password2": PASSWORD}


def assert_one_winner(server, bodies, duplicate):
    base, database_url = server
    responses = post_at_once(f"{base}/api/register/", bodies)

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * (len(bodies) - 1), [
        r.text for r in responses if r.status_code >= 500
    ]
    assert count_rows(database_url, "accounts_user") == 1
    # Every loser got what a sequential duplicate gets.
    sequential = requests.post(f"{base}/api/register/", json=duplicate, timeout=60)
    assert sequential.status_code == 409
    assert all(r.json() == sequential.json() for r in responses if r.status_code == 409)
    return sequential.json()


def test_one_username_many_cases(server):
    bodies = [
        register_body(case_variant("racer", n), f"racer{n}@example.com") for n in range(RACERS)
    ]

    problem = assert_one_winner(server, bodies, register_body("RACER", "late@example.com"))

    assert problem["code"] == "username_taken"
    assert [e["pointer"] for e in problem["errors"]] == ["/username"]


def test_one_email_many_cases(server):
    bodies = [
        register_body(f"racer{n}", f"{case_variant('racer', n)}@Example.com") for n in range(RACERS)
    ]

    problem = assert_one_winner(server, bodies, register_body("late", "RACER@example.COM"))

    assert problem["code"] == "email_taken"
    assert [e["pointer"] for e in problem["errors"]] == ["/email"]
