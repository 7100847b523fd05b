"""Session stores: the file format, its safety, and processes that share one file."""

from __future__ import annotations

import contextlib
import json
import stat
from pathlib import Path

import pytest

from rememberizer import (
    FileSessionStore,
    InvalidRequestError,
    MemorySessionStore,
    Rememberizer,
    SessionStore,
)
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD


def sign_in(fake: FakeRememberizer, store: SessionStore) -> None:
    with Rememberizer(base_url=fake.base_url, captcha=fake.captcha, session=store) as client:
        client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        client.auth.signin(login=EMAIL, password=PASSWORD)


def test_the_file_is_private_json_and_survives_a_restart(
    rememberizer_server: FakeRememberizer, tmp_path: Path
) -> None:
    path = tmp_path / "nested" / "session.json"
    sign_in(rememberizer_server, FileSessionStore(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    assert set(data) == {"access_token", "refresh_token", "received_at", "origin"}
    # A new client, as in a new run of the program, picks the session up.
    with Rememberizer(base_url=rememberizer_server.base_url, session=FileSessionStore(path)) as c:
        assert c.session.signed_in
        assert c.account.get().email == EMAIL
        c.auth.logout()
    assert not path.exists()


def test_an_unreadable_file_is_no_session(tmp_path: Path) -> None:
    path = tmp_path / "session.json"
    path.write_text("{not json")
    assert FileSessionStore(path).load() is None
    path.write_text('{"access_token": 1}')
    assert FileSessionStore(path).load() is None


def test_a_session_store_must_be_one() -> None:
    with pytest.raises(InvalidRequestError):
        Rememberizer(base_url="http://127.0.0.1:9/api/v1", session="session.json")  # type: ignore[arg-type]
    assert isinstance(MemorySessionStore(), SessionStore)


def test_the_sync_client_refuses_an_async_only_store_before_anything_else() -> None:
    # It could neither read nor write it: refused here, typed, rather than a TypeError on the
    # first write after a signin that went through (or a session kept in memory only).
    class AsyncOnly:
        async def aload(self) -> None:
            return None

        async def asave(self, session: object) -> None:
            raise AssertionError("never written")

        def alock(self) -> contextlib.AbstractAsyncContextManager[None]:
            return contextlib.nullcontext()

    with pytest.raises(InvalidRequestError, match="async store: use it with AsyncRememberizer"):
        Rememberizer(base_url="http://127.0.0.1:9/api/v1", session=AsyncOnly())
    client = Rememberizer(base_url="http://127.0.0.1:9/api/v1")
    with pytest.raises(InvalidRequestError, match="async store"):
        client.with_options(session=AsyncOnly())
    client.close()
