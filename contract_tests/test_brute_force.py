"""50 concurrent wrong passwords for one account from one client, against gunicorn with 2
workers: at most `limit + 1` get through, on every counter store, and 429 stays cheap."""

import statistics
import time

import pytest
import requests

from contract_tests.servers import api_server, database
from contract_tests.test_races import post_at_once
from tests.support import PASSWORD, REDIS_TEST_URL, clear_redis_counters, need_redis

pytestmark = pytest.mark.live

ATTEMPTS = 50
LIMIT = 5  # AUTHAPI_LOGIN_FAILURES's default, 5/15m


@pytest.fixture(params=["sqlite", "postgres", "redis"])
def server(request, tmp_path):
    """gunicorn with its failure counters in the database (SQLite, PostgreSQL) or in Redis."""
    extra = {"AUTHAPI_LOGIN_RATE": "10000/m"}  # keep the per-client limit out of the way
    if request.param == "redis":
        need_redis()
        clear_redis_counters()
        extra["REDIS_URL"] = REDIS_TEST_URL
    kind = "postgres" if request.param == "postgres" else "sqlite"
    with database(kind, tmp_path) as url, api_server(url, workers=2, threads=8, **extra) as base:
        body = {"username": "victim", "email": "victim@example.com"}
        body |= {"password": PASSWORD, "password2": PASSWORD}
        assert requests.post(f"{base}/api/register/", json=body, timeout=30).status_code == 201
        yield base


def test_concurrent_guesses_stop_at_the_limit(server):
    guess = {"username": "victim", "password": "not-the-password"}

    responses = post_at_once(f"{server}/api/login/", [guess] * ATTEMPTS)

    statuses = sorted(r.status_code for r in responses)
    through = statuses.count(400)
    print(f"{ATTEMPTS} concurrent guesses: {through} checked, {statuses.count(429)} got 429")
    assert all(status < 500 for status in statuses), statuses
    assert through <= LIMIT + 1
    assert statuses == [400] * through + [429] * (ATTEMPTS - through)

    # Past the limit, an answer costs no hashing: compare it with a checked guess.
    throttled = _median_latency(f"{server}/api/login/", lambda n: guess)
    checked = _median_latency(  # a new account each time: never over a limit, always hashed
        f"{server}/api/login/", lambda n: {"username": f"other{n}", "password": "x"}
    )
    print(f"median latency: 429 {throttled * 1000:.1f} ms, checked guess {checked * 1000:.1f} ms")
    assert throttled < checked / 2


def _median_latency(url: str, body, samples: int = 15) -> float:
    times = []
    with requests.Session() as session:
        for n in range(samples):
            started = time.perf_counter()
            session.post(url, json=body(n), timeout=30)
            times.append(time.perf_counter() - started)
    return statistics.median(times)
