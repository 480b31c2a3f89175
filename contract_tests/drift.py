"""The drift check: openapi.yaml against the schema drf-spectacular generates from the code.

`python -m contract_tests.drift` prints every difference, writes the generated schema
to test-output/generated-openapi.yaml and exits 1 on any drift.

Both documents are normalised first: local $refs resolved, prose dropped (descriptions,
summaries, examples, tags), allOf merged into one schema, `const: x` read as
`enum: [x]`, and `security` of [] or [{}] read as "public". Response headers and links
are not compared: drf-spectacular does not generate links, and the headers are checked
on live responses by the contract tests instead.
"""

import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "openapi.yaml"
GENERATED = ROOT / "test-output" / "generated-openapi.yaml"

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PROSE = {"description", "summary", "examples", "example", "title", "$comment", "externalDocs"}
HINTS = {"readOnly", "writeOnly"}  # request and response components are split anyway
SCHEMA_LISTS = ("allOf", "oneOf", "anyOf", "prefixItems")
SCHEMA_VALUES = ("items", "not", "additionalProperties", "contains", "propertyNames")

Schema = dict[str, Any]


def generated_schema() -> Schema:
    """Return the schema drf-spectacular generates from the code, in-process."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(json.dumps(schema))  # plain types, as a YAML file would give


# --- Normalising ------------------------------------------------------------------------


def _resolve(document: Schema, node: Any) -> Any:
    seen = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/") or ref in seen:
            raise ValueError(f"cannot resolve $ref {ref!r}")
        seen.add(ref)
        target: Any = document
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _merge(into: Schema, other: Schema) -> Schema:
    """Merge `other` into `into`, as allOf means: properties merged, required united."""
    merged = dict(into)
    for key, value in other.items():
        if key == "properties":
            properties = dict(merged.get("properties", {}))
            for name, schema in value.items():
                properties[name] = _merge(properties.get(name, {}), schema)
            merged["properties"] = properties
        elif key == "required":
            merged["required"] = sorted(set(merged.get("required", [])) | set(value))
        else:
            merged[key] = value
    return merged


def normalise_schema(document: Schema, node: Any) -> Any:
    """Return `node` as a self-contained schema in the canonical form described above."""
    node = _resolve(document, node)
    if not isinstance(node, dict):
        return node
    result: Schema = {}
    for key, value in node.items():
        if key in PROSE or key in HINTS:
            continue
        if key == "properties":
            result[key] = {name: normalise_schema(document, s) for name, s in value.items()}
        elif key in SCHEMA_LISTS:
            result[key] = [normalise_schema(document, s) for s in value]
        elif key in SCHEMA_VALUES and isinstance(value, dict):
            result[key] = normalise_schema(document, value)
        elif key == "required":
            result[key] = sorted(value)
        elif key == "const":
            result["enum"] = [value]
        else:
            result[key] = value
    for part in result.pop("allOf", []):
        result = _merge(result, part)
    return result


def _security(requirements: list | None) -> list[list[str]]:
    """Return each alternative as its sorted scheme names; "public" is the empty list."""
    alternatives = [sorted(alternative) for alternative in requirements or []]
    return [a for a in alternatives if a] if any(alternatives) else []


def _strip(document: Schema, node: Any) -> Any:
    """Resolve $refs and drop prose in a non-schema object (a security scheme, a parameter)."""
    node = _resolve(document, node)
    if isinstance(node, dict):
        return {k: _strip(document, v) for k, v in node.items() if k not in PROSE}
    return node


def normalise(document: Schema) -> Schema:
    """Return {"operations": {"METHOD /path": ...}, "securitySchemes": ...} to compare."""
    operations = {}
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = _resolve(document, operation.get("requestBody")) or {}
            operations[f"{method.upper()} {path}"] = {
                "operationId": operation.get("operationId"),
                "security": _security(operation.get("security", document.get("security"))),
                "parameters": {
                    f"{p['in']} parameter {p['name']!r}": _strip(document, p)
                    for p in map(lambda p: _resolve(document, p), operation.get("parameters", []))
                },
                "request body": {
                    "required": bool(body.get("required", False)),
                    **{
                        media_type: normalise_schema(document, content.get("schema", {}))
                        for media_type, content in body.get("content", {}).items()
                    },
                },
                "responses": {
                    f"response {status}": {
                        media_type: normalise_schema(document, content.get("schema", {}))
                        for media_type, content in _resolve(document, response)
                        .get("content", {})
                        .items()
                    }
                    for status, response in operation.get("responses", {}).items()
                },
            }
    schemes = document.get("components", {}).get("securitySchemes", {})
    return {
        "operations": operations,
        "securitySchemes": {name: _strip(document, s) for name, s in schemes.items()},
    }


# --- Comparing ---------------------------------------------------------------------------


def _short(value: Any) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= 80 else text[:77] + "..."


def _diff(
    spec: Any, code: Any, where: str, key: str = "", in_properties: bool = False
) -> list[str]:
    """Return the differences between `spec` and `code`, found at `where` under `key`."""
    label = f"property {key!r}" if in_properties else key
    if isinstance(spec, dict) and isinstance(code, dict):
        inner = where if key in ("", "properties") else f"{where} {label}"
        problems = []
        for name in sorted(set(spec) | set(code)):
            name_label = f"property {name!r}" if key == "properties" else name
            if name not in code:
                problems.append(
                    f"{inner}: {name_label} missing in code (spec: {_short(spec[name])})"
                )
            elif name not in spec:
                problems.append(
                    f"{inner}: {name_label} missing in spec (code: {_short(code[name])})"
                )
            else:
                problems += _diff(spec[name], code[name], inner, name, key == "properties")
        return problems
    if (
        isinstance(spec, list)
        and isinstance(code, list)
        and key in ("required", "enum", "security")
    ):
        return [f"{where}: {label} has {_short(v)} in spec only" for v in spec if v not in code] + [
            f"{where}: {label} has {_short(v)} in code only" for v in code if v not in spec
        ]
    if isinstance(spec, list) and isinstance(code, list) and len(spec) == len(code):
        return [
            problem
            for i, (s, c) in enumerate(zip(spec, code, strict=True))
            for problem in _diff(s, c, f"{where} {label}[{i}]")
        ]
    if spec != code:
        return [f"{where}: {label} is {_short(spec)} in spec but {_short(code)} in code"]
    return []


def compare(spec: Schema, code: Schema) -> list[str]:
    """Return one readable line per difference between two normalised documents."""
    problems = []
    spec_ops, code_ops = spec["operations"], code["operations"]
    for name in sorted(set(spec_ops) | set(code_ops)):
        if name not in code_ops:
            problems.append(f"{name}: operation in spec but not in code")
        elif name not in spec_ops:
            problems.append(f"{name}: operation in code but not in spec")
        else:
            problems += _diff(spec_ops[name], code_ops[name], name)
    problems += _diff(spec["securitySchemes"], code["securitySchemes"], "securitySchemes")
    return problems


def check(spec_document: Schema, code_document: Schema) -> list[str]:
    return compare(normalise(spec_document), normalise(code_document))


def main() -> int:
    import django

    django.setup()
    code_document = generated_schema()
    GENERATED.parent.mkdir(exist_ok=True)
    GENERATED.write_text(yaml.safe_dump(code_document, sort_keys=False))
    problems = check(yaml.safe_load(CONTRACT.read_text()), code_document)
    for problem in problems:
        print(problem)
    where = GENERATED.relative_to(ROOT)
    if problems:
        print(f"\nschema drift: {len(problems)} difference(s); the code's schema is in {where}")
        return 1
    print(f"no schema drift: openapi.yaml and the code agree (the code's schema is in {where})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
