"""Request and response bodies, field for field as openapi.yaml declares them."""

from django.conf import settings
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from authapi.accounts.keys import normalize_password
from authapi.accounts.models import User, username_validator


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


def password_field() -> StringField:
    return StringField(max_length=settings.AUTHAPI_PASSWORD_MAX_LENGTH)


class RegisterRequestSerializer(serializers.Serializer):
    username = StringField(max_length=150, validators=[username_validator])
    email = EmailStringField(max_length=254)
    password = password_field()
    password2 = password_field()

    def validate(self, attrs):
        if normalize_password(attrs["password"]) != normalize_password(attrs["password2"]):
            raise serializers.ValidationError(
                {"password2": [ErrorDetail("The two passwords do not match.", "password_mismatch")]}
            )
        return attrs


class LoginRequestSerializer(serializers.Serializer):
    username = StringField(max_length=150)
    password = password_field()


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email"]
