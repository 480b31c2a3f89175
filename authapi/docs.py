"""The docs pages: Swagger UI and Redoc, both showing the hand-written openapi.yaml."""

import json
from functools import cache

import yaml
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

CONTRACT = settings.BASE_DIR / "openapi.yaml"


@cache
def _contract_text() -> str:
    return CONTRACT.read_text(encoding="utf-8")


@cache
def _contract_json() -> str:
    return json.dumps(yaml.safe_load(_contract_text()), indent=2)


@require_safe
def contract_schema(request: HttpRequest) -> HttpResponse:
    """openapi.yaml as written; `?format=json` gives the same document as JSON."""
    if request.GET.get("format") == "json":
        return HttpResponse(_contract_json(), content_type="application/json")
    return HttpResponse(_contract_text(), content_type="application/yaml; charset=utf-8")


urlpatterns = [
    path("api/schema/", contract_schema, name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]
