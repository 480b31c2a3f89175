"""One thin view per operation in openapi.yaml."""

from http import HTTPStatus

from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from authapi.accounts import services
from authapi.accounts.permissions import TrustedOrigin
from authapi.accounts.serializers import (
    LoginRequestSerializer,
    RegisterRequestSerializer,
    UserSerializer,
)


class RegisterView(APIView):
    authentication_classes = []
    permission_classes = [TrustedOrigin]

    def post(self, request):
        serializer = RegisterRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = services.user_register(
            username=data["username"], email=data["email"], password=data["password"]
        )
        return Response(UserSerializer(user).data, status=HTTPStatus.CREATED)


class LoginView(APIView):
    # No authentication classes: a caller's existing session must not make DRF
    # demand a CSRF token here. TrustedOrigin is what stops login CSRF.
    authentication_classes = []
    permission_classes = [TrustedOrigin]

    def post(self, request):
        serializer = LoginRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user, token = services.session_login(request=request, **serializer.validated_data)
        return Response(
            {"message": "Login successful", "user": UserSerializer(user).data, "csrf_token": token}
        )


class LogoutView(APIView):
    def post(self, request):
        services.session_logout(request=request)
        return Response({"message": "Logout successful"})


class UserView(APIView):
    def get(self, request):
        return Response(UserSerializer(request.user).data)


class CsrfTokenView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"csrf_token": services.csrf_token(request=request)})
