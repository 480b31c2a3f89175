"""Hostile and malformed input to every operation that takes a body: always a 4xx problem."""

import json
from http import HTTPStatus

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher

from authapi.accounts.models import User
from tests.support import PASSWORD, problem, validation_problem

BODY_OPERATIONS = ["/api/register/", "/api/login/"]
VALID_BODIES = {
    "/api/register/": {
        "username": "newuser",
        "email": "newuser@example.com",
        "password": PASSWORD,
        "password2": PASSWORD,
    },
    "/api/login/": {"username": "newuser", "password": PASSWORD},
}
USERNAME_CHARACTERS = "Enter a username of ASCII letters, digits and @ . + - _ only."
FIELDS = [(path, field) for path, body in VALID_BODIES.items() for field in body]


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
        "unsupported_media_type",
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
    assert body == problem("parse_error", body["detail"])


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
@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("nul\x00byte", ("null_characters_not_allowed", "Null characters are not allowed.")),
        (
            "lone \ud800 surrogate",
            ("surrogate_characters_not_allowed", "Surrogate characters are not allowed: U+D800."),
        ),
    ],
)
def test_nul_and_surrogates_are_refused(api, path, value, error):
    raw = json.dumps({**VALID_BODIES[path], "username": value}, ensure_ascii=True)

    response = api.post(path, raw, content_type="application/json")

    expected = [("/username", *error)]
    if path == "/api/register/":  # register also checks the username's characters
        expected.insert(0, ("/username", "invalid", USERNAME_CHARACTERS))
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json() == validation_problem(*expected)


@pytest.mark.django_db
@pytest.mark.parametrize("path", BODY_OPERATIONS)
def test_oversized_body_is_a_413_problem(api, path):
    response = api.post_json(path, {"username": "a", "password": "p" * 20_000})

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response.json() == problem(
        "payload_too_large",
        "The request body is larger than the server accepts.",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "field"), FIELDS)
@pytest.mark.parametrize("value", [0, 1.5, True, None, [], {}, ["text"]])
def test_wrong_json_type_is_refused(api, path, field, value):
    response = api.post_json(path, {**VALID_BODIES[path], field: value})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    body = response.json()
    assert body["code"] == "validation_failed"
    assert [e["pointer"] for e in body["errors"]] == [f"/{field}"]
    assert body["errors"][0]["code"] in {"invalid", "null"}
    assert not User.objects.exists()


LIMITS = {"username": 150, "email": 254, "password": 256, "password2": 256}


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "field"), FIELDS)
def test_overlong_field_is_refused(api, path, field):
    value = "a" * (LIMITS[field] + 1)
    if field == "email":
        value = "a" * 243 + "@example.com"  # 255 characters

    response = api.post_json(path, {**VALID_BODIES[path], field: value})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    errors = response.json()["errors"]
    assert (errors[0]["pointer"], errors[0]["code"]) == (f"/{field}", "max_length")


@pytest.fixture
def hashing_calls(monkeypatch):
    """Count every Argon2 hash and verification, passing each through unchanged."""
    calls = []
    for name in ("encode", "verify"):
        original = getattr(Argon2PasswordHasher, name)

        def spy(self, *args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Argon2PasswordHasher, name, spy)
    return calls


@pytest.mark.parametrize("path", BODY_OPERATIONS)
@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"password": "p" * 257, "password2": "p" * 257}, HTTPStatus.BAD_REQUEST),
        (
            {"password": "p" * 20_000, "password2": "p" * 20_000},
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
        ),
    ],
    ids=["overlong-password", "oversized-body"],
)
def test_refused_before_any_hashing(api, user, hashing_calls, path, overrides, status):
    body = {**VALID_BODIES[path], "username": "alice", **overrides}
    if path == "/api/login/":
        body.pop("password2")

    assert api.post_json(path, body).status_code == status
    assert hashing_calls == []


def test_spy_sees_hashing(api, user, hashing_calls):
    # The spy above must be able to see a hash, or the test before it proves nothing.
    api.post_json("/api/login/", {"username": "alice", "password": PASSWORD})

    assert hashing_calls == ["verify"]
