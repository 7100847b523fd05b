"""Users type their code with `rememberizer` and `rememberizer.types`, never the generated
package: every type a public method takes or returns, and every type inside those models,
is importable from `rememberizer.types` as the very same object."""

from __future__ import annotations

import builtins
import inspect
import re
import sys
from collections.abc import Iterator
from typing import Any

import attrs
from rememberizer_api import models as generated_models
from rememberizer_api import types as generated_types

import rememberizer
import rememberizer.types
from tests._surface import APPS, CLIENTS, namespaces, public_methods


def _types_in(owner: Any) -> Iterator[type[Any]]:
    """The classes named in the annotations of a function or class.

    The annotations are strings (`from __future__ import annotations`) that
    `typing.get_type_hints` cannot always evaluate on Python 3.11 (a quoted model in a union):
    each dotted name in them is looked up in the owner's module instead.
    """
    # Generated models name each other under TYPE_CHECKING only: looked up in the package.
    scopes = (sys.modules[owner.__module__], generated_models, generated_types, builtins)
    for annotation in inspect.get_annotations(owner).values():
        for name in re.findall(r"[A-Za-z_][\w.]*", str(annotation)):
            for scope in scopes:
                value: Any = scope
                for part in name.split("."):
                    value = getattr(value, part, None)
                if isinstance(value, type):
                    yield value
                    break


def _reachable() -> set[type[Any]]:
    """Every generated type a user meets: in the signatures, and in the models they return."""
    classes = [*CLIENTS, *APPS, *(cls for _, cls in namespaces())]
    pending = [
        found for cls in classes for _, method in public_methods(cls) for found in _types_in(method)
    ]
    seen: set[type[Any]] = set()
    while pending:
        cls = pending.pop()
        if cls in seen or not cls.__module__.startswith("rememberizer_api"):
            continue
        seen.add(cls)
        if attrs.has(cls):
            pending += _types_in(cls)
    return seen


def test_every_type_a_user_meets_is_importable_from_rememberizer_types() -> None:
    reachable = _reachable()
    names = {cls.__name__ for cls in reachable}
    # The walk reaches into the models: these are only met as fields of returned models.
    assert {"Document", "SearchDocument", "VectorStoreDocument", "Unset"} <= names
    for cls in reachable:
        assert getattr(rememberizer.types, cls.__name__, None) is cls, cls.__name__
        assert cls.__name__ in rememberizer.types.__all__, cls.__name__


def test_the_everyday_types_are_top_level_names_too() -> None:
    for name in ("Unset", "UNSET", "Document", "SearchDocument", "VectorStoreDocument"):
        assert name in rememberizer.__all__
        assert getattr(rememberizer, name) is getattr(rememberizer.types, name)


def test_an_absent_field_reads_unset_which_is_falsy_and_not_none() -> None:
    document = rememberizer.types.Document.from_dict(
        {
            "id": 1,
            "document_id": "d",
            "name": "notes.md",
            "type": "text/markdown",
            "integration_type": "drive",
        }
    )
    assert document.size is rememberizer.UNSET
    assert isinstance(document.size, rememberizer.Unset)
    assert not document.size
    assert document.size is not None
    assert repr(document.size) == "UNSET"
    assert "size=UNSET" in repr(document)


def test_authorization_url_is_a_plain_method_on_both_apps_and_says_so() -> None:
    # It sends nothing; the async app's docs say loudly that it takes no await.
    from rememberizer import AsyncOAuthApp, OAuthApp

    for app in (OAuthApp, AsyncOAuthApp):
        assert not inspect.iscoroutinefunction(app.authorization_url)
    assert "Not a coroutine, on `AsyncOAuthApp` too" in (
        AsyncOAuthApp.authorization_url.__doc__ or ""
    )
