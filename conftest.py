"""Fixtures for tests/ and contract_tests/, and the loud summary of skipped checks."""

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
        return response

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


def pytest_terminal_summary(terminalreporter):
    for what, how in support.missing.items():
        terminalreporter.write_sep(
            "!", f"SKIPPED: tests that need {what}. To run them: {how}", red=True, bold=True
        )
