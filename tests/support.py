"""Helpers shared by tests/ and contract_tests/: the contract checker and the skip policy."""

import json
import os
from functools import cache
from pathlib import Path

import pytest
from django.http import HttpResponse
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from werkzeug.datastructures import Headers

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "openapi.yaml"

# A password that Django's validators accept, for tests that need one.
PASSWORD = "correct-horse-battery-staple"

# --- The contract, checked on every response ----------------------------------


@cache
def contract() -> OpenAPI:
    """Return openapi.yaml, loaded once, ready to validate responses."""
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_file_path(str(CONTRACT), config=config)


class _ContractRequest(DjangoOpenAPIRequest):
    """The request side, for finding the operation; its body is not validated (nor readable
    after a multipart parse)."""

    @property
    def body(self) -> bytes:
        return b""

    @property
    def host_url(self) -> str:
        # As sent, unchecked: a test may send a Host that the server refuses.
        return f"{self.request.scheme}://{self.request.META.get('HTTP_HOST', 'testserver')}"


class _ContractResponse:
    """A Django response as openapi-core sees it, with cookies as Set-Cookie headers."""

    def __init__(self, response: HttpResponse):
        self.data = response.content
        self.status_code = response.status_code
        self.content_type = response.get("Content-Type", "")
        headers = Headers(list(response.items()))
        for morsel in response.cookies.values():
            headers.add("Set-Cookie", morsel.OutputString())
        self.headers = headers


def assert_matches_contract(response: HttpResponse) -> None:
    """Fail unless openapi.yaml declares this response for the request that caused it.

    Paths and methods that the contract does not list (unknown URLs, wrong methods,
    the admin) have no declared responses to compare with and pass here; tests of
    those assert their problem bodies themselves.
    """
    request = _ContractRequest(response.wsgi_request)
    try:
        contract().validate_response(request, _ContractResponse(response))
    except (PathNotFound, OperationNotFound):
        return
    except Exception as exc:
        causes = getattr(exc, "schema_errors", None) or [exc.__cause__ or exc]
        raise AssertionError(
            f"{request.method.upper()} {request.path} -> {response.status_code} "
            f"breaks openapi.yaml: {exc}\n"
            + "\n".join(f"  - {cause}" for cause in causes)
            + f"\n  body: {response.content[:500]!r}"
        ) from exc


# --- Skip policy -------------------------------------------------------------------

REQUIRE_ALL = "AUTHAPI_REQUIRE_ALL"
missing: dict[str, str] = {}


def need(what: str, *, available: bool, how: str) -> None:
    """Skip the calling test unless `what` is available; fail instead if AUTHAPI_REQUIRE_ALL=1."""
    if available:
        return
    if os.environ.get(REQUIRE_ALL) == "1":
        pytest.fail(f"{what} is missing and {REQUIRE_ALL}=1 forbids skipping: {how}")
    missing[what] = how
    pytest.skip(f"needs {what}: {how}")
