"""Business operations on users and sessions, called by the views."""

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.middleware.csrf import get_token, rotate_token

from authapi.accounts.keys import normalize_password
from authapi.accounts.models import TAKEN_MESSAGES, User
from authapi.accounts.problems import AlreadyTaken, InvalidCredentials


def _raise_if_taken(user: User) -> None:
    taken = user.taken_fields()
    if taken:
        raise AlreadyTaken({field: TAKEN_MESSAGES[field] for field in taken})


def user_register(*, username: str, email: str, password: str) -> User:
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
    return user


def session_login(*, request: HttpRequest, username: str, password: str) -> tuple[User, str]:
    """Return the user with these credentials, logged in on a new session, and the new CSRF token.

    Raises InvalidCredentials alike for an unknown user, a wrong password and an inactive user.
    """
    user = authenticate(request, username=username, password=password)
    if user is None:
        raise InvalidCredentials()
    login(request, user)
    return user, get_token(request)


def session_logout(*, request: HttpRequest) -> None:
    """End the request's session, delete it on the server and retire its CSRF token."""
    logout(request)
    rotate_token(request)


def csrf_token(*, request: HttpRequest) -> str:
    """Return the request's CSRF token; the response will set it in the csrftoken cookie."""
    return get_token(request)
