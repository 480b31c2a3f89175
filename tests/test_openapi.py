"""openapi.yaml itself: valid, written for readers, and enforced by the test client."""

import json

import pytest
import yaml
from django.http import HttpResponse
from django.test import RequestFactory
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from tests.support import (
    CONTRACT,
    NOT_AUTHENTICATED,
    assert_live_response_matches,
    assert_matches_contract,
)

SPEC = yaml.safe_load(CONTRACT.read_text())
OPERATIONS = [
    (method.upper(), path, operation)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
]
USER = {"id": 1, "username": "newuser", "email": "newuser@example.com"}


def test_spec_is_valid_openapi():
    spec, _ = read_from_filename(str(CONTRACT))
    validate(spec)


def test_servers_are_relative():
    assert SPEC["servers"][0]["url"] == "/"


def test_operations_are_the_seeds_plus_csrf():
    assert sorted((method, path, op["operationId"]) for method, path, op in OPERATIONS) == [
        ("GET", "/api/csrf/", "getCsrfToken"),
        ("GET", "/api/user/", "getUser"),
        ("POST", "/api/login/", "login"),
        ("POST", "/api/logout/", "logout"),
        ("POST", "/api/register/", "register"),
    ]


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS)
def test_operation_is_written_for_readers(method, path, operation):
    assert operation["tags"]
    assert operation["summary"].strip()
    assert operation["description"].strip()


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS)
def test_every_error_is_a_problem(method, path, operation):
    for status, response in operation["responses"].items():
        if "$ref" in response:
            response = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
        media_types = list(response["content"])
        expected = ["application/json"] if status.startswith("2") else ["application/problem+json"]
        assert media_types == expected, f"{method} {path} {status}"


def fake(
    method, path, status, body, *, content_type="application/json", headers=None, cookies=None
):
    response = HttpResponse(json.dumps(body), status=status, content_type=content_type)
    for name, value in (headers or {}).items():
        response[name] = value
    for name, value in (cookies or {}).items():
        response.set_cookie(name, value)
    response.wsgi_request = RequestFactory().generic(method, path)
    return response


def test_checker_accepts_what_the_contract_declares():
    assert_matches_contract(fake("GET", "/api/user/", 200, USER))
    assert_matches_contract(
        fake(
            "GET",
            "/api/user/",
            401,
            NOT_AUTHENTICATED,
            content_type="application/problem+json",
            headers={"WWW-Authenticate": 'Session realm="api"'},
        )
    )


@pytest.mark.parametrize(
    ("response", "complaint"),
    [
        (fake("GET", "/api/user/", 418, USER), "Unknown response http status: 418"),
        (
            fake("GET", "/api/user/", 200, {"id": 1, "username": "x"}),
            "'email' is a required property",
        ),
        (fake("GET", "/api/user/", 200, USER, content_type="text/html"), "text/html"),
        (
            fake(
                "GET", "/api/user/", 401, NOT_AUTHENTICATED, content_type="application/problem+json"
            ),
            "WWW-Authenticate",
        ),
        (
            fake(
                "POST",
                "/api/login/",
                200,
                {"message": "Login successful", "user": USER, "csrf_token": "t"},
            ),
            "Set-Cookie",
        ),
        (
            fake(
                "POST",
                "/api/logout/",
                403,
                {**NOT_AUTHENTICATED, "status": 403},
                content_type="application/problem+json",
            ),
            "csrf_failed",
        ),
    ],
    ids=[
        "undeclared-status",
        "missing-field",
        "wrong-media-type",
        "missing-header",
        "missing-set-cookie",
        "wrong-problem-code",
    ],
)
def test_checker_refuses_what_the_contract_does_not_declare(response, complaint):
    with pytest.raises(AssertionError, match=r"breaks openapi\.yaml") as failure:
        assert_matches_contract(response)
    assert complaint in str(failure.value)


def test_live_checker_refuses_what_the_contract_does_not_declare():
    # The same check, for responses read off a live server (contract_tests/).
    with pytest.raises(AssertionError, match=r"'email' is a required property"):
        assert_live_response_matches(
            "GET",
            "/api/user/",
            200,
            [("Content-Type", "application/json")],
            b'{"id": 1, "username": "x"}',
        )
    assert_live_response_matches(
        "GET", "/api/user/", 200, [("Content-Type", "application/json")], json.dumps(USER).encode()
    )
