"""Request and response bodies, field for field as openapi.yaml declares them."""

from django.conf import settings
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from authapi.accounts.keys import normalize_password
from authapi.accounts.models import username_validator


class StringField(serializers.CharField):
    """A CharField that takes JSON strings only (no numbers) and never trims them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError("Not a valid string.", code="invalid")
        return super().to_internal_value(data)


class EmailStringField(StringField, serializers.EmailField):
    pass


class UsernameField(StringField):
    """A new username: 1 to 150 of the allowed ASCII characters (see schema.py)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=150, validators=[username_validator], **kwargs)


class ConstField(serializers.Field):
    """A response field that always holds `value`."""

    def __init__(self, value: str, **kwargs):
        self.value = value
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, instance):
        return self.value


def password_field() -> StringField:
    return StringField(max_length=settings.AUTHAPI_PASSWORD_MAX_LENGTH)


class RegisterSerializer(serializers.Serializer):
    username = UsernameField()
    email = EmailStringField(max_length=254)
    password = password_field()
    password2 = password_field()

    def validate(self, attrs):
        if normalize_password(attrs["password"]) != normalize_password(attrs["password2"]):
            raise serializers.ValidationError(
                {"password2": [ErrorDetail("The two passwords do not match.", "password_mismatch")]}
            )
        return attrs


class LoginSerializer(serializers.Serializer):
    username = StringField(max_length=150)
    password = password_field()


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1)
    username = serializers.CharField()
    email = serializers.CharField()


class LoginResponseSerializer(serializers.Serializer):
    message = ConstField("Login successful")
    user = UserSerializer()
    csrf_token = serializers.CharField()


class LogoutResponseSerializer(serializers.Serializer):
    message = ConstField("Logout successful")


class CsrfTokenSerializer(serializers.Serializer):
    csrf_token = serializers.CharField()
