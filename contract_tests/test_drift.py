"""The drift check: it passes on the real contract, and each kind of drift is reported."""

import copy

import pytest
import yaml

from contract_tests.drift import CONTRACT, check, generated_schema, normalise_schema

REGISTER = "POST /api/register/ request body application/json"


@pytest.fixture(scope="session")
def code_document():
    return generated_schema()


@pytest.fixture
def spec():
    """A copy of openapi.yaml for a test to mutate."""
    return yaml.safe_load(CONTRACT.read_text())


def test_code_matches_contract(spec, code_document):
    problems = check(spec, code_document)

    assert problems == [], "schema drift:\n" + "\n".join(problems)


def test_renamed_field(spec, code_document):
    schema = spec["components"]["schemas"]["RegisterRequest"]
    schema["properties"]["password_confirm"] = schema["properties"].pop("password2")
    schema["required"] = ["username", "email", "password", "password_confirm"]

    problems = check(spec, code_document)

    assert f"{REGISTER}: property 'password2' missing in spec" in "\n".join(problems)
    assert f"{REGISTER}: property 'password_confirm' missing in code" in "\n".join(problems)


def test_removed_status_code(spec, code_document):
    del spec["paths"]["/api/register/"]["post"]["responses"]["409"]

    problems = check(spec, code_document)

    assert len(problems) == 1
    assert problems[0].startswith("POST /api/register/ responses: response 409 missing in spec")


def test_changed_required(spec, code_document):
    spec["components"]["schemas"]["RegisterRequest"]["required"].remove("email")

    assert check(spec, code_document) == [f'{REGISTER}: required has "email" in code only']


def test_changed_type(spec, code_document):
    spec["components"]["schemas"]["User"]["properties"]["id"]["type"] = "string"

    problems = check(spec, code_document)

    assert (
        "GET /api/user/ responses response 200 application/json property 'id': "
        + ('type is "string" in spec but "integer" in code')
        in problems
    )


def test_changed_max_length(spec, code_document):
    spec["components"]["schemas"]["LoginRequest"]["properties"]["username"]["maxLength"] = 100

    assert check(spec, code_document) == [
        "POST /api/login/ request body application/json property 'username': "
        "maxLength is 100 in spec but 150 in code"
    ]


def test_dropped_security_requirement(spec, code_document):
    del spec["paths"]["/api/logout/"]["post"]["security"]

    assert check(spec, code_document) == [
        'POST /api/logout/: security has ["csrfToken", "sessionCookie"] in code only'
    ]


def test_operation_in_code_but_not_in_spec(spec, code_document):
    del spec["paths"]["/api/csrf/"]

    assert check(spec, code_document) == ["GET /api/csrf/: operation in code but not in spec"]


def test_changed_problem_code(spec, code_document):
    problem = spec["components"]["schemas"]["CsrfFailedProblem"]
    problem["allOf"][1]["properties"]["code"] = {"type": "string", "const": "csrf_refused"}

    assert check(spec, code_document) == [
        "POST /api/logout/ responses response 403 application/problem+json property 'code': "
        'enum has "csrf_refused" in spec only',
        "POST /api/logout/ responses response 403 application/problem+json property 'code': "
        'enum has "csrf_failed" in code only',
    ]


def test_changed_security_scheme(spec, code_document):
    spec["components"]["securitySchemes"]["sessionCookie"]["name"] = "session"

    assert check(spec, code_document) == [
        'securitySchemes sessionCookie: name is "session" in spec but "sessionid" in code'
    ]


# --- The normaliser on its own ---------------------------------------------------------


def test_normalise_resolves_refs_merges_allof_and_drops_prose():
    document = {
        "components": {
            "schemas": {
                "Base": {
                    "type": "object",
                    "description": "prose",
                    "required": ["b", "a"],
                    "properties": {"a": {"type": "string", "examples": ["x"]}},
                }
            }
        }
    }
    schema = {
        "allOf": [
            {"$ref": "#/components/schemas/Base"},
            {"properties": {"a": {"const": "x"}, "title": {"type": "string"}}, "required": ["c"]},
        ]
    }

    assert normalise_schema(document, schema) == {
        "type": "object",
        "required": ["a", "b", "c"],
        "properties": {"a": {"type": "string", "enum": ["x"]}, "title": {"type": "string"}},
    }


@pytest.mark.parametrize("security", [None, [], [{}]])
def test_public_operations_compare_equal(spec, code_document, security):
    operation = spec["paths"]["/api/csrf/"]["get"]
    if security is None:
        operation.pop("security", None)
    else:
        operation["security"] = copy.deepcopy(security)

    assert check(spec, code_document) == []
