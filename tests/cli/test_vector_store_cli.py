"""`rememberizer vector-store`, driven as a subprocess against the fake server over loopback."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx2
import pytest

from rememberizer.testing import FakeRememberizer

ENV_KEY = "REMEMBERIZER_VECTOR_STORE_API_KEY"


class StoreCli:
    """The command, pointed at one fake server and one vector store."""

    def __init__(self, server: FakeRememberizer) -> None:
        self.server = server
        response = httpx2.post(f"{server.root_url}/_testing/vector-stores", json={"name": "cli"})
        self.store: dict[str, Any] = response.raise_for_status().json()

    def env(self, key: str | None = None) -> dict[str, str]:
        return {**os.environ, ENV_KEY: key or self.store["key"]}

    def __call__(
        self, *args: str, key: str | None = None, stdin: str = ""
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "rememberizer",
                "vector-store",
                *args,
                "--base-url",
                self.server.base_url,
            ],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            env=self.env(key),
        )

    def fail_files(self, *names: str) -> None:
        httpx2.post(
            f"{self.server.root_url}/_testing/vector-stores/faults",
            json={"files": list(names), "times": 10, "error": "Cannot read this file."},
        ).raise_for_status()


@pytest.fixture
def vs(rememberizer_server: FakeRememberizer) -> StoreCli:
    return StoreCli(rememberizer_server)


def tree(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    (folder / "deep").mkdir(parents=True)
    (folder / "a.md").write_text("Alpha notes about the launch checklist.")
    (folder / "deep" / "b.md").write_text("Beta notes about vector search.")
    (folder / "deep" / "skip.txt").write_text("not markdown")
    return folder


def test_info_ls_upload_search_rename_rm(vs: StoreCli, tmp_path: Path) -> None:
    info = vs("info", "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["id"] == vs.store["id"]

    uploaded = vs("upload", str(tree(tmp_path)), "--glob", "*.md")
    assert uploaded.returncode == 0, uploaded.stderr
    assert "Stored 2 of 2 files." in uploaded.stdout
    assert "[1/2]" in uploaded.stderr  # plain lines when stderr is not a terminal
    assert "[2/2]" in uploaded.stderr

    listed = json.loads(vs("ls", "--json").stdout)
    assert sorted(d["name"] for d in listed) == ["a.md", "b.md"]
    beta = next(d for d in listed if d["name"] == "b.md")

    found = vs("search", "vector search", "--json")
    assert json.loads(found.stdout)["matched_chunks"][0]["document"]["id"] == beta["id"]
    assert "b.md" in vs("search", "vector search").stdout

    renamed = vs("rename", str(beta["id"]), "beta.md")
    assert renamed.returncode == 0, renamed.stderr
    assert vs("rm", str(beta["id"])).returncode == 0
    assert "beta.md" not in vs("ls").stdout


def test_a_partial_upload_exits_6_and_says_why(vs: StoreCli, tmp_path: Path) -> None:
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("fine")
    bad.write_text("broken")
    vs.fail_files("bad.txt")
    result = vs("upload", str(good), str(bad))
    assert result.returncode == 6, result.stderr
    assert "Stored 1 of 2 files." in result.stdout
    assert "bad.txt: Cannot read this file." in result.stdout

    as_json = vs("upload", str(bad), "--json")
    assert as_json.returncode == 6
    body = json.loads(as_json.stdout)
    assert (body["stored"], body["errors"][0]["file"]) == (0, "bad.txt")


def test_an_unknown_document_is_a_usage_error_that_points_at_ls(vs: StoreCli) -> None:
    # A 404 is the id the user typed, not a server failure: "try again later" would mislead.
    for args in (("rm", "9999"), ("rename", "9999", "new.md")):
        human = vs(*args)
        assert human.returncode == 2, human.stderr
        assert "Not found (HTTP 404" in human.stderr
        assert "`rememberizer vector-store ls` lists the store's documents." in human.stderr
        assert "try again later" not in human.stderr
    error = json.loads(vs("rm", "9999", "--json").stderr)["error"]
    assert (error["type"], error["status"]) == ("NotFoundError", 404)


def test_the_store_commands_offer_no_session_file(vs: StoreCli) -> None:
    # A store is reached with its key alone: a --session option would only mislead.
    for args in (("--help",), ("ls", "--help"), ("upload", "--help")):
        shown = vs(*args)
        assert shown.returncode == 0, shown.stderr
        assert "--api-key-stdin" in shown.stdout or args == ("--help",)
        assert "--session" not in shown.stdout


def test_a_bad_or_missing_key_is_explained_without_the_key(vs: StoreCli) -> None:
    secret = "vs-wrong-key-for-the-cli"
    refused = vs("ls", key=secret)
    assert refused.returncode == 3
    assert "refused the vector store key" in refused.stderr
    assert secret not in refused.stderr + refused.stdout
    from_stdin = vs("info", "--api-key-stdin", stdin=vs.store["key"] + "\n", key=secret)
    assert from_stdin.returncode == 0, from_stdin.stderr


def test_the_progress_bar_on_a_terminal(vs: StoreCli, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"  # a documented format (spec x-source S16)
    with big.open("wb") as f:
        f.write(b"some text\n")
        f.truncate(8 * 1024 * 1024)
    main, other = pty.openpty()
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "rememberizer",
                "vector-store",
                "upload",
                str(big),
                "--base-url",
                vs.server.base_url,
            ],
            stdout=subprocess.PIPE,
            stderr=other,
            timeout=60,
            env={**vs.env(), "COLUMNS": "120", "TERM": "xterm"},
        )
        os.close(other)
        other = -1
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
        if other != -1:
            os.close(other)
    assert done.returncode == 0
    text = shown.decode("utf-8", "replace")
    assert "1/1 files" in text
    assert "8.4 MB" in text  # the bar counts bytes (rich shows decimal units)
    assert b"Stored 1 of 1 files." in done.stdout
