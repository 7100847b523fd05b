"""Session stores: the file format, its safety, and processes that share one file."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rememberizer import (
    FileSessionStore,
    InvalidRequestError,
    MemorySessionStore,
    Rememberizer,
    Session,
    SessionStore,
)
from rememberizer.testing import FakeRememberizer

from .conftest import EMAIL, PASSWORD


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
    assert set(data) == {"access_token", "refresh_token", "received_at"}
    # A new client, as in a new run of the program, picks the session up.
    with Rememberizer(base_url=rememberizer_server.base_url, session=FileSessionStore(path)) as c:
        assert c.session.signed_in
        assert c.account.get().email == EMAIL
        c.auth.logout()
    assert not path.exists()


def test_a_crash_mid_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "session.json"
    store = FileSessionStore(path)
    store.save(Session("a.b.c", "old-refresh"))
    before = path.read_text()

    def crash(*args: object) -> None:
        raise OSError("disk full")  # a fault no server can produce

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        store.save(Session("d.e.f", "new-refresh"))
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir() if p.name != "session.json.lock"] == ["session.json"]
    loaded = store.load()
    assert loaded is not None
    assert loaded.refresh_token == "old-refresh"


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


WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from rememberizer import FileSessionStore, Rememberizer

    base_url, path, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    client = Rememberizer(base_url=base_url, session=FileSessionStore(path))
    while not go.exists():
        time.sleep(0.005)
    for _ in range(3):
        client.account.get()
    print("ok", client.session.signed_in)
    """
)


@pytest.mark.parametrize("processes", [2, 4])
def test_processes_sharing_a_file_refresh_once_per_expiry(
    rememberizer_server: FakeRememberizer, tmp_path: Path, processes: int
) -> None:
    path = tmp_path / "session.json"
    sign_in(rememberizer_server, FileSessionStore(path))
    go = tmp_path / "go"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, rememberizer_server.base_url, str(path), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    try:
        time.sleep(0.5)  # let every worker import and load the session
        for expiry in range(2):
            rememberizer_server.advance_clock(301)
            rememberizer_server.clear_requests()
            if expiry == 0:
                go.touch()
                outputs = [w.communicate(timeout=60) for w in workers]
                for worker, (out, err) in zip(workers, outputs, strict=True):
                    assert worker.returncode == 0, err
                    assert out.strip() == "ok True"
            else:
                # The parent, holding a session read before the refresh, joins in later.
                with Rememberizer(
                    base_url=rememberizer_server.base_url, session=FileSessionStore(path)
                ) as late:
                    assert late.account.get().email == EMAIL
            refreshes = [
                r for r in rememberizer_server.requests() if r["path"] == "/auth/custom-refresh/"
            ]
            assert [r["status"] for r in refreshes] == [204]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
