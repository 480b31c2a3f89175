"""The spec lint (Redocly, recommended rules) passes, and it reports what it should."""

import pytest
import yaml
from django.core.management import call_command

from contract_tests.spec_lint import REDOCLY, lint
from tests.support import CONTRACT, need


@pytest.fixture
def redocly():
    need("npm packages", available=REDOCLY.exists(), how="run `npm ci` (Node.js 20.19+)")


def test_contract_has_no_lint_problems(redocly):
    assert lint(CONTRACT) == []


def test_lint_reports_errors_and_warnings(redocly, tmp_path):
    spec = yaml.safe_load(CONTRACT.read_text())
    del spec["paths"]["/api/register/"]["post"]["security"]
    spec["components"]["schemas"]["Unused"] = {"type": "string"}
    mutated = tmp_path / "openapi.yaml"
    mutated.write_text(yaml.safe_dump(spec))

    problems = lint(mutated)

    assert problems == [
        "error: security-defined: Every operation should have security defined on it or on the "
        "root level. at #/paths/~1api~1register~1/post",
        'warn: no-unused-components: Component: "Unused" is never used. '
        "at #/components/schemas/Unused",
    ]


def test_generated_schema_validates_without_warnings(tmp_path):
    # The same as `manage.py spectacular --validate --fail-on-warn` in `make drift`.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
