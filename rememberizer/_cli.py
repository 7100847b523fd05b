"""The `rememberizer` command: sessions from a terminal, the demo, and the fake server.

Exit codes: 0 ok, 1 the demo failed, 2 usage, 3 authentication or session, 4 network,
5 server. Errors are one line on stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from ._client import Rememberizer
from ._errors import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    CaptchaError,
    CaptchaRequiredError,
    InvalidRequestError,
    PermissionDeniedError,
    RememberizerError,
)
from ._serve import serve
from ._session import FileSessionStore, SessionInfo
from ._version import __version__

EXIT_USAGE, EXIT_AUTH, EXIT_NETWORK, EXIT_SERVER = 2, 3, 4, 5


def default_session_path() -> Path:
    """Where the command keeps its session: the user's config directory."""
    import platformdirs

    return Path(platformdirs.user_config_dir("rememberizer")) / "session.json"


def exit_code(error: RememberizerError) -> int:
    """The exit code for an error."""
    if isinstance(error, InvalidRequestError):
        return EXIT_USAGE
    if isinstance(
        error,
        AuthenticationError
        | PermissionDeniedError
        | CaptchaError
        | CaptchaRequiredError
        | BadRequestError,
    ):
        return EXIT_AUTH
    if isinstance(error, APIConnectionError):
        return EXIT_NETWORK
    if isinstance(error, APIStatusError):
        return EXIT_SERVER
    return EXIT_SERVER


def _fail(message: str, code: int) -> NoReturn:
    click.echo(f"rememberizer: {message}", err=True)
    sys.exit(code)


class _Context:
    def __init__(self, base_url: str | None, session: Path, as_json: bool) -> None:
        self.base_url = base_url
        self.session_path = session
        self.as_json = as_json

    @contextmanager
    def client(self, captcha: Callable[[str], str] | None = None) -> Iterator[Rememberizer]:
        try:
            with Rememberizer(
                base_url=self.base_url,
                captcha=captcha,
                session=FileSessionStore(self.session_path),
            ) as client:
                yield client
        except RememberizerError as exc:
            _fail(f"{type(exc).__name__}: {exc}", exit_code(exc))

    def emit(self, data: dict[str, Any], text: str) -> None:
        click.echo(json.dumps(data, default=str) if self.as_json else text)


pass_context = click.make_pass_decorator(_Context)


def _session_json(info: SessionInfo) -> dict[str, Any]:
    return {
        "signed_in": info.signed_in,
        "user_id": info.user_id,
        "access_expires_at": info.access_expires_at.isoformat() if info.access_expires_at else None,
    }


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            _fail("--password-stdin: no password on standard input", EXIT_USAGE)
        return password
    value: str = click.prompt("Password", hide_input=True)
    return value


def _captcha(token: str | None) -> Callable[[str], str]:
    def provider(action: str) -> str:
        if token:
            return token
        value: str = click.prompt(f"reCAPTCHA token for {action}", err=True)
        return value

    return provider


captcha_option = click.option(
    "--captcha-token",
    envvar="REMEMBERIZER_CAPTCHA",
    help="The reCAPTCHA response token (env REMEMBERIZER_CAPTCHA); prompted for otherwise.",
)
password_option = click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rememberizer")
@click.option(
    "--base-url",
    envvar="REMEMBERIZER_BASE_URL",
    help="The API base URL (env REMEMBERIZER_BASE_URL); default production.",
)
@click.option(
    "--session",
    "session_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The session file; default under your config directory.",
)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def main(
    ctx: click.Context, base_url: str | None, session_path: Path | None, as_json: bool
) -> None:
    """Sign in to Rememberizer and call the API from a terminal."""
    ctx.obj = _Context(base_url, session_path or default_session_path(), as_json)


@main.command()
@click.option("--email", required=True, help="The email address of the new account.")
@click.option("--name", required=True, help="Your display name.")
@password_option
@captcha_option
@pass_context
def signup(
    ctx: _Context, email: str, name: str, password_stdin: bool, captcha_token: str | None
) -> None:
    """Create an account (it is signed in when the server starts a session)."""
    password = _password(password_stdin)
    with ctx.client(_captcha(captcha_token)) as client:
        user = client.auth.signup(email=email, password=password, name=name)
        ctx.emit(
            {"id": user.id, "email": user.email, "name": user.name},
            f"signed up as {user.email} (user {user.id}); check your email for the code",
        )


@main.command()
@click.option("--login", "--email", "login", required=True, help="Your email address.")
@password_option
@captcha_option
@pass_context
def signin(ctx: _Context, login: str, password_stdin: bool, captcha_token: str | None) -> None:
    """Sign in; the session is saved to the session file."""
    password = _password(password_stdin)
    with ctx.client(_captcha(captcha_token)) as client:
        client.auth.signin(login=login, password=password)
        ctx.emit(_session_json(client.session), f"signed in as user {client.session.user_id}")


@main.command("verify-email")
@click.argument("code")
@pass_context
def verify_email(ctx: _Context, code: str) -> None:
    """Confirm your email address with the CODE from the verification email."""
    with ctx.client() as client:
        client.auth.verify_email(code)
        ctx.emit({"verified": True}, "email verified")


@main.command()
@pass_context
def whoami(ctx: _Context) -> None:
    """Show the signed-in user's profile."""
    with ctx.client() as client:
        me = client.account.me()
        ctx.emit(
            {"id": me.id, "email": me.email, "name": me.name, "email_verified": me.email_verified},
            f"{me.name} <{me.email}> (user {me.id}, email verified: {me.email_verified})",
        )


@main.command()
@pass_context
def refresh(ctx: _Context) -> None:
    """Refresh the session now."""
    with ctx.client() as client:
        client.auth.refresh()
        ctx.emit(_session_json(client.session), "session refreshed")


@main.command()
@pass_context
def logout(ctx: _Context) -> None:
    """Sign out, here and on the server."""
    with ctx.client() as client:
        client.auth.logout()
        ctx.emit({"signed_in": False}, "signed out")


@main.command()
@pass_context
def session(ctx: _Context) -> None:
    """Show the saved session, with its secrets redacted."""
    with ctx.client() as client:
        info = client.session
        data = {**_session_json(info), "path": str(ctx.session_path)}
        if info.signed_in:
            text = (
                f"signed in as user {info.user_id}; access token expires "
                f"{info.access_expires_at}; tokens redacted ({ctx.session_path})"
            )
        else:
            text = f"not signed in ({ctx.session_path})"
        ctx.emit(data, text)


@main.command()
def demo() -> None:
    """Walk through signup, verify, signin, refresh and logout against a local fake server."""
    from ._demo import run

    sys.exit(run())


main.add_command(serve, "fake-server")
