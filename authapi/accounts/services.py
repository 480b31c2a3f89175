"""Business operations on users and sessions, called by the views."""

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.middleware.csrf import get_token, rotate_token

from authapi.accounts import audit, throttling
from authapi.accounts.keys import identity_key, normalize_password
from authapi.accounts.models import TAKEN_MESSAGES, User
from authapi.accounts.problems import AlreadyTaken, InvalidCredentials, Throttled


def _raise_if_taken(user: User) -> None:
    taken = user.taken_fields()
    if taken:
        raise AlreadyTaken({field: TAKEN_MESSAGES[field] for field in taken})


def user_register(*, request: HttpRequest, username: str, email: str, password: str) -> User:
    """Return a new active user; raise AlreadyTaken, or ValidationError for a weak password."""
    password = normalize_password(password)
    user = User(username=username, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.error_list}) from exc
    _raise_if_taken(user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # Another request registered the same username or email since the check.
        _raise_if_taken(user)
        raise
    audit.event("register", request, username=user.username)
    return user


def _known_username(account: str | None) -> str | None:
    """Return the username of the account with this key, or None: what the audit log may
    name (a username as sent may be a password typed into the wrong field)."""
    if account is None:
        return None
    return User.objects.filter(username_key=account).values_list("username", flat=True).first()


def _limit(
    request: HttpRequest, operation: str, account: str | None, *limits
) -> throttling.Reservation:
    try:
        return throttling.reserve(*limits)
    except Throttled:
        audit.event("throttled", request, username=_known_username(account), operation=operation)
        raise


def registration_throttle(*, request: HttpRequest) -> None:
    """Count one registration attempt of this client; raise Throttled past AUTHAPI_REGISTER_RATE."""
    client = throttling.client_key(request)
    _limit(request, "register", None, (f"register:{client}", settings.AUTHAPI_REGISTER_RATE))


def session_login(*, request: HttpRequest, username: str, password: str) -> tuple[User, str]:
    """Return the user with these credentials, logged in on a new session, and the new CSRF token.

    Raises InvalidCredentials alike for an unknown user, a wrong password and an inactive
    user, and Throttled (before any hashing) past a limit: all logins of this client, and
    failures per (account, client) and per account. A failure slot is reserved before the
    password is checked and given back on success.
    """
    client = throttling.client_key(request)
    account = identity_key(username)
    _limit(request, "login", account, (f"login:{client}", settings.AUTHAPI_LOGIN_RATE))
    failures = _limit(
        request,
        "login",
        account,
        (f"failures:{account}:{client}", settings.AUTHAPI_LOGIN_FAILURES),
        (f"failures:{account}", settings.AUTHAPI_ACCOUNT_FAILURES),
    )
    user = authenticate(request, username=username, password=password)
    if user is None:
        audit.event("login_failed", request, username=_known_username(account))
        raise InvalidCredentials()
    failures.release()
    login(request, user)
    audit.event("login_succeeded", request, username=user.username)
    return user, get_token(request)


def session_logout(*, request: HttpRequest) -> None:
    """End the request's session, delete it on the server and retire its CSRF token."""
    audit.event("logout", request, username=request.user.get_username())
    logout(request)
    rotate_token(request)


def csrf_token(*, request: HttpRequest) -> str:
    """Return the request's CSRF token; the response will set it in the csrftoken cookie."""
    return get_token(request)
