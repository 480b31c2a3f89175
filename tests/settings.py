"""Test settings: the production settings, with test-only values for what they refuse to guess."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key-" + "k" * 50)
# Test clients speak plain HTTP; HTTPS mode is tested explicitly.
os.environ.setdefault("DJANGO_HTTPS", "0")

from authapi.settings import *  # noqa: F403

# The docs' assets straight from the apps, as in development: tests run no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The whole run's log (the audit trail and every other logger), which conftest.py searches
# for leaked secrets at the end.
AUDIT_LOG = BASE_DIR / "test-output" / "test-run.log"  # noqa: F405
AUDIT_LOG.parent.mkdir(exist_ok=True)
LOGGING["handlers"]["audit"] = {  # noqa: F405
    "class": "logging.FileHandler",
    "filename": str(AUDIT_LOG),
    "mode": "a",
    "formatter": "json_line",
}
LOGGING["root"]["handlers"] = ["console", "audit"]  # noqa: F405
