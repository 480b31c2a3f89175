"""GET /api/user/ (operationId getUser)."""

from http import HTTPStatus

from tests.support import NOT_AUTHENTICATED

URL = "/api/user/"


def test_returns_the_logged_in_user(logged_in, user):
    response = logged_in.get(URL)

    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"id": user.id, "username": "alice", "email": "alice@example.com"}


def test_anonymous_gets_401_with_www_authenticate(api, db):
    response = api.get(URL)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == 'Session realm="api"'
    assert response.json() == NOT_AUTHENTICATED


def test_deactivated_user_loses_access(logged_in, user):
    user.is_active = False
    user.save()

    assert logged_in.get(URL).status_code == HTTPStatus.UNAUTHORIZED


def test_session_ends_when_password_changes(logged_in, user):
    user.set_password("another-long-passphrase-here")
    user.save()

    assert logged_in.get(URL).status_code == HTTPStatus.UNAUTHORIZED
