"""POST /api/logout/ (operationId logout)."""

from http import HTTPStatus

from django.contrib.sessions.models import Session

URL = "/api/logout/"

NOT_AUTHENTICATED = {
    "type": "urn:authapi:problem:not_authenticated",
    "title": "Authentication required",
    "status": 401,
    "detail": "Authentication credentials were not provided.",
    "code": "not_authenticated",
}


def csrf_failed(reason):
    return {
        "type": "urn:authapi:problem:csrf_failed",
        "title": "CSRF check failed",
        "status": 403,
        "detail": f"CSRF Failed: {reason}",
        "code": "csrf_failed",
    }


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
    assert response.json()["code"] == "payload_too_large"
    assert logged_in.get("/api/user/").status_code == HTTPStatus.OK
