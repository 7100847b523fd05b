"""The knowledge commands, as a subprocess against the fake server over loopback."""

from __future__ import annotations

import json
from pathlib import Path

import httpx2
import pytest

from rememberizer.testing import FakeRememberizer

from .test_cli import EMAIL, Cli, run, signin


@pytest.fixture
def cli(rememberizer_server: FakeRememberizer, tmp_path: Path) -> Cli:
    return Cli(rememberizer_server, tmp_path / "session.json")


def seed(server: FakeRememberizer, name: str, text: str, when: str = "2024-05-01T00:00:00Z") -> int:
    body = {"email": EMAIL, "name": name, "integration_type": "gmail", "time": when, "text": text}
    response = httpx2.post(f"{server.root_url}/_testing/documents", json=body)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_search_memorize_read_and_documents(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    signin(cli, rememberizer_server)
    old = seed(rememberizer_server, "old mail", "the heron at dawn", "2020-01-01T00:00:00Z")
    memorized = cli("memorize", "notes", stdin="the heron fishes at noon\n")
    assert memorized.returncode == 0, memorized.stderr
    # The API answers memorize with no document (201 and no body, as its docs show).
    assert memorized.stdout == "memorized 'notes'\n"
    table = cli("search", "heron", "-n", "5")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["DISTANCE", "ID", "DOCUMENT", "MATCH"]
    assert len(lines) == 3
    found = json.loads(cli("search", "heron", "--from", "2024-01-01T00:00:00Z", "--json").stdout)
    assert [c["document"]["name"] for c in found["matched_chunks"]] == ["notes"]
    until = json.loads(cli("--json", "search", "heron", "--to", "2021-01-01T00:00:00+00:00").stdout)
    assert [c["document"]["id"] for c in until["matched_chunks"]] == [old]
    assert cli("memorize", "long", "--json", stdin="word " * 2000).returncode == 0
    listing = cli("documents", "--json").stdout.splitlines()
    doc_id = next(d["pk"] for d in map(json.loads, listing) if d["name"] == "long")
    read = cli("read", str(doc_id))
    assert read.returncode == 0
    assert read.stdout == "word " * 2000 + "\n"
    unknown = cli("read", "999999")
    assert unknown.returncode == 2
    assert "check the id; `rememberizer documents` lists them." in unknown.stderr
    listed = cli("documents", "--page-size", "1")
    rows = listed.stdout.splitlines()
    assert rows[0].split() == ["ID", "INTEGRATION", "NAME"]  # one header, then a row a page
    assert [row.split()[0] for row in rows[1:]] == [str(old), str(doc_id - 1), str(doc_id)]
    assert "3 documents" in listed.stderr
    lines = cli("documents", "--json", "--integration", "memorize").stdout.splitlines()
    assert [json.loads(line)["name"] for line in lines] == ["notes", "long"]


def test_an_api_key_works_where_the_api_allows_it(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    signin(cli, rememberizer_server)
    seed(rememberizer_server, "mail", "the otter holds hands")
    response = httpx2.post(
        f"{rememberizer_server.root_url}/_testing/api-keys", json={"email": EMAIL}
    )
    key = response.json()["api_key"]
    assert cli("logout").returncode == 0
    by_stdin = cli("search", "otter", "--api-key-stdin", stdin=key + "\n")
    assert by_stdin.returncode == 0, by_stdin.stderr
    assert "mail" in by_stdin.stdout
    by_env = cli("memorize", "note", env={"REMEMBERIZER_API_KEY": key}, stdin="otters\n")
    assert by_env.returncode == 0, by_env.stderr
    # The key first, then the text, on the one standard input.
    both = cli("memorize", "dam", "--api-key-stdin", "--json", stdin=f"{key}\nbeavers\n")
    assert both.returncode == 0, both.stderr
    # The memorize answer names no document (S7); the listing gives its id.
    listed = cli("documents", "--api-key-stdin", "--json", stdin=key + "\n")
    (doc,) = [d for d in map(json.loads, listed.stdout.splitlines()) if d["name"] == "dam"]
    read = cli("read", str(doc.get("pk", doc["id"])), "--api-key-stdin", stdin=key)
    assert read.stdout == "beavers\n\n"
    refused = cli("mementos", "list", env={"REMEMBERIZER_API_KEY": key})
    assert refused.returncode == 3
    assert refused.stderr == "rememberizer: Not signed in: run `rememberizer signin`.\n"
    bad = cli("search", "otter", "--api-key-stdin", "--json", stdin="rk_wrong\n")
    assert bad.returncode == 3
    error = json.loads(bad.stderr)["error"]
    assert error["type"] == "AuthenticationError"
    assert "refused the API key" in error["message"]
    assert "rk_wrong" not in bad.stderr
    assert key not in by_stdin.stdout + by_stdin.stderr


def test_a_key_on_the_command_line_is_refused_before_it_is_used(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    """`--api-key KEY` would sit in `ps` and the shell history: refused, with the ways that
    do not, and nothing is sent."""
    rememberizer_server.clear_requests()
    for command in (["search", "otter"], ["documents"], ["read", "1"], ["memorize", "n"]):
        refused = cli(*command, "--api-key", "rk_secret", stdin="text\n")
        assert refused.returncode == 2
        assert refused.stderr == (
            "rememberizer: --api-key is refused: a key on the command line shows in `ps` and "
            "in your shell history. Instead, set REMEMBERIZER_API_KEY, or pass --api-key-stdin "
            "and write the key on standard input.\n"
        )
        assert "rk_secret" not in refused.stdout + refused.stderr
    assert rememberizer_server.requests() == []
    assert "--api-key " not in cli("search", "--help").stdout


def test_mementos(cli: Cli, rememberizer_server: FakeRememberizer) -> None:
    signin(cli, rememberizer_server)
    created = json.loads(cli("mementos", "create", "Trip", "--json").stdout)
    shown = cli("mementos", "show", str(created["id"]))
    assert shown.stdout.startswith(f"memento {created['id']} 'Trip'")
    listed = cli("mementos", "list").stdout.splitlines()
    assert listed[0].split() == ["ID", "NAME", "DOCUMENTS", "FOLDERS"]
    assert listed[1].split()[:2] == [str(created["id"]), "Trip"]
    assert cli("mementos", "delete", str(created["id"])).returncode == 0
    gone = cli("mementos", "show", str(created["id"]), "--json")
    assert gone.returncode == 2  # the id is wrong, not the server: retrying would not help
    assert json.loads(gone.stderr)["error"]["status"] == 404
    missing = cli("mementos", "show", str(created["id"]))
    assert "check the id; `rememberizer mementos list` lists them." in missing.stderr
    assert json.loads(cli("mementos", "list", "--json").stdout) == {"mementos": []}


def test_bad_input_exits_2_before_sending(cli: Cli, rememberizer_server: FakeRememberizer) -> None:
    signin(cli, rememberizer_server)
    rememberizer_server.clear_requests()
    naive = cli("search", "x", "--from", "2024-01-01T00:00:00")
    assert naive.returncode == 2
    assert "offset" in naive.stderr
    too_many = cli("search", "x", "-n", "500")
    assert too_many.returncode == 2
    assert "n must be at least 1 and at most 100" in too_many.stderr
    assert cli("read", "0").returncode == 2
    assert rememberizer_server.requests() == []


def test_help_lists_the_knowledge_commands() -> None:
    top = run("--help").stdout
    for name in ("search", "memorize", "documents", "read", "mementos"):
        assert name in top
        assert run(name, "--help").returncode == 0
    for sub in ("list", "create", "show", "delete"):
        assert run("mementos", sub, "--help").returncode == 0
