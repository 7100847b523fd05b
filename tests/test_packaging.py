"""Both packages ship: in the wheel and through the editable install."""

from __future__ import annotations

import zipfile
from pathlib import Path

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
