"""rememberizer/examples/oauth_app.py end to end in headless Chromium (Debian's `chromium`,
driven by Playwright; no browser is ever downloaded), as a user's own browser test would drive
their app:
the browser opens the app, fills in the fake server's sign-in page, chooses a memento on its
consent page and lands back in the app. No side channel: no cookie is planted and
/_testing/oauth-consent is not called. In CI (CI=true) it must run; elsewhere it runs when
Chromium is installed and says in one line why it did not otherwise."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
import uvicorn

from rememberizer import AsyncOAuthApp, Rememberizer
from rememberizer.examples.oauth_app import create_app
from rememberizer.testing import FakeRememberizer
from rememberizer.testing._server import bind
from tests.conftest import EMAIL, PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _why_not() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"Chromium is not installed ({CHROMIUM}); scripts/install adds it as root with apt"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (scripts/install: the dev group)"
    return None


@pytest.fixture
def chromium_ready() -> None:
    why = _why_not()
    if why is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the browser test: {why}")
        pytest.skip(why)


@pytest.fixture
def example_site(rememberizer_server: FakeRememberizer) -> Iterator[tuple[str, AsyncOAuthApp]]:
    """The example app served on a loopback port, its app registered for that port."""
    sock = bind()
    site = f"http://127.0.0.1:{sock.getsockname()[1]}"
    answer = httpx2.post(
        rememberizer_server.root_url + "/_testing/oauth-apps",
        json={"name": "Example site", "redirect_uris": [site + "/callback"]},
    ).json()
    oauth = AsyncOAuthApp(
        answer["client_id"],
        answer["client_secret"],
        site + "/callback",
        base_url=rememberizer_server.base_url,
    )
    server = uvicorn.Server(uvicorn.Config(create_app(oauth), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield site, oauth
    finally:
        server.should_exit = True
        thread.join(10)


def _user_with_a_memento(fake: FakeRememberizer) -> int:
    """Ada, signed up, with a memento holding one document: the memento's id. The signing up
    is the SDK's; the browser signs in on its own."""
    with Rememberizer(base_url=fake.base_url, captcha=fake.captcha) as client:
        client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        client.auth.signin(login=EMAIL, password=PASSWORD)
        document = httpx2.post(
            fake.root_url + "/_testing/documents",
            json={
                "email": EMAIL,
                "name": "notes",
                "integration_type": "gmail",
                "time": "2024-01-01T00:00:00Z",
                "text": "quarterly notes for the bot",
            },
        ).json()
        memento = client.mementos.create("For the example")
        client.mementos.update_documents(memento.id, add=[document["id"]])
        return memento.id


@pytest.mark.usefixtures("chromium_ready")
def test_a_user_signs_in_and_approves_in_a_real_browser(
    rememberizer_server: FakeRememberizer,
    example_site: tuple[str, AsyncOAuthApp],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import sync_playwright

    site, _ = example_site
    memento_id = _user_with_a_memento(rememberizer_server)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            args=ARGS,
            headless=True,
        )
        try:
            page = browser.new_page()
            page.goto(site + "/login")
            # The fake Rememberizer's sign-in page: a wrong password first, then the right one.
            page.fill("input[name=email]", EMAIL)
            page.fill("input[name=password]", "not the password")
            page.click("button[type=submit]")
            assert "Wrong email or password." in page.inner_text("[role=alert]")
            page.fill("input[name=email]", EMAIL)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            # Rememberizer's consent page: the app's name and Ada's mementos.
            page.wait_for_selector("button[value=approve]", timeout=20_000)
            assert "Example site" in page.content()
            page.check(f"input[name=memento][value='{memento_id}']")
            page.click("button[value=approve]")
            page.wait_for_url(site + "/me", timeout=20_000)
            text = page.inner_text("body")
        finally:
            browser.close()
    assert EMAIL in text
    assert "quarterly notes" in text  # the search sees the memento Ada chose
    # The app traded the code the browser brought back from the consent page.
    assert "/auth/oauth2/token/" in [r["path"] for r in rememberizer_server.requests()]
