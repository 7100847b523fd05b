"""The library's side of the messages that misled (issue 26, item 6) and of the progress
callback that ran on several threads at once (issue 26, item 8)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
import yaml

from rememberizer import (
    AuthenticationError,
    InvalidRequestError,
    RateLimitError,
    Rememberizer,
    UploadProgress,
    VectorStore,
)
from rememberizer._async._resources import VERIFICATION_CODE
from rememberizer.testing import FakeRememberizer

PASSWORD = "correct horse battery"
SPEC = Path(__file__).resolve().parents[2] / "spec" / "rememberizer_openapi.yml"


@pytest.fixture
def client(rememberizer_server: FakeRememberizer) -> Iterator[Rememberizer]:
    with Rememberizer(
        base_url=rememberizer_server.base_url, captcha=rememberizer_server.captcha, max_retries=0
    ) as client:
        client.auth.signup(email="ada@example.com", password=PASSWORD, name="Ada")
        yield client


def test_a_wrong_password_does_not_say_sign_in_first(client: Rememberizer) -> None:
    client.auth.logout()
    with pytest.raises(AuthenticationError) as wrong:
        client.auth.signin(login="ada@example.com", password="not the password")
    assert "sign in first" not in str(wrong.value)
    assert "No active account found with the given credentials" in str(wrong.value)
    # Where the client had nothing to send, "sign in first" is the fix, and stays.
    with pytest.raises(AuthenticationError) as anonymous:
        client.account.me()
    assert "sign in first" in str(anonymous.value)


def test_a_rate_limit_error_says_how_long_to_wait(
    client: Rememberizer, rememberizer_server: FakeRememberizer
) -> None:
    rememberizer_server.inject_fault("/me/", status=429, retry_after=7)
    with pytest.raises(RateLimitError) as limited:
        client.account.me()
    assert limited.value.retry_after == 7
    assert str(limited.value).endswith("(retry after 7 seconds)")


@pytest.mark.parametrize("code", ["abc", "12345", "1234567", "12345a", " 123456", "١٢٣٤٥٦"])
def test_a_code_that_is_not_six_digits_is_not_sent(
    client: Rememberizer, rememberizer_server: FakeRememberizer, code: str
) -> None:
    rememberizer_server.clear_requests()
    with pytest.raises(InvalidRequestError) as refused:
        client.auth.verify_email(code)
    assert str(refused.value) == "code must be the six digits from the verification email"
    assert rememberizer_server.requests() == []
    code = rememberizer_server.verification_code("ada@example.com")
    assert client.auth.verify_email(code).detail == "Email verified."


def test_the_code_format_is_the_specs() -> None:
    spec = yaml.safe_load(SPEC.read_text())
    field = spec["components"]["schemas"]["VerifyEmailRequest"]["properties"]["verification_code"]
    assert field["pattern"] == VERIFICATION_CODE.pattern


def test_upload_progress_is_called_from_one_thread_at_a_time(
    rememberizer_server: FakeRememberizer, tmp_path: Path
) -> None:
    made = httpx2.post(f"{rememberizer_server.root_url}/_testing/vector-stores", json={}).json()
    paths = []
    for i in range(16):
        paths.append(tmp_path / f"note-{i}.txt")
        paths[-1].write_text(f"note {i}\n" * 50)
    inside, overlaps, seen = [0], [], []
    guard = threading.Lock()

    def progress(event: UploadProgress) -> None:
        with guard:
            inside[0] += 1
            overlaps.append(inside[0])
        time.sleep(0.002)  # long enough for another upload thread to report meanwhile
        seen.append(event.bytes_sent)
        with guard:
            inside[0] -= 1

    with VectorStore(api_key=made["key"], base_url=rememberizer_server.base_url) as store:
        result = store.documents.upload_many(paths, concurrency=8, progress=progress)
    assert result.ok
    assert max(overlaps) == 1
    assert seen == sorted(seen)  # each call sees the counts as they grew
