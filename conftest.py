"""Fixtures for tests/ and contract_tests/, the loud summary of skipped checks, and the
search of the run's audit log for secrets."""

import pytest
from django.test import Client

from tests import support


class ContractClient(Client):
    """A test client that enforces CSRF like a browser's server would, and checks
    every response it receives against openapi.yaml."""

    def __init__(self, **kwargs):
        kwargs.setdefault("enforce_csrf_checks", True)
        super().__init__(**kwargs)

    def request(self, **request):
        response = super().request(**request)
        support.assert_matches_contract(response)
        support.remember_secrets(response)
        return response

    def generic(self, method, path, data="", content_type="application/octet-stream", **extra):
        support.remember_passwords(data)
        return super().generic(method, path, data, content_type, **extra)

    def post_json(self, path, body=None, **extra):
        return self.post(
            path, body if body is not None else {}, content_type="application/json", **extra
        )

    def login_as(self, username, password=support.PASSWORD):
        """Log in through the API; keep and return the CSRF token from the response."""
        response = self.post_json("/api/login/", {"username": username, "password": password})
        assert response.status_code == 200, response.content
        self.csrf_token = response.json()["csrf_token"]
        return self.csrf_token


@pytest.fixture
def api():
    return ContractClient()


@pytest.fixture
def make_user(db):
    from authapi.accounts.models import User

    def make_user(username="alice", email="alice@example.com", password=support.PASSWORD, **extra):
        return User.objects.create_user(username=username, email=email, password=password, **extra)

    return make_user


@pytest.fixture
def user(make_user):
    return make_user()


@pytest.fixture
def logged_in(api, user):
    """A client logged in as `user`, with its CSRF token in `.csrf_token`."""
    api.login_as(user.username)
    return api


def pytest_sessionstart(session):
    from django.conf import settings

    log = getattr(settings, "AUDIT_LOG", None)
    if log is not None:
        log.write_text("")  # this run's events only (the handler appends)


def pytest_sessionfinish(session, exitstatus):
    """Fail the run if any password, session id or CSRF token it used is in the audit log."""
    from django.conf import settings

    log = getattr(settings, "AUDIT_LOG", None)
    if log is None or not log.exists() or session.testscollected == 0:
        return
    leaks = support.leaked_secrets(log.read_text(encoding="utf-8"))
    if leaks:
        session.config.stash[LEAKS] = leaks
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


LEAKS = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter):
    leaks = terminalreporter.config.stash.get(LEAKS, None)
    if leaks:
        terminalreporter.write_sep("!", f"SECRETS IN THE AUDIT LOG: {leaks}", red=True, bold=True)
    elif support.SECRETS:
        terminalreporter.write_line(
            f"audit log checked: none of the {len(support.SECRETS)} passwords, session ids "
            "and CSRF tokens this run used appears in it"
        )
    for what, how in support.missing.items():
        terminalreporter.write_sep(
            "!", f"SKIPPED: tests that need {what}. To run them: {how}", red=True, bold=True
        )
