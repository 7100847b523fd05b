"""scripts/regenerate: deterministic output, drift detection, safe failure, the change report."""

from __future__ import annotations

import copy
import functools
import hashlib
import importlib.util
import json
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def load_regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regenerate", ROOT / "scripts" / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["regenerate"] = module
    spec.loader.exec_module(module)
    return module


regen = load_regenerate()


def changes_module() -> ModuleType:
    return sys.modules["_spec_changes"]


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for name, content in sorted(regen.tree_files(folder).items()):
        digest.update(name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()


# -- one run of each slow step per distinct input ---------------------------------------------
# The linters, Optic and the generators take seconds a run and are pure functions of their
# input (test_two_runs_give_the_same_tree runs the generator twice for real to keep that true).
# A case that feeds a step what an earlier case (in the same xdist worker) fed it gets the
# earlier answer instead of starting Node or the generator again. A lint that finds problems
# always runs: its messages name the file, and a spec that fails is cheap to reject anyway.

REAL_GENERATE = regen.generate
CLEAN_LINTS = ("structural_problems", "validator_problems")
_clean: set[tuple[str, str]] = set()  # (step, spec text) that a linter passed
_trees: dict[tuple[str, str], Path | str] = {}  # (spec, allow-list) -> tree or SpecError text


def _clean_once(step: str, real: Callable[..., list[str]]) -> Callable[..., list[str]]:
    @functools.wraps(real)
    def lint(*args: Any) -> list[str]:
        spec_path = args[0]
        text = spec_path.read_text() if isinstance(spec_path, Path) else args[1]
        if (step, text) in _clean:
            return []
        problems = real(*args)
        if not problems:
            _clean.add((step, text))
        return problems

    return lint


def _tree_key(spec_path: Path) -> tuple[str, str]:
    allowed = regen.WARNINGS_ALLOWED
    return spec_path.read_text(), allowed.read_text() if allowed.exists() else ""


def _keep_tree(key: tuple[str, str], out: Path, store: Path) -> None:
    kept = store / hashlib.sha256(repr(key).encode()).hexdigest()
    if not kept.exists():
        shutil.copytree(out, kept)
    _trees[key] = kept


def _generate_once(store: Path) -> Callable[[Path, Path], None]:
    def generate(spec_path: Path, out: Path) -> None:
        key = _tree_key(spec_path)
        if key not in _trees:
            try:
                REAL_GENERATE(spec_path, out)
            except regen.SpecError as exc:
                _trees[key] = str(exc)
                raise
            _keep_tree(key, out, store)
            return
        kept = _trees[key]
        if isinstance(kept, str):
            raise regen.SpecError(kept)
        shutil.copytree(kept, out, dirs_exist_ok=True)

    return generate


@pytest.fixture(scope="module")
def tree_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("regenerated-trees")


@pytest.fixture(autouse=True)
def reuse(monkeypatch: pytest.MonkeyPatch, tree_store: Path) -> None:
    """The slow steps of scripts/regenerate, each run once per distinct input (see above)."""
    changes = changes_module()
    for step in CLEAN_LINTS:
        monkeypatch.setattr(changes, step, _clean_once(step, getattr(changes, step)))
    redocly = _clean_once("redocly", changes.redocly_problems)
    monkeypatch.setattr(changes, "redocly_problems", redocly)
    monkeypatch.setattr(regen, "generate", _generate_once(tree_store))


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of spec/ and generated/ that the script works on instead of the real ones."""
    shutil.copytree(ROOT / "spec", tmp_path / "spec")
    shutil.copytree(
        ROOT / "generated", tmp_path / "generated", ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(regen, "SPEC", tmp_path / "spec" / "rememberizer_openapi.yml")
    monkeypatch.setattr(regen, "GENERATED", tmp_path / "generated")
    monkeypatch.setattr(regen, "committed_spec", lambda: None)
    (tmp_path / "_version.py").write_text((ROOT / "rememberizer" / "_version.py").read_text())
    monkeypatch.setattr(regen, "VERSION_FILE", tmp_path / "_version.py")
    monkeypatch.setattr(regen, "CHANGELOG", tmp_path / "CHANGELOG.md")
    monkeypatch.setattr(regen, "WARNINGS_ALLOWED", tmp_path / "spec" / "generator-warnings.yml")
    (tmp_path / "api-fidelity.md").write_text((ROOT / "docs" / "api-fidelity.md").read_text())
    monkeypatch.setattr(regen, "FIDELITY_PAGE", tmp_path / "api-fidelity.md")
    return tmp_path


def test_two_runs_give_the_same_tree(tmp_path: Path, tree_store: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    REAL_GENERATE(regen.SPEC, first)  # both for real: this is what lets the others share runs
    REAL_GENERATE(regen.SPEC, second)
    _keep_tree(_tree_key(regen.SPEC), first, tree_store)
    assert tree_hash(first) == tree_hash(second)
    assert (first / "rememberizer_api" / "py.typed").exists()
    assert not list(first.rglob(".ruff_cache"))
    # ...and the same tree as the committed one.
    assert tree_hash(first) == tree_hash(ROOT / "generated")


def test_check_passes_on_the_committed_tree(sandbox: Path) -> None:
    # generated/ and docs/api-fidelity.md are both what the spec gives.
    assert regen.run(["--check"]) == 0


@pytest.mark.parametrize(
    "file", ["rememberizer_api/client.py", "typescript/schema.ts", "typescript/operations.ts"]
)
def test_check_catches_a_hand_edit(
    sandbox: Path, capsys: pytest.CaptureFixture[str], file: str
) -> None:
    edited = sandbox / "generated" / file
    edited.write_text(edited.read_text() + "\n// edited by hand\n")
    assert regen.run(["--check"]) == 1
    out = capsys.readouterr().out
    assert f"a/generated/{file}" in out
    assert "-// edited by hand" in out


def test_the_typescript_operation_table_takes_its_facts_from_the_spec() -> None:
    document = {
        "security": [{"bearerAuth": []}],
        "paths": {
            "/notes/": {
                "post": {
                    "operationId": "create_note",
                    "security": [{}],
                    "x-rememberizer-captcha-action": "note",
                    "responses": {"201": {}, "207": {}, "400": {}},
                },
                "get": {"operationId": "list_notes", "responses": {"200": {}}},
            },
            "/notes/{id}/": {
                "put": {
                    "operationId": "put_note",
                    "x-rememberizer-idempotent": False,
                    "responses": {"204": {}},
                }
            },
        },
    }
    table = regen.typescript_operation_table(document)
    rows = {
        row["operationId"]: row
        for row in (
            json.loads(line.split(": ", 1)[1].rstrip(","))
            for line in table.splitlines()
            if line.startswith('  "')
        )
    }
    assert rows["create_note"] == {
        "operationId": "create_note",
        "method": "POST",
        "path": "/notes/",
        "success": [201, 207],
        "security": [],
        "captchaAction": "note",
        "idempotent": False,
    }
    assert rows["list_notes"]["security"] == [["bearerAuth"]]
    assert rows["list_notes"]["idempotent"] is True
    assert rows["put_note"]["idempotent"] is False
    assert "} as const satisfies Record<string, OperationInfo>;" in table


def test_check_catches_a_fidelity_page_that_drifted_from_the_spec(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = sandbox / "api-fidelity.md"
    page.write_text(page.read_text().replace("| documented |", "| inferred |", 1))
    assert regen.run(["--check"]) == 1
    assert "a/docs/api-fidelity.md" in capsys.readouterr().out


def test_check_catches_a_spec_edit_that_was_not_regenerated(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec_file = sandbox / "spec" / "rememberizer_openapi.yml"
    spec_file.write_text(spec_file.read_text().replace("summary: Sign in", "summary: Log in"))
    assert regen.run(["--check"]) == 1
    assert '+    """Log in' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        ("not yaml", "paths: [unclosed"),
        ("empty", ""),
        ("not a mapping", "- just\n- a list\n"),
        ("not openapi", "openapi: 3.0.3\ninfo: {title: x}\n"),
        ("unreachable url", None),
        ("missing file", None),
    ],
)
def test_a_bad_spec_leaves_the_tree_untouched(
    sandbox: Path,
    capsys: pytest.CaptureFixture[str],
    refused_port: int,
    kind: str,
    content: str | None,
) -> None:
    before = (tree_hash(sandbox / "spec"), tree_hash(sandbox / "generated"))
    if kind == "unreachable url":
        source = f"http://127.0.0.1:{refused_port}/openapi.yml"
    elif kind == "missing file":
        source = str(sandbox / "nope.yml")
    else:
        bad = sandbox / "bad.yml"
        bad.write_text(content or "")
        source = str(bad)
    assert regen.run(["--from", source]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("scripts/regenerate: ")
    assert "\n" not in err
    assert (tree_hash(sandbox / "spec"), tree_hash(sandbox / "generated")) == before


@functools.cache
def _committed_document() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (ROOT / "spec" / "rememberizer_openapi.yml").read_text()
    )
    return loaded


def spec_document() -> dict[str, Any]:
    """A fresh copy of the committed spec, for a case to edit."""
    return copy.deepcopy(_committed_document())


def write_spec(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def tree_state(sandbox: Path) -> tuple[str, str]:
    return tree_hash(sandbox / "spec"), tree_hash(sandbox / "generated")


def test_from_a_path_pulls_the_spec_and_reports_the_change(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One generator run covers an additive change: the report, the changelog, the version."""
    document = spec_document()
    document["paths"]["/auth/signin/"]["post"]["responses"]["418"] = {"description": "teapot"}
    new_spec = write_spec(sandbox / "new.yml", document)
    assert regen.run(["--from", str(new_spec), "--bump"]) == 0
    out = capsys.readouterr().out
    assert "  Added:\n    - signin (POST /auth/signin/): response 418 added" in out
    assert "Breaking" not in out
    assert "version set to 0.1.1" in out
    assert (sandbox / "spec" / "rememberizer_openapi.yml").read_text() == new_spec.read_text()
    signin = (sandbox / "generated" / "rememberizer_api" / "api" / "auth" / "signin.py").read_text()
    assert "response.status_code == 418" in signin
    changelog = (sandbox / "CHANGELOG.md").read_text()
    assert changelog.startswith("# Changelog")
    _, rest = changelog.split("## [Unreleased]\n", 1)
    assert rest.lstrip().startswith("## [0.1.1] - ")
    assert "### Added\n- signin (POST /auth/signin/): response 418 added" in rest
    assert (sandbox / "_version.py").read_text() == '__version__ = "0.1.1"\n'
    assert regen.run(["--check"]) == 0
    assert (sandbox / "_version.py").read_text() == '__version__ = "0.1.1"\n'


def with_optional_query_parameter() -> dict[str, Any]:
    document = spec_document()
    document["paths"]["/account/"]["get"]["parameters"] = [
        {"name": "lang", "in": "query", "required": False, "schema": {"type": "string"}}
    ]
    document["paths"]["/account/"]["get"]["parameters"][0]["schema"]["default"] = "en"
    return document


def test_requiring_an_optional_query_parameter_is_breaking(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_spec(sandbox / "spec" / "rememberizer_openapi.yml", with_optional_query_parameter())
    before = tree_state(sandbox)
    document = with_optional_query_parameter()
    parameter = document["paths"]["/account/"]["get"]["parameters"][0]
    parameter["required"] = True
    del parameter["schema"]["default"]
    new_spec = write_spec(sandbox / "new.yml", document)
    assert regen.run(["--from", str(new_spec)]) == 3
    captured = capsys.readouterr()
    assert (
        "    - **Breaking:** get_account (GET /account/): query parameter 'lang' is now required"
        in (captured.out)
    )
    assert "--allow-breaking" in captured.err
    assert tree_state(sandbox) == before
    assert not (sandbox / "CHANGELOG.md").exists()


def breaking_case(kind: str) -> dict[str, Any]:
    document = spec_document()
    if kind == "removal":
        del document["paths"]["/auth/custom-logout/"]
        for group in document["components"].values():
            group.pop("ClearSessionCookies", None)  # only logout used it; Redocly says so
    elif kind == "operation rename":
        document["paths"]["/account/"]["get"]["operationId"] = "read_account"
        document["paths"]["/account/"]["get"]["description"] = "Reads the account."
    elif kind == "field rename":
        account = document["components"]["schemas"]["Account"]
        account["properties"]["full_name"] = account["properties"].pop("name")
    elif kind == "security":
        document["paths"]["/me/"]["get"]["security"] = [{"bearerAuth": []}]
    return document


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("removal", "logout (POST /auth/custom-logout/) removed"),
        ("operation rename", "operation renamed from 'get_account' to 'read_account'"),
        ("field rename", "get_account (GET /account/): response 200 field 'Account.name' renamed"),
        ("security", "get_me (GET /me/): security changed"),
    ],
)
def test_renames_removals_and_security_changes_are_breaking(
    sandbox: Path, capsys: pytest.CaptureFixture[str], kind: str, expected: str
) -> None:
    before = tree_state(sandbox)
    new_spec = write_spec(sandbox / "new.yml", breaking_case(kind))
    assert regen.run(["--from", str(new_spec)]) == 3
    out = capsys.readouterr().out
    assert any("**Breaking:**" in line and expected in line for line in out.splitlines())
    if kind == "operation rename":  # the rename does not swallow the operation's other edits
        assert "    - read_account (GET /account/): description changed" in out
    assert tree_state(sandbox) == before


def test_a_description_edit_is_cosmetic(sandbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = spec_document()
    document["components"]["schemas"]["Account"]["description"] = "Who is signed in."
    document["paths"]["/me/"]["get"]["description"] = "Says who is signed in."
    new_spec = write_spec(sandbox / "new.yml", document)
    assert regen.run(["--from", str(new_spec)]) == 0
    out = capsys.readouterr().out
    report = out.split("API change report:\n", 1)[1].split("  proposed next version", 1)[0]
    assert report.startswith("  Changed:\n")
    assert "get_me (GET /me/): description changed" in report
    assert "get_account (GET /account/): response 200 schema Account: description changed" in report
    assert "Added" not in report
    assert "Breaking" not in report
    assert "proposed next version: 0.1.1" in out
    changelog = (sandbox / "CHANGELOG.md").read_text()
    assert "### Changed\n" in changelog
    assert "\n- get_me (GET /me/): description changed\n" in changelog
    assert (sandbox / "_version.py").read_text() == '__version__ = "0.1.0"\n'


def test_an_xml_only_body_fails_with_the_generator_warning(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = spec_document()
    document["paths"]["/notes/"] = {
        "post": {
            "operationId": "create_note",
            "tags": ["account"],
            "summary": "Create a note",
            "description": "Creates a note.",
            "security": [],
            "requestBody": {
                "required": True,
                "content": {
                    "application/xml": {
                        "schema": {"type": "object", "properties": {"text": {"type": "string"}}}
                    }
                },
            },
            "responses": {"201": {"description": "Created."}},
        }
    }
    before = tree_state(sandbox)
    new_spec = write_spec(sandbox / "new.yml", document)
    assert regen.run(["--from", str(new_spec)]) == 1
    err = capsys.readouterr().err
    assert "WARNING parsing POST /notes/ within account. Endpoint will not be generated." in err
    assert "Unsupported content type application/xml" in err
    assert "generator-warnings.yml" in err
    assert tree_state(sandbox) == before
    assert not (sandbox / "CHANGELOG.md").exists()
    # With a reason in the allow-list the same spec goes through.
    allow_list = sandbox / "spec" / "generator-warnings.yml"
    allow_list.write_text(
        allow_list.read_text()
        + '  - warning: "POST /notes/ within account"\n    reason: "TypeScript only, for now"\n'
    )
    assert regen.run(["--from", str(new_spec)]) == 0
    out = capsys.readouterr().out
    assert "create_note (POST /notes/): python NO, typescript yes" in out


def test_a_new_operation_is_additive_and_shows_its_missing_coverage(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = spec_document()
    document["paths"]["/widgets/{widget_id}/"] = {
        "get": {
            "operationId": "get_widget",
            "tags": ["account"],
            "summary": "Get a widget",
            "description": "Reads one widget.",
            "security": [],
            "parameters": [
                {"name": "widget_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {"200": {"description": "The widget."}},
        }
    }
    new_spec = write_spec(sandbox / "new.yml", document)
    assert regen.run(["--from", str(new_spec)]) == 0
    out = capsys.readouterr().out
    assert "  Added:\n    - get_widget (GET /widgets/{widget_id}/) added" in out
    assert "Breaking" not in out
    assert (
        "get_widget (GET /widgets/{widget_id}/): python yes, typescript yes, "
        "fake server NO, facade NO"
    ) in out
    assert "signin (POST /auth/signin/): python yes, typescript yes, fake server yes" in out


@pytest.mark.parametrize(
    ("kind", "content", "expected"),
    [
        ("not yaml", "openapi: 3.0.3\npaths: {a: [unclosed\n", "bad.yml:3:1: not YAML: "),
        (
            "swagger 2",
            "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {}\n",
            "bad.yml:1:1: this is a Swagger 2.0 file; convert it to OpenAPI 3.0",
        ),
        (
            "external ref",
            "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a/:\n"
            "    get:\n      responses:\n        '200':\n          $ref: 'other.yml#/R'\n",
            "bad.yml:8:11: external $ref 'other.yml#/R'; the spec must be one file",
        ),
        (
            "invalid",
            "openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a/:\n"
            "    get:\n      responses:\n        '200': {descrption: typo}\n",
            "bad.yml:7:9: openapi-spec-validator:",
        ),
    ],
)
def test_lint_names_the_line_and_says_what_to_do(
    sandbox: Path, capsys: pytest.CaptureFixture[str], kind: str, content: str, expected: str
) -> None:
    before = tree_state(sandbox)
    bad = sandbox / "bad.yml"
    bad.write_text(content)
    assert regen.run(["--from", str(bad)]) == 1
    assert expected in capsys.readouterr().err
    assert tree_state(sandbox) == before


def test_redocly_rejects_before_generating(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = spec_document()
    del document["paths"]["/me/"]["get"]["operationId"]  # valid OpenAPI; Redocly requires it
    before = tree_state(sandbox)
    new_spec = write_spec(sandbox / "new.yml", document)
    assert regen.run(["--from", str(new_spec)]) == 1
    err = capsys.readouterr().err
    assert "nothing was generated" in err
    assert re.search(r"new\.yml:\d+:\d+: redocly operation-operationId", err)
    assert tree_state(sandbox) == before


def test_every_spec_operation_is_served_by_the_fake_server() -> None:
    """A new operation needs a fake-server route before CI's schemathesis run can pass."""
    rows = changes_module().coverage(
        spec_document(), ROOT / "generated", changes_module().fake_server_routes(), ()
    )
    unserved = [f"{row.operation_id} ({row.method} {row.path})" for row in rows if not row.served]
    assert not unserved, f"the fake server does not serve: {', '.join(unserved)}"


def with_plan_enum(values: list[str], schema: str = "SigninRequest") -> dict[str, Any]:
    document = spec_document()
    document["components"]["schemas"][schema]["properties"]["plan"] = {
        "type": "string",
        "enum": values,
    }
    return document


def edited_signin_request(edit: str) -> dict[str, Any]:
    document = spec_document()
    signin = document["components"]["schemas"]["SigninRequest"]
    if edit == "type change":
        signin["properties"]["login"] = {"type": "integer"}
    elif edit == "new required field":
        signin["properties"]["otp"] = {"type": "string"}
        signin["required"].append("otp")
    elif edit == "new optional field":
        signin["properties"]["remember_me"] = {"type": "boolean"}
    elif edit == "property called description":
        signin["properties"]["description"] = {"type": "string"}
    elif edit == "removed field":
        del signin["properties"]["captcha"]
        signin["required"].remove("captcha")
    return document


def signin_and_account(document: dict[str, Any]) -> dict[str, Any]:
    """Only the operations that the classification cases edit, with every component.

    Optic's time grows with the number of operations, and the others take no part here.
    """
    kept = ("/auth/signin/", "/account/")
    return {**document, "paths": {path: document["paths"][path] for path in kept}}


@pytest.mark.parametrize(
    ("old", "new", "group", "expected"),
    [
        (with_plan_enum(["free", "pro"]), with_plan_enum(["free"]), "breaking", "enum"),
        (spec_document(), edited_signin_request("type change"), "breaking", "Request.login'"),
        (spec_document(), edited_signin_request("new required field"), "breaking", "Request.otp'"),
        (spec_document(), edited_signin_request("removed field"), "breaking", "Request.captcha'"),
        (spec_document(), edited_signin_request("new optional field"), "additive", "remember_me"),
        (with_plan_enum(["free"]), with_plan_enum(["free", "pro"]), "additive", "plan"),
        (
            spec_document(),
            edited_signin_request("property called description"),
            "additive",
            "field 'SigninRequest.description' added",
        ),
        # The generated client rejects an enum value it does not know, so a response enum that
        # grows breaks it.
        (
            with_plan_enum(["free"], "Account"),
            with_plan_enum(["free", "pro"], "Account"),
            "breaking",
            "enum value 'pro' added",
        ),
    ],
    ids=[
        "narrowed enum",
        "type change",
        "new required",
        "removed",
        "optional",
        "wider request enum",
        "property named description",
        "wider response enum",
    ],
)
def test_the_classification_names_and_classes(
    old: dict[str, Any], new: dict[str, Any], group: str, expected: str
) -> None:
    changes = changes_module().spec_changes(signin_and_account(old), signin_and_account(new))
    lines = getattr(changes, group)
    assert any(expected in line for line in lines), changes.report()
    if group == "additive":
        assert not changes.breaking, changes.report()


def test_the_classification_is_empty_when_nothing_changed() -> None:
    assert not changes_module().spec_changes(spec_document(), spec_document())


def test_the_facade_wraps_only_operations_the_spec_has() -> None:
    """A facade that still calls a removed operation fails here, not at a user's first call."""
    spec_ids = {
        row.operation_id for row in changes_module().coverage(spec_document(), ROOT, set(), ())
    }
    gone = sorted(changes_module().facade_operations() - spec_ids)
    assert not gone, f"the facade wraps operations the spec no longer has: {', '.join(gone)}"


def test_the_fake_server_takes_each_operation_s_rules_from_the_spec() -> None:
    """A spec change reaches the fake server through contract.json, with no copy between."""
    import json

    from rememberizer.testing._contract import Contract

    def contract_of(document: dict[str, Any]) -> Contract:
        return Contract(json.loads(regen.contract_json(document)))

    document = spec_document()
    assert json.loads(regen.contract_json(document)) == contract_of(document).data
    assert (ROOT / "generated" / "rememberizer_api" / "contract.json").read_text() == (
        regen.contract_json(document)
    )
    document["components"]["schemas"]["IntegrationType"]["enum"].remove("gmail")
    document["paths"]["/documents/"]["get"]["parameters"].append(
        {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 5}}
    )
    changed = contract_of(document)
    operation = changed.operation("GET", "/documents/")
    assert operation is not None
    assert changed.query_errors(operation, {"integration_type": "gmail", "limit": "6"}) == {
        "integration_type": ['"gmail" is not a valid choice.'],
        "limit": ["Ensure this value is less than or equal to 5."],
    }
    # OpenAPI 3.0's nullable becomes JSON Schema's null type, so answers can be checked.
    stats = changed.schemas["Integration"]["properties"]
    assert any("null" in json.dumps(value) for value in stats.values())
