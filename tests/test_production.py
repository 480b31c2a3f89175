"""The production settings as deployed: `check --deploy` and the security headers."""

import json
import os
import secrets
import subprocess
import sys

from tests.support import ROOT

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "authapi.settings",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "CORS_ALLOWED_ORIGINS": "https://app.example.com",
}


def run(*command: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AUTHAPI_"))}
    return subprocess.run(
        command,
        cwd=ROOT,
        env={**env, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes():
    result = run(sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (3 silenced)." in result.stdout


SHOW_HEADERS = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="api.example.com")
https = client.get("/api/csrf/", secure=True)
http = client.get("/api/csrf/")
print(json.dumps({"https": [https.status_code, dict(https.items())],
                  "http": [http.status_code, dict(http.items())]}))
"""


def test_security_headers_under_production_settings():
    result = run(sys.executable, "-c", SHOW_HEADERS)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)

    status, headers = shown["https"]
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["Cache-Control"] == "no-store"
    # Plain HTTP is sent to HTTPS.
    assert shown["http"][0] == 301
    assert shown["http"][1]["Location"] == "https://api.example.com/api/csrf/"
