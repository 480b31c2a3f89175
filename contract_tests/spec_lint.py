"""`python -m contract_tests.spec_lint [FILE]`: Redocly's lint of the contract; any error or
warning fails. Skips loudly when the npm packages are not installed (`npm ci`)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REDOCLY = ROOT / "node_modules" / ".bin" / "redocly"
QUIET = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_COLOR": "1"}


def lint(path: Path) -> list[str]:
    """Return one line per Redocly problem (error or warning) in the OpenAPI file `path`."""
    result = subprocess.run(
        [str(REDOCLY), "lint", str(path), "--format=json", f"--config={ROOT / 'redocly.yaml'}"],
        cwd=ROOT,
        env={**os.environ, **QUIET},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = json.loads(result.stdout)
    return [
        f"{problem['severity']}: {problem['ruleId']}: {problem['message']}"
        f" at {problem['location'][0]['pointer']}"
        for problem in report["problems"]
    ]


def main() -> int:
    if not REDOCLY.exists():
        print("!!! SKIPPED: the spec lint. To run it: npm ci (needs Node.js 20.19+ and npm)")
        return 1 if os.environ.get("AUTHAPI_REQUIRE_ALL") == "1" else 0
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "openapi.yaml"
    problems = lint(path)
    for problem in problems:
        print(problem)
    print(f"redocly lint {path.name}: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
