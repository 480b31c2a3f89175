"""POST /api/login/ (operationId login)."""

from http import HTTPStatus

import pytest
from django.contrib.sessions.models import Session
from django.middleware.csrf import _unmask_cipher_token

from tests.support import PASSWORD, problem, validation_problem

URL = "/api/login/"

INVALID_CREDENTIALS = problem(
    "invalid_credentials", "Unable to log in with the provided credentials."
)


def test_login_returns_user_and_csrf_token(api, user):
    response = api.post_json(URL, {"username": "alice", "password": PASSWORD})

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body == {
        "message": "Login successful",
        "user": {"id": user.id, "username": "alice", "email": "alice@example.com"},
        "csrf_token": body["csrf_token"],
    }
    # The token in the body is the masked form of the new csrftoken cookie.
    assert _unmask_cipher_token(body["csrf_token"]) == response.cookies["csrftoken"].value


def test_login_sets_cookies_with_safe_flags(api, user):
    response = api.post_json(URL, {"username": "alice", "password": PASSWORD})

    session, csrf = response.cookies["sessionid"], response.cookies["csrftoken"]
    assert (session["httponly"], session["samesite"], session["secure"]) == (True, "Lax", "")
    assert (csrf["httponly"], csrf["samesite"]) == ("", "Lax")
    assert Session.objects.get().get_decoded()["_auth_user_id"] == str(user.id)


@pytest.mark.parametrize("username", ["ALICE", "Alice", "alice"])
def test_username_matches_regardless_of_case(api, user, username):
    response = api.post_json(URL, {"username": username, "password": PASSWORD})

    assert response.status_code == HTTPStatus.OK
    assert response.json()["user"]["username"] == "alice"


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("nobody", PASSWORD),  # unknown user
        ("alice", PASSWORD + "x"),  # wrong password
        ("alice", PASSWORD.upper()),  # passwords are case-sensitive
        ("inactive", PASSWORD),  # deactivated account, right password
    ],
)
def test_invalid_credentials_look_the_same(api, user, make_user, username, password):
    make_user(username="inactive", email="inactive@example.com", is_active=False)

    response = api.post_json(URL, {"username": username, "password": password})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == INVALID_CREDENTIALS
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


def test_session_key_rotates_on_login(api, user):
    session = api.session
    session["before_login"] = True
    session.save()
    old_key = session.session_key

    api.post_json(URL, {"username": "alice", "password": PASSWORD})

    new_key = api.cookies["sessionid"].value
    assert new_key != old_key
    assert not Session.objects.filter(session_key=old_key).exists()


def test_second_login_replaces_session_without_csrf_token(logged_in, make_user):
    make_user(username="bob", email="bob@example.com")
    first_key = logged_in.cookies["sessionid"].value
    first_token = logged_in.csrf_token

    # A caller that already holds a session needs no CSRF token to log in again.
    response = logged_in.post_json(URL, {"username": "bob", "password": PASSWORD})

    assert response.status_code == HTTPStatus.OK
    assert logged_in.cookies["sessionid"].value != first_key
    assert not Session.objects.filter(session_key=first_key).exists()
    assert _unmask_cipher_token(response.json()["csrf_token"]) != _unmask_cipher_token(first_token)
    assert logged_in.get("/api/user/").json()["username"] == "bob"


def test_old_csrf_token_fails_after_login_rotates_it(api, user):
    first = api.login_as("alice")
    api.login_as("alice")

    response = api.post("/api/logout/", HTTP_X_CSRFTOKEN=first)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == problem(
        "csrf_failed", "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect."
    )


REQUIRED = "This field is required."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({}, [("/username", "required", REQUIRED), ("/password", "required", REQUIRED)]),
        ({"username": 0, "password": PASSWORD}, [("/username", "invalid", "Not a valid string.")]),
        (
            {"username": "alice", "password": "p" * 257},
            [("/password", "max_length", "Ensure this field has no more than 256 characters.")],
        ),
        (
            {"username": "a" * 151, "password": PASSWORD},
            [("/username", "max_length", "Ensure this field has no more than 150 characters.")],
        ),
    ],
)
def test_invalid_body(api, body, errors):
    response = api.post_json(URL, body)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == validation_problem(*errors)


def test_foreign_origin_is_refused(api, user):
    response = api.post_json(
        URL, {"username": "alice", "password": PASSWORD}, HTTP_ORIGIN="https://evil.example"
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == problem(
        "origin_refused", "The origin https://evil.example is not allowed to call this operation."
    )
    assert "sessionid" not in response.cookies


def test_trusted_origin_gets_cors_headers(api, user):
    response = api.post_json(
        URL, {"username": "alice", "password": PASSWORD}, HTTP_ORIGIN="http://localhost:3000"
    )

    assert response.status_code == HTTPStatus.OK
    assert response["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert response["Access-Control-Allow-Credentials"] == "true"


def test_pbkdf2_hash_still_verifies_and_is_upgraded(api, user):
    from django.contrib.auth.hashers import make_password

    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save()

    assert api.post_json(URL, {"username": "alice", "password": PASSWORD}).status_code == 200

    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
