"""The real URLs plus API paths that fail in Django's own ways, for the problem tests."""

from django.http import HttpResponse
from django.urls import path

from authapi.urls import urlpatterns as real_urlpatterns


def boom(request):
    raise RuntimeError("a bug in a view")


def plain_django_view(request):
    """A view that Django's CSRF middleware guards (DRF's views are exempt)."""
    return HttpResponse("ok")


urlpatterns = [
    path("api/boom/", boom),
    path("api/plain/", plain_django_view),
    *real_urlpatterns,
]
