"""The audit trail: one JSON line per security event, without secrets."""

import json
import logging

import pytest

from tests.support import PASSWORD, leaked_secrets


@pytest.fixture
def audit_events():
    """The audit events logged during the test, as dicts."""
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(json.loads(record.getMessage()))

    logger = logging.getLogger("authapi.audit")
    handler = Collect()
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_each_security_event_is_logged(api, db, audit_events, settings):
    settings.AUTHAPI_LOGIN_FAILURES = (1, 900)
    body = {"username": "audited", "email": "audited@example.com"}
    api.post_json("/api/register/", {**body, "password": PASSWORD, "password2": PASSWORD})
    api.post_json("/api/login/", {"username": "audited", "password": "a-wrong-password"})
    api.post_json("/api/login/", {"username": "audited", "password": "a-wrong-password"})
    api.post_json(
        "/api/login/", {"username": "Audited", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    api.post("/api/logout/")  # no CSRF token
    api.post("/api/logout/", HTTP_X_CSRFTOKEN=api.cookies["csrftoken"].value)
    api.post_json(
        "/api/login/", {"username": "x", "password": "y"}, HTTP_ORIGIN="https://evil.example"
    )

    assert [(e["event"], e["username"], e["client"]) for e in audit_events] == [
        ("register", "audited", "127.0.0.1"),
        ("login_failed", "audited", "127.0.0.1"),
        ("throttled", "audited", "127.0.0.1"),
        ("login_succeeded", "audited", "10.9.9.9"),
        ("csrf_refused", "audited", "127.0.0.1"),
        ("logout", "audited", "127.0.0.1"),
        ("origin_refused", None, "127.0.0.1"),
    ]
    for event in audit_events:
        assert event["ts"].endswith("+00:00")
        assert len(event["request_id"]) == 32
    assert len({e["request_id"] for e in audit_events}) == len(audit_events)
    assert audit_events[2]["operation"] == "login"
    assert audit_events[-1]["reason"] == "origin_refused"
    assert PASSWORD not in json.dumps(audit_events)


def test_leak_search_finds_a_password():
    # The end-of-run search (conftest.py) must be able to fail.
    line = json.dumps({"event": "login_failed", "username": PASSWORD})

    assert leaked_secrets(line) == [PASSWORD]
    assert leaked_secrets(json.dumps({"event": "logout", "username": "alice"})) == []


def test_a_password_typed_as_username_is_not_logged(api, user, audit_events):
    api.post_json("/api/login/", {"username": PASSWORD, "password": "alice"})

    assert [(e["event"], e["username"]) for e in audit_events] == [("login_failed", None)]
    assert PASSWORD not in json.dumps(audit_events)
