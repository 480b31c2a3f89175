"""Register and login refuse browser contexts that are not the API's own or trusted."""

from http import HTTPStatus

import pytest

from authapi.accounts.models import User
from tests.support import PASSWORD, problem

BODIES = {
    "/api/register/": {
        "username": "newuser",
        "email": "newuser@example.com",
        "password": PASSWORD,
        "password2": PASSWORD,
    },
    "/api/login/": {"username": "alice", "password": PASSWORD},
}
CROSS_SITE = problem(
    "cross_site_refused",
    "Cross-site requests may not call this operation (Sec-Fetch-Site: cross-site).",
)
NULL_ORIGIN = problem(
    "null_origin_refused",
    "Requests from an opaque origin (Origin: null) may not call this operation.",
)


@pytest.mark.parametrize("path", BODIES)
@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"HTTP_ORIGIN": "null"}, NULL_ORIGIN),
        ({"HTTP_ORIGIN": "null", "HTTP_SEC_FETCH_SITE": "cross-site"}, NULL_ORIGIN),
        # Even an origin in the trusted list: the browser says the request is cross-site.
        ({"HTTP_ORIGIN": "http://localhost:3000", "HTTP_SEC_FETCH_SITE": "cross-site"}, CROSS_SITE),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, CROSS_SITE),
    ],
    ids=["null-origin", "null-and-cross-site", "trusted-origin-cross-site", "cross-site-only"],
)
def test_refused(api, user, path, headers, expected):
    response = api.post_json(path, BODIES[path], **headers)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.json() == expected
    assert "sessionid" not in response.cookies
    assert User.objects.count() == 1  # only `user`


@pytest.mark.parametrize("path", BODIES)
@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "http://localhost:3000", "HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_SEC_FETCH_SITE": "none"},  # typed into the address bar / a bookmark
        {},  # curl, SDKs
    ],
)
def test_allowed(api, user, path, headers):
    response = api.post_json(path, BODIES[path], **headers)

    assert response.status_code in {HTTPStatus.OK, HTTPStatus.CREATED}
