"""Brute-force limits on login and register, attacked over HTTP, on both counter stores."""

from http import HTTPStatus

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from tests.support import PASSWORD, REDIS_TEST_URL, clear_redis_counters, need_redis, problem

THROTTLED = problem("too_many_requests", "Too many attempts. Try again later.")
LOGIN = "/api/login/"


@pytest.fixture(params=["database", "redis"])
def counters(request, settings, db):
    """Run the test on the database counters and on Redis counters (a test-only Redis db)."""
    if request.param == "redis":
        need_redis()
        clear_redis_counters()
        settings.REDIS_URL = REDIS_TEST_URL
        yield request.param
        clear_redis_counters()
    else:
        settings.REDIS_URL = ""
        yield request.param


def login(api, username="alice", password="wrong-password-guess", client="10.0.0.1", **extra):
    return api.post_json(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=client, **extra
    )


def assert_throttled(response, window=15 * 60):
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response.json() == THROTTLED
    assert 1 <= int(response["Retry-After"]) <= window


def test_failures_per_account_and_client(api, user, counters):
    statuses = [login(api).status_code for _ in range(5)]
    assert statuses == [400] * 5

    assert_throttled(login(api))
    # Even the right password, from this client: nothing is checked past the limit.
    assert_throttled(login(api, password=PASSWORD))
    # The real user on another network still gets in.
    assert login(api, password=PASSWORD, client="10.0.0.2").status_code == HTTPStatus.OK


def test_unknown_accounts_are_throttled_alike(api, db, counters):
    statuses = [login(api, username="nobody").status_code for _ in range(6)]

    assert statuses == [400] * 5 + [429]


def test_account_cap_across_clients(api, user, counters, settings):
    settings.AUTHAPI_ACCOUNT_FAILURES = (3, 900)

    statuses = [login(api, client=f"10.0.1.{n}").status_code for n in range(4)]

    assert statuses == [400, 400, 400, 429]
    assert_throttled(login(api, password=PASSWORD, client="10.0.2.1"))


def test_success_releases_its_slot(api, user, counters):
    assert [login(api).status_code for _ in range(4)] == [400] * 4

    # Each success reserves the fifth slot and gives it back.
    assert [login(api, password=PASSWORD).status_code for _ in range(5)] == [200] * 5
    assert login(api).status_code == 400
    assert_throttled(login(api))


def test_all_logins_per_client(api, user, counters, settings):
    settings.AUTHAPI_LOGIN_RATE = (3, 60)

    assert [login(api, password=PASSWORD).status_code for _ in range(3)] == [200] * 3
    assert_throttled(login(api, password=PASSWORD))
    assert login(api, password=PASSWORD, client="10.0.0.9").status_code == HTTPStatus.OK


def test_registrations_per_client(api, db, counters, settings):
    settings.AUTHAPI_REGISTER_RATE = (2, 3600)

    def register(n, client="10.0.0.1"):
        body = {"username": f"u{n}", "email": f"u{n}@example.com"}
        body |= {"password": PASSWORD, "password2": PASSWORD}
        return api.post_json("/api/register/", body, REMOTE_ADDR=client)

    assert [register(n).status_code for n in range(2)] == [201, 201]
    assert_throttled(register(3), window=3600)
    assert register(4, client="10.0.0.2").status_code == HTTPStatus.CREATED


def test_throttled_attempts_hash_nothing(api, user, counters, monkeypatch):
    for _ in range(5):
        login(api)
    calls = []
    monkeypatch.setattr(Argon2PasswordHasher, "verify", lambda *a: calls.append(a))
    monkeypatch.setattr(Argon2PasswordHasher, "encode", lambda *a, **k: calls.append(a))

    assert_throttled(login(api))
    assert calls == []


def test_spoofed_forwarded_for_changes_nothing(api, user, counters):
    statuses = [login(api, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(6)]

    assert statuses == [400] * 5 + [429]


def test_forwarded_for_behind_one_trusted_proxy(api, user, counters, settings):
    settings.AUTHAPI_TRUSTED_PROXIES = 1
    # The proxy appends the address it saw; whatever the client wrote before it is ignored.
    for n in range(5):
        login(api, client="192.0.2.10", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7")

    assert_throttled(login(api, client="192.0.2.10", HTTP_X_FORWARDED_FOR="198.51.100.7"))
    assert (
        login(api, password=PASSWORD, client="192.0.2.10", HTTP_X_FORWARDED_FOR="198.51.100.8")
    ).status_code == HTTPStatus.OK


def test_one_ipv6_host_is_one_client(api, user, counters):
    # A host usually holds a whole /64: its addresses count as one client.
    statuses = [login(api, client=f"2001:db8:1:2::{n}").status_code for n in range(1, 7)]

    assert statuses == [400] * 5 + [429]
    assert login(api, password=PASSWORD, client="2001:db8:1:3::1").status_code == HTTPStatus.OK


def test_forwarded_for_that_is_no_address_is_ignored(api, user, counters, settings):
    settings.AUTHAPI_TRUSTED_PROXIES = 1

    response = login(api, HTTP_X_FORWARDED_FOR="a" * 300)

    assert response.status_code == HTTPStatus.BAD_REQUEST  # counted for REMOTE_ADDR, no 500
    assert [login(api, HTTP_X_FORWARDED_FOR=f"x{n}").status_code for n in range(5)] == (
        [400] * 4 + [429]
    )


def test_refused_attempts_take_no_slot(api, user, counters, settings):
    settings.AUTHAPI_LOGIN_FAILURES = (2, 900)
    settings.AUTHAPI_ACCOUNT_FAILURES = (3, 900)
    for n in range(3):  # the account reaches its cap from three networks
        login(api, client=f"10.0.3.{n}")

    assert [login(api, client="10.0.4.1").status_code for _ in range(3)] == [429] * 3

    # Once the cap lifts, the refusals have not used up this client's own slots.
    settings.AUTHAPI_ACCOUNT_FAILURES = (100, 900)
    assert login(api, password=PASSWORD, client="10.0.4.1").status_code == HTTPStatus.OK


def test_spa_can_read_retry_after(api, user, counters):
    for _ in range(5):
        login(api)

    response = login(api, HTTP_ORIGIN="http://localhost:3000")

    assert_throttled(response)
    assert response["Access-Control-Expose-Headers"] == "Retry-After"


def test_expired_database_counters_are_purged(db):
    from authapi.accounts.models import ThrottleCounter
    from authapi.accounts.throttling import DatabaseCounters

    ThrottleCounter.objects.create(key="old", hits=3, window_ends=1)
    ThrottleCounter.objects.create(key="current", hits=1, window_ends=2**40)

    assert DatabaseCounters().purge() == 1
    assert list(ThrottleCounter.objects.values_list("key", flat=True)) == ["current"]
