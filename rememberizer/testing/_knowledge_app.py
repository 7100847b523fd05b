"""The knowledge API's HTTP layer: documents, search, contents, mementos, and their seeds.

The rules live in _knowledge.py. Every handler here checks the credentials its operation's
`security` allows, validates every input (4xx, never 500) and answers in the spec's shapes.
"""

from __future__ import annotations

from typing import Any

from rememberizer_api import operations as ops
from rememberizer_api.operations import OperationInfo
from starlette.requests import Request
from starlette.responses import Response

from ._http import Handler, _access_token, _json, _json_body, _state, path_id, query_value
from ._knowledge import (
    DISCUSSION_TYPES,
    MAX_NAME,
    MAX_QUERY_WORDS,
    MAX_TEXT,
    MEMORIZE_ANSWERS,
    SEED_TYPES,
    Message,
    Principal,
    document_json,
    finite_time,
    memento_json,
    parse_time,
)
from ._state import Rejected, User, field_error

API_KEY_HEADER = "x-api-key"


# -- credentials ----------------------------------------------------------------------------


def principal(request: Request, *, api_key: bool) -> Principal:
    """Who is calling: a session JWT (header or cookie) first, then an API key if allowed.

    An app's access token (OAuth2) sees only what its grant's mementos hold.
    """
    state = _state(request)
    token = _access_token(request)
    if token:
        user = state.authenticate(token)
        # An app's token (OAuth2) sees only the mementos its user granted on the consent page.
        grant = state.oauth.grant(token)
        if grant is not None:
            return state.knowledge.principal_for_grant(user, grant.mementos, "oauth")
        return state.knowledge.principal_for_grant(user, None, "session")
    key = request.headers.get(API_KEY_HEADER)
    if key is not None and api_key:
        return state.knowledge.principal_for_key(key)
    detail = "Authentication credentials were not provided."
    if key is not None:
        detail = "This operation needs a signed-in session; an API key is not enough."
    raise Rejected(401, {"detail": detail, "code": "not_authenticated"})


# -- query parameters -----------------------------------------------------------------------


def _time_param(request: Request, name: str) -> float | None:
    raw = request.query_params.get(name)
    return None if raw is None else parse_time(name, raw)


def _query(name: str, value: str) -> str:
    # The fake's own bound (the spec gives none): a ranker's cost grows with the words.
    if len(value.split()) > MAX_QUERY_WORDS:
        raise field_error(name, f"A query has at most {MAX_QUERY_WORDS} words.")
    return value


def _time_range(since: float | None, until: float | None) -> None:
    if since is not None and until is not None and since > until:
        raise field_error("to", "Must not be earlier than from.")


# -- the API --------------------------------------------------------------------------------


async def integrations(request: Request) -> Response:
    who = principal(request, api_key=True)  # Rememberizer's MCP server sends its key (S23)
    data = _state(request).knowledge.integrations(who.user)
    return _json(200, {"data": data, "message": "Integrations retrieved.", "code": "success"})


async def list_documents(request: Request) -> Response:
    who = principal(request, api_key=True)
    page, size = query_value(request, "page"), query_value(request, "page_size")
    kind = query_value(request, "integration_type")
    documents = _state(request).knowledge.list_documents(who, kind)
    pages = max(1, -(-len(documents) // size))
    if page > pages:
        raise Rejected(404, {"detail": "Invalid page.", "code": "not_found"})

    def link(number: int) -> str:
        return str(request.url.include_query_params(page=number, page_size=size))

    return _json(
        200,
        {
            "count": len(documents),
            "next": link(page + 1) if page < pages else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": [document_json(d) for d in documents[(page - 1) * size : page * size]],
        },
    )


async def search(request: Request) -> Response:
    who = principal(request, api_key=True)
    query = _query("q", query_value(request, "q"))
    n = query_value(request, "n")
    since, until = _time_param(request, "from"), _time_param(request, "to")
    _time_range(since, until)
    prev_chunks = query_value(request, "prev_chunks")
    next_chunks = query_value(request, "next_chunks")
    found = _state(request).knowledge.search(
        who,
        query,
        n,
        since=since,
        until=until,
        prev_chunks=prev_chunks,
        next_chunks=next_chunks,
    )
    return _json(200, found)


async def agentic_search(request: Request) -> Response:
    who = principal(request, api_key=True)
    body = await _json_body(request)
    errors: dict[str, list[str]] = {}
    query, n = body["query"], body.get("n_chunks", 5)
    try:
        _query("query", query)
    except Rejected as exc:
        errors.update(exc.body)
    times: dict[str, float | None] = {}
    for name in ("from", "to"):
        try:
            times[name] = None if body.get(name) is None else parse_time(name, body.get(name))
        except Rejected as exc:
            errors.update(exc.body)
    if errors:
        raise Rejected(400, errors)
    _time_range(times["from"], times["to"])
    # Inferred: the fake has no agent; it searches the query (the user context only steers a
    # real model's reformulation, which a lexical ranker cannot imitate honestly).
    found = _state(request).knowledge.search(who, query, n, since=times["from"], until=times["to"])
    return _json(200, found)


async def document_contents(request: Request) -> Response:
    who = principal(request, api_key=True)
    document_id = path_id(request, "document_id")
    start, end = query_value(request, "start_chunk"), query_value(request, "end_chunk")
    if end is not None and end < start:
        raise field_error("end_chunk", "Must not be less than start_chunk.")
    content, stop = _state(request).knowledge.contents(who, document_id, start, end)
    return _json(200, {"content": content, "end_chunk": stop})


async def memorize(request: Request) -> Response:
    """201 with no body (the docs' prose), or 200 {data, message, code} (the newer embedded
    schema), as /_testing/memorize-answer chose (S7)."""
    who = principal(request, api_key=True)
    knowledge = _state(request).knowledge
    knowledge.memorize(who, await _json_body(request))
    if knowledge.memorize_answer == "data":
        body = {"data": [{}], "message": "Document saved successfully", "code": "success"}
        return _json(200, body)
    return Response(status_code=201)


async def discussion_contents(request: Request) -> Response:
    who = principal(request, api_key=True)  # Rememberizer's MCP server sends its key (S23)
    discussion_id = path_id(request, "discussion_id")
    kind = query_value(request, "integration_type")
    # Either order of the bounds is taken: the docs contradict themselves (S6).
    since, until = _time_param(request, "from"), _time_param(request, "to")
    assert kind is not None
    found = _state(request).knowledge.discussion(who, discussion_id, kind, since, until)
    return _json(200, found)


async def subscribed_knowledge(request: Request) -> Response:
    who = principal(request, api_key=False)
    return _json(200, _state(request).knowledge.subscribed(who.user))


async def mementos(request: Request) -> Response:
    who = principal(request, api_key=False)
    knowledge = _state(request).knowledge
    if request.method == "POST":
        memento = knowledge.create_memento(who, await _json_body(request))
        return _json(201, memento_json(memento))
    return _json(200, [memento_json(m) for m in knowledge.mementos(who)])


async def memento(request: Request) -> Response:
    who = principal(request, api_key=False)
    memento_id = path_id(request, "memento_id")
    knowledge = _state(request).knowledge
    if request.method == "DELETE":
        knowledge.delete_memento(who, memento_id)
        return Response(status_code=204)
    return _json(200, memento_json(knowledge.memento(who, memento_id)))


async def memento_documents(request: Request) -> Response:
    who = principal(request, api_key=False)
    memento_id = path_id(request, "memento_id")
    body = await _json_body(request)
    updated = _state(request).knowledge.update_memento(who, memento_id, body)
    return _json(200, memento_json(updated))


# -- the test controls ----------------------------------------------------------------------


def _seed_user(request: Request, body: dict[str, Any]) -> User:
    email = body.get("email")
    if not isinstance(email, str) or not email:
        raise field_error("email", "The email of an existing account is required.")
    user = _state(request).user_by_email(email)
    if user is None:
        raise field_error("email", "No account has this email address.")
    return user


def _seed_text(name: str, value: Any, limit: int) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise field_error(name, f"A non-blank string of at most {limit} characters is required.")
    return value


def _seed_messages(value: Any) -> list[Message]:
    if not isinstance(value, list) or not value:
        raise field_error("messages", "A non-empty list of {time, text, replies} is required.")
    messages = []
    for item in value:
        if not isinstance(item, dict) or set(item) - {"time", "text", "replies"}:
            raise field_error("messages", "Each message is {time, text, replies?}.")
        replies = item.get("replies", [])
        if not isinstance(replies, list) or not all(
            isinstance(r, dict) and set(r) == {"time", "text"} for r in replies
        ):
            raise field_error("messages", "Replies are a list of {time, text}.")
        messages.append(
            Message(
                when=finite_time("messages", item.get("time")),
                text=_seed_text("messages", item.get("text"), MAX_TEXT),
                replies=[
                    (
                        finite_time("messages", r["time"]),
                        _seed_text("messages", r["text"], MAX_TEXT),
                    )
                    for r in replies
                ],
            )
        )
    messages.sort(key=lambda m: m.when)
    return messages


async def testing_documents(request: Request) -> Response:
    """POST /_testing/documents: add a document to a user's knowledge, from a given source.

    Body: {email, name, integration_type, time, text} or, for slack and discord,
    {email, name, integration_type, messages: [{time, text, replies?: [{time, text}]}]};
    `time` is ISO 8601 with an offset, or seconds since the epoch; `path` is optional.
    """
    body = await _json_body(request)
    allowed = {"email", "name", "integration_type", "time", "text", "messages", "path"}
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise field_error(unknown[0], "Unknown field.")
    user = _seed_user(request, body)
    name = _seed_text("name", body.get("name"), MAX_NAME)
    kind = body.get("integration_type")
    if kind not in SEED_TYPES:
        raise field_error("integration_type", f"Must be one of: {', '.join(SEED_TYPES)}.")
    path = body.get("path")
    if path is not None and (not isinstance(path, str) or not path.startswith("/")):
        raise field_error("path", "A path starting with / is required.")
    messages = None
    if kind in DISCUSSION_TYPES:
        if "text" in body or "time" in body:
            raise field_error("messages", "A discussion is seeded with messages, not text.")
        messages = _seed_messages(body.get("messages"))
        when = messages[-1].when
        text = "\n".join("\n".join([m.text, *(reply for _, reply in m.replies)]) for m in messages)
    else:
        if "messages" in body:
            raise field_error("messages", "Only slack and discord documents have messages.")
        when = finite_time("time", body.get("time"))
        text = _seed_text("text", body.get("text"), MAX_TEXT)
    document = _state(request).knowledge.add_document(
        user,
        name=name,
        text=text,
        integration_type=str(kind),
        when=when,
        path=path,
        messages=messages,
    )
    return _json(201, document_json(document))


async def testing_common_knowledge(request: Request) -> Response:
    """POST /_testing/common-knowledge: subscribe a user to shared knowledge.

    Body: {email, name, description?, publisher_name?, documents: [{name, text, time}]}; the
    documents join the user's knowledge as integration_type common_knowledge.
    """
    body = await _json_body(request)
    allowed = {"email", "name", "description", "publisher_name", "documents"}
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise field_error(unknown[0], "Unknown field.")
    user = _seed_user(request, body)
    name = _seed_text("name", body.get("name"), MAX_NAME)
    description = body.get("description", "")
    publisher = body.get("publisher_name", "Rememberizer")
    if not isinstance(description, str) or len(description) > MAX_TEXT:
        raise field_error("description", "A string is required.")
    if not isinstance(publisher, str) or len(publisher) > MAX_NAME:
        raise field_error("publisher_name", "A string is required.")
    seeds = body.get("documents")
    if not isinstance(seeds, list) or not seeds:
        raise field_error("documents", "A non-empty list of {name, text, time} is required.")
    parsed = []
    for seed in seeds:
        if not isinstance(seed, dict) or set(seed) != {"name", "text", "time"}:
            raise field_error("documents", "Each document is {name, text, time}.")
        parsed.append(
            (
                _seed_text("documents", seed["name"], MAX_NAME),
                _seed_text("documents", seed["text"], MAX_TEXT),
                finite_time("documents", seed["time"]),
            )
        )
    knowledge = _state(request).knowledge
    documents = [
        knowledge.add_document(user, name=n, text=t, integration_type="common_knowledge", when=w)
        for n, t, w in parsed
    ]
    shared = knowledge.add_shared(
        user, name=name, description=description, publisher_name=publisher, documents=documents
    )
    return _json(
        201,
        {"id": shared.id, "memento": shared.memento, "document_ids": shared.document_ids},
    )


async def testing_api_keys(request: Request) -> Response:
    """POST /_testing/api-keys: issue a knowledge API key. Body: {email, memento?}.

    A key tied to a memento sees only that memento's documents; without one, all of the
    user's documents (inferred).
    """
    body = await _json_body(request)
    unknown = sorted(set(body) - {"email", "memento"})
    if unknown:
        raise field_error(unknown[0], "Unknown field.")
    user = _seed_user(request, body)
    memento_id = body.get("memento")
    if memento_id is not None and (isinstance(memento_id, bool) or not isinstance(memento_id, int)):
        raise field_error("memento", "A memento id is required.")
    key = _state(request).knowledge.issue_api_key(user, memento_id)
    return _json(201, {"api_key": key})


async def testing_memorize_answer(request: Request) -> Response:
    """POST /_testing/memorize-answer {variant: "empty" | "data"}: which documented answer
    memorize gives (201 with no body, the default, or 200 {data, message, code})."""
    body = await _json_body(request)
    variant = body.get("variant")
    if variant not in MEMORIZE_ANSWERS:
        raise field_error("variant", f"Must be one of: {', '.join(MEMORIZE_ANSWERS)}.")
    _state(request).knowledge.memorize_answer = variant
    return _json(200, {"variant": variant})


# Each handler with the operations it serves (one path), as the spec's table names them.
knowledge_routes: list[tuple[Handler, tuple[OperationInfo, ...]]] = [
    (integrations, (ops.LIST_INTEGRATIONS,)),
    (list_documents, (ops.LIST_DOCUMENTS,)),
    (search, (ops.SEARCH_DOCUMENTS,)),
    (agentic_search, (ops.AGENTIC_SEARCH_DOCUMENTS,)),
    (memorize, (ops.MEMORIZE_DOCUMENT,)),
    (document_contents, (ops.GET_DOCUMENT_CONTENTS,)),
    (discussion_contents, (ops.GET_DISCUSSION_CONTENTS,)),
    (subscribed_knowledge, (ops.LIST_SUBSCRIBED_KNOWLEDGE,)),
    (mementos, (ops.LIST_MEMENTOS, ops.CREATE_MEMENTO)),
    (memento, (ops.GET_MEMENTO, ops.DELETE_MEMENTO)),
    (memento_documents, (ops.UPDATE_MEMENTO_DOCUMENTS,)),
]
knowledge_controls = [
    ("/documents", testing_documents, ("POST",)),
    ("/common-knowledge", testing_common_knowledge, ("POST",)),
    ("/api-keys", testing_api_keys, ("POST",)),
    ("/memorize-answer", testing_memorize_answer, ("POST",)),
]
