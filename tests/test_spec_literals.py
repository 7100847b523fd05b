"""No spec fact is a literal in the facade: paths, cookie names, header names and security
scheme names come from rememberizer_api.operations, which scripts/regenerate writes from the spec.

rememberizer/testing is left out: the fake server is the spec's other implementer (it answers
on the spec's paths and reads the spec's cookies), not a caller of the generated table.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "rememberizer_openapi.yml"
PACKAGE = ROOT / "rememberizer"
LEFT_OUT = ("testing",)
# (module, literal): how many times it may appear there, and why it is not the spec's fact.
# A count, not a blanket pass: one more use of the name in that module fails the test.
ALLOWED = {
    # The SDK's own session file format shares these names with the cookies (to_dict and the
    # two from_dict readers); it is not the cookie.
    ("_session.py", "access_token"): (3, "a key of the session file's JSON"),
    ("_session.py", "refresh_token"): (3, "a key of the session file's JSON"),
    ("_oauth.py", "access_token"): (1, "RFC 6749 token response field"),
    ("_oauth.py", "refresh_token"): (4, "RFC 6749 grant type and token response field"),
    ("oauth_app.py", "/me"): (2, "the example web app's own route, not the API's"),
}


def spec_facts(spec: dict[str, Any]) -> dict[str, str]:
    """Each literal the facade must not hold, lower case, with what it is."""
    facts = {}
    for path in spec["paths"]:
        facts[path.lower()] = "an API path"
        facts[path.rstrip("/").lower() or "/"] = "an API path"
    for name, scheme in spec["components"]["securitySchemes"].items():
        facts[name.lower()] = "a security scheme name"
        if scheme.get("type") == "apiKey" and scheme["in"] == "cookie":
            facts[scheme["name"].lower()] = "a cookie name"
            facts["cookie"] = "a credential header name"
        elif scheme.get("type") == "apiKey" and scheme["in"] == "header":
            facts[scheme["name"].lower()] = "a credential header name"
        else:
            facts["authorization"] = "a credential header name"
    return facts


def literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Every string constant of a module except docstrings."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def offending(facts: dict[str, str]) -> list[str]:
    """Each spec fact written as a literal, past what ALLOWED lets a module hold."""
    found = []
    for module in sorted(PACKAGE.rglob("*.py")):
        relative = module.relative_to(PACKAGE)
        if relative.parts[0] in LEFT_OUT:
            continue
        hits = [
            (line, value)
            for line, value in literals(ast.parse(module.read_text(encoding="utf-8")))
            if value.strip().lower() in facts
        ]
        for line, value in hits:
            allowed, _ = ALLOWED.get((relative.name, value), (0, ""))
            if sum(1 for _, seen in hits if seen == value) > allowed:
                what = facts[value.strip().lower()]
                found.append(f"rememberizer/{relative}:{line}: {value!r} is {what}")
    return found


@pytest.fixture(scope="module")
def facts() -> dict[str, str]:
    return spec_facts(yaml.safe_load(SPEC.read_text(encoding="utf-8")))


def test_the_facade_holds_no_api_path_cookie_header_or_scheme_name(facts: dict[str, str]) -> None:
    assert offending(facts) == []


def test_the_check_sees_a_literal(facts: dict[str, str]) -> None:
    # What the old _oauth.py and _hooks.py held: the check must name them.
    tree = ast.parse('TOKEN = "/auth/oauth2/token/"\nHEADERS = ("authorization", "x-api-key")\n')
    seen = {value for _, value in literals(tree) if value.lower() in facts}
    assert seen == {"/auth/oauth2/token/", "authorization", "x-api-key"}


def test_the_generated_table_carries_the_facts() -> None:
    from rememberizer_api import operations as ops

    assert ops.OAUTH2_TOKEN.path == "/auth/oauth2/token/"
    assert sorted(ops.SESSION_COOKIES) == ["access_token", "refresh_token"]
    assert {"authorization", "cookie", "x-api-key"} <= ops.CREDENTIAL_HEADERS
    assert dict(ops.SEARCH_DOCUMENTS.bounds)["q"].max_words == 400
    assert dict(ops.LIST_DOCUMENTS.bounds)["page_size"].maximum == 1000
    assert ops.LIST_DOCUMENTS.pagination == ops.Pagination("page", "page_size", "next")


def test_the_facade_checks_arguments_by_the_tables_bounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Tighter bounds in the table (as a spec change would write them) tighten the facade's
    checks: it has no numbers of its own. Nothing is sent: each call is refused first."""
    from rememberizer_api import operations as ops

    from rememberizer import InvalidRequestError, Rememberizer

    search = ops.SEARCH_DOCUMENTS
    tighter = {**dict(search.bounds), "n": ops.Bounds(minimum=1, maximum=5)}
    tighter["q"] = ops.Bounds(min_length=1, max_words=2)
    monkeypatch.setattr(ops, "SEARCH_DOCUMENTS", search._replace(bounds=tuple(tighter.items())))
    memento = ops.CREATE_MEMENTO
    named = {**dict(memento.bounds), "name": ops.Bounds(min_length=1, max_length=3)}
    monkeypatch.setattr(ops, "CREATE_MEMENTO", memento._replace(bounds=tuple(named.items())))
    with Rememberizer(base_url="http://127.0.0.1:9/api/v1", api_key="k") as client:
        with pytest.raises(InvalidRequestError, match="at most 5"):
            client.documents.search("launch", n=6)
        with pytest.raises(InvalidRequestError, match="at most 2"):
            client.documents.search("the launch date")
        with pytest.raises(InvalidRequestError, match="1 to 3 characters"):
            client.mementos.create("four")
