"""The README's quick start, run as written: `make serve`, then the curl walkthrough."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from contract_tests.servers import free_port, postgres_database, running
from tests.support import ROOT, assert_live_response_matches

pytestmark = pytest.mark.live


def walkthrough_blocks() -> list[str]:
    """Return the bash blocks between the README's walkthrough markers."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("<!-- walkthrough -->", 1)[1].split("<!-- /walkthrough -->", 1)[0]
    return re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL)


# What each README block sends, in order.
REQUESTS = [
    ("POST", "/api/register/"),
    ("POST", "/api/login/"),
    ("GET", "/api/user/"),
    ("POST", "/api/logout/"),
    ("GET", "/api/user/"),
]


def run_walkthrough(base: str, workdir: Path) -> list[tuple[int, str]]:
    """Run each README block against `base`; check each response against openapi.yaml;
    return each block's status and body."""
    results = []
    for block, (method, path) in zip(walkthrough_blocks(), REQUESTS, strict=True):
        script = block.replace("http://localhost:8000", base)
        output = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=workdir,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        head, _, body = output.replace("\r\n", "\n").partition("\n\n")
        status_line, *header_lines = head.split("\n")
        status = int(status_line.split()[1])
        headers = [tuple(line.split(": ", 1)) for line in header_lines]
        assert_live_response_matches(method, path, status, headers, body.encode())
        results.append((status, body))
    return results


def serve_and_walk(tmp_path: Path, database_url: str) -> list[tuple[int, str]]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    with running(
        ["make", "--no-print-directory", "serve", f"PORT={port}"], port=port, env=env
    ) as base:
        return run_walkthrough(base, tmp_path)


def assert_walkthrough(results: list[tuple[int, str]]) -> None:
    assert [status for status, _ in results] == [201, 200, 200, 200, 401]
    register, login, user, logout, after = (json.loads(body) for _, body in results)
    assert register == {"id": register["id"], "username": "testuser", "email": "test@example.com"}
    assert login["message"] == "Login successful"
    assert login["csrf_token"]
    assert user == register
    assert logout == {"message": "Logout successful"}
    assert after["detail"] == "Authentication credentials were not provided."
    assert after["code"] == "not_authenticated"


def test_walkthrough_has_five_steps():
    assert len(walkthrough_blocks()) == 5


def test_make_serve_on_sqlite(tmp_path):
    assert_walkthrough(serve_and_walk(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}"))


def test_make_serve_on_postgres(tmp_path):
    with postgres_database() as url:
        assert_walkthrough(serve_and_walk(tmp_path, url))
