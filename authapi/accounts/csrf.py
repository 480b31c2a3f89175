"""Django's CSRF check, made to work for non-browser clients over HTTPS."""

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware as DjangoCsrfViewMiddleware


class CsrfViewMiddleware(DjangoCsrfViewMiddleware):
    """Django's check, except that HTTPS requests without a Referer are not refused for that.

    Django checks the Referer over HTTPS only when there is no Origin header. Every
    current browser sends Origin on unsafe requests, so a request with neither header
    comes from curl or an SDK, which cannot send a Referer that means anything. The
    cookie-and-token check still applies to it.
    """

    def _check_referer(self, request):
        if "HTTP_REFERER" not in request.META:
            return
        super()._check_referer(request)  # type: ignore[misc]  # Django's private method


class _CsrfCheck(CsrfViewMiddleware):
    """The same check, returning the failure reason instead of a response."""

    def _reject(self, request, reason):
        return reason


def csrf_refusal(request: HttpRequest) -> str | None:
    """Return why the CSRF check refuses this (Django) request, or None if it passes."""
    check = _CsrfCheck(_no_response)
    check.process_request(request)
    # _CsrfCheck._reject returns the reason where Django's returns a response.
    return cast(str | None, check.process_view(request, _no_response, (), {}))


def origin_is_trusted(request) -> bool:
    """Return whether the request's Origin is the API's own or a trusted one, as Django decides."""
    # Django's own decision, through its private method: it follows CSRF_TRUSTED_ORIGINS.
    return CsrfViewMiddleware(_no_response)._origin_verified(request)  # type: ignore[attr-defined]


def _no_response(request: HttpRequest) -> HttpResponse:
    raise AssertionError("the CSRF checks here never call the next handler")
