"""Real server processes and throwaway PostgreSQL databases for the live tests."""

import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from tests.support import POSTGRES_ADMIN_URL, ROOT, need_postgres


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"no answer from {url} within {timeout} s")


@contextmanager
def running(
    command: list[str],
    *,
    port: int,
    env: dict[str, str],
    host: str = "localhost",
    ready_path: str = "/api/csrf/",
) -> Iterator[str]:
    """Run `command` (a server on `port`) in its own process group; stop only that group."""
    log = open(os.devnull, "w")  # noqa: SIM115
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://{host}:{port}"
    try:
        wait_until_up(f"{base}{ready_path}", process)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


@contextmanager
def postgres_database() -> Iterator[str]:
    """Create a fresh PostgreSQL database; yield its URL; drop it afterwards."""
    need_postgres()
    name = f"authapi_test_{secrets.token_hex(6)}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    """Return the environment of a production-mode server on plain-HTTP loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AUTHAPI_"))}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "authapi.settings",
        "DJANGO_SECRET_KEY": "live-test-" + secrets.token_urlsafe(40),
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DATABASE_URL": database_url,
        **extra,
    }


@contextmanager
def api_server(
    database_url: str,
    *,
    workers: int = 2,
    threads: int = 8,
    settings_module: str = "authapi.settings",
    **extra_env: str,
) -> Iterator[str]:
    """Migrate `database_url` and serve it with gunicorn, the production WSGI server."""
    env = server_env(database_url, DJANGO_SETTINGS_MODULE=settings_module, **extra_env)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "authapi.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--threads", str(threads),
    ]  # fmt: skip
    with running(command, port=port, env=env, host="127.0.0.1") as base:
        yield base


@contextmanager
def database(kind: str, tmp_path) -> Iterator[str]:
    """Yield the URL of a fresh, empty database of `kind` ("sqlite" or "postgres")."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'live.sqlite3'}"
    else:
        with postgres_database() as url:
            yield url


def count_rows(database_url: str, table: str) -> int:
    """Return the number of rows in `table`, read straight from the database."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
    with psycopg.connect(database_url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


@contextmanager
def production_server(tmp_path, **extra_env: str) -> Iterator[str]:
    """Start `make serve-production` as the README says, on plain-HTTP loopback."""
    port = free_port()
    env = server_env(f"sqlite:///{tmp_path / 'production.sqlite3'}", DJANGO_HTTPS="0", **extra_env)
    command = ["make", "--no-print-directory", "serve-production", f"PORT={port}"]
    with running(command, port=port, env=env) as base:
        yield base
