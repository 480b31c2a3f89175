"""How the code describes itself to drf-spectacular, for the drift check against openapi.yaml."""

from django.conf import settings
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from authapi.accounts.models import USERNAME_CHARACTERS
from authapi.accounts.problems import PROBLEM_CONTENT_TYPE


class SessionAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "authapi.accounts.authentication.SessionAuthentication"
    name = ["sessionCookie", "csrfToken"]

    def get_security_requirement(self, auto_schema):
        # The CSRF token is checked on unsafe methods only.
        if auto_schema.method in SAFE_METHODS:
            return {"sessionCookie": []}
        return {"sessionCookie": [], "csrfToken": []}

    def get_security_definition(self, auto_schema):
        return [
            {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME},
            {"type": "apiKey", "in": "header", "name": "X-CSRFToken"},
        ]


class ConstFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "authapi.accounts.serializers.ConstField"

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "const": self.target.value}


class UsernameFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "authapi.accounts.serializers.UsernameField"

    def map_serializer_field(self, auto_schema, direction):
        # `pattern` for generators; `not` says "whole string" with no anchor, which
        # means the same in every regex dialect.
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": self.target.max_length,
            "pattern": f"^[{USERNAME_CHARACTERS}]+$",
            "not": {"pattern": f"[^{USERNAME_CHARACTERS}]"},
        }


class CodeField(serializers.CharField):
    """A problem's `code`, limited to the codes one response can carry."""

    def __init__(self, *codes: str):
        self.codes = codes
        super().__init__()


class CodeFieldExtension(OpenApiSerializerFieldExtension):
    target_class = CodeField

    def map_serializer_field(self, auto_schema, direction):
        codes = self.target.codes
        if len(codes) == 1:
            return {"type": "string", "const": codes[0]}
        return {"type": "string", "enum": list(codes)}


@extend_schema_field(OpenApiTypes.URI_REF)
class UriReferenceField(serializers.CharField):
    pass


class ProblemSerializer(serializers.Serializer):
    """The RFC 9457 body that problems.problem_response builds."""

    type = UriReferenceField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = serializers.CharField()


class FieldErrorSerializer(serializers.Serializer):
    pointer = serializers.CharField()
    code = serializers.CharField()
    detail = serializers.CharField()


class ValidationProblemSerializer(ProblemSerializer):
    # A field named like Serializer.errors: DRF's metaclass moves it into the fields.
    errors = serializers.ListField(child=FieldErrorSerializer(), min_length=1)  # type: ignore[assignment]


def problem(name: str, *codes: str, errors: bool = False) -> type[ProblemSerializer]:
    """Return a problem serializer named `name` whose code is one of `codes`."""
    base = ValidationProblemSerializer if errors else ProblemSerializer
    return type(f"{name}Serializer", (base,), {"code": CodeField(*codes), "__module__": __name__})


VALIDATION_FAILED = problem("ValidationFailedProblem", "validation_failed", errors=True)
BAD_BODY = PolymorphicProxySerializer(
    component_name="BadBodyProblem",
    serializers=[VALIDATION_FAILED, problem("MalformedProblem", "parse_error", "bad_request")],
    resource_type_field_name=None,
)
LOGIN_FAILED = PolymorphicProxySerializer(
    component_name="LoginFailedProblem",
    serializers=[
        VALIDATION_FAILED,
        problem("LoginRefusedProblem", "invalid_credentials", "parse_error", "bad_request"),
    ],
    resource_type_field_name=None,
)
BAD_REQUEST = problem("BadRequestProblem", "bad_request")
NOT_AUTHENTICATED = problem("NotAuthenticatedProblem", "not_authenticated")
CSRF_FAILED = problem("CsrfFailedProblem", "csrf_failed")
ORIGIN_REFUSED = problem(
    "OriginRefusedProblem", "origin_refused", "cross_site_refused", "null_origin_refused"
)
TOO_MANY_REQUESTS = problem("TooManyRequestsProblem", "too_many_requests")
ALREADY_TAKEN = problem("AlreadyTakenProblem", "username_taken", "email_taken", errors=True)
PAYLOAD_TOO_LARGE = problem("PayloadTooLargeProblem", "payload_too_large")
UNSUPPORTED_MEDIA_TYPE = problem("UnsupportedMediaTypeProblem", "unsupported_media_type")
SERVER_ERROR = problem("ServerErrorProblem", "server_error")


def responses(success: dict, problems: dict) -> dict:
    """Return extend_schema responses: `success` as JSON, each problem (and 500) as problem+json."""
    problems = {**problems, 500: SERVER_ERROR}
    return {**success, **{(status, PROBLEM_CONTENT_TYPE): s for status, s in problems.items()}}
