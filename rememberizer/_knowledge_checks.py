"""The knowledge API's argument checks and list parsing, shared by the sync and async clients.

Nothing here sends anything. Every check raises InvalidRequestError naming the argument,
never its value, before a request is built. The bounds are the spec's, read from the
operation's row (rememberizer_api.operations `bounds`, written by scripts/regenerate); a query's
word limit is the spec's `x-rememberizer-max-words`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from rememberizer_api.operations import Bounds, OperationInfo
from rememberizer_api.types import UNSET, Unset

from ._errors import APIResponseValidationError, InvalidRequestError
from ._httpx import httpx2
from ._pipeline import Model, check_text
from ._validate import problem_with

M = TypeVar("M", bound=Model)


def bounds(op: OperationInfo, name: str) -> Bounds:
    """What the spec allows of `op`'s parameter or body field `name`."""
    return dict(op.bounds)[name]


def int_range(op: OperationInfo, name: str) -> tuple[int, int | None]:
    """The spec's [minimum, maximum] of a whole-number parameter (maximum None: unbounded)."""
    found = bounds(op, name)
    assert found.minimum is not None, f"the spec gives {op.operation_id} {name} no minimum"
    high = None if found.maximum is None else int(found.maximum)
    return int(found.minimum), high


def check_range(
    op: OperationInfo, name: str, value: object, given_as: str = "", whole: bool = True
) -> None:
    """`value` within the spec's [minimum, maximum] of `op`'s `name`, told to the caller as
    `given_as` (the argument's own name, when it differs from the spec's)."""
    limits = bounds(op, name)
    assert limits.minimum is not None
    assert limits.maximum is not None
    low, high, name = limits.minimum, limits.maximum, given_as or name
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (whole and not isinstance(value, int))
        or not low <= value <= high
    ):
        kind = "a whole number" if whole else "a number"
        raise InvalidRequestError(f"{name} must be {kind} from {low:g} to {high:g}")


def check_query(op: OperationInfo, name: str, value: object) -> str:
    """A query: text with at least one word and at most the spec's word limit."""
    check_text(min_length=1, **{name: value})
    assert isinstance(value, str)
    words, limit = len(value.split()), bounds(op, name).max_words
    if words == 0:
        raise InvalidRequestError(f"{name} must have at least one word")
    if limit is not None and words > limit:
        raise InvalidRequestError(f"{name} has {words} words; the API takes at most {limit}")
    return value


def check_int(name: str, value: object, low: int, high: int | None = None) -> int:
    """A whole number in [low, high]; bools are refused (True is not a count)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRequestError(f"{name} must be an int, not {type(value).__name__}")
    if value < low or (high is not None and value > high):
        upper = f" and at most {high}" if high is not None else ""
        raise InvalidRequestError(f"{name} must be at least {low}{upper}")
    return value


def check_id(name: str, value: object) -> int:
    """An object id: a positive int."""
    return check_int(name, value, 1)


def bounded_int(op: OperationInfo, name: str, value: object) -> int:
    """A whole number within the spec's bounds of `op`'s `name`."""
    return check_int(name, value, *int_range(op, name))


def optional_int(op: OperationInfo, name: str, value: object) -> int | Unset:
    """`value` checked against the spec's bounds, or UNSET for None: a parameter the caller
    did not give is not sent, so that the server's own default applies."""
    return UNSET if value is None else bounded_int(op, name, value)


def check_any_id(name: str, value: object) -> int | str:
    """An id the record writes as an integer or as a string (mementos): a positive int, or
    non-empty text."""
    if isinstance(value, str):
        check_text(min_length=1, **{name: value})
        if not value.strip():
            raise InvalidRequestError(f"{name} must not be blank")
        return value
    return check_id(name, value)


def contents_id(document: object) -> int:
    """The id the contents call takes: a Document's `pk` when it has one, else its integer
    `id`; or an int given as it is."""
    if isinstance(document, int) or not hasattr(document, "additional_properties"):
        return check_id("document_id", document)
    pk, key = getattr(document, "pk", UNSET), getattr(document, "id", None)
    if isinstance(pk, int) and not isinstance(pk, bool):
        return check_id("document.pk", pk)
    if isinstance(key, int) and not isinstance(key, bool):
        return check_id("document.id", key)
    raise InvalidRequestError(
        "document has no integer pk or id to read its contents by; pass the integer id"
    )


def check_any_ids(name: str, values: Iterable[object]) -> list[int | str]:
    """A list of ids, each an int or text (the docs write memento ids as strings)."""
    if isinstance(values, str | bytes):
        raise InvalidRequestError(f"{name} must be a list of ids, not a string")
    return [check_any_id(name, v) for v in values]


def check_name(op: OperationInfo, name: str, value: object) -> str:
    """A name, not blank, within the spec's maxLength of `op`'s `name`."""
    check_text(min_length=1, **{name: value})
    assert isinstance(value, str)
    most = bounds(op, name).max_length
    if not value.strip() or (most is not None and len(value) > most):
        raise InvalidRequestError(f"{name} must be 1 to {most} characters, not blank")
    return value


def check_when(name: str, value: object) -> datetime.datetime | Unset:
    """A timezone-aware datetime, or UNSET for None.

    A naive datetime is refused rather than read as UTC or as local time: the API compares
    instants, and guessing the zone would move the window by hours without a word.
    """
    if value is None:
        return UNSET
    if not isinstance(value, datetime.datetime):
        raise InvalidRequestError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidRequestError(
            f"{name} is a naive datetime; give it a time zone, e.g. datetime.now(datetime.UTC)"
        )
    return value


def check_window(
    from_: object, to: object
) -> tuple[datetime.datetime | Unset, datetime.datetime | Unset]:
    """`from_` and `to` as the generated functions take them; `from_` must not be after `to`."""
    since, until = check_when("from_", from_), check_when("to", to)
    if isinstance(since, Unset) or isinstance(until, Unset):
        return since, until
    if since > until:
        raise InvalidRequestError("from_ must not be later than to")
    return since, until


def check_choice(name: str, value: object, choices: Iterable[str]) -> str:
    """One of `choices`."""
    allowed = sorted(choices)
    if not isinstance(value, str) or value not in allowed:
        raise InvalidRequestError(f"{name} must be one of: {', '.join(allowed)}")
    return value


def page_parameter(op: OperationInfo) -> str:
    """The query parameter that names the page of a list operation (x-rememberizer-pagination)."""
    assert op.pagination is not None, f"the spec gives {op.operation_id} no pagination"
    return op.pagination.page


def page_after(
    op: OperationInfo, response: httpx2.Response, next_url: str | None, current: int
) -> int | None:
    """The page number the server's absolute `next` link asks for, or None on the last page.

    A link back to `current` or an earlier page would have the pager fetch forever: it is an
    APIResponseValidationError.
    """
    if next_url is None:
        return None
    try:
        raw = httpx2.URL(next_url).params.get(page_parameter(op))
        page = int(raw) if raw is not None else None
    except (httpx2.InvalidURL, ValueError):
        page = None
    if page is None or page < 1:
        raise APIResponseValidationError.of(
            response, f"{op.operation_id} answered a `next` link without a page number"
        )
    if page <= current:
        raise APIResponseValidationError.of(
            response,
            f"{op.operation_id} answered a `next` link to page {page} on page {current}: "
            "the pages do not advance",
        )
    return page


def parse_list(op: OperationInfo, model: type[M], response: httpx2.Response) -> list[M]:
    """A JSON array body as a list of `model`, each checked against the spec's types."""
    problem: str | None = None
    try:
        data: Any = response.json()
    except ValueError:
        data, problem = None, "not JSON"
    if problem is None and not isinstance(data, list):
        problem = "not an array"
    items: list[M] = []
    for raw in data if problem is None else ():
        try:
            item = model.from_dict(raw) if isinstance(raw, dict) else None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problem = f"{type(exc).__name__} building {model.__name__}"
            break
        problem = "an item is not an object" if item is None else problem_with(item)
        if problem is not None:
            break
        assert item is not None
        items.append(item)
    if problem is not None:
        raise APIResponseValidationError.of(
            response, f"{op.operation_id} answered a body the spec does not allow ({problem})"
        )
    return items
