"""Schemathesis hooks: a logged-in session for the operations that need one.

Loaded by `schemathesis run` through SCHEMATHESIS_HOOKS=contract_tests.st_hooks; the
server's base URL comes in AUTHAPI_LIVE_URL.
"""

import os
import secrets

import requests
import schemathesis

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@schemathesis.auth(refresh_interval=None, retry_on=[401]).apply_to(
    path=["/api/logout/", "/api/user/"]
)
class SessionAuth:
    """Registers one user, logs in through the API, and hands its session to positive
    cases only; negative cases stay anonymous, so `ignored_auth` stays meaningful.

    The session is kept until a generated logout succeeds (see `after_call`): then the
    next protected case logs in again.
    """

    session: dict | None = None

    def __init__(self):
        self.username = f"fuzz-{secrets.token_hex(6)}"
        self.password = secrets.token_urlsafe(24)
        self.registered = False

    def get(self, case, ctx):
        if SessionAuth.session is None:
            SessionAuth.session = self.log_in()
        return SessionAuth.session

    def log_in(self) -> dict:
        base = os.environ["AUTHAPI_LIVE_URL"]
        credentials = {"username": self.username, "password": self.password}
        if not self.registered:
            body = {
                **credentials,
                "email": f"{self.username}@example.com",
                "password2": self.password,
            }
            response = requests.post(f"{base}/api/register/", json=body, timeout=30)
            assert response.status_code == 201, response.text
            self.registered = True
        response = requests.post(f"{base}/api/login/", json=credentials, timeout=30)
        assert response.status_code == 200, response.text
        return {
            "cookies": {name: response.cookies[name] for name in ("sessionid", "csrftoken")},
            "csrf": response.json()["csrf_token"],
        }

    def set(self, case, data, ctx):
        if case.meta is not None and not case.meta.generation.mode.is_positive:
            return
        case.cookies = {**(case.cookies or {}), **data["cookies"]}
        if case.method.upper() in UNSAFE_METHODS:
            case.headers = {**(case.headers or {}), "X-CSRFToken": data["csrf"]}


@schemathesis.hook
def after_call(ctx, case, response):
    """A generated logout that succeeded ended the hook's session: log in again next time."""
    if case.operation.path == "/api/logout/" and response.status_code == 200:
        SessionAuth.session = None


@schemathesis.hook
def map_case(ctx, case):
    """Positive register cases repeat the password in password2, as a real client does.

    Only positive ones: in a negative case the mismatch may be the point.
    """
    body = case.body
    positive = case.meta is None or case.meta.generation.mode.is_positive
    is_register = case.operation.path == "/api/register/"
    if is_register and positive and isinstance(body, dict) and "password2" in body:
        case.body = {**body, "password2": body.get("password")}
    return case
