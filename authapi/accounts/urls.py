"""API routes, each named after its operationId in openapi.yaml."""

from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from authapi.accounts import views
from authapi.accounts.problems import NO_SUCH_OPERATION, problem_response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any other path under /api/: a 404 problem, whatever the method and DEBUG say."""
    return problem_response(status=404, code="not_found", detail=NO_SUCH_OPERATION)


urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="register"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("user/", views.UserView.as_view(), name="getUser"),
    path("csrf/", views.CsrfTokenView.as_view(), name="getCsrfToken"),
    re_path(r"", not_found, name="api-not-found"),
]
