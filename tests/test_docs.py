"""The docs pages and the schema they show: openapi.yaml, never the generated schema."""

import json
import os
import re
import subprocess
import sys
from http import HTTPStatus

import pytest
import yaml

from tests.support import CONTRACT, ROOT


def test_schema_is_the_hand_written_file(api, db):
    response = api.get("/api/schema/")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response.content.decode() == CONTRACT.read_text()


def test_schema_as_json(api, db):
    response = api.get("/api/schema/", {"format": "json"})

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == yaml.safe_load(CONTRACT.read_text())


@pytest.mark.parametrize(
    ("path", "asset"), [("/api/docs/", "swagger-ui"), ("/api/redoc/", "redoc")]
)
def test_docs_pages_load_nothing_from_outside(api, db, path, asset):
    response = api.get(path)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "/api/schema/" in page
    assert re.search(rf"/static/drf_spectacular_sidecar/{asset}", page)
    # Every src/href is local: no CDN, no Google Fonts.
    assert re.findall(r"""(?:src|href)=["'](https?:)?//""", page) == []
    assert "googleapis" not in page


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/", "/api/schema/"])
def test_docs_are_not_api_responses(api, db, path):
    response = api.get(path)

    assert response.get("Cache-Control") != "no-store"


def test_swagger_ui_reads_the_current_csrf_cookie(api, db):
    page = api.get("/api/docs/").content.decode()
    script = api.get("/api/docs/?script=").content.decode() if "swagger_ui.js" in page else page

    assert "document.cookie.match" in script
    assert 'request.headers["X-CSRFToken"]' in script


def test_docs_can_be_turned_off():
    script = (
        "import django; django.setup(); from django.test import Client; "
        "c = Client(HTTP_HOST='localhost'); "
        "print(c.get('/api/docs/').status_code, c.get('/api/schema/').status_code, "
        "c.get('/api/schema/')['Content-Type'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "AUTHAPI_DOCS": "0"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout.split() == ["404", "404", "application/problem+json"]
