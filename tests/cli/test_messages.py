"""Every error the command reports says what to do next, with its exit code, as text and JSON."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

import pytest

from rememberizer.testing import FakeRememberizer

from .test_cli import EMAIL, PASSWORD, Cli, run, signin


@pytest.fixture
def cli(rememberizer_server: FakeRememberizer, tmp_path: Path) -> Cli:
    return Cli(rememberizer_server, tmp_path / "session.json")


def both(
    cli: Cli, *args: str, stdin: str = ""
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """The command as text, then with --json after the subcommand: the same error twice."""
    human = cli(*args, stdin=stdin)
    machine = cli(*args, "--json", stdin=stdin)
    assert human.returncode == machine.returncode
    assert machine.stdout == ""
    error = json.loads(machine.stderr)["error"]
    assert set(error) == {"type", "message", "status"}
    assert human.stderr == f"rememberizer: {error['message']}\n"
    return human, error


def test_not_signed_in(cli: Cli) -> None:
    for command in ("whoami", "refresh"):
        human, error = both(cli, command)
        assert human.returncode == 3
        assert error == {
            "type": "NotSignedIn",
            "message": "Not signed in: run `rememberizer signin`.",
            "status": None,
        }
    assert "run `rememberizer signin`" in cli("session").stdout


def test_an_email_already_taken_says_so(cli: Cli, rememberizer_server: FakeRememberizer) -> None:
    signin(cli, rememberizer_server)
    taken = cli(
        "signup",
        "--email",
        EMAIL,
        "--name",
        "Ada",
        "--password-stdin",
        "--captcha-token",
        "-",
        stdin=f"{PASSWORD}\n{rememberizer_server.captcha('signup')}\n",
    )
    assert taken.returncode == 3
    assert taken.stderr == (
        "rememberizer: An account with this email address already exists: sign in with "
        "`rememberizer signin --login EMAIL`, or sign up with another address.\n"
    )
    as_json = cli(
        "--json",
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
    assert json.loads(as_json.stderr)["error"]["type"] == "BadRequestError"
    assert json.loads(as_json.stderr)["error"]["status"] == 400
    assert PASSWORD not in taken.stderr + as_json.stderr


def test_a_corrupt_session_file_is_named_with_the_fix(cli: Cli) -> None:
    cli.session.write_text("{not json")
    human, error = both(cli, "whoami")
    assert human.returncode == 3
    assert error["type"] == "SessionFileError"
    assert error["message"] == (
        f"The session file {cli.session} is unreadable (not a saved session: corrupt or not "
        f"JSON): delete it (rm '{cli.session}') and run `rememberizer signin`."
    )


def test_a_429_says_how_long_to_wait(cli: Cli, rememberizer_server: FakeRememberizer) -> None:
    signin(cli, rememberizer_server)
    rememberizer_server.inject_fault("/me/", status=429, retry_after=120, times=2)
    human, error = both(cli, "whoami")
    assert human.returncode == 5
    assert error == {
        "type": "RateLimitError",
        "message": "Too many requests: wait 120 seconds, then try again.",
        "status": 429,
    }


def test_plain_http_points_at_the_option_that_exists(tmp_path: Path) -> None:
    args = ["--base-url", "http://rememberizer.example/api/v1", "--session", str(tmp_path / "s")]
    refused = run(*args, "session")
    assert refused.returncode == 2
    assert "pass --allow-insecure-http." in refused.stderr
    machine = run(*args, "session", "--json")
    assert json.loads(machine.stderr)["error"]["type"] == "InvalidRequestError"
    # The option exists, before or after the subcommand; `session` sends nothing.
    assert run(*args, "--allow-insecure-http", "session").returncode == 0
    assert run(*args, "session", "--allow-insecure-http").returncode == 0


def test_wrong_password_and_refused_captcha(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    signin(cli, rememberizer_server)
    wrong = cli(
        "signin",
        "--login",
        EMAIL,
        "--password-stdin",
        "--captcha-token",
        rememberizer_server.captcha("signin"),
        "--json",
        stdin="not the password\n",
    )
    assert wrong.returncode == 3
    assert json.loads(wrong.stderr)["error"] == {
        "type": "AuthenticationError",
        "message": "Wrong email or password: check them and run `rememberizer signin` again.",
        "status": 401,
    }
    forged = cli(
        "signin", "--login", EMAIL, "--password-stdin", "--captcha-token", "forged",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert forged.returncode == 3
    assert "get a fresh one and try again" in forged.stderr
    assert "forged" not in forged.stderr


def _answer_on_a_terminal(cli: Cli, args: list[str], answers: list[tuple[str, str]]) -> str:
    """Run the command on a pseudo-terminal that is its controlling terminal, as a person's
    shell is; write each answer once its prompt shows; what the terminal showed."""
    leader, follower = pty.openpty()

    def own_terminal() -> None:  # in the child: a new session whose terminal this is
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "rememberizer", "--base-url", cli.server.base_url,
         "--session", str(cli.session), *args],
        stdin=follower, stdout=follower, stderr=follower, preexec_fn=own_terminal,
    )  # fmt: skip
    os.close(follower)
    shown = _read_terminal(leader, answers)
    assert process.wait(timeout=60) == 0, shown
    return shown


def test_the_captcha_prompt_explains_the_token_and_hides_it(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    signin(cli, rememberizer_server)
    token = rememberizer_server.captcha("signin")
    shown = _answer_on_a_terminal(
        cli,
        ["signin", "--login", EMAIL],
        [("Password:", PASSWORD), ("reCAPTCHA token for signin:", token)],
    )
    assert "A token is what Google's reCAPTCHA widget returns" in shown
    assert "Rememberizer asks for a reCAPTCHA token when you sign in." in shown
    assert "for the action `signin`" in shown
    assert "--captcha-token - (read from standard input)" in shown
    assert "signed in as user" in shown
    # The terminal did not echo the token, nor the password.
    assert token not in shown
    assert PASSWORD not in shown


def test_without_a_token_or_a_terminal_signup_says_what_to_pass(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    rememberizer_server.clear_requests()
    for command in (["signup", "--email", EMAIL, "--name", "Ada"], ["signin", "--login", EMAIL]):
        human, error = both(cli, *command, "--password-stdin", stdin=PASSWORD + "\n")
        assert human.returncode == 2  # usage: what to pass, not a failed attempt
        action = "sign up" if command[0] == "signup" else "sign in"
        assert error == {
            "type": "UsageError",
            "message": f"No reCAPTCHA token to {action} with, and no terminal to ask for one. "
            "Pass it with --captcha-token TOKEN, --captcha-token - (read from standard input) "
            "or REMEMBERIZER_CAPTCHA.",
            "status": None,
        }
        assert "Rememberizer asks" not in human.stderr  # no prompt, no explanation of one
    assert rememberizer_server.requests() == []


def test_captcha_token_dash_reads_stdin(cli: Cli, rememberizer_server: FakeRememberizer) -> None:
    signin(cli, rememberizer_server)
    token = rememberizer_server.captcha("signin")
    piped = cli(
        "signin", "--login", EMAIL, "--password-stdin", "--captcha-token", "-",
        stdin=f"{PASSWORD}\n{token}\n",
    )  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
    missing = cli(
        "signin", "--login", EMAIL, "--password-stdin", "--captcha-token", "-",
        stdin=f"{PASSWORD}\n",
    )  # fmt: skip
    assert missing.returncode == 2
    assert "No reCAPTCHA token (--captcha-token -) on standard input." in missing.stderr


def test_whoami_json_after_the_subcommand(cli: Cli, rememberizer_server: FakeRememberizer) -> None:
    signin(cli, rememberizer_server)
    for args in (("whoami", "--json"), ("--json", "whoami")):
        result = cli(*args)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["email"] == EMAIL
    moved = run(
        "whoami", "--json", "--base-url", cli.server.base_url, "--session", str(cli.session)
    )
    assert json.loads(moved.stdout)["email"] == EMAIL


def _on_a_terminal(cli: Cli, *args: str) -> tuple[int, str]:
    """Run the command with stderr on a pseudo-terminal; its exit code and what it showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "rememberizer", "--base-url", cli.server.base_url,
         "--session", str(cli.session), *args],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower,
    )  # fmt: skip
    os.close(follower)
    shown = _read_terminal(leader)
    return process.wait(timeout=60), shown


def _read_terminal(leader: int, answers: list[tuple[str, str]] | None = None) -> str:
    """What the terminal shows until the command exits; each answer is typed once its
    prompt has shown. Closes the terminal."""
    shown = b""
    deadline = time.monotonic() + 60
    pending = list(answers or [])
    while time.monotonic() < deadline:
        if pending and pending[0][0].encode() in shown:
            os.write(leader, pending.pop(0)[1].encode() + b"\n")
        ready, _, _ = select.select([leader], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the command exited
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return shown.decode()


def test_a_status_line_on_a_terminal_when_a_call_waits(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    signin(cli, rememberizer_server)
    rememberizer_server.inject_fault("/me/", delay=1.5)
    code, shown = _on_a_terminal(cli, "whoami")
    assert code == 0
    assert "waiting for the server…" in shown
    assert shown.endswith("\r\x1b[K")  # the line is erased once the answer came
    rememberizer_server.inject_fault("/me/", delay=1.5)
    piped = cli("whoami")
    assert (piped.returncode, piped.stderr) == (0, "")
    # A fast call shows nothing, even on a terminal.
    assert _on_a_terminal(cli, "whoami") == (0, "")


def test_shell_completion_is_clicks() -> None:
    script = subprocess.run(
        [sys.executable, "-m", "rememberizer"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "_REMEMBERIZER_COMPLETE": "bash_source"},
    )
    assert script.returncode == 0
    assert "_REMEMBERIZER_COMPLETE=bash_complete" in script.stdout
    assert "_REMEMBERIZER_COMPLETE=bash_source" in run("--help").stdout


def test_without_the_cli_extra_the_command_says_how_to_get_it() -> None:
    # Hiding click from the import system stands in for a venv without the extra.
    hide = "import sys; sys.modules['click'] = None; from rememberizer.__main__ import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", hide], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr == (
        "rememberizer: the command needs the cli extra (click is missing): "
        "pip install 'rememberizer[cli]'\n"
    )


def test_import_rememberizer_pulls_in_no_cli_and_no_testing_dependency() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import rememberizer"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # -X importtime lists each module after the ones it imported, indented one step less.
    rows = [line.split("|")[-1] for line in result.stderr.splitlines()[1:]]
    tree = [(len(row) - len(row.lstrip()), row.strip()) for row in rows]
    importer = {}
    for index, (depth, name) in enumerate(tree):
        importer[name] = next((n for d, n in tree[index + 1 :] if d < depth), "")
    forbidden = ("click", "platformdirs", "rememberizer._cli", "starlette", "uvicorn", "jwt")
    # None of them at all: httpx imported click for its own command line whenever click was
    # installed, but httpx2 loads its command line only when it is run.
    for module in forbidden:
        assert module not in importer, (module, importer[module])
    assert "rememberizer._client" in importer


def test_usage_errors_are_json_with_json(tmp_path: Path) -> None:
    human = run("signin", "--session", str(tmp_path / "s"))
    assert human.returncode == 2
    assert "Missing option '--login'" in human.stderr
    machine = run("signin", "--json", "--session", str(tmp_path / "s"))
    assert machine.returncode == 2
    assert json.loads(machine.stderr)["error"] == {
        "type": "MissingParameter",
        "message": "Missing option '--login' / '--email'.",
        "status": None,
    }
    assert run("--help").returncode == 0
    assert run("whoami", "--help").returncode == 0


def test_an_ended_session_says_to_sign_in_again(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    signin(cli, rememberizer_server)
    rememberizer_server.advance_clock(15 * 24 * 3600)  # past the refresh token's 14 days
    result = cli("whoami", "--json")
    assert result.returncode == 3
    error = json.loads(result.stderr)["error"]
    assert error["type"] == "SessionExpiredError"
    assert error["message"] == (
        "Your session has ended (the server refused to refresh it): run `rememberizer signin`."
    )
    assert error["status"] == 401


def test_network_and_server_failures_as_json(
    cli: Cli, rememberizer_server: FakeRememberizer
) -> None:
    signin(cli, rememberizer_server)
    rememberizer_server.inject_fault("/me/", status=500, times=5, retry_after=0)
    human, error = both(cli, "whoami")
    assert human.returncode == 5
    assert error["type"] == "InternalServerError"
    assert error["status"] == 500
    assert error["message"].endswith("try again later.")
