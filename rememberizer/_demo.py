"""`rememberizer demo`: the whole auth lifecycle against the embedded fake server.

It talks to the fake server the way a user's program talks to Rememberizer: through the SDK
for the API, and through the server's /_testing/ controls (over HTTP) for what a person would
do (solve the captcha, read the email, wait for the token to expire).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TextIO

from rememberizer_api import operations as ops

from ._errors import AuthenticationError, RememberizerError
from ._httpx import httpx2
from ._sync._client import Rememberizer

EMAIL = "ada@example.com"
PASSWORD = "correct horse battery staple"  # noqa: S105 - the demo account on the fake server
CONCURRENT_CALLS = 16


class DemoFailed(Exception):
    """A step did not do what it should."""


class _Printer:
    """Numbered steps; colour only on a terminal."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.colour = out.isatty()
        self.step = 0

    def _paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text

    def title(self, text: str) -> None:
        self.step += 1
        print(self._paint(f"{self.step}. {text}", "1;36"), file=self.out, flush=True)

    def detail(self, text: str) -> None:
        print(f"   {text}", file=self.out, flush=True)

    def ok(self, text: str) -> None:
        print(f"   {self._paint('ok', '32')} {text}", file=self.out, flush=True)


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise DemoFailed(reason)


def run(out: TextIO = sys.stdout) -> int:
    """Run the demo; 0 when every step did what it should."""
    try:
        from rememberizer.testing import FakeRememberizer
    except ImportError as exc:
        print(f"demo: {exc}", file=sys.stderr)
        return 1
    show = _Printer(out)
    started = time.monotonic()
    try:
        with FakeRememberizer(access_ttl=300) as fake:
            _walk_through(show, fake.base_url, fake.root_url)
    except (DemoFailed, RememberizerError) as exc:
        print(f"demo failed at step {show.step}: {exc}", file=sys.stderr)
        return 1
    show.detail(f"done in {time.monotonic() - started:.1f} s")
    return 0


def _walk_through(show: _Printer, base_url: str, root_url: str) -> None:
    controls = httpx2.Client(base_url=root_url + "/_testing", timeout=10)

    def control(method: str, path: str, **kwargs: Any) -> Any:
        response = controls.request(method, path, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    def solve_captcha(action: str) -> str:
        token: str = control("POST", "/captcha", json={"action": action})["token"]
        show.detail(f"captcha provider asked for action {action!r}: solved")
        return token

    events: list[str] = []
    show.title(f"Start the fake Rememberizer server at {base_url}")
    with (
        controls,
        Rememberizer(
            base_url=base_url,
            captcha=solve_captcha,
            on_session_change=lambda event, _: events.append(event),
        ) as client,
    ):
        show.title(f"Sign up as {EMAIL}")
        user = client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada Lovelace")
        show.ok(f"user #{user.id} {user.name}, email verified: {user.email_verified}")

        show.title("Read the verification email from the outbox and verify")
        (message,) = control("GET", "/outbox", params={"email": EMAIL})["messages"]
        show.detail(f"email to {message['to']}: {message['subject']!r} (code received)")
        client.auth.verify_email(message["verification_code"])
        show.ok("email verified")

        show.title("Sign in")
        client.auth.signin(login=EMAIL, password=PASSWORD)
        info = client.session
        _check(info.signed_in, "signin did not start a session")
        show.ok(f"signed in as user {info.user_id}; access token expires {info.access_expires_at}")
        show.detail(f"client.session = {info!r}")

        show.title("Fetch the account and the profile")
        account = client.account.get()
        profile = client.account.me()
        show.ok(f"account: {account.name} <{account.email}>")
        show.ok(f"profile: verified={profile.email_verified}, team={profile.team[0].name!r}")
        _check(profile.email_verified, "the profile is not verified")

        show.title("Jump the server's clock past the access token's lifetime")
        control("POST", "/clock", json={"advance": 301})
        control("DELETE", "/requests")
        show.detail(f"{CONCURRENT_CALLS} threads now call account.get() at once...")
        results = _concurrently(client.account.get, CONCURRENT_CALLS)
        log = control("GET", "/requests")["requests"]
        refreshes = [r for r in log if r["path"] == ops.REFRESH.path]
        account_calls = [r["status"] for r in log if r["path"] == ops.GET_ACCOUNT.path]
        got_401 = account_calls.count(401)
        show.detail(
            f"server log: {got_401} calls got 401, {len(refreshes)} refresh, "
            f"{account_calls.count(200)} succeeded"
        )
        _check(all(a.email == EMAIL for a in results), "a concurrent call failed")
        _check(len(refreshes) == 1, f"expected exactly 1 refresh, saw {len(refreshes)}")
        show.ok("exactly one refresh for all concurrent calls; every call succeeded")

        show.title("Sign out")
        client.auth.logout()
        _check(not client.session.signed_in, "logout left a session")
        show.ok("signed out (locally at once, then on the server)")
        try:
            client.account.get()
        except AuthenticationError as exc:
            show.ok(f"a call after logout raises {type(exc).__name__}: {exc}")
        else:
            raise DemoFailed("a call after logout succeeded")
        show.detail(f"session events: {', '.join(events)}")


def _concurrently(call: Callable[[], Any], count: int) -> list[Any]:
    with ThreadPoolExecutor(count) as pool:
        futures = [pool.submit(call) for _ in range(count)]
        return [f.result() for f in futures]
