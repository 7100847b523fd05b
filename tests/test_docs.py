"""Every Python block in README.md and docs/*.md runs, so the docs cannot rot.

Each block is self-contained: it starts its own fake server (`with FakeRememberizer() as
server:`), or it is a pytest file (it defines `test_` functions) that uses the plugin's
fixtures and runs under pytest.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCKS = [
    (page, index, block)
    for page in PAGES
    for index, block in enumerate(re.findall(r"```python\n(.*?)```", page.read_text(), re.DOTALL))
]


def test_every_page_has_examples_and_the_nav_lists_every_page() -> None:
    assert {page.name for page, _, _ in BLOCKS} >= {
        "README.md",
        "getting-started.md",
        "authentication.md",
        "errors.md",
        "testing.md",
    }
    nav = (ROOT / "mkdocs.yml").read_text()
    for page in (ROOT / "docs").glob("*.md"):
        assert f": {page.name}" in nav, page.name


def test_the_readme_quickstart_is_short_and_runs_on_a_fresh_fake_server() -> None:
    readme = (ROOT / "README.md").read_text()
    quickstart = readme.split("## Quickstart")[1].split("\n## ")[0]
    (block,) = re.findall(r"```python\n(.*?)```", quickstart, flags=re.DOTALL)
    assert len(block.strip().splitlines()) <= 10
    assert "with FakeRememberizer() as server:" in block
    assert "reCAPTCHA widget" in quickstart
    assert "`signin`" in quickstart
    assert "`signup`" in quickstart


@pytest.mark.parametrize(
    "block",
    [block for _, _, block in BLOCKS],
    ids=[f"{page.name}-{index}" for page, index, _ in BLOCKS],
)
def test_each_example_runs(block: str, tmp_path: Path) -> None:
    example = tmp_path / ("test_example.py" if "def test_" in block else "example.py")
    example.write_text(block)
    if "def test_" in block:
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "anyio"]
        command += ["-W", "ignore::DeprecationWarning", str(example)]
    else:
        command = [sys.executable, str(example)]
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
