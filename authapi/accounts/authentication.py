"""Session authentication that answers 401 and reports CSRF failures as problems."""

from rest_framework import authentication

from authapi.accounts import audit
from authapi.accounts.csrf import csrf_refusal
from authapi.accounts.problems import CsrfFailed

WWW_AUTHENTICATE = 'Session realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate_header(self, request):
        # Having a header at all is what makes DRF answer 401 rather than 403.
        return WWW_AUTHENTICATE

    def enforce_csrf(self, request):
        # Django's request, not DRF's: DRF's `.POST` would parse the body, and
        # logout takes none (a body of any type must not turn into a 415).
        django_request = request._request
        reason = csrf_refusal(django_request)
        if reason:
            audit.event("csrf_refused", django_request, username=django_request.user.get_username())
            raise CsrfFailed(f"CSRF Failed: {reason}")
