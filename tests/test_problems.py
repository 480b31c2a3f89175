"""Failures outside any one operation: unknown paths, methods, media types, sizes and bugs."""

import json
import logging
from http import HTTPStatus

import pytest

from tests.support import PASSWORD


def problem(status, code, title, detail):
    return {
        "type": f"urn:authapi:problem:{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }


NOT_FOUND = problem(404, "not_found", "Not found", "No such API operation.")
SERVER_ERROR = problem(
    500, "server_error", "Server error", "The server failed to handle this request."
)
BODY_OPERATIONS = ["/api/register/", "/api/login/"]


@pytest.fixture(params=[False, True], ids=["debug-off", "debug-on"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


@pytest.mark.parametrize("method", ["get", "post", "put", "delete"])
@pytest.mark.parametrize("path", ["/api/", "/api/nope/", "/api/register", "/api/user/1/"])
def test_unknown_api_path_is_a_404_problem(api, db, debug, method, path):
    response = getattr(api, method)(path)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == NOT_FOUND


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("get", "/api/login/", "POST, OPTIONS"),
        ("put", "/api/register/", "POST, OPTIONS"),
        ("get", "/api/logout/", "POST, OPTIONS"),
        ("post", "/api/user/", "GET, HEAD, OPTIONS"),
        ("delete", "/api/csrf/", "GET, HEAD, OPTIONS"),
    ],
)
def test_wrong_method_is_a_405_problem(logged_in, method, path, allow):
    response = getattr(logged_in, method)(path, HTTP_X_CSRFTOKEN=logged_in.csrf_token)

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response["Allow"] == allow
    assert response.json() == problem(
        405, "method_not_allowed", "Method not allowed", f'Method "{method.upper()}" not allowed.'
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", BODY_OPERATIONS)
@pytest.mark.parametrize(
    ("content_type", "data"),
    [
        ("application/x-www-form-urlencoded", "username=a&password=b"),
        ("text/plain", '{"username": "a"}'),
        ("multipart/form-data; boundary=xx", "--xx--"),
    ],
)
def test_non_json_body_is_a_415_problem(api, path, content_type, data):
    response = api.post(path, data, content_type=content_type)

    assert response.status_code == HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    assert response.json() == problem(
        415,
        "unsupported_media_type",
        "Unsupported media type",
        f'Unsupported media type "{content_type}" in request.',
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", BODY_OPERATIONS)
@pytest.mark.parametrize(
    ("data", "detail_start"),
    [
        ("{", "JSON parse error - Expecting property name enclosed in double quotes"),
        ("[" * 10_000, "JSON parse error - the body is nested too deeply."),
        (b'{"username": "\xff"}', "JSON parse error - 'utf-8' codec can't decode byte 0xff"),
    ],
)
def test_malformed_json_is_a_400_parse_error(api, path, data, detail_start):
    response = api.post(path, data, content_type="application/json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    body = response.json()
    assert body["detail"].startswith(detail_start)
    assert body == problem(400, "parse_error", "Malformed request body", body["detail"])


@pytest.mark.django_db
@pytest.mark.parametrize("path", BODY_OPERATIONS)
@pytest.mark.parametrize(
    ("data", "code"),
    [("[]", "invalid"), ("42", "invalid"), ('"text"', "invalid"), ("null", "null")],
)
def test_non_object_json_is_a_validation_problem(api, path, data, code):
    response = api.post(path, data, content_type="application/json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    body = response.json()
    assert body["code"] == "validation_failed"
    assert [(e["pointer"], e["code"]) for e in body["errors"]] == [("", code)]


@pytest.mark.django_db
@pytest.mark.parametrize("path", BODY_OPERATIONS)
@pytest.mark.parametrize("value", ["nul\x00byte", "lone \ud800 surrogate"])
def test_nul_and_surrogates_are_refused(api, path, value):
    raw = json.dumps({"username": value, "password": PASSWORD}, ensure_ascii=True)

    response = api.post(path, raw, content_type="application/json")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["errors"][0]["pointer"] == "/username"


@pytest.mark.django_db
@pytest.mark.parametrize("path", BODY_OPERATIONS)
def test_oversized_body_is_a_413_problem(api, path):
    response = api.post_json(path, {"username": "a", "password": "p" * 20_000})

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response.json() == problem(
        413,
        "payload_too_large",
        "Payload too large",
        "The request body is larger than the server accepts.",
    )


def test_accept_html_still_gets_json(logged_in):
    response = logged_in.get("/api/user/", HTTP_ACCEPT="text/html")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"


def test_every_api_response_is_no_store_and_nosniff(logged_in):
    responses = [
        logged_in.get("/api/user/"),
        logged_in.get("/api/csrf/"),
        logged_in.get("/api/nope/"),
        logged_in.post("/api/logout/"),
        logged_in.post_json("/api/login/", {}),
    ]
    for response in responses:
        assert response["Cache-Control"] == "no-store"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_bug_in_a_view_is_a_500_problem_without_details(api, db, settings, debug, caplog):
    settings.ROOT_URLCONF = "tests.urls_boom"

    with caplog.at_level(logging.ERROR, logger="authapi.problems"):
        response = api.get("/api/boom/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == SERVER_ERROR
    assert "a bug in a view" in caplog.text  # in the log, never in the response


def test_django_csrf_failure_under_api_is_a_problem(api, db, settings, debug):
    settings.ROOT_URLCONF = "tests.urls_boom"

    response = api.post("/api/plain/")

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == problem(
        403, "csrf_failed", "CSRF check failed", "CSRF Failed: CSRF cookie not set."
    )


def test_django_error_page_under_api_becomes_a_problem(api, db, settings, debug):
    # A failure that Django itself answers (here: a Host that is not allowed).
    response = api.get("/api/user/", HTTP_HOST="evil.example")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == problem(400, "bad_request", "Bad request", "The request was refused.")


def test_admin_still_serves_html(api, db):
    response = api.get("/admin/login/")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/html")
