"""The API reference is complete: the built site documents every public name, every method of
every class and namespace, every model and every test control, with its examples as code."""

from __future__ import annotations

import html
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import rememberizer.testing
from tests._surface import namespaces, public_methods, public_names

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def anchors(site: Path) -> set[str]:
    page = (site / "reference" / "index.html").read_text()
    return set(re.findall(r'id="([^"]+)"', page))


def _paths(name: str, obj: object) -> set[str]:
    """Where the reference may document `obj`: under the name users import, or under the
    module that defines it (the Redis stores, which `rememberizer` imports only when named)."""
    paths = {name}
    if inspect.isclass(obj):
        paths.add(f"{obj.__module__}.{obj.__qualname__}")
    return paths


def _documented(anchors: set[str], name: str, obj: object) -> bool:
    generated = getattr(obj, "__module__", "").startswith("rememberizer_api")
    if generated or name.startswith("rememberizer.types.") or name.endswith("UNSET"):
        # A generated model, rendered from its own package under its rememberizer.types name.
        short = name.rsplit(".", 1)[-1]
        return any(a.startswith("rememberizer_api.") and a.endswith(f".{short}") for a in anchors)
    return bool(_paths(name, obj) & anchors)


def test_every_public_name_is_in_the_reference(anchors: set[str]) -> None:
    missing = [name for name, obj in public_names() if not _documented(anchors, name, obj)]
    assert missing == []


def test_every_method_of_every_public_class_is_in_the_reference(anchors: set[str]) -> None:
    missing = [
        f"{name}.{method}"
        for name, obj in public_names()
        if inspect.isclass(obj)
        and obj.__module__.startswith("rememberizer")
        and not obj.__module__.startswith("rememberizer_api")
        and not issubclass(obj, BaseException)  # exceptions: their attributes are listed
        for method, _ in public_methods(obj)
        if not {f"{path}.{method}" for path in _paths(name, obj)} & anchors
    ]
    assert missing == []


def test_every_method_of_every_namespace_is_in_the_reference(anchors: set[str]) -> None:
    walked = dict(namespaces())
    # The walk is not vacuous: the methods the new user could not find are among them.
    assert {"Rememberizer.documents", "VectorStore.documents", "Rememberizer.mementos"} <= set(
        walked
    )
    missing = [
        f"{where}.{method}"
        for where, cls in walked.items()
        for method, _ in public_methods(cls)
        if not any(a.endswith(f".{cls.__name__}.{method}") for a in anchors)
    ]
    assert missing == []
    for must in ("DocumentsResource.search", "DocumentsResource.memorize", "AuthResource.signin"):
        assert any(a.endswith(must) for a in anchors), must


def test_examples_render_as_code_without_doctest_directives(site: Path) -> None:
    page = (site / "reference" / "index.html").read_text()
    assert "doctest" not in page
    assert "&gt;&gt;&gt;" not in page  # a `>>>` prompt: markdown makes it a nested blockquote
    assert "<blockquote>" not in page
    # Code is never clipped: the stylesheet wraps long lines instead of hiding them.
    assert "stylesheets/extra.css" in page
    assert "white-space: pre-wrap" in (site / "stylesheets" / "extra.css").read_text()
    # The clients' examples are highlighted Python blocks.
    assert page.count('<div class="highlight"><pre>') >= 8


def test_every_test_control_is_documented(site: Path) -> None:
    text = html.unescape(re.sub(r"<[^>]+>", "", (site / "testing" / "index.html").read_text()))
    app: Any = rememberizer.testing.FakeRememberizer().app
    routes = next(r for r in app.app.routes if getattr(r, "path", "") == "/_testing")
    controls = [
        f"{method} /_testing{route.path}"
        for route in routes.routes
        for method in sorted(route.methods - {"HEAD"})
    ]
    assert "POST /_testing/oauth-apps" in controls
    assert [control for control in controls if control not in text] == []


def test_the_home_page_has_an_example(site: Path) -> None:
    page = (site / "index.html").read_text()
    assert '<div class="highlight"><pre>' in page
    assert "client.documents.search" in html.unescape(re.sub(r"<[^>]+>", "", page))
