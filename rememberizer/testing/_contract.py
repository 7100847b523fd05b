"""The spec's rules for requests and responses, so that the fake server repeats none of them.

scripts/regenerate writes rememberizer_api/contract.json from spec/rememberizer_openapi.yml
(the spec itself is not in the wheel): each operation's parameters, request body and answers
as JSON Schema. The fake server checks every API request against it and answers a broken rule
with a 400 in Django REST framework's shape, `{"field": ["message"]}`, with its messages; the
test suite checks every answer against it (tests/conftest.py).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from rememberizer_api import operations as ops

Errors = dict[str, list[str]]
# The actions the spec names for captchas (x-rememberizer-captcha-action).
CAPTCHA_ACTIONS = tuple(
    sorted({op.captcha_action for op in ops.OPERATIONS.values() if op.captcha_action})
)
# Django's EmailValidator, in short: one @, no spaces, a dotted domain.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
# How the fake's answers departed from the spec (only while the test suite checks them).
DRIFT: list[str] = []
_TYPE_ERRORS = {
    "string": "Not a valid string.",
    "integer": "A valid integer is required.",
    "number": "A valid number is required.",
    "boolean": "Must be a valid boolean.",
    "array": "Expected a list of items.",
    "object": "Expected a dictionary of items.",
}


class Contract:
    """The operations of one spec, as rememberizer_api/contract.json carries them."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.operations: Mapping[str, Any] = data["operations"]
        self.schemas: Mapping[str, Any] = data["components"]["schemas"]
        # One validator per documented answer, built on first use: answers are checked often.
        self._validators: dict[tuple[str, str, str], Any] = {}

    def operation(self, method: str, path: str) -> Mapping[str, Any] | None:
        """The operation at a path template such as /vector-stores/{vector_store_id}/documents."""
        return self.operations.get(f"{method.upper()} {path}")

    @staticmethod
    def validates(operation: Mapping[str, Any]) -> bool:
        """Whether the operation answers bad input with a JSON 400 (OAuth's authorize sends
        its errors back to the app, or shows a page, as OAuth's rules say instead)."""
        return "application/json" in (operation["responses"].get("400") or {})

    def body_errors(self, operation: Mapping[str, Any], body: Any) -> Errors:
        """What a JSON request body breaks of the operation's rules, by field."""
        schema = ((operation.get("body") or {}).get("media") or {}).get("application/json")
        return {} if schema is None else self._object_errors(schema, body)

    def query_errors(self, operation: Mapping[str, Any], query: Mapping[str, str]) -> Errors:
        """What a query string breaks of the operation's query parameters, by name."""
        errors: Errors = {}
        for parameter in operation.get("parameters", ()):
            if parameter["in"] != "query":
                continue
            name, raw = parameter["name"], query.get(parameter["name"])
            if raw is None:
                if parameter["required"]:
                    errors[name] = ["This field is required."]
                continue
            schema = self._schema(parameter["schema"])
            problem = self._problem(schema, _from_query(schema, raw))
            if problem:
                errors[name] = [problem]
        return errors

    def query_schema(self, info: ops.OperationInfo, name: str) -> Mapping[str, Any]:
        """The schema of one query parameter of an operation of the table."""
        operation = self.operations[f"{info.method} {info.path}"]
        found = (p for p in operation["parameters"] if p["in"] == "query" and p["name"] == name)
        return self._schema(next(found)["schema"])

    def query_value(self, operation: Mapping[str, Any], query: Mapping[str, str], name: str) -> Any:
        """A query parameter as the spec types it, or the spec's default when it is absent."""
        for parameter in operation.get("parameters", ()):
            if parameter["in"] == "query" and parameter["name"] == name:
                schema = self._schema(parameter["schema"])
                raw = query.get(name)
                return schema.get("default") if raw is None else _from_query(schema, raw)
        raise KeyError(f"the spec gives {operation['operation_id']} no query parameter {name}")

    def _schema(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        ref = schema.get("$ref")
        return self._schema(self.schemas[ref.rsplit("/", 1)[1]]) if ref else schema

    def _object_errors(self, schema: Mapping[str, Any], value: Any) -> Errors:
        schema = self._schema(schema)
        if not isinstance(value, dict):
            return {"non_field_errors": ["Invalid data. Expected a dictionary."]}
        errors: Errors = {}
        for name in schema.get("required", ()):
            if name not in value:
                errors[name] = ["This field is required."]
        for name, sub in (schema.get("properties") or {}).items():
            if name in value and name not in errors:
                problem = self._problem(sub, value[name])
                if problem:
                    errors[name] = [problem]
        return errors

    def _problem(self, schema: Mapping[str, Any], value: Any) -> str | None:
        """The first rule of `schema` that `value` breaks, as DRF words it; None: none."""
        schema = self._schema(schema)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                problems = [self._problem(sub, value) for sub in schema[key]]
                return None if None in problems else problems[0]
        for sub in schema.get("allOf", ()):
            problem = self._problem(sub, value)
            if problem:
                return problem
        types = schema.get("type")
        types = [types] if isinstance(types, str) else list(types or ())
        if value is None:
            return None if "null" in types or not types else "This field may not be null."
        if types and not any(_is_type(value, t) for t in types if t != "null"):
            return _TYPE_ERRORS.get(types[0], "Invalid value.")
        if "enum" in schema and value not in schema["enum"]:
            return f'"{value}" is not a valid choice.'
        if isinstance(value, str):
            return _string_problem(schema, value)
        if isinstance(value, int | float):
            return _number_problem(schema, value)
        if isinstance(value, list):
            if len(value) > schema.get("maxItems", math.inf):
                return f"Ensure this field has no more than {schema['maxItems']} elements."
            if len(value) < schema.get("minItems", 0):
                return f"Ensure this field has at least {schema['minItems']} elements."
            items = schema.get("items")
            problems = [self._problem(items, item) for item in value] if items else []
            return next((p for p in problems if p), None)
        if isinstance(value, dict) and "properties" in schema:
            nested = self._object_errors(schema, value)
            return next((f"{k}: {v[0]}" for k, v in nested.items()), None)
        return None

    def response_problem(
        self, operation: Mapping[str, Any], status: int, media: str, body: bytes
    ) -> str | None:
        """How an answer departs from what the spec documents for it; None: it does not.

        Needs jsonschema (the dev group): only the test suite calls it.
        """
        import jsonschema

        answers = operation["responses"]
        documented = answers.get(str(status), answers.get(f"{str(status)[0]}XX"))
        if documented is None:
            documented = answers.get("default")
        if documented is None:
            return f"status {status} is not documented"
        if not documented or not body:
            return None
        if media not in documented:
            return f"status {status} answers {media}, documented {sorted(documented)}"
        schema = documented[media]
        if schema is None or media != "application/json":
            return None
        try:
            value = json.loads(body)
        except ValueError:
            return f"status {status} answers malformed JSON"
        key = (operation["operation_id"], str(status), media)
        validator = self._validators.get(key)
        if validator is None:
            validator = self._validators[key] = jsonschema.Draft7Validator(
                {**schema, "components": self.data["components"]},
                format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER,
            )
        error = jsonschema.exceptions.best_match(validator.iter_errors(value))
        if error is None:
            return None
        where = "/".join(str(p) for p in error.absolute_path) or "the body"
        return f"status {status}: {where}: {error.message}"


def _is_type(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    python = {"string": str, "boolean": bool, "array": list, "object": dict}
    return isinstance(value, python.get(kind, object))


def _string_problem(schema: Mapping[str, Any], value: str) -> str | None:
    low, high = schema.get("minLength", 0), schema.get("maxLength", math.inf)
    if low and not value.strip():
        return "This field may not be blank."
    if len(value) < low:
        return f"Ensure this field has at least {low} characters."
    if len(value) > high:
        return f"Ensure this field has no more than {high} characters."
    if schema.get("format") == "email" and not _EMAIL.fullmatch(value):
        return "Enter a valid email address."
    if "pattern" in schema and not re.search(schema["pattern"], value):
        return "This value does not match the required pattern."
    return None


def _number_problem(schema: Mapping[str, Any], value: float) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return "A valid number is required."
    if value < schema.get("minimum", -math.inf):
        return f"Ensure this value is greater than or equal to {schema['minimum']}."
    if value > schema.get("maximum", math.inf):
        return f"Ensure this value is less than or equal to {schema['maximum']}."
    return None


def _from_query(schema: Mapping[str, Any], raw: str) -> Any:
    """A query string's value as the schema's type, or the raw string when it is not one."""
    kind = schema.get("type")
    try:
        if kind == "integer" and raw.strip().lstrip("+-").isdigit():
            return int(raw, 10)
        if kind == "number":
            return float(raw)
    except ValueError:
        return raw
    if kind == "boolean" and raw in ("true", "false"):
        return raw == "true"
    return raw


@cache
def contract() -> Contract:
    """The contract of the spec this package was generated from."""
    text = files("rememberizer_api").joinpath("contract.json").read_text(encoding="utf-8")
    return Contract(json.loads(text))
