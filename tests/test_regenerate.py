"""scripts/regenerate: deterministic output, drift detection, safe failure, the change report."""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import shutil
import socket
import sys
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


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for name, content in sorted(regen.tree_files(folder).items()):
        digest.update(name.encode() + b"\0" + content + b"\0")
    return digest.hexdigest()


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
    return tmp_path


def test_two_runs_give_the_same_tree(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    regen.generate(regen.SPEC, first)
    regen.generate(regen.SPEC, second)
    assert tree_hash(first) == tree_hash(second)
    assert (first / "rememberizer_api" / "py.typed").exists()
    assert not list(first.rglob(".ruff_cache"))
    # ...and the same tree as the committed one.
    assert tree_hash(first) == tree_hash(ROOT / "generated")


def test_check_passes_on_the_committed_tree(sandbox: Path) -> None:
    assert regen.run(["--check"]) == 0


@pytest.mark.parametrize("file", ["rememberizer_api/client.py", "typescript/schema.ts"])
def test_check_catches_a_hand_edit(
    sandbox: Path, capsys: pytest.CaptureFixture[str], file: str
) -> None:
    edited = sandbox / "generated" / file
    edited.write_text(edited.read_text() + "\n// edited by hand\n")
    assert regen.run(["--check"]) == 1
    out = capsys.readouterr().out
    assert f"a/generated/{file}" in out
    assert "-// edited by hand" in out


def test_check_catches_a_spec_edit_that_was_not_regenerated(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec_file = sandbox / "spec" / "rememberizer_openapi.yml"
    spec_file.write_text(spec_file.read_text().replace("summary: Sign in", "summary: Log in"))
    assert regen.run(["--check"]) == 1
    assert '+    """Log in' in capsys.readouterr().out


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


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
    sandbox: Path, capsys: pytest.CaptureFixture[str], kind: str, content: str | None
) -> None:
    before = (tree_hash(sandbox / "spec"), tree_hash(sandbox / "generated"))
    if kind == "unreachable url":
        source = f"http://127.0.0.1:{closed_port()}/openapi.yml"
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


def test_from_a_path_pulls_the_spec_and_reports_the_change(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = yaml.safe_load((sandbox / "spec" / "rememberizer_openapi.yml").read_text())
    document["paths"]["/auth/signin/"]["post"]["summary"] = "Sign in with a password"
    document["paths"]["/auth/signin/"]["post"]["responses"]["418"] = {"description": "teapot"}
    new_spec = sandbox / "new.yml"
    new_spec.write_text(yaml.safe_dump(document, sort_keys=False))
    assert regen.run(["--from", str(new_spec)]) == 0
    out = capsys.readouterr().out
    assert "changed: signin (POST /auth/signin/): responses" in out
    assert (sandbox / "spec" / "rememberizer_openapi.yml").read_text() == new_spec.read_text()
    signin = (sandbox / "generated" / "rememberizer_api" / "api" / "auth" / "signin.py").read_text()
    assert "response.status_code == 418" in signin
    assert regen.run(["--check"]) == 0


def fixture_specs() -> tuple[dict[str, Any], dict[str, Any]]:
    old = yaml.safe_load((ROOT / "spec" / "rememberizer_openapi.yml").read_text())
    new = copy.deepcopy(old)
    del new["paths"]["/auth/custom-logout/"]
    new["paths"]["/widgets/"] = {
        "get": {
            "operationId": "list_widgets",
            "tags": ["account"],
            "summary": "List widgets",
            "description": "Lists widgets.",
            "security": [],
            "responses": {"200": {"description": "ok"}},
        }
    }
    new["paths"]["/auth/verify-email/"]["post"]["parameters"] = [
        {"name": "lang", "in": "query", "schema": {"type": "string"}}
    ]
    # A change to a shared schema shows on every operation that uses it.
    new["components"]["schemas"]["Account"]["properties"]["plan"] = {"type": "string"}
    return old, new


def test_the_change_report_names_added_removed_and_changed_operations() -> None:
    old, new = fixture_specs()
    lines = regen.change_report(old, new, wrapped={"signup", "signin"})
    assert "  added:   list_widgets (GET /widgets/)" in lines
    assert "  removed: logout (POST /auth/custom-logout/)" in lines
    assert "  changed: verify_email (POST /auth/verify-email/): parameters" in lines
    assert "  changed: get_account (GET /account/): responses" in lines
    assert not any("get_me" in line for line in lines[:-1])
    unwrapped = lines[-1]
    assert unwrapped.startswith("  not wrapped by the facade yet: ")
    assert "list_widgets" in unwrapped
    assert "signin" not in unwrapped


def test_the_change_report_is_empty_when_nothing_changed() -> None:
    old, _ = fixture_specs()
    assert regen.change_report(old, copy.deepcopy(old), wrapped=()) == []
