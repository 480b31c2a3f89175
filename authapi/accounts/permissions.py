"""Permission classes for the API's public operations."""

from rest_framework.permissions import BasePermission

from authapi.accounts.csrf import origin_is_trusted
from authapi.accounts.problems import OriginRefused


class TrustedOrigin(BasePermission):
    """Refuses a request whose Origin header is neither the API's own nor a trusted one.

    Browsers send Origin on every cross-origin POST, so this stops login CSRF on
    operations that take no CSRF token. Requests without Origin (curl) pass.
    """

    def has_permission(self, request, view):
        origin = request.META.get("HTTP_ORIGIN")
        if origin is None or origin_is_trusted(request):
            return True
        raise OriginRefused(f"The origin {origin} is not allowed to call this operation.")
