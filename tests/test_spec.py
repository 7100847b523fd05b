"""The spec validates and documents what the generator and the facade rely on."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "spec" / "rememberizer_openapi.yml"
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
# Vector-store paths that Rememberizer documents without a trailing slash (issue 14).
DOCUMENTED_WITHOUT_SLASH = {
    "/vector-stores/me",
    "/vector-stores/{vector_store_id}/documents",
    "/vector-stores/{vector_store_id}/documents/create",
    "/vector-stores/{vector_store_id}/documents/upload",
    "/vector-stores/{vector_store_id}/documents/search",
    "/vector-stores/{vector_store_id}/documents/{document_id}",
    # The vector-store MCP server's AGENTIC_SEARCH_PATH (S24) and the docs' configs (S20).
    "/vector-stores/{vector_store_id}/documents/agentic_search",
    "/vector-stores/configs",
}


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded = yaml.safe_load(SPEC_PATH.read_text())
    assert isinstance(loaded, dict)
    return loaded


def all_operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS  # not the path item's shared `parameters`
    ]


def test_spec_is_valid_openapi_3_0_3(spec: dict[str, Any]) -> None:
    validate(spec)
    assert spec["openapi"] == "3.0.3"
    assert spec["servers"][0]["url"] == "https://api.rememberizer.ai/api/v1"


def test_every_operation_is_fully_described(spec: dict[str, Any]) -> None:
    for path, method, operation in all_operations(spec):
        where = f"{method.upper()} {path}"
        assert path.endswith("/") or path in DOCUMENTED_WITHOUT_SLASH, where
        for key in ("operationId", "tags", "summary", "description", "security"):
            assert operation.get(key) not in (None, ""), f"{where} lacks {key}"
        body = operation.get("requestBody")
        if body is not None:
            for media_type, content in body["content"].items():
                # A multipart body of files has no useful inline example.
                if media_type != "multipart/form-data":
                    assert "example" in content, f"{where} {media_type}"


def test_the_documented_operations_and_statuses(spec: dict[str, Any]) -> None:
    statuses = {
        operation["operationId"]: set(operation["responses"])
        for _, _, operation in all_operations(spec)
    }
    assert {"201", "400", "429"} <= statuses["signup"]
    assert {"204", "400", "401", "429"} <= statuses["signin"]
    assert {"200", "400", "401"} <= statuses["verify_email"]
    assert {"204", "401"} <= statuses["refresh"]
    assert "204" in statuses["logout"]
    assert {"200", "401", "403"} <= statuses["get_account"]
    assert {"200", "401", "403"} <= statuses["get_me"]


def test_cookies_are_security_schemes_not_parameters(spec: dict[str, Any]) -> None:
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {**schemes["bearerAuth"], "type": "http", "scheme": "bearer"}
    assert (schemes["accessCookie"]["in"], schemes["accessCookie"]["name"]) == (
        "cookie",
        "access_token",
    )
    assert (schemes["refreshCookie"]["in"], schemes["refreshCookie"]["name"]) == (
        "cookie",
        "refresh_token",
    )
    for path, method, operation in all_operations(spec):
        for parameter in operation.get("parameters", []):
            assert parameter.get("in") != "cookie", f"{method} {path}"


def test_inferred_choices_are_marked(spec: dict[str, Any]) -> None:
    text = SPEC_PATH.read_text()
    assert text.count("x-inferred:") >= 8
    signup_201 = spec["paths"]["/auth/signup/"]["post"]["responses"]["201"]
    assert signup_201["x-inferred"]
    assert spec["components"]["securitySchemes"]["accessCookie"]["x-inferred"]


def test_every_operation_and_schema_says_where_it_comes_from(spec: dict[str, Any]) -> None:
    sources = spec["info"]["x-sources"]
    assert {entry["kind"] for entry in sources.values()} == {"documented", "client"}
    marked = [
        (f"{method.upper()} {path}", operation) for path, method, operation in all_operations(spec)
    ] + list(spec["components"]["schemas"].items())
    for where, node in marked:
        assert "x-source" in node or "x-inferred" in node, where
        for source in node.get("x-source", []):
            assert source in sources, f"{where} names {source}"


def test_what_the_record_contradicts_is_allowed_both_ways(spec: dict[str, Any]) -> None:
    memorize = spec["paths"]["/documents/memorize/"]["post"]["responses"]
    assert "content" not in memorize["201"]  # the docs' prose: no body
    assert memorize["200"]["content"]  # the newer embedded schema: {data, message, code}
    document = spec["components"]["schemas"]["Document"]["properties"]
    assert [kind["type"] for kind in document["id"]["oneOf"]] == ["integer", "string"]
    assert document["pk"]["type"] == "integer"
    # An operation with no public record is not published (the fake server keeps its route).
    assert "post" not in spec["paths"]["/auth/oauth2/authorize/"]


def test_the_fidelity_page_is_what_the_spec_says(spec: dict[str, Any]) -> None:
    import sys

    sys.path.insert(0, str(SPEC_PATH.parent.parent / "scripts"))
    import _fidelity  # scripts/ is not a package

    page = (SPEC_PATH.parent.parent / "docs" / "api-fidelity.md").read_text(encoding="utf-8")
    assert page == _fidelity.page(spec), "run scripts/regenerate"
    assert "| `memorize_document` | `POST /documents/memorize/` | documented |" in page


def test_every_operation_has_a_generated_module(spec: dict[str, Any]) -> None:
    for _, _, operation in all_operations(spec):
        module = importlib.import_module(
            f"rememberizer_api.api.{operation['tags'][0].replace('-', '_')}"
            f".{operation['operationId']}"
        )
        for name in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
            function = getattr(module, name)
            parameters = inspect.signature(function).parameters
            assert "client" in parameters
            assert ("body" in parameters) == ("requestBody" in operation), operation["operationId"]
        assert inspect.iscoroutinefunction(module.asyncio_detailed)
