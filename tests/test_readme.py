"""Every Python block in README.md runs against the fake server, so the docs cannot rot."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rememberizer.testing import FakeRememberizer

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)
EMAIL, PASSWORD = "ada@example.com", "correct horse battery staple"


def test_the_readme_has_its_sections_in_order() -> None:
    headings = re.findall(r"^## (.+)$", README.read_text(), flags=re.MULTILINE)
    assert headings == [
        "The two commands",
        "Quickstart",
        "Captcha providers",
        "Sessions and persistence",
        "Refresh and retries",
        "Errors",
        "Logging",
        "The fake server, for your own tests",
        "Performance",
        "Regenerating from a new spec",
        "Layout",
    ]
    quickstarts = README.read_text().split("## Quickstart")[1].split("## ")[0]
    for block in re.findall(r"```python\n(.*?)```", quickstarts, flags=re.DOTALL):
        assert len(block.strip().splitlines()) <= 10


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeRememberizer]:
    """A fresh server where Ada has an account, and the environment the examples assume."""
    with FakeRememberizer() as fake:
        fake.state.signup(
            {"email": EMAIL, "password": PASSWORD, "name": "Ada", "captcha": fake.captcha("signup")}
        )
        monkeypatch.setenv("REMEMBERIZER_BASE_URL", fake.base_url)
        monkeypatch.setenv("HOME", str(tmp_path))
        yield fake


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_each_example_runs(block: str, server: FakeRememberizer, tmp_path: Path) -> None:
    if "def test_" in block:
        # An example test suite: run it with pytest, with the plugin's fixtures.
        example = tmp_path / "test_example.py"
        example.write_text(block)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "-p",
                "anyio",
                "-W",
                "ignore::DeprecationWarning",
                str(example),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return
    namespace = {"get_captcha_token": server.captcha, "__name__": "__readme__"}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
