"""Settings read from the environment: booleans, lists, secrets and HTTPS mode."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from authapi.env import env_bool, env_int, env_list
from tests.support import ROOT

SHOW = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({k: getattr(settings, k, None) for k in "
    "['DEBUG', 'HTTPS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', "
    "'SECURE_HSTS_SECONDS', 'ALLOWED_HOSTS', 'CORS_ALLOWED_ORIGINS', 'CSRF_TRUSTED_ORIGINS', "
    "'AUTH_PASSWORD_VALIDATORS']}, default=str))"
)


def run_settings(**env):
    """Load authapi.settings in a new process with exactly these DJANGO_*/AUTHAPI_* variables."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AUTHAPI_", "CORS_"))
    }
    clean["DJANGO_SETTINGS_MODULE"] = "authapi.settings"
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def show(**env):
    result = run_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("word", ["0", "false", "FALSE", "no", "off", " Off "])
def test_false_words(monkeypatch, word):
    monkeypatch.setenv("FLAG", word)
    assert env_bool("FLAG", default=True) is False


@pytest.mark.parametrize("word", ["1", "true", "True", "yes", "on"])
def test_true_words(monkeypatch, word):
    monkeypatch.setenv("FLAG", word)
    assert env_bool("FLAG", default=False) is True


@pytest.mark.parametrize("word", ["maybe", "2", "y", "enabled"])
def test_other_words_are_refused(monkeypatch, word):
    monkeypatch.setenv("FLAG", word)
    with pytest.raises(ImproperlyConfigured, match=r"FLAG=.* is not a boolean"):
        env_bool("FLAG", default=False)


def test_lists_and_numbers(monkeypatch):
    monkeypatch.setenv("HOSTS", " api.example.com, ,localhost ")
    monkeypatch.setenv("NUMBER", "x")
    assert env_list("HOSTS", default=[]) == ["api.example.com", "localhost"]
    assert env_list("UNSET_LIST", default=["a"]) == ["a"]
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("NUMBER", default=1)


@pytest.mark.parametrize(("word", "debug"), [("0", False), ("1", True)])
def test_debug_0_means_off(word, debug):
    settings = show(DJANGO_DEBUG=word, DJANGO_SECRET_KEY="k" * 50)

    assert (settings["DEBUG"], settings["HTTPS"]) == (debug, not debug)


def test_production_mode_without_secret_key_refuses_to_start():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "authapi.settings", "DJANGO_DEBUG": "off"}
        | {"DJANGO_SECRET_KEY": ""},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_bad_boolean_stops_the_server_with_a_message():
    result = run_settings(DJANGO_DEBUG="maybe", DJANGO_SECRET_KEY="k" * 50)

    assert result.returncode != 0
    assert (
        "DJANGO_DEBUG='maybe' is not a boolean: use 1/0, true/false, yes/no or on/off."
        in result.stderr
    )


def test_production_defaults_are_https():
    settings = show(DJANGO_SECRET_KEY="k" * 50)

    assert settings["DEBUG"] is False
    assert settings["HTTPS"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1"]
    assert settings["CORS_ALLOWED_ORIGINS"] == ["http://localhost:3000"]


def test_https_off_for_plain_http_servers():
    settings = show(DJANGO_SECRET_KEY="k" * 50, DJANGO_HTTPS="0")

    assert (
        settings["HTTPS"],
        settings["SESSION_COOKIE_SECURE"],
        settings["SECURE_SSL_REDIRECT"],
    ) == (
        False,
        False,
        False,
    )
    assert settings["SECURE_HSTS_SECONDS"] == 0


def test_debug_defaults_to_plain_http():
    assert show(DJANGO_DEBUG="1")["HTTPS"] is False


def test_origins_are_shared_by_cors_and_csrf():
    settings = show(
        DJANGO_SECRET_KEY="k" * 50,
        CORS_ALLOWED_ORIGINS="https://app.example.com,https://admin.example.com",
        DJANGO_ALLOWED_HOSTS="api.example.com",
    )

    origins = ["https://app.example.com", "https://admin.example.com"]
    assert settings["CORS_ALLOWED_ORIGINS"] == origins
    assert settings["CSRF_TRUSTED_ORIGINS"] == origins
    assert settings["ALLOWED_HOSTS"] == ["api.example.com"]


def test_password_min_length_is_configurable():
    validators = show(DJANGO_SECRET_KEY="k" * 50, AUTHAPI_PASSWORD_MIN_LENGTH="20")[
        "AUTH_PASSWORD_VALIDATORS"
    ]

    assert {"min_length": 20} in [v.get("OPTIONS") for v in validators]
