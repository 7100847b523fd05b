"""The Redis page's example (docs/many-hosts.md) runs against a real Redis and the fake server.

Its blocks are fenced `py`, not `python`: tests/test_docs.py runs `python` blocks with no
Redis server, and this test runs them with one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from rememberizer.testing import FakeRememberizer

from ._servers import RedisServer

PAGE = Path(__file__).resolve().parents[2] / "docs" / "many-hosts.md"
SECTION = PAGE.read_text()
BLOCKS = [b for b in re.findall(r"```py\n(.*?)```", SECTION, flags=re.DOTALL) if "REDIS_URL" in b]
EMAIL, PASSWORD = "ada@example.com", "correct horse battery staple"


@pytest.fixture
def fake() -> Iterator[FakeRememberizer]:
    with FakeRememberizer() as server:
        server.state.signup(
            {
                "email": EMAIL,
                "password": PASSWORD,
                "name": "Ada",
                "captcha": server.captcha("signup"),
            }
        )
        yield server


def test_the_redis_example_runs(
    redis_server: RedisServer,
    fake: FakeRememberizer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert BLOCKS, "docs/many-hosts.md lost its Redis example"
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    monkeypatch.setenv("REMEMBERIZER_BASE_URL", fake.base_url)
    for block in BLOCKS:
        # The page names the front end's token `token_from_front_end(action)`.
        namespace = {"token_from_front_end": fake.captcha, "__name__": "__readme__"}
        exec(compile(block, "docs/many-hosts.md", "exec"), namespace)  # noqa: S102
    assert capsys.readouterr().out.strip().endswith(EMAIL)
