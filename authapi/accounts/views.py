"""One thin view per operation in openapi.yaml."""

from http import HTTPStatus

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from authapi.accounts import schema, services
from authapi.accounts.permissions import TrustedOrigin
from authapi.accounts.serializers import (
    CsrfTokenSerializer,
    LoginResponseSerializer,
    LoginSerializer,
    LogoutResponseSerializer,
    RegisterSerializer,
    UserSerializer,
)


class ApiView(APIView):
    """An operation's view: only the contract's methods (HEAD with GET) appear in Allow.

    OPTIONS is no operation here (CORS preflights are answered before any view).
    """

    http_method_names = ["get", "post", "head"]

    def initial(self, request, *args, **kwargs):
        # A method the operation does not have is a 405 for everyone, before DRF
        # authenticates: an anonymous PUT must not get a 401 that hides it.
        if request.method not in self.allowed_methods:
            self.http_method_not_allowed(request, *args, **kwargs)
        super().initial(request, *args, **kwargs)


BODY_PROBLEMS = {
    403: schema.ORIGIN_REFUSED,
    413: schema.PAYLOAD_TOO_LARGE,
    415: schema.UNSUPPORTED_MEDIA_TYPE,
    429: schema.TOO_MANY_REQUESTS,
}


class RegisterView(ApiView):
    authentication_classes = []
    permission_classes = [TrustedOrigin]

    @extend_schema(
        operation_id="register",
        tags=["auth"],
        request=RegisterSerializer,
        responses=schema.responses(
            {201: UserSerializer},
            {400: schema.BAD_BODY, 409: schema.ALREADY_TAKEN, **BODY_PROBLEMS},
        ),
    )
    def post(self, request):
        services.registration_throttle(request=request)
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = services.user_register(
            request=request,
            username=data["username"],
            email=data["email"],
            password=data["password"],
        )
        return Response(UserSerializer(user).data, status=HTTPStatus.CREATED)


class LoginView(ApiView):
    # No authentication classes: a caller's existing session must not make DRF
    # demand a CSRF token here. TrustedOrigin is what stops login CSRF.
    authentication_classes = []
    permission_classes = [TrustedOrigin]

    @extend_schema(
        operation_id="login",
        tags=["auth"],
        request=LoginSerializer,
        responses=schema.responses(
            {200: LoginResponseSerializer}, {400: schema.LOGIN_FAILED, **BODY_PROBLEMS}
        ),
    )
    def post(self, request):
        serializer = LoginSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user, token = services.session_login(request=request, **serializer.validated_data)
        return Response(LoginResponseSerializer({"user": user, "csrf_token": token}).data)


class LogoutView(ApiView):
    @extend_schema(
        operation_id="logout",
        tags=["auth"],
        request=None,
        responses=schema.responses(
            {200: LogoutResponseSerializer},
            {
                400: schema.BAD_REQUEST,
                401: schema.NOT_AUTHENTICATED,
                403: schema.CSRF_FAILED,
                413: schema.PAYLOAD_TOO_LARGE,
            },
        ),
    )
    def post(self, request):
        services.session_logout(request=request)
        return Response(LogoutResponseSerializer({}).data)


class UserView(ApiView):
    @extend_schema(
        operation_id="getUser",
        tags=["user"],
        responses=schema.responses(
            {200: UserSerializer}, {400: schema.BAD_REQUEST, 401: schema.NOT_AUTHENTICATED}
        ),
    )
    def get(self, request):
        return Response(UserSerializer(request.user).data)


class CsrfTokenView(ApiView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="getCsrfToken",
        tags=["auth"],
        responses=schema.responses({200: CsrfTokenSerializer}, {400: schema.BAD_REQUEST}),
    )
    def get(self, request):
        token = services.csrf_token(request=request)
        return Response(CsrfTokenSerializer({"csrf_token": token}).data)
