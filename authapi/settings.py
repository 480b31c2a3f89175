"""Django settings for authapi, read from the environment (see README, "Configuration")."""

import os
import secrets
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from authapi.env import env_bool, env_int, env_list, env_rate

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. A production-mode server (DJANGO_DEBUG off) "
            "refuses to start without one: set DJANGO_SECRET_KEY to a long random string, "
            "for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    # Debug only: a throwaway key, so sessions last as long as this process.
    SECRET_KEY = secrets.token_urlsafe(50)
    print("authapi: DJANGO_SECRET_KEY is not set; using a random key.", file=sys.stderr)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "authapi.accounts",
]

MIDDLEWARE = [
    # First, so that every response under /api/ gets its headers, CORS preflights
    # included, and every failure there leaves as a problem (with CORS headers kept).
    "authapi.accounts.middleware.ApiMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Serves collectstatic's output (the docs' assets) from gunicorn in production.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "authapi.accounts.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "authapi.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "authapi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "authapi.wsgi.application"

# --- Database -----------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so concurrent
    # writers wait (up to `timeout` seconds) instead of failing with
    # "database is locked" halfway through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and passwords ----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"

# Argon2id first. Parameters: m = 19 MiB, t = 2, p = 1, OWASP's minimum for
# Argon2id (Password Storage Cheat Sheet). Measured here: about 50 ms and 19 MiB
# per hash, against about 220 ms and 100 MiB for Django's defaults. The small
# memory cost keeps many concurrent logins within a worker's memory, which matters
# more for an internet-facing login endpoint than the extra margin. PBKDF2 stays
# so that older hashes still verify and are rehashed with Argon2id at next login.
PASSWORD_HASHERS = [
    "authapi.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTHAPI_PASSWORD_MIN_LENGTH = env_int("AUTHAPI_PASSWORD_MIN_LENGTH", default=15, minimum=1)
# Longer passwords are refused before any hashing. openapi.yaml says 256 too.
AUTHAPI_PASSWORD_MAX_LENGTH = 256

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": AUTHAPI_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- HTTPS, cookies and headers -----------------------------------------------------
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", default=31536000) if HTTPS else 0
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    # Only behind a proxy that always sets X-Forwarded-Proto itself.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# `manage.py check --deploy` passes with these three silenced, each for its reason:
SILENCED_SYSTEM_CHECKS = [
    # The CSRF middleware is authapi.accounts.csrf.CsrfViewMiddleware, a subclass of
    # Django's; the check looks for Django's own dotted path only.
    "security.W003",
    # HSTS includeSubDomains and preload commit every subdomain, for a long time, to
    # HTTPS: a decision for whoever owns the domain, not for this application.
    "security.W005",
    "security.W021",
]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # the SPA reads the token from this cookie
CSRF_FAILURE_VIEW = "authapi.accounts.problems.csrf_failure"
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Auth requests are small: the largest valid register body is under 8 KiB even
# with every character \u-escaped. Larger bodies get 413 before any parsing.
DATA_UPLOAD_MAX_MEMORY_SIZE = 16 * 1024

# --- CORS and trusted origins ----------------------------------------------------------
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", default=["http://localhost:3000"])
CORS_ALLOW_CREDENTIALS = True
CORS_URLS_REGEX = r"^/api/.*$"
# django-cors-headers' default headers already include x-csrftoken. A 429's Retry-After
# must be readable by the SPA.
CORS_EXPOSE_HEADERS = ["Retry-After"]
CSRF_TRUSTED_ORIGINS = CORS_ALLOWED_ORIGINS

# --- Throttling (see README, "Brute force") ------------------------------------------------
# Each is (limit, window in seconds), from `N/window` strings.
AUTHAPI_LOGIN_FAILURES = env_rate("AUTHAPI_LOGIN_FAILURES", default="5/15m")  # account+client
AUTHAPI_ACCOUNT_FAILURES = env_rate("AUTHAPI_ACCOUNT_FAILURES", default="50/15m")  # account
AUTHAPI_LOGIN_RATE = env_rate("AUTHAPI_LOGIN_RATE", default="30/m")  # all logins, per client
AUTHAPI_REGISTER_RATE = env_rate("AUTHAPI_REGISTER_RATE", default="10/h")  # per client
# How many proxies in front of the server append to X-Forwarded-For. 0: the header is ignored.
AUTHAPI_TRUSTED_PROXIES = env_int("AUTHAPI_TRUSTED_PROXIES", default=0)
# Counters live in Redis when this is set (shared by every worker and server); otherwise in
# the database, with an atomic upsert.
REDIS_URL = os.environ.get("REDIS_URL", "")

# --- REST framework ----------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["authapi.accounts.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["authapi.accounts.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "authapi.accounts.negotiation.JSONOnlyNegotiation",
    "EXCEPTION_HANDLER": "authapi.accounts.problems.exception_handler",
    # No OPTIONS metadata: OPTIONS is not an operation of the contract (405), except
    # for CORS preflights, which django-cors-headers answers first.
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# Swagger UI at /api/docs/ and Redoc at /api/redoc/, showing openapi.yaml (/api/schema/).
AUTHAPI_DOCS = env_bool("AUTHAPI_DOCS", default=True)

# drf-spectacular describes the code (for the drift check) and serves the docs pages.
SPECTACULAR_SETTINGS = {
    "TITLE": "authapi",
    "VERSION": "0.1.0",
    "OAS_VERSION": "3.1.0",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "SERVERS": [{"url": "/"}],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Assets from drf-spectacular-sidecar: the docs need no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # A string is inserted into the page as JavaScript. Login rotates the CSRF token, so
    # the token rendered into the page goes stale: read the current csrftoken cookie
    # for every unsafe "Try it out" request instead.
    "SWAGGER_UI_SETTINGS": """{
        deepLinking: true,
        requestInterceptor: (request) => {
            const method = (request.method || "GET").toUpperCase();
            if (!["GET", "HEAD", "OPTIONS"].includes(method)) {
                const match = document.cookie.match(/(?:^|;\\s*)csrftoken=([^;]*)/);
                if (match) request.headers["X-CSRFToken"] = decodeURIComponent(match[1]);
            }
            return request;
        },
    }""",
}

# --- Internationalisation and static files --------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# The audit trail (authapi.accounts.audit) is JSON lines, one per event, on stderr.
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json_line": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "audit": {"class": "logging.StreamHandler", "formatter": "json_line"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "authapi": {"level": "INFO"},
        "authapi.audit": {"handlers": ["audit"], "level": "INFO", "propagate": False},
    },
}
