"""The knowledge API's argument checks and list parsing, shared by the sync and async clients.

Nothing here sends anything. Every check raises InvalidRequestError naming the argument,
never its value, before a request is built. The bounds are the spec's
(spec/rememberizer_openapi.yml); the facts file says a query has at most 400 words.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from rememberizer_api.operations import OperationInfo
from rememberizer_api.types import UNSET, Unset

from ._errors import APIResponseValidationError, InvalidRequestError
from ._httpx import httpx2
from ._pipeline import Model, check_text
from ._validate import problem_with

M = TypeVar("M", bound=Model)

MAX_QUERY_WORDS = 400
MAX_N = 100  # search `n` and agentic `n_chunks`: 1..100
MAX_CONTEXT_CHUNKS = 20  # prev_chunks, next_chunks: 0..20
MAX_PAGE_SIZE = 1000  # documents page_size: 1..1000, as Rememberizer's own clients send it
MAX_NAME = 255  # memorize and memento names


def check_query(name: str, value: object) -> str:
    """A query: text with at least one word and at most 400."""
    check_text(min_length=1, **{name: value})
    assert isinstance(value, str)
    words = len(value.split())
    if words == 0:
        raise InvalidRequestError(f"{name} must have at least one word")
    if words > MAX_QUERY_WORDS:
        raise InvalidRequestError(f"{name} has {words} words; the API takes at most 400")
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


def optional_int(name: str, value: object, low: int, high: int | None = None) -> int | Unset:
    """`value` checked, or UNSET for None: a parameter the caller did not give is not sent,
    so that the server's own default applies."""
    return UNSET if value is None else check_int(name, value, low, high)


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


def check_name(name: str, value: object) -> str:
    """A name of 1 to 255 characters."""
    check_text(min_length=1, **{name: value})
    assert isinstance(value, str)
    if not value.strip() or len(value) > MAX_NAME:
        raise InvalidRequestError(f"{name} must be 1 to {MAX_NAME} characters, not blank")
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
        raw = httpx2.URL(next_url).params.get("page")
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
