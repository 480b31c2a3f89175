"""Makes every response under /api/ a non-cacheable one, and every failure there a problem."""

import uuid
from collections.abc import Callable
from http import HTTPStatus

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from authapi.accounts.problems import (
    PROBLEM_CONTENT_TYPE,
    REFUSED,
    SERVER_FAILED,
    problem_for_exception,
    problem_response,
    server_error,
)

API_PREFIX = "/api/"
# The docs pages and the schema they read (authapi/docs.py): HTML and YAML, cacheable.
DOCS_PREFIXES = ("/api/docs/", "/api/redoc/", "/api/schema/")

# Codes for error responses that Django itself produced as HTML.
STATUS_CODES = {
    HTTPStatus.BAD_REQUEST: "bad_request",
    HTTPStatus.FORBIDDEN: "permission_denied",
    HTTPStatus.NOT_FOUND: "not_found",
    HTTPStatus.METHOD_NOT_ALLOWED: "method_not_allowed",
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: "payload_too_large",
    HTTPStatus.INTERNAL_SERVER_ERROR: "server_error",
}


def is_api_path(request: HttpRequest) -> bool:
    """Return whether the request is for the API: under /api/, but not the docs pages."""
    path = request.path_info
    if settings.AUTHAPI_DOCS and path.startswith(DOCS_PREFIXES):
        return False
    return path.startswith(API_PREFIX)


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Ties together the audit events of one request; never sent to the client.
        request.request_id = uuid.uuid4().hex  # type: ignore[attr-defined]
        response = self.get_response(request)
        if not is_api_path(request):
            return response
        if response.status_code >= 400 and not _is_problem(response):
            response = _as_problem(response)
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_api_path(request):
            return None
        return problem_for_exception(exception) or server_error(exception)


def _is_problem(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == PROBLEM_CONTENT_TYPE


def _as_problem(response: HttpResponse) -> HttpResponse:
    """Return a problem with the status, headers and cookies of Django's own error page."""
    status = HTTPStatus(response.status_code)
    problem = problem_response(
        status=status,
        code=STATUS_CODES.get(status, status.phrase.lower().replace(" ", "_").replace("-", "_")),
        detail=SERVER_FAILED if status >= HTTPStatus.INTERNAL_SERVER_ERROR else REFUSED,
    )
    for name, value in response.items():
        if name.lower() not in {"content-type", "content-length"}:
            problem[name] = value
    problem.cookies = response.cookies
    return problem
