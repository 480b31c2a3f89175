"""The custom user model, unique by case-folded username and email."""

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from authapi.accounts.keys import identity_key, normalize_password

# The characters a username may use, as a regex character-class body.
USERNAME_CHARACTERS = "A-Za-z0-9@.+_-"
# `\Z`, not `$`: Python's `$` also matches before a trailing newline.
USERNAME_REGEX = rf"\A[{USERNAME_CHARACTERS}]+\Z"

username_validator = RegexValidator(
    regex=USERNAME_REGEX,
    message="Enter a username of ASCII letters, digits and @ . + - _ only.",
    code="invalid",
)


class CaseInsensitiveUserManager(UserManager):
    def get_by_natural_key(self, username):
        """Return the user whose username matches `username` regardless of case."""
        return self.get(username_key=identity_key(username))

    def _create_user_object(self, username, email, password, **extra_fields):
        # Django's version hashes with make_password(), past User.set_password and so
        # past the NFKC normalisation that login applies.
        user = super()._create_user_object(username, email, None, **extra_fields)  # type: ignore[misc]
        if password is not None:
            user.set_password(password)
        return user

    def _create_user(self, username, email, password, **extra_fields):
        """Create a user, or raise ValidationError if the username or email is taken in
        any case (createsuperuser prints it as an error instead of a traceback)."""
        user = self._create_user_object(username, email, password, **extra_fields)
        taken = user.taken_fields()
        if taken:
            raise ValidationError({field: TAKEN_MESSAGES[field] for field in taken})
        user.save(using=self._db)
        return user


class User(AbstractUser):
    username = models.CharField(
        "username",
        max_length=150,
        unique=True,
        validators=[username_validator],
        help_text="Up to 150 ASCII letters, digits and @ . + - _ characters.",
        error_messages={"unique": "A user with that username already exists."},
    )
    email = models.EmailField("email address", max_length=254, blank=True)
    username_key = models.CharField(max_length=64, unique=True, editable=False)
    # NULL for accounts without an email, so that many of them may exist.
    email_key = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001

    objects: ClassVar[CaseInsensitiveUserManager] = CaseInsensitiveUserManager()

    def save(self, *args, **kwargs):
        self.username_key = identity_key(self.username)
        self.email_key = identity_key(self.email) if self.email else None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            fields = set(update_fields)
            fields |= {f"{name}_key" for name in ("username", "email") if name in fields}
            kwargs["update_fields"] = fields
        super().save(*args, **kwargs)

    def set_password(self, raw_password):
        super().set_password(None if raw_password is None else normalize_password(raw_password))

    def check_password(self, raw_password):
        """Return whether `raw_password`, NFKC-normalised, matches the stored hash."""
        if raw_password is None:
            return False
        return super().check_password(normalize_password(raw_password))

    def taken_fields(self) -> list[str]:
        """Return which of "username" and "email" another user already has, case-insensitively."""
        others = (
            type(self)._default_manager.exclude(pk=self.pk)
            if self.pk
            else type(self)._default_manager
        )
        values = {"username": self.username, "email": self.email}
        return [
            field
            for field, value in values.items()
            if value and others.filter(**{f"{field}_key": identity_key(value)}).exists()
        ]

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=exclude)
        taken = [field for field in self.taken_fields() if not exclude or field not in exclude]
        if taken:
            raise ValidationError(
                {field: ValidationError(TAKEN_MESSAGES[field], code="unique") for field in taken}
            )


TAKEN_MESSAGES = {
    "username": "A user with that username already exists.",
    "email": "A user with that email already exists.",
}


class ThrottleCounter(models.Model):
    """One fixed-window counter (used when REDIS_URL is not set); see throttling.py."""

    key = models.CharField(max_length=200, primary_key=True)
    hits = models.PositiveIntegerField()
    window_ends = models.BigIntegerField(help_text="Unix time at which the window ends.")

    def __str__(self):
        return f"{self.key}: {self.hits}"
