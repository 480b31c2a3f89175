"""SDKs generated from openapi.yaml during the run, driving the session flow on gunicorn.

TypeScript: openapi-typescript + openapi-fetch, type-checked with tsc, run by Node.
Python: openapi-python-client. Neither is committed: both are generated into ignored folders.
"""

import importlib
import json
import os
import subprocess
import sys

import pytest

from contract_tests.servers import api_server
from tests.support import CONTRACT, PASSWORD, ROOT, need

pytestmark = [pytest.mark.live, pytest.mark.consumers]

BIN = ROOT / "node_modules" / ".bin"
TS_DIR = ROOT / "contract_tests" / "sdk" / "ts"
OUTPUT = ROOT / "test-output" / "sdk"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('sdk') / 'sdk.sqlite3'}"
    with api_server(url) as base:
        yield base


def run(*command: str) -> str:
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_typescript_sdk_flow(server):
    need("npm packages", available=(BIN / "tsc").exists(), how="run `npm ci` (Node.js 20.19+)")
    run(
        str(BIN / "openapi-typescript"),
        str(CONTRACT),
        "-o",
        str(TS_DIR / "generated" / "schema.d.ts"),
    )
    run(str(BIN / "tsc"), "--noEmit", "-p", str(TS_DIR / "tsconfig.json"))
    run(str(BIN / "tsc"), "-p", str(TS_DIR / "tsconfig.json"))

    steps = json.loads(run("node", str(OUTPUT / "ts" / "flow.mjs"), server))

    username = steps[0]["user"]["username"]
    assert steps == [
        {
            "step": "register",
            "status": 201,
            "user": {
                "id": steps[0]["user"]["id"],
                "username": username,
                "email": f"{username}@example.com",
            },
        },
        {
            "step": "register-400",
            "status": 400,
            "code": "validation_failed",
            "pointers": ["/password2"],
        },
        {"step": "login", "status": 200, "message": "Login successful"},
        {"step": "user", "status": 200, "username": username},
        {"step": "logout", "status": 200, "message": "Logout successful"},
        {
            "step": "user-401",
            "status": 401,
            "code": "not_authenticated",
            "detail": "Authentication credentials were not provided.",
        },
    ]


@pytest.fixture(scope="module")
def python_sdk():
    """Generate the Python SDK and return its package, imported."""
    package = OUTPUT / "python" / "authapi_client"
    package.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}:{os.environ['PATH']}"}
    result = subprocess.run(
        [
            os.path.join(os.path.dirname(sys.executable), "openapi-python-client"),
            "generate", "--path", str(CONTRACT), "--output-path", str(package),
            "--meta", "none", "--overwrite",
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    # Every response of the contract made it into the SDK.
    assert "Warning" not in result.stdout, result.stdout
    sys.path.insert(0, str(package.parent))
    try:
        yield importlib.import_module("authapi_client")
    finally:
        sys.path.remove(str(package.parent))


def test_python_sdk_flow(server, python_sdk):
    from authapi_client import Client
    from authapi_client.api.auth import login, logout, register
    from authapi_client.api.user import get_user
    from authapi_client.models import (
        LoginRequest,
        NotAuthenticatedProblem,
        RegisterRequest,
        User,
        ValidationFailedProblem,
    )

    # httpx keeps the cookies; the CSRF header goes on the client's own httpx client
    # (with_headers() would make a new one, without the cookies).
    client = Client(base_url=server, raise_on_unexpected_status=True)
    body = {"username": "pysdk", "email": "pysdk@example.com", "password": PASSWORD}

    created = register.sync_detailed(
        client=client, body=RegisterRequest(**body, password2=PASSWORD)
    )
    assert created.status_code == 201
    assert isinstance(created.parsed, User)
    assert (created.parsed.username, created.parsed.email) == ("pysdk", "pysdk@example.com")

    refused = register.sync_detailed(
        client=client,
        body=RegisterRequest(
            username="pysdk2", email="p2@example.com", password=PASSWORD, password2="x"
        ),
    )
    assert refused.status_code == 400
    assert isinstance(refused.parsed, ValidationFailedProblem)
    assert [(e.pointer, e.code) for e in refused.parsed.errors] == [
        ("/password2", "password_mismatch")
    ]

    logged_in = login.sync_detailed(
        client=client, body=LoginRequest(username="PySDK", password=PASSWORD)
    )
    assert logged_in.status_code == 200
    client.get_httpx_client().headers["X-CSRFToken"] = logged_in.parsed.csrf_token

    me = get_user.sync_detailed(client=client)
    assert me.status_code == 200
    assert me.parsed.to_dict() == created.parsed.to_dict()

    assert logout.sync_detailed(client=client).status_code == 200

    after = get_user.sync_detailed(client=client)
    assert after.status_code == 401
    assert isinstance(after.parsed, NotAuthenticatedProblem)
    assert after.parsed.to_dict() == {
        "type": "urn:authapi:problem:not_authenticated",
        "title": "Authentication required",
        "status": 401,
        "detail": "Authentication credentials were not provided.",
        "code": "not_authenticated",
    }
