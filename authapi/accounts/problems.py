"""RFC 9457 problem details: the one place where every failure becomes a response."""

import json
import logging
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.views import csrf as django_csrf
from rest_framework import exceptions
from rest_framework.settings import api_settings

logger = logging.getLogger("authapi.problems")

PROBLEM_CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:authapi:problem:"

# Every code a client can see, with its title. Codes are published: never rename one.
TITLES = {
    "validation_failed": "Validation failed",
    "parse_error": "Malformed request body",
    "invalid_credentials": "Invalid credentials",
    "not_authenticated": "Authentication required",
    "csrf_failed": "CSRF check failed",
    "origin_refused": "Origin refused",
    "cross_site_refused": "Cross-site request refused",
    "null_origin_refused": "Opaque origin refused",
    "too_many_requests": "Too many requests",
    "permission_denied": "Permission denied",
    "username_taken": "Username taken",
    "email_taken": "Email taken",
    "bad_request": "Bad request",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "payload_too_large": "Payload too large",
    "unsupported_media_type": "Unsupported media type",
    "server_error": "Server error",
}

FieldError = dict[str, str]

# Details shared by the places that build these problems (problems.py, middleware, urls).
NO_SUCH_OPERATION = "No such API operation."
REFUSED = "The request was refused."
SERVER_FAILED = "The server failed to handle this request."


def problem_response(
    *,
    status: int,
    code: str,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """Return an `application/problem+json` response for the problem `code`."""
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + code,
        "title": TITLES.get(code) or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


class Problem(exceptions.APIException):
    """An API failure with a stable problem code and, optionally, field errors."""

    status_code = HTTPStatus.BAD_REQUEST
    default_code = "bad_request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail)
        self.errors = errors
        self.headers = headers or {}


class InvalidCredentials(Problem):
    status_code = HTTPStatus.BAD_REQUEST
    default_code = "invalid_credentials"
    default_detail = "Unable to log in with the provided credentials."


class CsrfFailed(Problem):
    status_code = HTTPStatus.FORBIDDEN
    default_code = "csrf_failed"
    default_detail = "CSRF Failed."


class OriginRefused(Problem):
    status_code = HTTPStatus.FORBIDDEN
    default_code = "origin_refused"


class CrossSiteRefused(Problem):
    status_code = HTTPStatus.FORBIDDEN
    default_code = "cross_site_refused"
    default_detail = "Cross-site requests may not call this operation (Sec-Fetch-Site: cross-site)."


class NullOriginRefused(Problem):
    status_code = HTTPStatus.FORBIDDEN
    default_code = "null_origin_refused"
    default_detail = "Requests from an opaque origin (Origin: null) may not call this operation."


class Throttled(Problem):
    status_code = HTTPStatus.TOO_MANY_REQUESTS
    default_code = "too_many_requests"
    default_detail = "Too many attempts. Try again later."

    def __init__(self, *, retry_after: int):
        super().__init__(headers={"Retry-After": str(retry_after)})


class AlreadyTaken(Problem):
    status_code = HTTPStatus.CONFLICT

    def __init__(self, messages: dict[str, str]):
        """`messages` maps each taken field, most important first, to its message."""
        first = next(iter(messages))
        self.default_code = f"{first}_taken"
        super().__init__(
            messages[first],
            errors=[
                {"pointer": f"/{field}", "code": f"{field}_taken", "detail": message}
                for field, message in messages.items()
            ],
        )


# DRF's own exceptions, by the code each one gets here.
DRF_CODES: list[tuple[type[exceptions.APIException], str]] = [
    (exceptions.ParseError, "parse_error"),
    (exceptions.NotAuthenticated, "not_authenticated"),
    (exceptions.AuthenticationFailed, "not_authenticated"),
    (exceptions.PermissionDenied, "permission_denied"),
    (exceptions.NotFound, "not_found"),
    (exceptions.MethodNotAllowed, "method_not_allowed"),
    (exceptions.UnsupportedMediaType, "unsupported_media_type"),
]


def _pointer(parent: str, key: str) -> str:
    if key == api_settings.NON_FIELD_ERRORS_KEY:
        return parent
    return f"{parent}/{key.replace('~', '~0').replace('/', '~1')}"


def _drf_field_errors(detail: Any, pointer: str = "") -> Iterator[FieldError]:
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _drf_field_errors(value, _pointer(pointer, str(key)))
    elif isinstance(detail, list):
        for item in detail:
            yield from _drf_field_errors(item, pointer)
    else:
        yield {
            "pointer": pointer,
            "code": getattr(detail, "code", "invalid"),
            "detail": str(detail),
        }


def _django_field_errors(exc: DjangoValidationError) -> Iterator[FieldError]:
    error_dict: dict[str, list[DjangoValidationError]] = (
        exc.error_dict if hasattr(exc, "error_dict") else {"": exc.error_list}
    )
    for field, errors in error_dict.items():
        pointer = _pointer("", field) if field else ""
        for error in errors:
            for message in error.messages:
                yield {"pointer": pointer, "code": error.code or "invalid", "detail": message}


def _validation_problem(errors: list[FieldError]) -> HttpResponse:
    return problem_response(
        status=HTTPStatus.BAD_REQUEST,
        code="validation_failed",
        detail="The request body is invalid. See errors.",
        errors=errors,
    )


def problem_for_exception(exc: Exception) -> HttpResponse | None:
    """Return the problem response for a known exception, or None for an unexpected one."""
    if isinstance(exc, exceptions.ValidationError):
        return _validation_problem(list(_drf_field_errors(exc.detail)))
    if isinstance(exc, DjangoValidationError):
        return _validation_problem(list(_django_field_errors(exc)))
    if isinstance(exc, Problem):
        return problem_response(
            status=exc.status_code,
            code=exc.default_code,
            detail=str(exc.detail),
            errors=exc.errors,
            headers=exc.headers,
        )
    if isinstance(exc, exceptions.APIException):
        code = next((code for cls, code in DRF_CODES if isinstance(exc, cls)), None)
        headers = {}
        if auth_header := getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = auth_header
        return problem_response(
            status=exc.status_code,
            code=code or exc.default_code,
            detail=str(exc.detail),
            headers=headers,
        )
    if isinstance(exc, Http404):
        return problem_response(
            status=HTTPStatus.NOT_FOUND, code="not_found", detail=NO_SUCH_OPERATION
        )
    if isinstance(exc, DjangoPermissionDenied):
        return problem_response(
            status=HTTPStatus.FORBIDDEN,
            code="permission_denied",
            detail="You do not have permission to perform this action.",
        )
    if isinstance(exc, RequestDataTooBig):
        return problem_response(
            status=HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            code="payload_too_large",
            detail="The request body is larger than the server accepts.",
        )
    if isinstance(exc, SuspiciousOperation | MultiPartParserError | UnreadablePostError):
        return problem_response(status=HTTPStatus.BAD_REQUEST, code="bad_request", detail=REFUSED)
    return None


def server_error(exc: BaseException | None = None) -> HttpResponse:
    """Return the 500 problem; the traceback goes to the log, never to the client."""
    if exc is not None:
        logger.error("Unhandled exception", exc_info=(type(exc), exc, exc.__traceback__))
    return problem_response(
        status=HTTPStatus.INTERNAL_SERVER_ERROR,
        code="server_error",
        detail=SERVER_FAILED,
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponse | None:
    """DRF's EXCEPTION_HANDLER: known exceptions become problems; others go on to middleware."""
    from rest_framework.views import set_rollback  # not at import time: DRF imports this module

    response = problem_for_exception(exc)
    if response is not None:
        set_rollback()
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF_FAILURE_VIEW: a problem under /api/, Django's page elsewhere."""
    from authapi.accounts import audit
    from authapi.accounts.middleware import is_api_path

    audit.event("csrf_refused", request)
    if not is_api_path(request):
        return django_csrf.csrf_failure(request, reason)
    return problem_response(
        status=HTTPStatus.FORBIDDEN, code="csrf_failed", detail=f"CSRF Failed: {reason}"
    )
