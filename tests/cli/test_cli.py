"""The `rememberizer` command, driven as a subprocess against the fake server over loopback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from rememberizer.testing import FakeRememberizer

PASSWORD = "correct horse battery"
EMAIL = "ada@example.com"


def run(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rememberizer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def signin(cli: Cli, server: FakeRememberizer) -> None:
    """Ada signs up and in through the command."""
    signup = cli(
        "signup",
        "--email",
        EMAIL,
        "--name",
        "Ada",
        "--password-stdin",
        "--captcha-token",
        server.captcha("signup"),
        stdin=PASSWORD + "\n",
    )
    assert signup.returncode == 0, signup.stderr
    signed_in = cli(
        "signin",
        "--login",
        EMAIL,
        "--password-stdin",
        "--captcha-token",
        server.captcha("signin"),
        stdin=PASSWORD + "\n",
    )
    assert signed_in.returncode == 0, signed_in.stderr


class Cli:
    """The command, pointed at one fake server and one session file."""

    def __init__(self, server: FakeRememberizer, session: Path) -> None:
        self.server = server
        self.session = session

    def __call__(
        self, *args: str, stdin: str = "", env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return run(
            "--base-url",
            self.server.base_url,
            "--session",
            str(self.session),
            *args,
            stdin=stdin,
            env=env,
        )


@pytest.fixture
def cli(rememberizer_server: FakeRememberizer, tmp_path: Path) -> Cli:
    return Cli(rememberizer_server, tmp_path / "session.json")


def test_a_full_session_with_a_session_file(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    signup = cli(
        "signup",
        "--email",
        EMAIL,
        "--name",
        "Ada",
        "--password-stdin",
        "--captcha-token",
        rememberizer_server.captcha("signup"),
        stdin=PASSWORD + "\n",
    )
    assert signup.returncode == 0, signup.stderr
    assert EMAIL in signup.stdout
    session_file = cli.session
    assert stat.S_IMODE(session_file.stat().st_mode) == 0o600

    code = rememberizer_server.verification_code(EMAIL)
    verified = cli("verify-email", code)
    assert (verified.returncode, verified.stdout.strip()) == (0, "email verified")

    signin = cli(
        "signin",
        "--login",
        EMAIL,
        "--password-stdin",
        stdin=PASSWORD + "\n",
        env={"REMEMBERIZER_CAPTCHA": rememberizer_server.captcha("signin")},
    )
    assert signin.returncode == 0, signin.stderr

    whoami = cli("--json", "whoami")
    assert whoami.returncode == 0, whoami.stderr
    assert json.loads(whoami.stdout) == {
        "id": 1,
        "email": EMAIL,
        "name": "Ada",
        "email_verified": True,
    }

    before = json.loads(session_file.read_text())["refresh_token"]
    assert cli("refresh").returncode == 0
    assert json.loads(session_file.read_text())["refresh_token"] != before

    shown = cli("--json", "session")
    data = json.loads(shown.stdout)
    assert data["signed_in"] is True
    assert data["user_id"] == "1"
    tokens = json.loads(session_file.read_text())
    for output in (shown.stdout, cli("session").stdout):
        assert tokens["access_token"] not in output
        assert tokens["refresh_token"] not in output

    assert cli("logout").returncode == 0
    assert not session_file.exists()
    after = cli("whoami")
    assert after.returncode == 3
    assert after.stderr == "rememberizer: Not signed in: run `rememberizer signin`.\n"
    assert len(after.stderr.strip().splitlines()) == 1
    for result in (signup, signin, whoami, shown):
        assert PASSWORD not in result.stdout + result.stderr


def test_usage_errors_exit_2(cli: Cli) -> None:
    assert cli("--no-such-option").returncode == 2
    assert cli("signin").returncode == 2  # --login is required
    empty = cli("signin", "--login", EMAIL, "--password-stdin", "--captcha-token", "x", stdin="")
    assert empty.returncode == 2


def test_wrong_credentials_and_bad_captcha_exit_3(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    wrong = cli(
        "signin",
        "--login",
        EMAIL,
        "--password-stdin",
        "--captcha-token",
        rememberizer_server.captcha("signin"),
        stdin="wrong\n",
    )
    assert wrong.returncode == 3
    bad_captcha = cli(
        "signin",
        "--login",
        EMAIL,
        "--password-stdin",
        "--captcha-token",
        "forged",
        stdin=PASSWORD + "\n",
    )
    assert bad_captcha.returncode == 3
    assert "refused the reCAPTCHA token" in bad_captcha.stderr


def test_an_unreachable_server_exits_4(tmp_path: Path, refused_port: int) -> None:
    port = refused_port
    result = run(
        "--base-url",
        f"http://127.0.0.1:{port}/api/v1",
        "--session",
        str(tmp_path / "s.json"),
        "refresh",
    )
    assert result.returncode == 3
    assert result.stderr.startswith("rememberizer: Not signed in")
    result = run(
        "--base-url",
        f"http://127.0.0.1:{port}/api/v1",
        "--session",
        str(tmp_path / "s.json"),
        "signin",
        "--login",
        EMAIL,
        "--password-stdin",
        "--captcha-token",
        "token",
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 4
    assert result.stderr.startswith(
        f"rememberizer: Cannot reach the API at http://127.0.0.1:{port}"
    )


def test_a_server_error_exits_5(cli: Cli, rememberizer_server: FakeRememberizer) -> None:
    rememberizer_server.inject_fault("/auth/custom-logout/", status=500, times=5, retry_after=0)
    rememberizer_server.inject_fault("/me/", status=500, times=5, retry_after=0)
    signin(cli, rememberizer_server)
    result = cli("whoami")
    assert result.returncode == 5
    assert result.stderr.startswith("rememberizer: The server failed (HTTP 500")
    assert result.stderr.rstrip().endswith("try again later.")


def test_help_for_every_command_and_the_version() -> None:
    commands = [
        "signup",
        "signin",
        "verify-email",
        "whoami",
        "refresh",
        "logout",
        "session",
        "demo",
        "fake-server",
    ]
    top = run("--help")
    assert top.returncode == 0
    for command in commands:
        assert command in top.stdout
        helped = run(command, "--help")
        assert helped.returncode == 0, command
        assert "Usage:" in helped.stdout
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.startswith("rememberizer, version ")


def test_the_password_never_comes_from_argv() -> None:
    helped = run("signin", "--help").stdout + run("signup", "--help").stdout
    assert "--password " not in helped
    assert "--password-stdin" in helped


def test_the_demo_runs_and_reads_well_when_piped() -> None:
    result = run("demo")
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout
    for expected in (
        "Sign up as",
        "verify",
        "Sign in",
        "1 refresh",
        "Sign out",
        "AuthenticationError",
    ):
        assert expected in result.stdout
