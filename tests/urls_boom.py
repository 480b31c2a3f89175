"""The real URLs plus one API path that fails, for the 500 tests."""

from django.urls import path

from authapi.urls import urlpatterns as real_urlpatterns


def boom(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("api/boom/", boom), *real_urlpatterns]
