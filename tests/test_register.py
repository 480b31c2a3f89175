"""POST /api/register/ (operationId register)."""

from http import HTTPStatus

import pytest
from django.contrib.sessions.models import Session

from authapi.accounts.models import User
from tests.support import PASSWORD, problem, validation_problem

URL = "/api/register/"


def body(**overrides):
    return {
        "username": "newuser",
        "email": "newuser@example.com",
        "password": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def taken_problem(code, *errors):
    detail = {
        "username_taken": "A user with that username already exists.",
        "email_taken": "A user with that email already exists.",
    }[code]
    return problem(code, detail, *errors)


@pytest.mark.django_db
def test_register_creates_user_and_no_session(api):
    response = api.post_json(URL, body())

    assert response.status_code == HTTPStatus.CREATED
    user = User.objects.get()
    assert response.json() == {"id": user.id, "username": "newuser", "email": "newuser@example.com"}
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password(PASSWORD)
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_register_ignores_unknown_fields(api):
    response = api.post_json(URL, body(is_staff=True, is_superuser=True, id=99))

    assert response.status_code == HTTPStatus.CREATED
    user = User.objects.get()
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert response.json()["id"] == user.id


@pytest.mark.parametrize("username", ["newuser", "NEWUSER", "NewUser"])
def test_username_taken_regardless_of_case(api, make_user, username):
    make_user(username="newuser", email="first@example.com")

    response = api.post_json(URL, body(username=username))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == taken_problem(
        "username_taken",
        ("/username", "username_taken", "A user with that username already exists."),
    )
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    "email",
    ["newuser@example.com", "NewUser@Example.COM", "newuser@EXAMPLE.com"],
)
def test_email_taken_regardless_of_case(api, make_user, email):
    make_user(username="first", email="newuser@example.com")

    response = api.post_json(URL, body(email=email))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == taken_problem(
        "email_taken", ("/email", "email_taken", "A user with that email already exists.")
    )


def test_email_taken_after_unicode_case_folding(api, make_user):
    # "ß" case-folds to "ss", which lower() alone would miss.
    make_user(username="first", email="bob@strasse.example")

    response = api.post_json(URL, body(email="bob@STRAßE.example"))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == taken_problem(
        "email_taken", ("/email", "email_taken", "A user with that email already exists.")
    )


def test_both_taken_reports_username_first_and_both_fields(api, make_user):
    make_user(username="newuser", email="newuser@example.com")

    response = api.post_json(URL, body())

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == taken_problem(
        "username_taken",
        ("/username", "username_taken", "A user with that username already exists."),
        ("/email", "email_taken", "A user with that email already exists."),
    )


@pytest.mark.django_db
def test_password_mismatch(api):
    response = api.post_json(URL, body(password2=PASSWORD + "!"))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == validation_problem(
        ("/password2", "password_mismatch", "The two passwords do not match.")
    )
    assert not User.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "code", "detail"),
    [
        (
            "short-pass-123",
            "password_too_short",
            "This password is too short. It must contain at least 15 characters.",
        ),
        ("1q2w3e4r5t6y7u8i9o0p", "password_too_common", "This password is too common."),
        (
            "newuser@example.com!",
            "password_too_similar",
            "The password is too similar to the email address.",
        ),
    ],
)
def test_password_policy(api, password, code, detail):
    response = api.post_json(URL, body(password=password, password2=password))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == validation_problem(("/password", code, detail))
    assert not User.objects.exists()


@pytest.mark.django_db
def test_password_is_never_trimmed(api):
    padded = f"  {PASSWORD}  "
    assert api.post_json(URL, body(password=padded, password2=padded)).status_code == 201

    user = User.objects.get()
    assert user.check_password(padded)
    assert not user.check_password(PASSWORD)


@pytest.mark.django_db
def test_password_is_nfkc_normalised(api):
    fullwidth = "ｃｏｒｒｅｃｔ-horse-battery-staple"  # NFKC: correct-horse-battery-staple
    assert api.post_json(URL, body(password=fullwidth, password2=PASSWORD)).status_code == 201

    assert User.objects.get().check_password(PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "code", "detail"),
    [
        ("username", 0, "invalid", "Not a valid string."),
        ("username", None, "null", "This field may not be null."),
        ("username", "", "blank", "This field may not be blank."),
        (
            "username",
            "new user",
            "invalid",
            "Enter a username of ASCII letters, digits and @ . + - _ only.",
        ),
        (
            "username",
            "newuser\n",
            "invalid",
            "Enter a username of ASCII letters, digits and @ . + - _ only.",
        ),
        (
            "username",
            "nеwuser",
            "invalid",
            "Enter a username of ASCII letters, digits and @ . + - _ only.",
        ),
        ("username", "u" * 151, "max_length", "Ensure this field has no more than 150 characters."),
        ("email", "not-an-email", "invalid", "Enter a valid email address."),
        ("email", ["a@example.com"], "invalid", "Not a valid string."),
        ("password", 123456789012345678, "invalid", "Not a valid string."),
        ("password", "p" * 257, "max_length", "Ensure this field has no more than 256 characters."),
    ],
)
def test_invalid_field(api, field, value, code, detail):
    overrides = {field: value}
    if field == "password":
        overrides["password2"] = PASSWORD
    response = api.post_json(URL, body(**overrides))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == validation_problem((f"/{field}", code, detail))


@pytest.mark.django_db
def test_missing_fields(api):
    response = api.post_json(URL, {})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == validation_problem(
        *[
            (f"/{f}", "required", "This field is required.")
            for f in ("username", "email", "password", "password2")
        ]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("origin", [None, "http://localhost:3000", "http://testserver"])
def test_allowed_origins(api, origin):
    extra = {"HTTP_ORIGIN": origin} if origin else {}

    assert api.post_json(URL, body(), **extra).status_code == HTTPStatus.CREATED


@pytest.mark.django_db
@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:3001"])
def test_foreign_origin_is_refused(api, origin):
    response = api.post_json(URL, body(), HTTP_ORIGIN=origin)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == problem(
        "origin_refused", f"The origin {origin} is not allowed to call this operation."
    )
    assert not User.objects.exists()


@pytest.mark.django_db
def test_failure_after_insert_leaves_no_partial_user(api, caplog):
    from django.db.models.signals import post_save

    def fail_after_insert(sender, instance, created, **kwargs):
        raise RuntimeError("failure after the user row was inserted")

    post_save.connect(fail_after_insert, sender=User)
    try:
        response = api.post_json(URL, body())
    finally:
        post_save.disconnect(fail_after_insert, sender=User)

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response.json()["code"] == "server_error"
    assert not User.objects.exists()


def test_integrity_error_from_a_race_is_a_409(api, make_user, monkeypatch):
    # Simulate losing the race: the check before the insert sees nothing taken.
    existing = make_user(username="newuser", email="other@example.com")
    real_taken_fields = User.taken_fields
    calls = []

    def taken_fields_after_first_call(self):
        calls.append(1)
        return [] if len(calls) == 1 else real_taken_fields(self)

    monkeypatch.setattr(User, "taken_fields", taken_fields_after_first_call)

    response = api.post_json(URL, body(username="NewUser"))

    assert response.status_code == HTTPStatus.CONFLICT
    assert response.json() == taken_problem(
        "username_taken",
        ("/username", "username_taken", "A user with that username already exists."),
    )
    assert list(User.objects.values_list("id", flat=True)) == [existing.id]


@pytest.mark.django_db
def test_email_that_nfkc_expands_a_lot_still_registers(api):
    # U+FDFA is one character that NFKC turns into 18: the key must not overflow.
    email = ("a@" + ".".join(["\ufdfa\ufdfa"] * 40))[:125].rstrip(".")

    response = api.post_json(URL, body(email=email))

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert api.post_json(URL, body(username="other", email=email)).status_code == 409
