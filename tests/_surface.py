"""The public surface, walked: the names users import, and the methods they call on them.

tests/test_reference.py checks that the built API reference documents each one, and
tests/facade/test_types.py that every type they take or return is importable from
`rememberizer.types`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import rememberizer
import rememberizer.testing
from rememberizer import (
    AsyncOAuthApp,
    AsyncRememberizer,
    AsyncVectorStore,
    OAuthApp,
    Rememberizer,
    VectorStore,
)

LOOPBACK = "http://127.0.0.1:9/api/v1"
CLIENTS: tuple[type[Any], ...] = (Rememberizer, AsyncRememberizer, VectorStore, AsyncVectorStore)
APPS: tuple[type[Any], ...] = (OAuthApp, AsyncOAuthApp)


def public_methods(cls: type[Any]) -> Iterator[tuple[str, Callable[..., Any]]]:
    """The public functions and properties a class defines or inherits from the SDK."""
    for name, member in inspect.getmembers(cls):
        if name.startswith("_"):
            continue
        if inspect.isfunction(member) or isinstance(member, property):
            function = member.fget if isinstance(member, property) else member
            if function is not None and function.__module__.startswith("rememberizer."):
                yield name, function


def namespaces() -> Iterator[tuple[str, type[Any]]]:
    """Each namespace class of every client (`client.documents`, `store.documents`, ...), by
    the attribute that holds it."""
    for client_class in CLIENTS:
        extra = {"api_key": "k"} if "VectorStore" in client_class.__name__ else {}
        client = client_class(base_url=LOOPBACK, **extra)
        for name, value in vars(client).items():
            if not name.startswith("_") and hasattr(value, "with_raw_response"):
                yield f"{client_class.__name__}.{name}", type(value)


def public_names() -> Iterator[tuple[str, object]]:
    """`rememberizer.__all__`, the lazily imported Redis stores, `rememberizer.types` and
    `rememberizer.testing.__all__`: each name with its object."""
    for name in (*rememberizer.__all__, "RedisSessionStore", "AsyncRedisSessionStore"):
        yield f"rememberizer.{name}", getattr(rememberizer, name)
    for name in rememberizer.types.__all__:
        yield f"rememberizer.types.{name}", getattr(rememberizer.types, name)
    for name in rememberizer.testing.__all__:
        yield f"rememberizer.testing.{name}", getattr(rememberizer.testing, name)
