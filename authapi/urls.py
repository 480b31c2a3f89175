"""Root URLs: the API under /api/ and the admin under /admin/."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/", include("authapi.accounts.urls")),
    path("admin/", admin.site.urls),
]
