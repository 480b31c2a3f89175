"""Behaviour in HTTPS mode: secure cookies, and CSRF for clients that send no Referer."""

from http import HTTPStatus

import pytest

from tests.support import PASSWORD, problem


@pytest.fixture
def https(settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def login(api):
    response = api.post_json(
        "/api/login/", {"username": "alice", "password": PASSWORD}, secure=True
    )
    assert response.status_code == HTTPStatus.OK
    return response


def test_cookies_are_secure(api, user, https):
    response = login(api)

    assert response.cookies["sessionid"]["secure"] is True
    assert response.cookies["csrftoken"]["secure"] is True


def test_logout_without_origin_or_referer_works(api, user, https):
    # curl and SDKs send neither header; Django alone would demand a Referer.
    token = login(api).json()["csrf_token"]

    response = api.post("/api/logout/", HTTP_X_CSRFTOKEN=token, secure=True)

    assert response.status_code == HTTPStatus.OK


def test_logout_with_foreign_referer_is_refused(api, user, https):
    token = login(api).json()["csrf_token"]

    response = api.post(
        "/api/logout/",
        HTTP_X_CSRFTOKEN=token,
        HTTP_REFERER="https://evil.example/page",
        secure=True,
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == problem(
        "csrf_failed",
        "CSRF Failed: Referer checking failed - https://evil.example/page "
        "does not match any trusted origins.",
    )


def test_logout_with_foreign_origin_is_refused(api, user, https):
    token = login(api).json()["csrf_token"]

    response = api.post(
        "/api/logout/", HTTP_X_CSRFTOKEN=token, HTTP_ORIGIN="https://evil.example", secure=True
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == problem(
        "csrf_failed",
        "CSRF Failed: Origin checking failed - https://evil.example "
        "does not match any trusted origins.",
    )
