"""The admin and createsuperuser, with the custom user model."""

from http import HTTPStatus

import pytest
from django.core.management import CommandError, call_command

from authapi.accounts.models import User
from tests.support import PASSWORD


def test_createsuperuser_and_admin_search(db, monkeypatch, client, make_user):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", interactive=False, username="admin", email="admin@example.com")
    make_user(username="findme", email="findme@example.com")

    admin = User.objects.get(username="admin")
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert admin.password.startswith("argon2$")
    assert client.login(username="ADMIN", password=PASSWORD)
    response = client.get("/admin/accounts/user/", {"q": "findme"})
    assert response.status_code == HTTPStatus.OK
    assert b"findme@example.com" in response.content
    assert b"admin@example.com" not in response.content


def test_admin_add_form_refuses_case_variant_of_taken_username(db, admin_client, make_user):
    make_user(username="taken", email="taken@example.com")

    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "username": "TAKEN",
            "email": "new@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == HTTPStatus.OK  # the form again, with an error
    assert b"A user with that username already exists." in response.content
    assert User.objects.count() == 2  # the taken user and admin_client's superuser


def test_admin_add_form_stores_only_a_hash(db, admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "username": "made",
            "email": "made@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == HTTPStatus.FOUND, response.content[:2000]
    user = User.objects.get(username="made")
    assert user.password.startswith("argon2$argon2id$")
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD)
    page = admin_client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()
    assert PASSWORD not in page
    assert "argon2" in page  # the hash summary, read-only


def test_admin_filters(db, admin_client, make_user):
    make_user(username="gone", email="gone@example.com", is_active=False)

    response = admin_client.get("/admin/accounts/user/", {"is_active__exact": "0"})

    assert response.status_code == HTTPStatus.OK
    assert b"gone@example.com" in response.content
    assert b"admin@example.com" not in response.content


@pytest.mark.parametrize("email", ["taken@example.com", "TAKEN@Example.com"])
def test_createsuperuser_refuses_a_taken_email_cleanly(db, monkeypatch, make_user, email):
    make_user(username="first", email="taken@example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)

    with pytest.raises(CommandError, match=r"A user with that email already exists\."):
        call_command("createsuperuser", interactive=False, username="second", email=email)
    assert User.objects.count() == 1


def test_create_user_normalises_the_password_like_login(db, api):
    # NFKC turns the fullwidth letters into ASCII, for create_user as for register.
    User.objects.create_user(
        username="wide", email="w@example.com", password="ｗｉｄｅ-horse-battery"
    )

    response = api.post_json("/api/login/", {"username": "wide", "password": "wide-horse-battery"})

    assert response.status_code == HTTPStatus.OK
