"""POST /api/logout/ (operationId logout)."""

from http import HTTPStatus

from django.contrib.sessions.models import Session

from tests.support import NOT_AUTHENTICATED, problem

URL = "/api/logout/"


def csrf_failed(reason):
    return problem("csrf_failed", f"CSRF Failed: {reason}")


def test_logout_ends_the_session(logged_in):
    key = logged_in.cookies["sessionid"].value

    response = logged_in.post(URL, HTTP_X_CSRFTOKEN=logged_in.csrf_token)

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"message": "Logout successful"}
    assert response.cookies["sessionid"].value == ""
    assert response.cookies["sessionid"]["max-age"] == 0
    assert not Session.objects.filter(session_key=key).exists()


def test_logout_accepts_the_token_from_the_cookie(logged_in):
    response = logged_in.post(URL, HTTP_X_CSRFTOKEN=logged_in.cookies["csrftoken"].value)

    assert response.status_code == HTTPStatus.OK


def test_missing_csrf_token_is_refused_and_session_survives(logged_in):
    response = logged_in.post(URL)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == csrf_failed("CSRF token missing.")
    assert logged_in.get("/api/user/").status_code == HTTPStatus.OK


def test_wrong_csrf_token_is_refused_and_session_survives(logged_in):
    response = logged_in.post(URL, HTTP_X_CSRFTOKEN="x" * 64)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == csrf_failed(
        "CSRF token from the 'X-Csrftoken' HTTP header incorrect."
    )
    assert logged_in.get("/api/user/").status_code == HTTPStatus.OK


def test_anonymous_logout_is_401(api, db):
    response = api.post(URL)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response.json() == NOT_AUTHENTICATED
    assert response["WWW-Authenticate"] == 'Session realm="api"'


def test_old_cookie_replayed_after_logout_is_401(logged_in, api):
    old_cookie = logged_in.cookies["sessionid"].value
    old_token = logged_in.csrf_token
    logged_in.post(URL, HTTP_X_CSRFTOKEN=old_token)

    api.cookies["sessionid"] = old_cookie
    api.cookies["csrftoken"] = logged_in.cookies["csrftoken"].value
    assert api.get("/api/user/").status_code == HTTPStatus.UNAUTHORIZED
    assert api.post(URL, HTTP_X_CSRFTOKEN=old_token).json() == NOT_AUTHENTICATED


def test_body_is_not_read(logged_in):
    response = logged_in.post(
        URL, "not json at all", content_type="text/plain", HTTP_X_CSRFTOKEN=logged_in.csrf_token
    )

    assert response.status_code == HTTPStatus.OK


def test_oversized_form_body_is_a_413_problem(logged_in):
    # Django's CSRF check reads a form body for a csrfmiddlewaretoken field.
    response = logged_in.post(
        URL,
        "x=" + "a" * 20_000,
        content_type="application/x-www-form-urlencoded",
        HTTP_X_CSRFTOKEN=logged_in.csrf_token,
    )

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response.json() == problem(
        "payload_too_large", "The request body is larger than the server accepts."
    )
    assert logged_in.get("/api/user/").status_code == HTTPStatus.OK


def test_malformed_multipart_body_is_a_400_problem(logged_in):
    # Django's CSRF check parses a multipart body; a broken one is the client's error.
    response = logged_in.post(
        URL,
        b"garbage",
        content_type="multipart/form-data; boundary=",
        HTTP_X_CSRFTOKEN=logged_in.csrf_token,
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == problem("bad_request", "The request was refused.")


def test_logout_retires_the_csrf_token(logged_in):
    before = logged_in.cookies["csrftoken"].value

    response = logged_in.post(URL, HTTP_X_CSRFTOKEN=logged_in.csrf_token)

    assert response.cookies["csrftoken"].value not in {"", before}
