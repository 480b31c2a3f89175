"""Root URLs: the docs (when AUTHAPI_DOCS is on), the API under /api/, the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

docs = [path("", include("authapi.docs"))] if settings.AUTHAPI_DOCS else []

urlpatterns = [
    *docs,
    path("api/", include("authapi.accounts.urls")),
    path("admin/", admin.site.urls),
]
