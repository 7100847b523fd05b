"""An independent contract check: the facade's traffic through Stoplight Prism, validating
against the spec, in front of the fake server; and schemathesis with more examples."""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import httpx2
import pytest
from hypothesis import HealthCheck, settings

from rememberizer import (
    AuthenticationError,
    BadRequestError,
    CaptchaError,
    Rememberizer,
    RememberizerError,
)
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD
from tests.fake_server import test_schemathesis as conformance

from ._report import REPORT

ROOT = Path(__file__).resolve().parents[2]
PRISM = ROOT / "scripts" / "tools" / "node_modules" / ".bin" / "prism"


LISTENING = re.compile(r"Prism is listening on (http://\S+)")


def listening_url(process: subprocess.Popen[str], within: float) -> str:
    """The URL Prism says it listens on; its output is drained from then on, so that its
    request log never fills the pipe."""
    assert process.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def drain(stream: IO[str]) -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)  # Prism has exited

    threading.Thread(target=drain, args=(process.stdout,), daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + within
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            line = None
        if line is None:
            raise RuntimeError(f"Prism did not start: {''.join(seen)[-2000:]}")
        if found := LISTENING.search(line):
            return found.group(1)
        seen.append(line)


@pytest.fixture(scope="module")
def prism() -> Iterator[tuple[str, FakeRememberizer]]:
    """Prism in proxy mode in front of a fake server; yields Prism's base URL."""
    assert PRISM.exists(), "scripts/install installs Prism (npm ci in scripts/tools)"
    assert shutil.which("node"), "Prism needs Node"
    with FakeRememberizer() as fake:
        process = subprocess.Popen(
            [
                str(PRISM),
                "proxy",
                str(ROOT / "spec" / "rememberizer_openapi.yml"),
                fake.base_url,
                "--host",
                "127.0.0.1",
                # Port 0: Prism binds a free port and says which (see listening_url).
                "--port",
                "0",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            url = listening_url(process, within=60)
            yield url, fake
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_the_facade_traffic_has_no_contract_violations(
    prism: tuple[str, FakeRememberizer],
) -> None:
    url, fake = prism
    REPORT.prism_ran = True
    seen: list[httpx2.Response] = []
    http = httpx2.Client(event_hooks={"response": [seen.append]})
    with Rememberizer(base_url=url, captcha=fake.captcha, http_client=http) as client:
        user = client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        assert user.email == EMAIL
        client.auth.verify_email(fake.verification_code(EMAIL))
        client.auth.signin(login=EMAIL, password=PASSWORD)
        client.account.get()
        client.account.me()
        client.auth.refresh()
        fake.advance_clock(301)
        client.account.get()  # 401, refresh, replay
        # The documented error answers, for requests the spec accepts:
        for attempt, error in (
            (
                lambda: client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada"),
                BadRequestError,
            ),
            (lambda: client.auth.verify_email("000000"), BadRequestError),
        ):
            with pytest.raises(error):
                attempt()
        other = httpx2.Client(event_hooks={"response": [seen.append]})
        bad_captcha = Rememberizer(base_url=url, captcha="forged", http_client=other)
        with pytest.raises(CaptchaError):
            bad_captcha.auth.signin(login=EMAIL, password=PASSWORD)
        with pytest.raises(AuthenticationError):
            client.auth.signin(login=EMAIL, password="not the password")
        fake.inject_fault("/me/", status=503, retry_after=0)
        client.account.me()  # 503, then retried
        client.auth.logout()
        client.auth.logout()  # idempotent, with no session
    REPORT.prism_exchanges = len(seen)
    for response in seen:
        violations = response.headers.get("sl-violations")
        if violations:
            for violation in json.loads(violations):
                REPORT.prism_violations.append(
                    f"{response.request.method} {response.request.url.path} -> "
                    f"{response.status_code}: {violation.get('message')}"
                )
    assert len(seen) >= 15
    assert REPORT.prism_violations == []
    # A control, so that "no violations" cannot mean "Prism checks nothing": a request that
    # breaks the spec (no credentials for a protected operation) is flagged.
    control = httpx2.get(url + "/account/", timeout=10)
    assert "Invalid security scheme" in control.headers.get("sl-violations", "")


@conformance.schema.parametrize()
@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
def test_schemathesis_with_more_examples(case: conformance.Case[object]) -> None:  # type: ignore[name-defined]
    REPORT.inputs_fuzzed += 1
    conformance.validate(case)


def test_a_rememberizer_error_is_what_everything_raises() -> None:
    assert issubclass(AuthenticationError, RememberizerError)
