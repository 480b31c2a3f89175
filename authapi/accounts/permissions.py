"""Permission classes for the API's public operations."""

from rest_framework.permissions import BasePermission

from authapi.accounts import audit
from authapi.accounts.csrf import origin_is_trusted
from authapi.accounts.problems import CrossSiteRefused, NullOriginRefused, OriginRefused


class TrustedOrigin(BasePermission):
    """Refuses a request from a browser context that is not the API's own or trusted:
    `Origin: null`, `Sec-Fetch-Site: cross-site`, or an Origin outside the trusted list.

    Browsers send Origin on every cross-origin POST, so this stops login CSRF on
    operations that take no CSRF token. Requests without Origin (curl) pass.
    """

    def has_permission(self, request, view):
        refusal = self.refusal(request)
        if refusal is None:
            return True
        audit.event("origin_refused", request, reason=refusal.default_code)
        raise refusal

    @staticmethod
    def refusal(request) -> OriginRefused | CrossSiteRefused | NullOriginRefused | None:
        origin = request.META.get("HTTP_ORIGIN")
        if origin == "null":
            return NullOriginRefused()
        # Fetch metadata: a browser says when the request comes from another site.
        if request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site":
            return CrossSiteRefused()
        if origin is None or origin_is_trusted(request):
            return None
        return OriginRefused(f"The origin {origin} is not allowed to call this operation.")
