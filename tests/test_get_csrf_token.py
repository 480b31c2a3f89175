"""GET /api/csrf/ (operationId getCsrfToken)."""

from http import HTTPStatus

from django.middleware.csrf import _unmask_cipher_token

URL = "/api/csrf/"


def test_returns_token_and_sets_cookie(api, db):
    response = api.get(URL)

    assert response.status_code == HTTPStatus.OK
    assert list(response.json()) == ["csrf_token"]
    assert (
        _unmask_cipher_token(response.json()["csrf_token"]) == response.cookies["csrftoken"].value
    )
    assert response.cookies["csrftoken"]["httponly"] == ""


def test_token_after_reload_works_for_logout(logged_in):
    # A reloaded SPA has its cookies but no token in memory: it asks for one.
    token = logged_in.get(URL).json()["csrf_token"]

    assert logged_in.post("/api/logout/", HTTP_X_CSRFTOKEN=token).status_code == HTTPStatus.OK


def test_does_not_rotate_the_token(logged_in):
    before = logged_in.cookies["csrftoken"].value
    logged_in.get(URL)

    assert logged_in.cookies["csrftoken"].value == before
