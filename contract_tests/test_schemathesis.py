"""Schemathesis, loading openapi.yaml from disk, against gunicorn on a fresh database.

`make contract` runs these with a fixed seed and 200 examples per operation;
`make contract-deep` with 2,000 and a random seed (AUTHAPI_CONTRACT_EXAMPLES,
AUTHAPI_CONTRACT_SEED=random). The full output goes to test-output/.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from contract_tests.servers import api_server, database
from tests.support import CONTRACT, ROOT

pytestmark = [pytest.mark.live, pytest.mark.contract]

EXAMPLES = int(os.environ.get("AUTHAPI_CONTRACT_EXAMPLES", "200"))
SEED = os.environ.get("AUTHAPI_CONTRACT_SEED", "20261125")
OUTPUT = ROOT / "test-output"
# Thousands of requests from one client: limits high enough that most cases reach the
# operation, low enough that the stateful and fuzzing phases still meet some 429s.
FUZZING_LIMITS = {
    "AUTHAPI_LOGIN_RATE": "100000/m",
    "AUTHAPI_REGISTER_RATE": "100000/h",
    "AUTHAPI_LOGIN_FAILURES": "200/15m",
    "AUTHAPI_ACCOUNT_FAILURES": "2000/15m",
}
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


def run_schemathesis(base: str, report: Path) -> subprocess.CompletedProcess:
    command = [
        str(SCHEMATHESIS), "--config-file", str(ROOT / "schemathesis.toml"),
        "run", str(CONTRACT),
        "--url", base,
        "--max-examples", str(EXAMPLES),
        "--generation-database", "none",
        "--no-color",
    ]  # fmt: skip
    if SEED != "random":
        command += ["--seed", SEED]
    env = {**os.environ, "AUTHAPI_LIVE_URL": base, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600, check=False
    )
    elapsed = time.monotonic() - started
    report.write_text(
        f"{' '.join(command)}\n\n{result.stdout}{result.stderr}\nwall: {elapsed:.1f} s\n"
    )
    return result


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_schemathesis_finds_nothing(kind, tmp_path):
    OUTPUT.mkdir(exist_ok=True)
    report = OUTPUT / f"schemathesis-{kind}.txt"
    with (
        database(kind, tmp_path) as url,
        api_server(url, settings_module="contract_tests.live_settings", **FUZZING_LIMITS) as base,
    ):
        result = run_schemathesis(base, report)

    output = result.stdout + result.stderr
    assert result.returncode == 0, (
        f"schemathesis failed (full output in {report}):\n{output[-6000:]}"
    )
    # It really tested every operation, in every phase.
    assert "Tested: 5" in output, output[-3000:]
    for phase in ("Examples", "Coverage", "Fuzzing", "Stateful"):
        assert re.search(rf"✅ {phase}", output), f"phase {phase} did not pass:\n{output[-3000:]}"
    assert re.search(r"\d+ generated, \d+ passed", output), output[-3000:]
