"""The suite runs on the database that DATABASE_URL names: SQLite by default."""

import os

from django.db import connection


def test_suite_runs_on_the_configured_database(db):
    url = os.environ.get("DATABASE_URL", "sqlite:")
    expected = "postgresql" if url.startswith(("postgres:", "postgresql:")) else "sqlite"

    assert connection.vendor == expected
