"""The `rememberizer` command: sessions from a terminal, the demo, and the fake server.

Needs the `cli` extra (click, platformdirs); `rememberizer/__main__.py` says so when it is
missing, and `import rememberizer` never imports this module.

Exit codes: 0 ok, 1 the demo failed, 2 usage (a bad argument, or an id the server does not
know), 3 authentication or session, 4 network, 5 server. Errors are one line on stderr that
says what to do next; with `--json`, a JSON object `{"error": {"type", "message", "status"}}`
instead. The global options (`--json`, `--session`, `--base-url`, `--allow-insecure-http`) go
before or after the subcommand.
"""

from __future__ import annotations

import functools
import json
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TextIO, TypeVar
from urllib.parse import unquote, urlsplit

import click

from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    CaptchaError,
    CaptchaProviderError,
    CaptchaRequiredError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RememberizerError,
    SessionExpiredError,
)
from ._serve import serve
from ._session import Session, SessionInfo
from ._stores import FileSessionStore
from ._sync._client import Rememberizer
from ._version import __version__

EXIT_USAGE, EXIT_AUTH, EXIT_NETWORK, EXIT_SERVER = 2, 3, 4, 5
SIGNIN_HINT = "run `rememberizer signin`"
# How long a call may wait before the status line appears on a terminal.
STATUS_DELAY = 0.5
CAPTCHA_WAYS = (
    "Pass it with --captcha-token TOKEN, --captcha-token - (read from standard input) or "
    "REMEMBERIZER_CAPTCHA."
)
CAPTCHA_HELP = (
    "Rememberizer asks for a reCAPTCHA token when you {verb}. A token is what Google's "
    "reCAPTCHA widget returns to a web page (its g-recaptcha-response) for the action "
    "`{action}`: it works once, within two minutes. Get one from your app's front end; "
    "against the fake server, from POST /_testing/captcha. " + CAPTCHA_WAYS
)
# The captcha actions as a person says them: "when you sign in", not "to signin".
VERBS = {"signup": "sign up", "signin": "sign in"}
# What a terminal acts on instead of showing: the C0 controls but newline and tab (ESC starts
# OSC 52 clipboard writes, screen clears and window titles; CR overwrites a line), DEL, the C1
# controls (0x9b is an 8-bit CSI), and the bidi controls that reorder what is shown.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The user:password@ of a URL in a message.
_USERINFO = re.compile(r"(?<=//)[^/?#\s@]*@")

F = TypeVar("F", bound=Callable[..., Any])


def default_session_path(base_url: str | None = None) -> Path:
    """Where the command keeps its session for `base_url`: one file per API origin.

    As gh keys its tokens by host, a session never meets another API's: production keeps
    `session.json` in the user's config directory, every other origin its own file under
    `sessions/`, named from the origin.
    """
    import hashlib
    import os
    import re

    import platformdirs

    from ._config import DEFAULT_BASE_URL, origin_of
    from ._httpx import httpx2

    folder = Path(platformdirs.user_config_dir("rememberizer"))
    raw = base_url or os.environ.get("REMEMBERIZER_BASE_URL") or DEFAULT_BASE_URL
    try:
        origin = origin_of(raw.rstrip("/"))
    except (httpx2.InvalidURL, ValueError, TypeError):  # the client refuses it, and says why
        origin = raw
    if origin == origin_of(DEFAULT_BASE_URL):
        return folder / "session.json"
    readable = re.sub(r"[^A-Za-z0-9.-]+", "-", origin.split("://", 1)[-1]).strip("-")[:60]
    digest = hashlib.sha256(origin.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return folder / "sessions" / f"{readable}-{digest}.json"


def exit_code(error: RememberizerError) -> int:
    """The exit code for an error."""
    # A 404 names an id the user typed that does not exist: their argument, not the server,
    # is wrong, and trying again would not help.
    if isinstance(error, InvalidRequestError | NotFoundError):
        return EXIT_USAGE
    if isinstance(
        error,
        AuthenticationError
        | PermissionDeniedError
        | CaptchaError
        | CaptchaProviderError
        | CaptchaRequiredError
        | BadRequestError,
    ):
        return EXIT_AUTH
    if isinstance(error, APIConnectionError):
        return EXIT_NETWORK
    return EXIT_SERVER


class CliError(Exception):
    """An error the command reports: a type name, what to do next, a status and an exit code."""

    def __init__(self, kind: str, message: str, code: int, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.code = code
        self.status = status


def terminal_safe(text: str) -> str:
    """`text` with each character a terminal would act on written as its escape (`\\x1b`).

    Every line the command prints for people goes through here (see `say`), so a name, a
    search match or an error message from the server cannot write the clipboard, clear the
    screen, retitle the window or reorder what is shown. `--json` output is JSON, whose
    encoder already escapes these characters, and stays exact.
    """
    return _UNSAFE.sub(escaped, text)


def escaped(match: re.Match[str]) -> str:
    """The matched characters as their Python escapes (`\\x1b`), for re.sub."""
    return match.group().encode("unicode_escape").decode("ascii")


def say(text: str, *, err: bool = False) -> None:
    """Print a line for people, made terminal-safe."""
    click.echo(terminal_safe(text), err=err)


def without_password(text: str, base_url: str | None) -> str:
    """`text` without the user:password@ of any URL in it, nor the password of `base_url`
    (a base URL may carry one for a proxy in front of the API)."""
    text = _USERINFO.sub("", text)
    try:
        password = urlsplit(base_url or "").password
    except ValueError:  # not a URL the client would take: nothing of it was sent
        password = None
    for secret in {password, unquote(password)} if password else ():
        text = text.replace(secret, "***")
    return text


def _seconds(value: float) -> str:
    whole = max(1, round(value))
    return f"{whole} second{'s' if whole != 1 else ''}"


def explain(error: RememberizerError, command: str, base_url: str) -> CliError:
    """What went wrong in the user's terms, with what to do next. Never echoes a secret."""
    kind, code = type(error).__name__, exit_code(error)
    status = getattr(error, "status_code", None)

    def said(message: str) -> CliError:
        return CliError(kind, message, code, status)

    if isinstance(error, InvalidRequestError):
        text = str(error).replace("pass allow_insecure_http=True", "pass --allow-insecure-http")
        return said(f"{text}.")
    if isinstance(error, SessionExpiredError):
        return said(f"Your session has ended (the server refused to refresh it): {SIGNIN_HINT}.")
    if isinstance(error, CaptchaProviderError):
        return said(f"{error.message}: check the --captcha-token you gave, or get a fresh one.")
    if isinstance(error, CaptchaError):
        return said(
            "The server refused the reCAPTCHA token (a token works once, within two minutes, "
            "for one action): get a fresh one and try again."
        )
    if isinstance(error, AuthenticationError):
        if command == "signin":
            return said("Wrong email or password: check them and run `rememberizer signin` again.")
        return said(f"Not signed in (the server refused the session): {SIGNIN_HINT}.")
    if isinstance(error, BadRequestError):
        fields = error.field_errors
        if any("already exists" in m for m in fields.get("email", [])):
            return said(
                "An account with this email address already exists: sign in with "
                "`rememberizer signin --login EMAIL`, or sign up with another address."
            )
        details = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in fields.items())
        return said(f"The server refused the request ({details or error}): fix it and try again.")
    if isinstance(error, PermissionDeniedError):
        # The server's own words: a guess at the reason (an unverified email) misled.
        return said(f"The server refused access ({error.message.rstrip('.')}).")
    if isinstance(error, RateLimitError):
        wait = _seconds(error.retry_after) if error.retry_after is not None else "a minute"
        return said(f"Too many requests: wait {wait}, then try again.")
    if isinstance(error, APITimeoutError):
        return said(
            f"The API at {base_url} did not answer in time: check your network, then try again."
        )
    if isinstance(error, APIConnectionError):
        return said(
            f"Cannot reach the API at {base_url}: check your network connection, or --base-url."
        )
    if isinstance(error, NotFoundError):
        lister = "mementos list" if command.startswith("mementos") else "documents"
        return said(f"Not found ({error}): check the id; `rememberizer {lister}` lists them.")
    if isinstance(error, APIStatusError):
        return said(f"The server failed ({error}): try again later.")
    if kind == "SessionStoreError":
        return said(f"{error}: fix or delete the session file, then {SIGNIN_HINT}.")
    return said(f"{error}.")


class _Context:
    """The global options, wherever on the command line they came."""

    def __init__(self) -> None:
        self.base_url: str | None = None
        self.session: Path | None = None
        self.as_json = False
        self.allow_insecure_http = False
        self.command = ""

    @property
    def session_path(self) -> Path:
        return self.session or default_session_path(self.base_url)

    def fail(self, error: CliError) -> NoReturn:
        message = without_password(error.message, self.base_url)
        if self.as_json:
            body = {"error": {"type": error.kind, "message": message, "status": error.status}}
            click.echo(json.dumps(body), err=True)
        else:
            say(f"rememberizer: {message}", err=True)
        sys.exit(error.code)

    def check_session_file(self) -> None:
        """A session file that exists but cannot be a session is named, with the fix."""
        path = self.session_path
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            problem = exc.strerror or type(exc).__name__
        else:
            # The problems FileSessionStore.load names, said before it would ignore the file.
            problem = "not a saved session: corrupt or not JSON"
            try:
                if Session.from_dict(json.loads(data.decode("utf-8"))) is not None:
                    return
            except UnicodeDecodeError:
                problem = "not a saved session: not UTF-8"
            except RecursionError:
                problem = "not a saved session: nested too deeply"
            except (ValueError, KeyError, TypeError, AttributeError):
                pass
        self.fail(
            CliError(
                "SessionFileError",
                f"The session file {path} is unreadable ({problem}): delete it "
                f"(rm '{path}') and {SIGNIN_HINT}.",
                EXIT_AUTH,
            )
        )

    @contextmanager
    def client(
        self, captcha: str | None = None, *, signed_in: bool = False
    ) -> Iterator[Rememberizer]:
        """A client on the session file; `signed_in` refuses to start without a session."""
        self.check_session_file()
        base_url = self.base_url or "the default base URL"
        try:
            with Rememberizer(
                base_url=self.base_url,
                captcha=(lambda action: captcha) if captcha else None,
                session=FileSessionStore(self.session_path),
                allow_insecure_http=self.allow_insecure_http,
            ) as client:
                base_url = str(client.base_url)
                if signed_in and not client.session.signed_in:
                    self.fail(self.not_signed_in(base_url))
                with status_line(sys.stderr):
                    yield client
        except RememberizerError as exc:
            self.fail(explain(exc, self.command, base_url))

    def not_signed_in(self, base_url: str, more: str = "") -> CliError:
        """Not signed in, with the fix (and `more` ways out). With no session file for this
        API, and none named, it says so: a --base-url other than the one signed in to is the
        likely cause, and "not signed in" alone would send the user to sign in again there."""
        if self.session is None and not self.session_path.exists():
            where = f" --base-url {self.base_url}" if self.base_url else ""
            return CliError(
                "NotSignedIn",
                f"Not signed in: no session is kept for {base_url}: run "
                f"`rememberizer{where} signin`{more}.",
                EXIT_AUTH,
            )
        return CliError("NotSignedIn", f"Not signed in: {SIGNIN_HINT}{more}.", EXIT_AUTH)

    def emit(self, data: dict[str, Any], text: str) -> None:
        if self.as_json:
            click.echo(json.dumps(data, default=str))
        else:
            say(text)


@contextmanager
def status_line(stream: TextIO, message: str = "waiting for the server") -> Iterator[None]:
    """A spinner on `stream` while the block runs longer than STATUS_DELAY, on a terminal only."""
    if not stream.isatty():
        yield
        return
    done = threading.Event()

    def spin() -> None:
        if done.wait(STATUS_DELAY):
            return
        frames = "|/-\\"
        shown = 0
        while not done.is_set():
            stream.write(f"\r{frames[shown % len(frames)]} {message}…")
            stream.flush()
            shown += 1
            done.wait(0.1)
        stream.write("\r\x1b[K")  # erase the line, so what follows starts clean
        stream.flush()

    spinner = threading.Thread(target=spin, name="rememberizer-status", daemon=True)
    spinner.start()
    try:
        yield
    finally:
        done.set()
        spinner.join()


def _obj() -> _Context:
    return click.get_current_context().find_root().ensure_object(_Context)


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    # Given before or after the subcommand, the value lands on the one shared _Context; an
    # option left out (None, or a flag's False) never undoes one given in the other place.
    if value is not None and value is not False:
        setattr(ctx.find_root().ensure_object(_Context), str(param.name), value)
    return value


def global_options(*, root: bool, session: bool = True) -> Callable[[F], F]:
    """The options every command takes; only the group's read the environment. `session`
    False leaves out `--session`, for commands that use a key and no session file."""

    def decorate(function: F) -> F:
        session_file = click.option(
            "--session",
            type=click.Path(dir_okay=False, path_type=Path),
            callback=_remember,
            expose_value=False,
            help="The session file; default under your config directory.",
        )
        options = [
            click.option(
                "--base-url",
                envvar="REMEMBERIZER_BASE_URL" if root else None,
                callback=_remember,
                expose_value=False,
                help="The API base URL (env REMEMBERIZER_BASE_URL); default production.",
            ),
            *([session_file] if session else []),
            click.option(
                "--json",
                "as_json",
                is_flag=True,
                callback=_remember,
                expose_value=False,
                help="Machine-readable output, errors included.",
            ),
            click.option(
                "--allow-insecure-http",
                is_flag=True,
                callback=_remember,
                expose_value=False,
                help="Allow a plain http:// base URL to a host that is not loopback.",
            ),
        ]
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


def command(name: str | None = None) -> Callable[[Callable[..., None]], click.Command]:
    """A subcommand: it takes the global options and gets the shared _Context first."""

    def decorate(function: Callable[..., None]) -> click.Command:
        @functools.wraps(function)
        def run(**kwargs: Any) -> None:
            ctx = _obj()
            ctx.command = click.get_current_context().info_name or ""
            function(ctx, **kwargs)

        return main.command(name)(global_options(root=False)(run))

    return decorate


def _session_json(info: SessionInfo) -> dict[str, Any]:
    return {
        "signed_in": info.signed_in,
        "user_id": info.user_id,
        "access_expires_at": info.access_expires_at.isoformat() if info.access_expires_at else None,
    }


def _stdin_line(what: str, stream: TextIO | None = None) -> str:
    """The first line of standard input (or of `stream`, a wrapper of it that reads on)."""
    value = (stream or sys.stdin).readline().rstrip("\r\n")
    if not value:
        _obj().fail(CliError("UsageError", f"No {what} on standard input.", EXIT_USAGE))
    return value


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return _stdin_line("password (--password-stdin)")
    value: str = click.prompt("Password", hide_input=True, err=True)
    return value


def _captcha_given(given: str | None, action: str) -> None:
    """Refuse, before anything is read or sent, to prompt for a token with no terminal."""
    if not given and not sys.stdin.isatty():
        _obj().fail(
            CliError(
                "UsageError",
                f"No reCAPTCHA token to {VERBS[action]} with, and no terminal to ask for one. "
                + CAPTCHA_WAYS,
                EXIT_USAGE,
            )
        )


def _captcha(given: str | None, action: str) -> str:
    """The token: given, read from standard input (`-`), or asked for with an explanation."""
    if given == "-":
        return _stdin_line("reCAPTCHA token (--captcha-token -)")
    if given:
        return given
    click.echo(CAPTCHA_HELP.format(action=action, verb=VERBS[action]), err=True)
    # Hidden as a password is: a token works once, but it is still a credential until then.
    value: str = click.prompt(f"reCAPTCHA token for {action}", hide_input=True, err=True)
    return value.strip()


captcha_option = click.option(
    "--captcha-token",
    envvar="REMEMBERIZER_CAPTCHA",
    metavar="TOKEN",
    help=(
        "The reCAPTCHA response token from your front end's widget (env REMEMBERIZER_CAPTCHA); "
        "`-` reads it from standard input (after the password, with --password-stdin). "
        "Prompted for otherwise."
    ),
)
password_option = click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rememberizer")
@global_options(root=True)
def main() -> None:
    """Sign in to Rememberizer and call the API from a terminal.

    The global options go before or after the subcommand. Shell completion: add
    `eval "$(_REMEMBERIZER_COMPLETE=bash_source rememberizer)"` to ~/.bashrc (zsh_source
    for zsh, fish_source for fish).
    """


@command()
@click.option("--email", required=True, help="The email address of the new account.")
@click.option("--name", required=True, help="Your display name.")
@password_option
@captcha_option
def signup(
    ctx: _Context, email: str, name: str, password_stdin: bool, captcha_token: str | None
) -> None:
    """Create an account (it is signed in when the server starts a session)."""
    _captcha_given(captcha_token, "signup")
    password = _password(password_stdin)
    token = _captcha(captcha_token, "signup")
    with ctx.client(token) as client:
        user = client.auth.signup(email=email, password=password, name=name)
        ctx.emit(
            {"id": user.id, "email": user.email, "name": user.name},
            f"signed up as {user.email} (user {user.id}); check your email for the code, then "
            "run `rememberizer verify-email CODE`",
        )


@command()
@click.option("--login", "--email", "login", required=True, help="Your email address.")
@password_option
@captcha_option
def signin(ctx: _Context, login: str, password_stdin: bool, captcha_token: str | None) -> None:
    """Sign in; the session is saved to the session file."""
    _captcha_given(captcha_token, "signin")
    password = _password(password_stdin)
    token = _captcha(captcha_token, "signin")
    with ctx.client(token) as client:
        client.auth.signin(login=login, password=password)
        ctx.emit(_session_json(client.session), f"signed in as user {client.session.user_id}")


@command("verify-email")
@click.argument("code")
def verify_email(ctx: _Context, code: str) -> None:
    """Confirm your email address with the CODE from the verification email."""
    with ctx.client(signed_in=True) as client:
        client.auth.verify_email(code)
        ctx.emit({"verified": True}, "email verified")


@command()
def whoami(ctx: _Context) -> None:
    """Show the signed-in user's profile."""
    with ctx.client(signed_in=True) as client:
        me = client.account.me()
        ctx.emit(
            {"id": me.id, "email": me.email, "name": me.name, "email_verified": me.email_verified},
            f"{me.name} <{me.email}> (user {me.id}, email verified: {me.email_verified})",
        )


@command()
def refresh(ctx: _Context) -> None:
    """Refresh the session now."""
    with ctx.client(signed_in=True) as client:
        client.auth.refresh()
        ctx.emit(_session_json(client.session), "session refreshed")


@command()
def logout(ctx: _Context) -> None:
    """Sign out, here and on the server."""
    with ctx.client() as client:
        client.auth.logout()
        ctx.emit({"signed_in": False}, "signed out")


@command()
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
            text = f"not signed in ({ctx.session_path}): {SIGNIN_HINT}"
        ctx.emit(data, text)


@main.command()
def demo() -> None:
    """Walk through signup, verify, signin, refresh and logout against a local fake server."""
    from ._demo import run

    sys.exit(run())


main.add_command(serve, "fake-server")
# The command groups of the other modules register themselves on `main` when imported:
# search, memorize, documents, read and mementos; vector-store.
from . import _cli_knowledge, _cli_vector_store  # noqa: E402, F401
