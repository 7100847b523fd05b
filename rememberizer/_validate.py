"""Check a parsed response model against the spec's types.

The generated `from_dict` copies JSON values into the model as they come: `"email": 5` would
become an Account whose email is an int, and `"email_verified": "false"` a truthy string. The
facade checks every field of the built model against the model's own annotations (which the
generator writes from the spec), recursively, before handing it out.

It reads tolerantly (issue 22): fields the spec does not name stay in the model's
`additional_properties`, and an enum value the spec does not list is kept as its string. What
it refuses is a field the caller needs that is missing or of another type.
"""

from __future__ import annotations

import datetime
import types
import typing
from functools import cache
from typing import Any

import attrs

__all__ = ["problem_with"]


class _Models(dict[str, Any]):
    """The generated types, and each generated model loaded when a hint names it: the models
    package loads its models on first use, so its namespace does not hold them all yet."""

    def __missing__(self, name: str) -> Any:
        import rememberizer_api.models as models

        try:
            return getattr(models, name)
        except AttributeError:
            raise KeyError(name) from None


@cache
def _hints(model: Any) -> dict[str, Any]:
    import rememberizer_api.types as generated_types

    namespace = _Models(vars(generated_types))
    return {
        name: hint
        for name, hint in typing.get_type_hints(model, localns=namespace).items()
        if name != "additional_properties"
    }


def _matches(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return any(_matches(value, arg) for arg in typing.get_args(hint))
    if origin is typing.Literal:
        # The tolerant reader: an enum value the spec does not list yet is kept as the string
        # the server sent (the generated check_* functions keep it too); a value of another
        # type is still refused.
        known = typing.get_args(hint)
        return value in known or (isinstance(value, str) and all(isinstance(v, str) for v in known))
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return isinstance(value, list) and all(_matches(v, item) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    if hint is Any:
        return True
    if hint is None or hint is type(None):
        return value is None
    if hint is bool:
        return type(value) is bool
    if hint is int:
        return isinstance(value, int) and type(value) is not bool
    if hint is float:
        return isinstance(value, int | float) and type(value) is not bool
    if attrs.has(hint):
        return isinstance(value, hint) and problem_with(value) is None
    if isinstance(hint, type):
        return isinstance(value, hint)
    return True  # a construct the generator does not emit today


def problem_with(instance: object) -> str | None:
    """None when every field of `instance` has its annotated type; else which one does not.

    Names the field, never its value (which may be a token).
    """
    model: Any = type(instance)
    for name, hint in _hints(model).items():
        if not _matches(getattr(instance, name), hint):
            return f"{name} is not a {_describe(hint)}"
    return None


def _describe(hint: Any) -> str:
    if isinstance(hint, type) and not typing.get_args(hint):
        return "date-time" if hint is datetime.datetime else hint.__name__
    return str(hint).replace("typing.", "")
