"""Helpers shared by tests/ and contract_tests/: the contract checker and the skip policy."""

import json
import os
from functools import cache
from pathlib import Path

import pytest
import yaml
from django.http import HttpResponse
from jsonschema import Draft202012Validator
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from openapi_core.testing import MockRequest, MockResponse
from werkzeug.datastructures import Headers

from authapi.accounts.middleware import is_api_path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "openapi.yaml"

# A password that Django's validators accept, for tests that need one.
PASSWORD = "correct-horse-battery-staple"

# --- Secrets the run used, searched for in the audit log at the end (conftest.py) --------

SECRETS: set[str] = {PASSWORD}


def remember_secrets(response: HttpResponse) -> None:
    """Note the session ids and CSRF tokens a response hands out."""
    for name in ("sessionid", "csrftoken"):
        if name in response.cookies and response.cookies[name].value:
            SECRETS.add(response.cookies[name].value)
    if response.get("Content-Type") == "application/json":
        token = json.loads(response.content).get("csrf_token") if response.content else None
        if isinstance(token, str):
            SECRETS.add(token)


def remember_passwords(data) -> None:
    """Note every password in a JSON request body (any key starting with "password")."""
    try:
        body = json.loads(data) if isinstance(data, (str, bytes)) and data else None
    except (ValueError, RecursionError):
        return
    if isinstance(body, dict):
        SECRETS.update(
            v for k, v in body.items() if k.startswith("password") and isinstance(v, str)
        )


def leaked_secrets(log_text: str) -> list[str]:
    """Return the remembered secrets (long enough to be meaningful) found in `log_text`."""
    return sorted(secret for secret in SECRETS if len(secret) >= 8 and secret in log_text)


# --- Expected problem bodies -------------------------------------------------------

# Written out here, not imported from the app: published titles must not change unseen.
TITLES = {
    "validation_failed": "Validation failed",
    "parse_error": "Malformed request body",
    "invalid_credentials": "Invalid credentials",
    "not_authenticated": "Authentication required",
    "csrf_failed": "CSRF check failed",
    "origin_refused": "Origin refused",
    "cross_site_refused": "Cross-site request refused",
    "null_origin_refused": "Opaque origin refused",
    "too_many_requests": "Too many requests",
    "username_taken": "Username taken",
    "email_taken": "Email taken",
    "bad_request": "Bad request",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "payload_too_large": "Payload too large",
    "unsupported_media_type": "Unsupported media type",
    "server_error": "Server error",
}
STATUSES = {
    "validation_failed": 400, "parse_error": 400, "invalid_credentials": 400, "bad_request": 400,
    "not_authenticated": 401, "csrf_failed": 403, "origin_refused": 403, "not_found": 404,
    "cross_site_refused": 403, "null_origin_refused": 403, "too_many_requests": 429,
    "method_not_allowed": 405, "username_taken": 409, "email_taken": 409,
    "payload_too_large": 413, "unsupported_media_type": 415, "server_error": 500,
}  # fmt: skip


def problem(code: str, detail: str, *errors: tuple[str, str, str]) -> dict:
    """Return the whole problem body for `code`; `errors` are (pointer, code, detail)."""
    body = {
        "type": f"urn:authapi:problem:{code}",
        "title": TITLES[code],
        "status": STATUSES[code],
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = [{"pointer": p, "code": c, "detail": d} for p, c, d in errors]
    return body


def validation_problem(*errors: tuple[str, str, str]) -> dict:
    return problem("validation_failed", "The request body is invalid. See errors.", *errors)


NOT_AUTHENTICATED = problem("not_authenticated", "Authentication credentials were not provided.")


# --- The contract, checked on every response ----------------------------------


@cache
def contract() -> OpenAPI:
    """Return openapi.yaml, loaded once, ready to validate responses."""
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_file_path(str(CONTRACT), config=config)


class _ContractRequest(DjangoOpenAPIRequest):
    """The request side, for finding the operation; its body is not validated (nor readable
    after a multipart parse)."""

    @property
    def body(self) -> bytes:
        return b""

    @property
    def host_url(self) -> str:
        # As sent, unchecked: a test may send a Host that the server refuses.
        return f"{self.request.scheme}://{self.request.META.get('HTTP_HOST', 'testserver')}"


class _ContractResponse:
    """A Django response as openapi-core sees it, with cookies as Set-Cookie headers."""

    def __init__(self, response: HttpResponse):
        self.data = response.content
        self.status_code = response.status_code
        self.content_type = response.get("Content-Type", "")
        headers = Headers(list(response.items()))
        for morsel in response.cookies.values():
            headers.add("Set-Cookie", morsel.OutputString())
        self.headers = headers


def _validate(request, response, *, method: str, path: str) -> bool:
    """Validate `response` against openapi.yaml; return False if no operation matches."""
    try:
        contract().validate_response(request, response)
    except (PathNotFound, OperationNotFound):
        return False
    except Exception as exc:
        causes = getattr(exc, "schema_errors", None) or [exc.__cause__ or exc]
        raise AssertionError(
            f"{method} {path} -> {response.status_code} breaks openapi.yaml: {exc}\n"
            + "\n".join(f"  - {cause}" for cause in causes)
            + f"\n  body: {response.data[:500]!r}"
        ) from exc
    return True


def assert_matches_contract(response: HttpResponse) -> None:
    """Fail unless openapi.yaml declares this response for the request that caused it.

    Requests outside the contract's operations are held to its general rules instead
    (see `assert_outside_operations`).
    """
    request = _ContractRequest(response.wsgi_request)
    method, path = request.method.upper(), request.path
    if not _validate(request, _ContractResponse(response), method=method, path=path):
        assert_outside_operations(method, path, response)


def assert_live_response_matches(
    method: str, path: str, status: int, headers: list[tuple[str, str]], body: bytes
) -> None:
    """Fail unless openapi.yaml declares this response, as a live server sent it."""
    header_map = Headers(headers)
    response = MockResponse(
        body,
        status_code=status,
        headers=header_map,
        content_type=header_map.get("Content-Type", ""),
    )
    request = MockRequest("http://localhost", method.lower(), path)
    assert _validate(request, response, method=method, path=path), f"{method} {path}: no operation"


@cache
def _problem_validator() -> Draft202012Validator:
    spec = yaml.safe_load(CONTRACT.read_text())
    fields = spec["components"]["schemas"]["ProblemFields"]
    code = {"required": ["code"], "properties": {"code": {"type": "string"}}}
    return Draft202012Validator({"allOf": [fields, code]})


def assert_outside_operations(method: str, path: str, response: HttpResponse) -> None:
    """Hold a request that is no operation of the contract to the contract's general rules.

    Outside the API (the admin, the docs pages) anything goes. In it, HEAD mirrors GET, a CORS
    preflight is django-cors-headers' business, and everything else must be a 404 or 405
    problem (with Allow on a 405).
    """
    if not is_api_path(response.wsgi_request) or method == "HEAD":
        return
    preflight = "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in response.wsgi_request.META
    if method == "OPTIONS" and preflight:
        assert response.status_code == 200
        return
    assert response.status_code in {404, 405}, (
        f"{method} {path} is no operation of openapi.yaml, yet got {response.status_code}"
    )
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    _problem_validator().validate(json.loads(response.content))
    if response.status_code == 405:
        assert response.has_header("Allow")


# --- Skip policy -------------------------------------------------------------------

REQUIRE_ALL = "AUTHAPI_REQUIRE_ALL"
missing: dict[str, str] = {}


def need(what: str, *, available: bool, how: str) -> None:
    """Skip the calling test unless `what` is available; fail instead if AUTHAPI_REQUIRE_ALL=1."""
    if available:
        return
    if os.environ.get(REQUIRE_ALL) == "1":
        pytest.fail(f"{what} is missing and {REQUIRE_ALL}=1 forbids skipping: {how}")
    missing[what] = how
    pytest.skip(f"needs {what}: {how}")


POSTGRES_ADMIN_URL = os.environ.get(
    "AUTHAPI_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
POSTGRES_HOW = (
    f"start PostgreSQL or point AUTHAPI_TEST_POSTGRES_URL at one (tried {POSTGRES_ADMIN_URL})"
)


def postgres_available() -> bool:
    """Return whether the PostgreSQL server for tests answers."""
    import psycopg

    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def need_postgres() -> None:
    need("PostgreSQL", available=postgres_available(), how=POSTGRES_HOW)


REDIS_TEST_URL = os.environ.get("AUTHAPI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def clear_redis_counters() -> None:
    """Delete every throttle counter in the test Redis."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    for key in client.scan_iter("authapi:throttle:*"):
        client.delete(key)


def need_redis() -> None:
    """Skip (or, under AUTHAPI_REQUIRE_ALL=1, fail) unless the test Redis answers."""
    import redis

    try:
        available = bool(redis.Redis.from_url(REDIS_TEST_URL, socket_timeout=3).ping())
    except redis.RedisError:
        available = False
    need(
        "Redis",
        available=available,
        how=f"start Redis or point AUTHAPI_TEST_REDIS_URL at one (tried {REDIS_TEST_URL})",
    )
