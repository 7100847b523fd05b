"""The package as a user gets it: build the sdist and the wheel (from the sdist), check them
with twine, install the wheel into a fresh venv outside the repo, then run the README's
Quickstart and a downstream test suite that uses the pytest fixtures.

It runs under every supported Python the machine has (python3.11 to python3.14 on PATH or
under pyenv, and the one running the tests); pip may use the package registries.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import fresh_venv

ROOT = Path(__file__).resolve().parent.parent
DOWNSTREAM = """
from rememberizer import Rememberizer, AuthenticationError
import pytest


def test_my_app_signs_in(rememberizer_server):
    with Rememberizer(
        base_url=rememberizer_server.base_url, captcha=rememberizer_server.captcha
    ) as client:
        client.auth.signup(email="ada@example.com", password="correct horse battery", name="Ada")
        client.auth.signin(login="ada@example.com", password="correct horse battery")
        assert client.account.me().email == "ada@example.com"


def test_a_wrong_password(rememberizer_server):
    with Rememberizer(
        base_url=rememberizer_server.base_url, captcha=rememberizer_server.captcha
    ) as client:
        client.auth.signup(email="ada@example.com", password="correct horse battery", name="Ada")
        with pytest.raises(AuthenticationError):
            client.auth.signin(login="ada@example.com", password="wrong password")
"""


def _interpreters() -> list[str]:
    """One working interpreter per supported minor version: PATH, then pyenv's versions."""
    candidates = [sys.executable]
    candidates += [shutil.which(f"python3.{minor}") or "" for minor in range(11, 15)]
    candidates += [str(p) for p in sorted(Path.home().glob(".pyenv/versions/3.*/bin/python3"))]
    found: dict[str, str] = {}
    for path in filter(None, candidates):
        probe = subprocess.run(
            [path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        version = probe.stdout.strip()
        # A pyenv shim for a version that is not selected exits non-zero: not an interpreter.
        if probe.returncode == 0 and version in ("3.11", "3.12", "3.13", "3.14"):
            found.setdefault(version, path)
    return [found[version] for version in sorted(found)]


def run(*command: str | Path, cwd: Path, timeout: float = 300) -> str:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=timeout, cwd=cwd
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_wheel_and_sdist_hold_only_what_users_need(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.startswith(("tests/", "spec/", "scripts/", "docs/"))]
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        .decode()
    )
    # The conformance kit ships: every scenario, its schema and the runner protocol.
    kit = [n for n in names if n.startswith("rememberizer/testing/conformance/")]
    assert {"README.md", "scenario.schema.json"} <= {n.rsplit("/", 1)[-1] for n in kit}
    assert len([n for n in kit if n.endswith(".yaml")]) >= 20
    assert "License-Expression: Apache-2.0" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    assert "Provides-Extra: cli" in metadata
    # What PyPI shows: the project's links, and a README whose links are absolute.
    for label in ("Documentation", "Source", "Changelog"):
        assert f"Project-URL: {label}, https://" in metadata
    assert "](docs/" not in metadata
    # The example the OAuth page points to is in the wheel, where a user can run it.
    assert "rememberizer/examples/oauth_app.py" in names
    for internal in ("Provides-Extra: dev", "Provides-Extra: bench"):
        assert internal not in metadata
    # The requirements, by name: httpx2, never httpx or a bench peer (the README may name them).
    required = {
        re.split(r"[^\w.-]", line.removeprefix("Requires-Dist: "), maxsplit=1)[0].lower()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist: ")
    }
    assert {"httpx2", "attrs", "filelock"} <= required
    assert not required & {"httpx", "openai", "authlib", "supabase-auth"}
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = [m.split("/", 1)[-1] for m in archive.getnames()]
    assert "LICENSE" in members
    assert "pyproject.toml" in members
    assert not [m for m in members if m.startswith(("tests/", "scripts/", "docs/", "spec/"))]


@pytest.mark.timeout(900)
@pytest.mark.parametrize("python", _interpreters())
def test_installed_outside_the_repo(dist: Path, python: str, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    fresh_venv(python, venv, f"{wheel}[testing,cli]", "pytest", "pyyaml")

    readme = (ROOT / "README.md").read_text()
    quickstart = re.findall(r"```python\n(.*?)```", readme.split("## Quickstart")[1], re.DOTALL)[0]
    (tmp_path / "quickstart.py").write_text(quickstart)
    assert run(venv / "bin" / "python", "quickstart.py", cwd=tmp_path) == "Ada True\n"

    (tmp_path / "test_downstream.py").write_text(DOWNSTREAM)
    out = run(venv / "bin" / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=tmp_path)
    assert "2 passed" in out

    # The conformance kit, as an SDK author outside this repo runs it: the shipped scenarios
    # through a runner of their own (here a copy of the Python runner, importing the wheel).
    shutil.copy(ROOT / "tests" / "parity" / "runner.py", tmp_path / "my_runner.py")
    runner = f"{venv / 'bin' / 'python'} {tmp_path / 'my_runner.py'}"
    table = run(
        venv / "bin" / "python", "-m", "rememberizer.testing", "conformance", "--runner", runner,
        cwd=tmp_path,
    )  # fmt: skip
    assert "python" in table.splitlines()[0]
    assert re.search(r"conformance: \d+ passed, 0 failed", table), table

    assert "whoami" in run(venv / "bin" / "rememberizer", "--help", cwd=tmp_path)
    # The OAuth example the docs point to runs from the installed package.
    example = "from rememberizer.examples.oauth_app import create_app; print(create_app.__doc__)"
    assert "signing users in" in run(venv / "bin" / "python", "-c", example, cwd=tmp_path)
    imported = run(
        venv / "bin" / "python", "-c", "import rememberizer; print(rememberizer.__file__)",
        cwd=tmp_path,
    )  # fmt: skip
    assert imported.startswith(str(venv))
