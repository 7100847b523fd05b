"""The change report, the changelog, the version and the coverage of scripts/regenerate, each on
spec dicts (pure Python, milliseconds). One test runs the generator, for the dropped `content:`
parameter, which only a generator run can show."""

from __future__ import annotations

import copy
import datetime
import importlib.util
import re
import shutil
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated" / "rememberizer_api"


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


regen = _load("regenerate")
changes_module = _load("_spec_changes")
coverage = _load("_coverage")


@cache
def _committed() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (ROOT / "spec" / "rememberizer_openapi.yml").read_text()
    )
    return loaded


def spec() -> dict[str, Any]:
    """A fresh copy of the committed spec, to edit."""
    return copy.deepcopy(_committed())


def report(old: dict[str, Any], new: dict[str, Any]) -> tuple[Any, str]:
    changes = changes_module.spec_changes(old, new)
    return changes, "\n".join(changes.report())


def lines_of(changes: Any, section: str) -> list[str]:
    found: list[str] = changes.sections().get(section, [])
    return found


def test_an_operation_id_rename_is_one_breaking_line_with_both_names() -> None:
    new = spec()
    new["paths"]["/account/"]["get"]["operationId"] = "read_account"
    changes, text = report(spec(), new)
    assert lines_of(changes, "Changed") == [
        "**Breaking:** read_account (GET /account/): operation renamed from 'get_account' to "
        "'read_account': the Python function and the TypeScript operation take the new name"
    ]
    assert "Removed" not in text
    assert "Added" not in text


def test_an_integer_field_that_becomes_a_string_is_breaking_and_named() -> None:
    new = spec()
    new["components"]["schemas"]["Document"]["properties"]["pk"]["type"] = "string"
    changes, _ = report(spec(), new)
    assert changes.breaking
    assert all(
        line.startswith("**Breaking:** ")
        and "field 'Document.pk': type changed from integer to string" in line
        for line in lines_of(changes, "Changed")
    ), changes.report()
    assert "list_documents (GET /documents/)" in lines_of(changes, "Changed")[0]


def with_enum(schema: str, values: list[str]) -> dict[str, Any]:
    document = spec()
    document["components"]["schemas"][schema]["properties"]["plan"] = {
        "type": "string",
        "enum": values,
    }
    return document


def test_an_enum_value_removed_and_one_added_are_named_in_their_sections() -> None:
    # In a request: the removed value is refused from now on (breaking), the new one is not.
    changes, _ = report(
        with_enum("SigninRequest", ["free", "pro"]), with_enum("SigninRequest", ["free", "team"])
    )
    field = "signin (POST /auth/signin/): request body field 'SigninRequest.plan'"
    assert lines_of(changes, "Removed") == [f"**Breaking:** {field}: enum value 'pro' removed"]
    assert lines_of(changes, "Added") == [f"{field}: enum value 'team' added"]
    # In a response the other way round: a typed caller must handle the new value.
    changes, _ = report(
        with_enum("Account", ["free", "pro"]), with_enum("Account", ["free", "team"])
    )
    assert lines_of(changes, "Removed") == [
        "get_account (GET /account/): response 200 field 'Account.plan': enum value 'pro' removed"
    ]
    (added,) = lines_of(changes, "Added")
    assert added.startswith("**Breaking:** get_account (GET /account/): response 200 field ")
    assert "enum value 'team' added" in added


def test_no_removal_is_listed_as_added() -> None:
    new = spec()
    del new["components"]["schemas"]["Account"]["properties"]["name"]
    new["components"]["schemas"]["Account"]["required"].remove("name")
    new["paths"]["/auth/signin/"]["post"]["responses"].pop("429", None)
    changes, _ = report(spec(), new)
    assert not lines_of(changes, "Added")
    removed = lines_of(changes, "Removed")
    assert (
        "**Breaking:** get_account (GET /account/): response 200 field 'Account.name' removed"
        in (removed)
    )
    assert any("response 429 removed" in line for line in removed), removed


def test_a_new_optional_parameter_is_added_by_name_and_type() -> None:
    new = spec()
    new["paths"]["/account/"]["get"]["parameters"] = [
        {"name": "lang", "in": "query", "required": False, "schema": {"type": "string"}}
    ]
    changes, text = report(spec(), new)
    assert changes.sections() == {
        "Added": ["get_account (GET /account/): query parameter 'lang' added (string, optional)"]
    }
    assert not re.search(r"/\d+ (added|removed|changed)", text)  # never "parameters/6 added"
    assert changes_module.next_version("0.4.2", changes) == "0.4.3"
    assert changes_module.next_version("1.4.2", changes) == "1.5.0"


def test_a_renamed_path_parameter_is_a_rename_not_a_removal() -> None:
    new = spec()
    item = new["paths"].pop("/mementos/{memento_id}/")
    (shared,) = item["parameters"]
    parameter = dict(regen._resolve(shared, new))
    parameter["name"] = "id"
    item["parameters"] = [parameter]
    new["paths"]["/mementos/{id}/"] = item
    changes, text = report(spec(), new)
    changed = lines_of(changes, "Changed")
    for operation in (
        "get_memento (GET /mementos/{id}/)",
        "delete_memento (DELETE /mementos/{id}/)",
    ):
        assert any(
            line.startswith("**Breaking:** ")
            and operation in line
            and "path parameter 'memento_id' renamed to 'id'" in line
            for line in changed
        ), changed
    assert "Removed" not in text
    assert "Added" not in text


def test_a_widened_response_breaks_typed_clients() -> None:
    new = spec()
    media = new["paths"]["/auth/verify-email/"]["post"]["responses"]["200"]["content"]
    media["application/json"]["schema"] = {
        "oneOf": [{"$ref": "#/components/schemas/Detail"}, {"type": "string"}]
    }
    changes, _ = report(spec(), new)
    assert lines_of(changes, "Changed") == [
        "**Breaking:** verify_email (POST /auth/verify-email/): response 200: widened from Detail "
        "to Detail | string: typed callers must handle the new type"
    ]
    # Narrowed back, it breaks no caller; and a request that takes more breaks none either.
    changes, _ = report(new, spec())
    assert changes.items
    assert not changes.breaking
    wider = spec()
    wider["components"]["schemas"]["SigninRequest"]["properties"]["login"] = {
        "oneOf": [{"type": "string"}, {"type": "integer"}]
    }
    changes, _ = report(spec(), wider)
    assert changes.items
    assert not changes.breaking


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ("nullable", "field 'Account.name': may now be null"),
        ("optional", "field 'Account.name' is now optional"),
        ("new success", "response 203 added: the success result type widens"),
    ],
)
def test_other_response_widenings_are_breaking(edit: str, expected: str) -> None:
    new = spec()
    account = new["components"]["schemas"]["Account"]
    if edit == "nullable":
        account["properties"]["name"]["nullable"] = True
    elif edit == "optional":
        account["required"].remove("name")
    else:
        new["paths"]["/account/"]["get"]["responses"]["203"] = {"description": "Cached."}
    changes, _ = report(spec(), new)
    assert any(expected in line for line in changes.breaking), changes.report()


def test_semver_before_and_after_one() -> None:
    breaking = changes_module.Changes([changes_module._spec_diff.Change("Removed", "x", True)])
    added = changes_module.Changes([changes_module._spec_diff.Change("Added", "x")])
    docs = changes_module.Changes([changes_module._spec_diff.Change("Changed", "x", cosmetic=True)])
    next_version = changes_module.next_version
    assert [next_version("1.4.2", c) for c in (breaking, added, docs)] == [
        "2.0.0",
        "1.5.0",
        "1.4.3",
    ]
    # Before 1.0 each moves one place down (SemVer leaves 0.x open; docs/regenerating.md says).
    assert [next_version("0.4.2", c) for c in (breaking, added, docs)] == [
        "0.5.0",
        "0.4.3",
        "0.4.3",
    ]


# -- the changelog ---------------------------------------------------------------------------


def new_operation_changes() -> Any:
    new = spec()
    new["paths"]["/widgets/"] = {
        "get": {
            "operationId": "list_widgets",
            "tags": ["account"],
            "responses": {"200": {"description": "The widgets."}},
        }
    }
    new["paths"]["/account/"]["get"]["operationId"] = "read_account"
    return changes_module.spec_changes(spec(), new)


def test_a_rerun_on_the_same_spec_adds_no_duplicate_entry(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    shutil.copy(ROOT / "CHANGELOG.md", changelog)  # [Unreleased] already has Added and Changed
    changes = new_operation_changes()
    assert changes_module.record_in_changelog(changelog, changes, None)
    once = changelog.read_text()
    assert not changes_module.record_in_changelog(changelog, changes, None)
    assert changelog.read_text() == once
    unreleased = once.split("## [Unreleased]\n", 1)[1].split("\n## ", 1)[0]
    # Keep a Changelog: one heading per section, the new lines under the existing ones.
    assert unreleased.count("### Added\n") == 1
    assert unreleased.count("### Changed\n") == 1
    assert "- list_widgets (GET /widgets/) added\n" in unreleased
    assert (
        "- **Breaking:** read_account (GET /account/): operation renamed from 'get_account'"
        in unreleased
    )
    assert set(re.findall(r"^### (\w+)", once, re.MULTILINE)) <= set(
        changes_module._spec_diff.SECTIONS
    )


def test_a_release_takes_the_unreleased_lines_and_a_rerun_leaves_it(tmp_path: Path) -> None:
    changelog = tmp_path / "CHANGELOG.md"
    changes = new_operation_changes()
    day = datetime.date(2026, 12, 6)
    assert changes_module.record_in_changelog(changelog, changes, "0.2.0", day)
    text = changelog.read_text()
    assert text.startswith("# Changelog\n")
    assert "## [Unreleased]\n\n## [0.2.0] - 2026-12-06\n\n### Added\n- list_widgets" in text
    assert not changes_module.record_in_changelog(changelog, changes, "0.3.0", day)
    assert changelog.read_text() == text


# -- --from with a spec that lint rejects ------------------------------------------------------


@pytest.fixture
def spec_sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "spec", tmp_path / "spec")
    monkeypatch.setattr(regen, "SPEC", tmp_path / "spec" / "rememberizer_openapi.yml")
    monkeypatch.setattr(regen, "GENERATED", tmp_path / "generated")
    monkeypatch.setattr(regen, "CHANGELOG", tmp_path / "CHANGELOG.md")
    return tmp_path


def test_from_prints_the_report_even_when_lint_rejects_the_spec(
    spec_sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = spec()
    new["paths"]["/account/"]["get"]["operationId"] = "read_account"
    new["paths"]["/account/"]["get"]["responses"]["418"] = {"descrption": "typo"}
    bad = spec_sandbox / "new.yml"
    bad.write_text(yaml.safe_dump(new, sort_keys=False))
    before = regen.SPEC.read_text()
    assert regen.run(["--from", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "API change report:" in captured.out
    assert "operation renamed from 'get_account' to 'read_account'" in captured.out
    assert "openapi-spec-validator" in captured.err
    assert regen.SPEC.read_text() == before
    assert not (spec_sandbox / "generated").exists()
    assert not (spec_sandbox / "CHANGELOG.md").exists()


# -- coverage per parameter --------------------------------------------------------------------


def with_query_parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    document = spec()
    document["paths"]["/documents/search/"]["get"]["parameters"].append(parameter)
    return document


def test_coverage_names_each_parameter_and_who_can_send_it() -> None:
    document = with_query_parameter({"name": "lang", "in": "query", "schema": {"type": "string"}})
    rows = coverage.parameter_coverage(
        document,
        GENERATED,
        coverage.facade_arguments(),
        coverage.typescript_arguments(coverage.typescript_source()),
    )
    by_name = {row.name: row for row in rows["search_documents"]}
    assert by_name["from"].line() == (
        "query parameter 'from': python yes (from_), facade yes, typescript yes"
    )
    # A parameter the spec gained and nobody can send yet says so, not "facade yes".
    assert by_name["lang"].line() == "query parameter 'lang': python NO, facade NO, typescript NO"
    (problem,) = coverage.missing_parameters(document, GENERATED)
    assert problem == (
        "GET /documents/search/ (search_documents): the generated function has no argument for "
        "query parameter 'lang'"
    )


def test_a_facade_call_of_an_operation_the_table_lost_fails() -> None:
    table = (GENERATED / "operations.py").read_text()
    names = coverage.facade_names()
    assert names["SEARCH_DOCUMENTS"] == "rememberizer/_async/_knowledge.py"
    assert coverage.stale_facade_names(names, table) == []
    without = re.sub(r"^SEARCH_DOCUMENTS = OperationInfo\(", "X = (", table, flags=re.MULTILINE)
    assert coverage.stale_facade_names(names, without) == [
        "rememberizer/_async/_knowledge.py calls ops.SEARCH_DOCUMENTS, which the generated "
        "operation table no longer has; remove or rename the call"
    ]


CONTENT_PARAMETER = {
    "name": "filter",
    "in": "query",
    "content": {"application/json": {"schema": {"type": "object"}}},
}


def test_a_content_parameter_is_named_as_dropped_with_the_fix() -> None:
    (problem,) = coverage.missing_parameters(with_query_parameter(CONTENT_PARAMETER), GENERATED)
    assert "query parameter 'filter' (declared with `content:`" in problem
    assert "give it a `schema:` instead" in problem


def test_a_dropped_content_parameter_fails_the_generator_run(
    spec_sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """openapi-python-client leaves it out without a warning of its own: the run must not pass."""
    new = spec_sandbox / "new.yml"
    new.write_text(yaml.safe_dump(with_query_parameter(CONTENT_PARAMETER), sort_keys=False))
    before = regen.SPEC.read_text()
    assert regen.run(["--from", str(new)]) == 1
    err = capsys.readouterr().err
    assert (
        "GET /documents/search/ (search_documents): the generated function has no argument" in err
    )
    assert "query parameter 'filter' (declared with `content:`" in err
    assert "generator-warnings.yml" in err
    assert regen.SPEC.read_text() == before
    assert not (spec_sandbox / "generated").exists()


def test_the_coverage_report_puts_each_parameter_under_its_operation() -> None:
    lines = regen.coverage_report(spec(), ROOT / "generated")
    at = lines.index(
        "  search_documents (GET /documents/search/): python yes, typescript yes, "
        "fake server yes, facade yes, typescript layer yes"
    )
    assert lines[at + 1] == "    query parameter 'q': python yes (q), facade yes, typescript yes"
    assert lines[at + 3] == (
        "    query parameter 'from': python yes (from_), facade yes, typescript yes"
    )


def test_dropping_an_operation_the_facade_calls_fails_even_when_breaking_is_allowed(
    spec_sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = spec()
    del new["paths"]["/auth/custom-logout/"]
    for group in new["components"].values():
        group.pop("ClearSessionCookies", None)  # only logout used it; Redocly says so
    new_spec = spec_sandbox / "new.yml"
    new_spec.write_text(yaml.safe_dump(new, sort_keys=False))
    before = regen.SPEC.read_text()
    assert regen.run(["--from", str(new_spec), "--allow-breaking"]) == 1
    err = capsys.readouterr().err
    assert (
        "rememberizer/_async/_resources.py calls ops.LOGOUT, which the generated operation" in err
    )
    assert regen.SPEC.read_text() == before
    assert not (spec_sandbox / "generated").exists()


def test_a_renamed_schema_is_one_line() -> None:
    new = spec()
    schemas = new["components"]["schemas"]
    schemas["Message"] = schemas.pop("Detail")
    text = yaml.safe_dump(new).replace(
        "#/components/schemas/Detail", "#/components/schemas/Message"
    )
    changes, _ = report(spec(), yaml.safe_load(text))
    assert "**Breaking:** schema 'Detail' renamed to 'Message'" in lines_of(changes, "Changed")
    assert "Removed" not in changes.sections()


def test_a_breaking_spec_stops_with_the_report_and_the_version_it_would_take(
    spec_sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = spec()
    new["components"]["schemas"]["Document"]["properties"]["pk"]["type"] = "string"
    new_spec = spec_sandbox / "new.yml"
    new_spec.write_text(yaml.safe_dump(new, sort_keys=False))
    assert regen.run(["--from", str(new_spec)]) == regen.EXIT_BREAKING
    out = capsys.readouterr().out
    assert "field 'Document.pk': type changed from integer to string" in out
    major, minor, _ = changes_module.read_version(regen.VERSION_FILE).split(".")
    expected = f"{int(major) + 1}.0.0" if major != "0" else f"0.{int(minor) + 1}.0"
    assert f"with --allow-breaking, the proposed next version: {expected}" in out
    assert not (spec_sandbox / "CHANGELOG.md").exists()
