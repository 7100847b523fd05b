"""The fake server's knowledge rules: documents, search, contents, mementos and API keys.

Plain Python over State (its lock and its clock); the HTTP layer is _knowledge_app.py. Each user
has their own documents, mementos and search index. What a caller may see is a `Principal`: the
user, plus the set of document ids the credentials limit them to (None: all of them).

Sources: ../shared/reference/rememberizer-api-facts.md and the upstream GPT spec. Choices they
leave open are marked "inferred" here and `x-inferred` in the spec.
"""

from __future__ import annotations

import math
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from rememberizer_api import operations as ops

from ._contract import contract
from ._search import SearchIndex, chunk_text, tokenize
from ._state import Rejected, User, field_error

if TYPE_CHECKING:
    from ._state import State

# The spec's enums: the integrations documents come from, and those with discussions.
INTEGRATION_TYPES = tuple(contract().schemas["IntegrationType"]["enum"])
DISCUSSION_TYPES = tuple(
    contract().query_schema(ops.GET_DISCUSSION_CONTENTS, "integration_type")["enum"]
)
# Seeds may use every type; `memorize` is what POST /documents/memorize/ files under (inferred).
SEED_TYPES = tuple(dict.fromkeys((*INTEGRATION_TYPES, *DISCUSSION_TYPES)))
CONTENTS_PAGE = 20
MAX_QUERY_WORDS = 400
MEMORIZE_ANSWERS = ("empty", "data")
MAX_NAME = 255
MAX_TEXT = 60 * 1024


def not_found(what: str = "Not found.") -> Rejected:
    return Rejected(404, {"detail": what, "code": "not_found"})


def iso(when: float) -> str:
    """Seconds since the epoch as ISO 8601 in UTC, as the API writes times."""
    return datetime.fromtimestamp(when, UTC).isoformat().replace("+00:00", "Z")


def parse_time(name: str, value: Any) -> float:
    """An ISO 8601 date-time with a UTC offset as seconds since the epoch, or a 400 for `name`."""
    if not isinstance(value, str) or "\n" in value:
        raise field_error(name, "An ISO 8601 date-time is required.")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise field_error(name, "An ISO 8601 date-time is required.") from None
    if parsed.tzinfo is None:
        # Inferred: a naive time is ambiguous, so the fake refuses it rather than guess a zone.
        raise field_error(name, "Give a UTC offset, such as 2024-05-01T12:00:00Z.")
    return parsed.timestamp()


@dataclass
class Message:
    """One message of a seeded Slack or Discord discussion, with its thread replies."""

    when: float
    text: str
    replies: list[tuple[float, str]] = field(default_factory=list)


@dataclass
class Document:
    id: int
    document_id: str
    name: str
    integration_type: str
    path: str
    when: float
    indexed_on: float
    chunks: list[str]
    messages: list[Message] | None = None

    @property
    def size(self) -> int:
        return sum(len(c.encode()) for c in self.chunks)


@dataclass
class Memento:
    id: int
    name: str
    created: float
    modified: float
    documents: set[int] = field(default_factory=set)
    folders: list[str] = field(default_factory=list)


@dataclass
class SharedKnowledge:
    id: int
    name: str
    description: str
    publisher_name: str
    created: float
    memento: int
    document_ids: list[int]


@dataclass
class Library:
    """One user's knowledge."""

    documents: dict[int, Document] = field(default_factory=dict)
    mementos: dict[int, Memento] = field(default_factory=dict)
    shared: list[SharedKnowledge] = field(default_factory=list)
    index: SearchIndex = field(default_factory=SearchIndex)


@dataclass(frozen=True)
class Principal:
    """Who is asking, and which documents their credentials let them see.

    `allowed_documents` is None when the credentials see all of the user's documents (a session,
    or an API key not tied to a memento), else the ids they are limited to.
    """

    user: User
    allowed_documents: frozenset[int] | None
    via: str
    mementos: tuple[int, ...] | None = None


@dataclass(frozen=True)
class ApiKey:
    user_id: int
    memento: int | None


class Knowledge:
    """All users' knowledge on one fake server; reset with the rest of State."""

    def __init__(self, state: State) -> None:
        self._state = state
        self.libraries: dict[int, Library] = {}
        self.api_keys: dict[str, ApiKey] = {}
        self._next_id = 1
        self.memorize_answer = "empty"
        """Which documented memorize answer to give: "empty" (201) or "data" (200)."""

    def _id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def library(self, user: User) -> Library:
        return self.libraries.setdefault(user.id, Library())

    # -- credentials --------------------------------------------------------------------------

    def issue_api_key(self, user: User, memento: int | None) -> str:
        with self._state.lock:
            if memento is not None and memento not in self.library(user).mementos:
                raise field_error("memento", "No such memento for this user.")
            key = "rk_" + secrets.token_urlsafe(24)
            self.api_keys[key] = ApiKey(user.id, memento)
            return key

    def principal_for_key(self, key: str) -> Principal:
        with self._state.lock:
            grant = self.api_keys.get(key)
            user = None if grant is None else self._state.user_by_id(grant.user_id)
            if grant is None or user is None:
                raise Rejected(401, {"detail": "Invalid API key.", "code": "invalid_api_key"})
            mementos = None if grant.memento is None else (grant.memento,)
            return Principal(user, self._allowed(user, mementos), "api_key", mementos)

    def principal_for_grant(
        self, user: User, mementos: Iterable[int] | None, via: str
    ) -> Principal:
        """The principal for credentials limited to `mementos` (None: everything)."""
        with self._state.lock:
            kept = None if mementos is None else tuple(mementos)
            return Principal(user, self._allowed(user, kept), via, kept)

    def _allowed(self, user: User, mementos: Iterable[int] | None) -> frozenset[int] | None:
        if mementos is None:
            return None
        library = self.library(user)
        allowed: set[int] = set()
        for memento_id in mementos:
            memento = library.mementos.get(memento_id)
            if memento is not None:  # a deleted memento grants nothing (inferred)
                allowed |= self._memento_documents(library, memento)
        return frozenset(allowed)

    @staticmethod
    def _memento_documents(library: Library, memento: Memento) -> set[int]:
        found = set(memento.documents)
        for folder in memento.folders:
            prefix = folder.rstrip("/") + "/"
            found |= {d.id for d in library.documents.values() if d.path.startswith(prefix)}
        return found

    def _visible(self, who: Principal) -> list[Document]:
        documents = self.library(who.user).documents.values()
        allowed = who.allowed_documents
        return [d for d in documents if allowed is None or d.id in allowed]

    def _document(self, who: Principal, document_id: int) -> Document:
        document = self.library(who.user).documents.get(document_id)
        allowed = who.allowed_documents
        if document is None or (allowed is not None and document.id not in allowed):
            raise not_found("Document not found.")
        return document

    # -- documents ----------------------------------------------------------------------------

    def add_document(
        self,
        user: User,
        *,
        name: str,
        text: str,
        integration_type: str,
        when: float,
        path: str | None = None,
        messages: list[Message] | None = None,
    ) -> Document:
        with self._state.lock:
            library = self.library(user)
            doc_id = self._id()
            document = Document(
                id=doc_id,
                document_id=str(uuid.UUID(int=doc_id, version=4)),
                name=name,
                integration_type=integration_type,
                path=path if path is not None else f"/{integration_type}/{name}",
                when=when,
                indexed_on=self._state.now(),
                chunks=chunk_text(text),
                messages=messages,
            )
            library.documents[doc_id] = document
            library.index.add(doc_id, document.chunks, when)
            return document

    def memorize(self, who: Principal, body: dict[str, Any]) -> Document:
        name, content = body["name"], body["content"]
        errors: dict[str, list[str]] = {}
        if not tokenize(content):
            errors["content"] = ["Content with at least one word is required."]
        if errors:
            raise Rejected(400, errors)
        assert isinstance(name, str)
        assert isinstance(content, str)
        with self._state.lock:
            document = self.add_document(
                who.user,
                name=name,
                text=content,
                integration_type="memorize",
                when=self._state.now(),
            )
            # Inferred: what memento-bound credentials memorize lands in their mementos, so the
            # same credentials can find it again.
            for memento_id in who.mementos or ():
                memento = self.library(who.user).mementos.get(memento_id)
                if memento is not None:
                    memento.documents.add(document.id)
            return document

    def list_documents(self, who: Principal, integration_type: str | None) -> list[Document]:
        with self._state.lock:
            return sorted(
                (
                    d
                    for d in self._visible(who)
                    if integration_type is None or d.integration_type == integration_type
                ),
                key=lambda d: d.id,
            )

    def contents(
        self, who: Principal, document_id: int, start: int, end: int | None
    ) -> tuple[str, int]:
        """Chunks [start, end) of a document, at most CONTENTS_PAGE of them, and the new end."""
        with self._state.lock:
            document = self._document(who, document_id)
            stop = min(start + CONTENTS_PAGE, len(document.chunks))
            if end is not None:
                stop = min(stop, end)
            stop = max(stop, start) if start < len(document.chunks) else len(document.chunks)
            start = min(start, stop)
            return "".join(document.chunks[start:stop]), stop

    def search(
        self,
        who: Principal,
        query: str,
        n: int,
        *,
        since: float | None,
        until: float | None,
        prev_chunks: int = 0,
        next_chunks: int = 0,
    ) -> dict[str, Any]:
        with self._state.lock:
            library = self.library(who.user)
            hits = library.index.search(
                query, n, keys=who.allowed_documents, since=since, until=until
            )
            matched: list[dict[str, Any]] = []
            sources: dict[str, set[int]] = {}
            for hit in hits:
                document = library.documents[int(str(hit.doc_key))]
                first = max(0, hit.chunk_index - prev_chunks)
                last = min(len(document.chunks), hit.chunk_index + next_chunks + 1)
                matched.append(
                    {
                        "document": self.search_document_json(who.user, document),
                        "matched_content": "".join(document.chunks[first:last]),
                        "distance": hit.distance,
                    }
                )
                sources.setdefault(document.integration_type, set()).add(document.id)
            return {
                "data_sources": [
                    {"name": name, "documents": len(ids)} for name, ids in sorted(sources.items())
                ],
                "matched_chunks": matched,
            }

    def discussion(
        self,
        who: Principal,
        discussion_id: int,
        integration_type: str,
        since: float | None,
        until: float | None,
    ) -> dict[str, Any]:
        with self._state.lock:
            document = self._document(who, discussion_id)
            if document.messages is None or document.integration_type != integration_type:
                raise not_found("Discussion not found.")

            # The docs contradict themselves on which bound is the later one (S6): the window
            # is the span between the two, whichever order they come in.
            if since is not None and until is not None and since > until:
                since, until = until, since

            def inside(when: float) -> bool:
                return (since is None or when >= since) and (until is None or when <= until)

            shown = [m for m in document.messages if inside(m.when)]
            return {
                "discussion_content": "\n".join(f"[{iso(m.when)}] {m.text}" for m in shown),
                "thread_contents": {
                    iso(m.when): "\n".join(f"[{iso(t)}] {text}" for t, text in m.replies)
                    for m in shown
                    if m.replies
                },
            }

    # -- integrations and shared knowledge ----------------------------------------------------

    def integrations(self, user: User) -> list[dict[str, Any]]:
        with self._state.lock:
            library = self.library(user)
            by_type: dict[str, list[Document]] = {}
            for document in library.documents.values():
                by_type.setdefault(document.integration_type, []).append(document)
            return [
                self._integration_json(user, kind, docs)
                for kind, docs in sorted(by_type.items())
                if kind not in ("common_knowledge", "memorize")
            ]

    @staticmethod
    def _integration_json(user: User, kind: str, docs: list[Document]) -> dict[str, Any]:
        return {
            # Inferred: one integration per type and user, with a stable id derived from both.
            "id": user.id * 100 + SEED_TYPES.index(kind),
            "integration_type": kind,
            "integration_step": "complete",
            "source": user.email,
            "document_type": "message" if kind in DISCUSSION_TYPES else "file",
            "document_stats": {
                "status": {"indexed": len(docs), "indexing": 0, "error": 0},
                "total_size": sum(d.size for d in docs),
                "document_count": len(docs),
            },
        }

    def search_document_json(self, user: User, document: Document) -> dict[str, Any]:
        kind = document.integration_type
        docs = [d for d in self.library(user).documents.values() if d.integration_type == kind]
        return {
            "id": document.id,
            "document_id": document.document_id,
            "name": document.name,
            "type": _type_of(document),
            "path": document.path,
            "url": f"https://rememberizer.ai/documents/{document.id}",
            "size": str(document.size),
            "created_time": iso(document.when),
            "modified_time": iso(document.when),
            "integration": self._integration_json(user, kind, docs),
        }

    def add_shared(
        self,
        user: User,
        *,
        name: str,
        description: str,
        publisher_name: str,
        documents: list[Document],
    ) -> SharedKnowledge:
        with self._state.lock:
            library = self.library(user)
            now = self._state.now()
            memento = Memento(self._id(), name, now, now, {d.id for d in documents})
            library.mementos[memento.id] = memento
            shared = SharedKnowledge(
                id=self._id(),
                name=name,
                description=description,
                publisher_name=publisher_name,
                created=now,
                memento=memento.id,
                document_ids=[d.id for d in documents],
            )
            library.shared.append(shared)
            return shared

    def subscribed(self, user: User) -> list[dict[str, Any]]:
        with self._state.lock:
            return [
                {
                    "id": s.id,
                    "num_of_subscribers": 1,
                    "publisher_name": s.publisher_name,
                    "published_by_me": False,
                    "subscribed_by_me": True,
                    "created": iso(s.created),
                    "modified": iso(s.created),
                    "name": s.name,
                    "image_url": "",
                    "description": s.description,
                    "memento": s.memento,
                    "document_ids": list(s.document_ids),
                }
                for s in self.library(user).shared
            ]

    # -- mementos -----------------------------------------------------------------------------

    # Credentials limited to some mementos (an app's grant) reach those mementos only: the
    # others are not found, as their documents are not (inferred: the docs say a memento
    # limits what an app may see; an app that could list, widen or delete the others would
    # make the limit moot). The user's own session reaches all of them.

    def create_memento(self, who: Principal, body: dict[str, Any]) -> Memento:
        if who.mementos is not None:
            raise _outside_grant("create a memento")
        name = body["name"]
        with self._state.lock:
            now = self._state.now()
            memento = Memento(self._id(), name, now, now)
            self.library(who.user).mementos[memento.id] = memento
            return memento

    def mementos(self, who: Principal) -> list[Memento]:
        with self._state.lock:
            return sorted(
                (
                    m
                    for m in self.library(who.user).mementos.values()
                    if who.mementos is None or m.id in who.mementos
                ),
                key=lambda m: m.id,
            )

    def memento(self, who: Principal, memento_id: int) -> Memento:
        with self._state.lock:
            memento = self.library(who.user).mementos.get(memento_id)
            if memento is None or (who.mementos is not None and memento_id not in who.mementos):
                raise not_found("Memento not found.")
            return memento

    def delete_memento(self, who: Principal, memento_id: int) -> None:
        with self._state.lock:
            self.memento(who, memento_id)
            del self.library(who.user).mementos[memento_id]

    def update_memento(self, who: Principal, memento_id: int, body: dict[str, Any]) -> Memento:
        errors: dict[str, list[str]] = {}
        lists: dict[str, list[Any]] = {}
        # The docs write every id as a string (S10); integers are taken too.
        for name in ("add", "remove"):
            value = body.get(name, [])
            ids = [_as_id(v) for v in value] if isinstance(value, list) else [None]
            if any(i is None for i in ids):
                errors[name] = ["A list of document ids is required."]
            else:
                lists[name] = ids
        folders = body.get("folder_add", [])
        if not isinstance(folders, list) or not all(isinstance(f, str) and f for f in folders):
            errors["folder_add"] = ["A list of folder ids is required."]
        else:
            lists["folder_add"] = folders
        if _as_id(body.get("memento", memento_id)) != memento_id:
            errors["memento"] = ["Must equal the memento id in the path."]
        if who.mementos is not None and lists.get("folder_add"):
            # A folder would bring in documents the grant does not cover.
            raise _outside_grant("add folders to a memento")
        with self._state.lock:
            memento = self.memento(who, memento_id)
            library = self.library(who.user)
            # A document the credentials cannot see is one they cannot add: adding it to a
            # granted memento would be a way to read it.
            seen = who.allowed_documents
            unknown = [
                i
                for i in lists.get("add", [])
                if i not in library.documents or (seen is not None and i not in seen)
            ]
            if unknown:
                errors["add"] = [f"No such documents: {', '.join(map(str, unknown[:10]))}."]
            if errors:
                raise Rejected(400, errors)
            memento.documents |= set(lists["add"])
            memento.documents -= set(lists["remove"])
            memento.folders += [f for f in lists["folder_add"] if f not in memento.folders]
            memento.modified = self._state.now()
            return memento


def _outside_grant(action: str) -> Rejected:
    return Rejected(
        403,
        {
            "detail": f"These credentials are limited to some mementos: they cannot {action}.",
            "code": "permission_denied",
        },
    )


def _as_id(value: Any) -> int | None:
    """An id given as an int or as a string of digits; None for anything else."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 19:
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _type_of(document: Document) -> str:
    if document.messages is not None:
        return "channel"
    return "text/plain"


def memento_json(memento: Memento) -> dict[str, Any]:
    return {
        "id": memento.id,
        "name": memento.name,
        "created": iso(memento.created),
        "modified": iso(memento.modified),
        "documents": sorted(memento.documents),
        "folders": list(memento.folders),
    }


def document_json(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "pk": document.id,
        "document_id": document.document_id,
        "name": document.name,
        "type": _type_of(document),
        "path": document.path,
        "url": f"https://rememberizer.ai/documents/{document.id}",
        "integration_type": document.integration_type,
        "source": document.integration_type,
        "status": "indexed",
        "indexed_on": iso(document.indexed_on),
        "size": document.size,
    }


def finite_time(name: str, value: Any) -> float:
    """A JSON number or ISO string time for seeds; NaN and infinities are refused."""
    if isinstance(value, str):
        return parse_time(name, value)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise field_error(name, "An ISO 8601 date-time or seconds since the epoch is required.")
    return float(value)
