"""What an attacker tried through the command (issue 23) and the messages that misled (issue 26):
each test shows the attack or the trap failing."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import httpx2
import pytest

from rememberizer.testing import FakeRememberizer

from .test_cli import EMAIL, PASSWORD, Cli, run, signin
from .test_knowledge_cli import seed
from .test_vector_store_cli import StoreCli

# An OSC 52 clipboard write, a screen clear, a window title, a carriage return that overwrites
# the line, an 8-bit CSI and a right-to-left override: what a terminal would act on.
HOSTILE = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b]0;pwned\x07\r\x9b31m\u202egnp.exe"
SHOWN = "\\x1b]52;c;cm0gLXJmIH4=\\x07\\x1b[2J\\x1b]0;pwned\\x07\\r\\x9b31m\\u202egnp.exe"


@pytest.fixture
def cli(rememberizer_server: FakeRememberizer, tmp_path: Path) -> Cli:
    return Cli(rememberizer_server, tmp_path / "session.json")


def _acted_on(text: str) -> list[str]:
    """The characters of `text` a terminal would act on rather than show."""
    return [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F] + [
        c for c in text if c == "\u202e"
    ]


def test_server_text_cannot_drive_the_terminal(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    signin(cli, rememberizer_server)
    doc = seed(rememberizer_server, f"report {HOSTILE}", f"quarterly heron {HOSTILE} figures")
    assert cli("mementos", "create", f"trip {HOSTILE}").returncode == 0
    for args in (["documents"], ["search", "heron"], ["read", str(doc)], ["mementos", "list"]):
        shown = cli(*args)
        assert shown.returncode == 0, shown.stderr
        assert _acted_on(shown.stdout + shown.stderr) == [], args
    assert SHOWN in cli("read", str(doc)).stdout  # shown, escaped, rather than dropped
    # --json stays exact: the same characters, as JSON escapes.
    exact = json.loads(cli("read", str(doc), "--json").stdout)
    assert exact["content"].split() == ["quarterly", "heron", *HOSTILE.split(), "figures"]
    # The server's errors too.
    rememberizer_server.inject_fault("/me/", status=500, body={"detail": f"down {HOSTILE}"})
    failed = cli("whoami")
    assert failed.returncode == 5
    assert _acted_on(failed.stderr) == []
    assert SHOWN in failed.stderr


@pytest.mark.parametrize("brk", ["\n", "\r", "\u2028"])
def test_a_name_cannot_forge_a_row_of_a_table(
    cli: Cli, rememberizer_server: FakeRememberizer, brk: str
) -> None:
    # A line break in a name would start a line of its own: a row the server never sent.
    signin(cli, rememberizer_server)
    seed(rememberizer_server, f"notes{brk}99  memorize     payroll.xlsx", "heron figures")
    for args in (["documents"], ["search", "heron"]):
        shown = cli(*args)
        assert shown.returncode == 0, shown.stderr
        assert len(shown.stdout.splitlines()) == 2, shown.stdout  # the header and one row


def test_a_vector_store_cannot_drive_the_terminal(
    rememberizer_server: FakeRememberizer, tmp_path: Path
) -> None:
    vs = StoreCli(rememberizer_server)
    httpx2.post(
        f"{rememberizer_server.root_url}/_testing/vector-stores/faults",
        json={"files": ["bad.md"], "error": f"refused {HOSTILE}", "times": 10},
    ).raise_for_status()
    (tmp_path / "bad.md").write_text("bad")
    (tmp_path / "good.md").write_text("the heron of the store")
    upload = vs("upload", str(tmp_path / "bad.md"), str(tmp_path / "good.md"))
    assert upload.returncode == 6
    assert _acted_on(upload.stdout + upload.stderr) == []
    assert f"bad.md: refused {SHOWN}" in upload.stdout
    (doc,) = json.loads(vs("ls", "--json").stdout)
    assert vs("rename", str(doc["id"]), f"name {HOSTILE}").returncode == 0
    for args in (["ls"], ["search", "heron"], ["info"]):
        shown = vs(*args)
        assert shown.returncode == 0, shown.stderr
        assert _acted_on(shown.stdout + shown.stderr) == [], args
    (renamed,) = json.loads(vs("ls", "--json").stdout)
    assert renamed["name"] == f"name {HOSTILE}"


def test_a_folder_upload_skips_links_that_leave_the_folder(
    rememberizer_server: FakeRememberizer, tmp_path: Path
) -> None:
    vs = StoreCli(rememberizer_server)
    secret = tmp_path / "home" / ".aws" / "credentials"
    secret.parent.mkdir(parents=True)
    secret.write_text("aws_secret_access_key = hunter2")
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "docs" / "readme.md").write_text("the project")
    (repo / "creds.md").symlink_to(secret)  # a link to a file outside
    (repo / "aws").symlink_to(secret.parent, target_is_directory=True)  # to a folder outside
    (repo / "same.md").symlink_to(repo / "docs" / "readme.md")  # inside: followed
    uploaded = vs("upload", str(repo))
    assert uploaded.returncode == 0, uploaded.stderr
    assert f"Skipped {repo / 'creds.md'}: a link to a file outside the folder." in uploaded.stderr
    assert "Stored 2 of 2 files." in uploaded.stdout
    names = sorted(d["name"] for d in json.loads(vs("ls", "--json").stdout))
    assert names == ["readme.md", "same.md"]
    contents = json.dumps(json.loads(vs("search", "hunter2", "--json").stdout))
    assert "hunter2" not in contents
    as_json = json.loads(vs("upload", str(repo), "--json").stdout)
    assert str(repo / "creds.md") in as_json["skipped"]
    # A link named on the command line is the user's own choice, and is followed.
    assert vs("upload", str(repo / "creds.md")).returncode == 0


def test_a_password_in_the_base_url_never_reaches_an_error(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://ada:s3cr%3At@127.0.0.1:{port}/api/v1"
    args = ["--base-url", url, "--session", str(tmp_path / "s.json"), "signin", "--login", EMAIL]
    for extra in ([], ["--json"]):
        failed = run(*args, "--password-stdin", "--captcha-token", "t", *extra, stdin="pw\n")
        assert failed.returncode == 4
        assert "Cannot reach the API at http://127.0.0.1:" in failed.stderr
        assert "s3cr" not in failed.stderr
        assert "ada:" not in failed.stderr


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"access_token": "\xff\xfe"}', "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_a_session_file_that_is_not_utf8_or_too_deep_is_named(
    cli: Cli, content: bytes, problem: str
) -> None:
    cli.session.write_bytes(content)
    for command in ("session", "whoami"):
        shown = cli(command)
        assert shown.returncode == 3
        assert "Traceback" not in shown.stderr
        assert shown.stderr == (
            f"rememberizer: The session file {cli.session} is unreadable (not a saved session: "
            f"{problem}): delete it (rm '{cli.session}') and run `rememberizer signin`.\n"
        )


def test_another_base_url_says_no_session_is_kept_for_it(
    cli: Cli, rememberizer_server: FakeRememberizer, tmp_path: Path
) -> None:
    config = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    base = rememberizer_server.base_url
    token = rememberizer_server.captcha("signup")
    signup = run(
        "--base-url", base, "signup", "--email", EMAIL, "--name", "Ada", "--password-stdin",
        "--captcha-token", token, stdin=PASSWORD + "\n", env=config,
    )  # fmt: skip
    assert signup.returncode == 0, signup.stderr
    assert run("--base-url", base, "whoami", env=config).returncode == 0
    other = base.replace("127.0.0.1", "localhost")
    elsewhere = run("--base-url", other, "whoami", env=config)
    assert elsewhere.returncode == 3
    assert elsewhere.stderr == (
        f"rememberizer: Not signed in: no session is kept for {other}: run "
        f"`rememberizer --base-url {other} signin`.\n"
    )


def test_a_403_keeps_the_servers_words(cli: Cli, rememberizer_server: FakeRememberizer) -> None:
    signin(cli, rememberizer_server)
    body = {"detail": "Your plan does not include this.", "code": "permission_denied"}
    rememberizer_server.inject_fault("/me/", status=403, body=body)
    refused = cli("whoami")
    assert refused.returncode == 3
    assert refused.stderr == (
        "rememberizer: The server refused access (HTTP 403: Your plan does not include this).\n"
    )


def test_a_malformed_verification_code_is_refused_before_it_is_sent(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    signin(cli, rememberizer_server)
    rememberizer_server.clear_requests()
    for code in ("abc", "12345", "1234567", "12 345"):
        refused = cli("verify-email", code)
        assert refused.returncode == 2
        assert refused.stderr == (
            "rememberizer: code must be the six digits from the verification email.\n"
        )
    assert rememberizer_server.requests() == []
