"""The knowledge API of AsyncRememberizer: documents, search, discussions, integrations, shared
knowledge and mementos.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_knowledge.py from
it. Each operation checks its arguments (rememberizer/_knowledge_checks.py: InvalidRequestError,
nothing sent), then calls `_call`/`_get` with its row of the generated operation table and the
generated models.

Times (`from_`, `to`) must be timezone-aware datetimes: a naive one is refused, not guessed.
"""

from __future__ import annotations

import builtins
import datetime
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, NoReturn, Unpack

from rememberizer_api import models
from rememberizer_api import operations as ops
from rememberizer_api.models.get_discussion_contents_integration_type import (
    GET_DISCUSSION_CONTENTS_INTEGRATION_TYPE_VALUES as DISCUSSION_TYPES,
)
from rememberizer_api.models.integration_type import INTEGRATION_TYPE_VALUES
from rememberizer_api.types import UNSET

from .._errors import APIResponseValidationError, InvalidRequestError
from .._knowledge_checks import (
    bounded_int,
    check_any_ids,
    check_choice,
    check_id,
    check_int,
    check_name,
    check_query,
    check_when,
    check_window,
    contents_id,
    optional_int,
    page_after,
    page_parameter,
    parse_list,
)
from .._options import CallOptions, checked
from .._pipeline import check_text, parse
from ._call import AsyncResource, WithRawResponse, _call, _get, no_raw_response, to_raw_response

if TYPE_CHECKING:
    from ._client import AsyncRememberizer


class AsyncDocumentPager:
    """The documents, fetched a page at a time as you iterate: `async for doc in pager`.

    Only the current page is held, so memory stays flat however many documents there are.
    `pages()` gives the pages themselves. `count` is the server's total, known once the first
    page has arrived (None before). `next_page` is the page to resume from:
    `client.documents.list(page=pager.next_page)` (with the same `page_size`) continues after
    the last page this pager fetched, in this process or a later one.
    """

    def __init__(
        self,
        client: AsyncRememberizer,
        params: dict[str, object],
        options: CallOptions,
        *,
        page: int = 1,
        limit: int | None = None,
    ) -> None:
        self._client = client
        self._params = params
        self._options = options
        self._limit = limit
        self.count: int | None = None
        """How many documents there are across all pages; None until a page has arrived."""
        self.next_page: int | None = page
        """The page the next request fetches, to resume a listing with `list(page=...)`; None
        once the last page has arrived."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__} count={self.count} next_page={self.next_page}>"

    async def pages(self) -> AsyncIterator[models.DocumentPage]:
        """Each page in turn, following the server's `next` links to the last page (or until
        the pages hold `limit` documents)."""
        left = self._limit
        while self.next_page is not None and (left is None or left > 0):
            op = ops.LIST_DOCUMENTS
            page = self.next_page
            params = {**self._params, page_parameter(op): page}
            response = await _call(self._client, op, params, options=self._options)
            found = parse(op, models.DocumentPage, response)
            self.count = found.count
            # A `next` link that is broken or does not advance matters only to a caller who
            # goes on: the page is given first, and the error raised when the next is asked for.
            broken: APIResponseValidationError | None = None
            try:
                self.next_page = page_after(op, response, found.next_, page)
            except APIResponseValidationError as exc:
                self.next_page, broken = None, exc
            if left is not None:
                left -= len(found.results)
            del response  # the body's bytes: not kept while the caller works on the page
            yield found
            del found  # nor the page while the next one downloads: one page in memory at once
            if broken is not None:
                raise broken

    async def __aiter__(self) -> AsyncIterator[models.Document]:
        left = self._limit
        async for page in self.pages():
            results = page.results if left is None else page.results[:left]
            del page
            for document in results:
                yield document
            if left is not None:
                left -= len(results)
            del results  # the finished page goes before the next one is fetched


class AsyncDocumentsResourceWithRawResponse:
    """`documents.with_raw_response`: its methods, each returning a RawResponse."""

    def __init__(self, documents: AsyncDocumentsResource) -> None:
        self.search = to_raw_response(documents.search)
        self.agentic_search = to_raw_response(documents.agentic_search)
        self.contents = to_raw_response(documents.contents)
        self.read = to_raw_response(documents.read)
        self.memorize = to_raw_response(documents.memorize)

    @property
    def list(self) -> NoReturn:
        """None: `documents.list` returns a lazy pager and sends nothing."""
        raise no_raw_response(
            "list",
            "it sends no request when called (it returns a lazy pager); iterate "
            "list(...).pages() for the parsed pages",
        )


class AsyncDocumentsResource(AsyncResource["AsyncRememberizer"]):
    """`client.documents`: list, search, read and memorize documents."""

    with_raw_response = WithRawResponse(AsyncDocumentsResourceWithRawResponse)

    def list(
        self,
        *,
        integration_type: str | None = None,
        page_size: int = 10,
        limit: int | None = None,
        page: int = 1,
        **options: Unpack[CallOptions],
    ) -> AsyncDocumentPager:
        """All documents, optionally of one integration type, as a lazy pager.

        Nothing is sent until you iterate. `page_size` (1 to 1000) is how many documents each
        request fetches; the options go with every page's request. `limit` (1 or more) stops
        after that many documents; `page` (1 or more) starts at that page, to resume a listing
        from a pager's `next_page` with the same `page_size`. Read a document's text with
        `read(doc)`, which takes the id the contents call needs (`doc.pk` when the answer has
        one: the newest schema types `id` as a string).

        ```python
        for doc in client.documents.list(page_size=100):
            print(doc.id, doc.name)
        ```
        """
        params: dict[str, object] = {
            "page_size": bounded_int(ops.LIST_DOCUMENTS, "page_size", page_size)
        }
        if integration_type is not None:
            params["integration_type"] = check_choice(
                "integration_type", integration_type, INTEGRATION_TYPE_VALUES
            )
        if limit is not None:
            check_int("limit", limit, 1)
        checked(options)  # refused here, not at the first page
        return AsyncDocumentPager(
            self._client,
            params,
            options,
            page=bounded_int(ops.LIST_DOCUMENTS, "page", page),
            limit=limit,
        )

    async def search(
        self,
        q: str,
        *,
        n: int | None = None,
        from_: datetime.datetime | None = None,
        to: datetime.datetime | None = None,
        prev_chunks: int | None = None,
        next_chunks: int | None = None,
        **options: Unpack[CallOptions],
    ) -> models.SearchResult:
        """The `n` chunks (1 to 100; the server's default is 3) closest to `q` (at most 400
        words), closest first.

        `from_`/`to` (timezone-aware datetimes) keep documents dated inside the window;
        `prev_chunks`/`next_chunks` (0 to 20) add neighbouring chunks to each match. A
        parameter left as None is not sent, so the server's default applies.

        Raises:
            InvalidRequestError: a bad argument, a naive datetime, or `from_` after `to`.
            AuthenticationError: neither a session nor an API key was accepted.
        """
        since, until = check_window(from_, to)
        op = ops.SEARCH_DOCUMENTS
        params = {
            "q": check_query(op, "q", q),
            "n": optional_int(op, "n", n),
            "from_": since,
            "to": until,
            "prev_chunks": optional_int(op, "prev_chunks", prev_chunks),
            "next_chunks": optional_int(op, "next_chunks", next_chunks),
        }
        return await _get(self._client, op, models.SearchResult, params, options)

    async def agentic_search(
        self,
        query: str,
        *,
        n_chunks: int | None = None,
        user_context: str | None = None,
        from_: datetime.datetime | None = None,
        to: datetime.datetime | None = None,
        **options: Unpack[CallOptions],
    ) -> models.AgenticSearchResult:
        """A search that an agent plans from `query` and `user_context`; as for `search`.

        Every field of the answer is optional: besides `matched_chunks` and `data_sources`
        the agent may give a `result` summary and `metadata`, or only a `message` when it
        could not complete."""
        since, until = check_window(from_, to)
        if user_context is not None:
            check_text(user_context=user_context)
        op = ops.AGENTIC_SEARCH_DOCUMENTS
        request = models.AgenticSearchRequest(
            query=check_query(op, "query", query),
            n_chunks=optional_int(op, "n_chunks", n_chunks),
            user_context=UNSET if user_context is None else user_context,
            from_=since,
            to=until,
        )
        response = await _call(self._client, op, body=lambda _: request, options=options)
        return parse(op, models.AgenticSearchResult, response)

    async def contents(
        self,
        document_id: int | models.Document,
        *,
        start_chunk: int = 0,
        end_chunk: int | None = None,
        **options: Unpack[CallOptions],
    ) -> models.DocumentContents:
        """One run of a document's chunks (at most 20) from `start_chunk`; `end_chunk` in the
        answer is where the next run starts. `document_id` is the integer id, or a Document
        of `list()` (its `pk`, else its integer `id`)."""
        op = ops.GET_DOCUMENT_CONTENTS
        params: dict[str, object] = {
            "document_id": contents_id(document_id),
            "start_chunk": bounded_int(op, "start_chunk", start_chunk),
        }
        if end_chunk is not None:
            params["end_chunk"] = check_int("end_chunk", end_chunk, start_chunk)
        return await _get(self._client, op, models.DocumentContents, params, options)

    async def read(self, document_id: int | models.Document, **options: Unpack[CallOptions]) -> str:
        """The whole text of a document, fetched 20 chunks a call until the end.

        `document_id` is the integer id, or a Document of `list()`, read by its `pk` (the id
        the contents call takes) or else its integer `id`. The end is the call that brings no
        new chunk, so a document costs one call more than its runs of 20 chunks.
        """
        key = contents_id(document_id)
        parts: builtins.list[str] = []
        start = 0
        while True:
            run = await self.contents(key, start_chunk=start, **options)
            if run.end_chunk <= start:
                return "".join(parts)
            parts.append(run.content)
            start = run.end_chunk

    async def memorize(
        self, name: str, content: str, **options: Unpack[CallOptions]
    ) -> models.MemorizeResult:
        """Store `content` as a new document named `name`.

        The docs show two answers, both success: 201 with no body (a MemorizeResult with no
        field set) and 200 `{data, message, code}`."""
        check_text(min_length=1, content=content)
        op = ops.MEMORIZE_DOCUMENT
        request = models.MemorizeRequest(name=check_name(op, "name", name), content=content)
        response = await _call(self._client, op, body=lambda _: request, options=options)
        return parse(op, models.MemorizeResult, response)


class AsyncDiscussionsResourceWithRawResponse:
    """`discussions.with_raw_response`: its methods, each returning a RawResponse."""

    def __init__(self, discussions: AsyncDiscussionsResource) -> None:
        self.contents = to_raw_response(discussions.contents)


class AsyncDiscussionsResource(AsyncResource["AsyncRememberizer"]):
    """`client.discussions`: Slack and Discord discussions."""

    with_raw_response = WithRawResponse(AsyncDiscussionsResourceWithRawResponse)

    async def contents(
        self,
        discussion_id: int,
        *,
        integration_type: str,
        from_: datetime.datetime | None = None,
        to: datetime.datetime | None = None,
        **options: Unpack[CallOptions],
    ) -> models.DiscussionContents:
        """A discussion's messages and threads (`integration_type` "slack" or "discord"),
        optionally only those inside the window of `from_` and `to`.

        The docs contradict themselves on which bound is the later one, so both orders are
        sent as given (timezone-aware datetimes)."""
        since, until = check_when("from_", from_), check_when("to", to)
        params = {
            "discussion_id": check_id("discussion_id", discussion_id),
            "integration_type": check_choice(
                "integration_type", integration_type, DISCUSSION_TYPES
            ),
            "from_": since,
            "to": until,
        }
        op = ops.GET_DISCUSSION_CONTENTS
        return await _get(self._client, op, models.DiscussionContents, params, options)


class AsyncIntegrationsResourceWithRawResponse:
    """`integrations.with_raw_response`: its methods, each returning a RawResponse."""

    def __init__(self, integrations: AsyncIntegrationsResource) -> None:
        self.list = to_raw_response(integrations.list)


class AsyncIntegrationsResource(AsyncResource["AsyncRememberizer"]):
    """`client.integrations`: the connected data sources."""

    with_raw_response = WithRawResponse(AsyncIntegrationsResourceWithRawResponse)

    async def list(self, **options: Unpack[CallOptions]) -> models.IntegrationList:
        """The user's integrations, with their document statistics (a session or an API
        key)."""
        return await _get(
            self._client, ops.LIST_INTEGRATIONS, models.IntegrationList, options=options
        )


class AsyncCommonKnowledgeResourceWithRawResponse:
    """`common_knowledge.with_raw_response`: its methods, each returning a RawResponse."""

    def __init__(self, common_knowledge: AsyncCommonKnowledgeResource) -> None:
        self.subscribed = to_raw_response(common_knowledge.subscribed)


class AsyncCommonKnowledgeResource(AsyncResource["AsyncRememberizer"]):
    """`client.common_knowledge`: shared knowledge the user subscribed to."""

    with_raw_response = WithRawResponse(AsyncCommonKnowledgeResourceWithRawResponse)

    async def subscribed(
        self, **options: Unpack[CallOptions]
    ) -> builtins.list[models.SharedKnowledge]:
        """The shared knowledge the user subscribes to (needs a session)."""
        op = ops.LIST_SUBSCRIBED_KNOWLEDGE
        return parse_list(
            op, models.SharedKnowledge, await _call(self._client, op, options=options)
        )


class AsyncMementosResourceWithRawResponse:
    """`mementos.with_raw_response`: its methods, each returning a RawResponse."""

    def __init__(self, mementos: AsyncMementosResource) -> None:
        self.list = to_raw_response(mementos.list)
        self.create = to_raw_response(mementos.create)
        self.get = to_raw_response(mementos.get)
        self.delete = to_raw_response(mementos.delete)
        self.update_documents = to_raw_response(mementos.update_documents)


class AsyncMementosResource(AsyncResource["AsyncRememberizer"]):
    """`client.mementos`: named selections of documents and folders (need a session)."""

    with_raw_response = WithRawResponse(AsyncMementosResourceWithRawResponse)

    async def list(self, **options: Unpack[CallOptions]) -> builtins.list[models.Memento]:
        """Every memento of the user."""
        op = ops.LIST_MEMENTOS
        return parse_list(op, models.Memento, await _call(self._client, op, options=options))

    async def create(self, name: str, **options: Unpack[CallOptions]) -> models.Memento:
        """A new, empty memento."""
        op = ops.CREATE_MEMENTO
        request = models.CreateMementoRequest(name=check_name(op, "name", name))
        response = await _call(self._client, op, body=lambda _: request, options=options)
        return parse(op, models.Memento, response)

    async def get(self, memento_id: int, **options: Unpack[CallOptions]) -> models.Memento:
        """One memento."""
        params = {"memento_id": check_id("memento_id", memento_id)}
        return await _get(self._client, ops.GET_MEMENTO, models.Memento, params, options)

    async def delete(self, memento_id: int, **options: Unpack[CallOptions]) -> None:
        """Delete a memento (its documents stay)."""
        params = {"memento_id": check_id("memento_id", memento_id)}
        await _call(self._client, ops.DELETE_MEMENTO, params, options=options)

    async def update_documents(
        self,
        memento_id: int,
        *,
        add: Sequence[int | str] = (),
        folder_add: Sequence[str] = (),
        remove: Sequence[int | str] = (),
        **options: Unpack[CallOptions],
    ) -> models.Memento:
        """Add documents and folders, or remove documents, each by id (the docs write the ids
        as strings; ints are taken too)."""
        folders = check_any_ids("folder_add", folder_add)
        if not all(isinstance(folder, str) for folder in folders):
            raise InvalidRequestError("folder_add must be a list of folder ids (str)")
        request = models.MementoDocumentsRequest(
            memento=check_id("memento_id", memento_id),
            add=check_any_ids("add", add),
            folder_add=[str(folder) for folder in folders],
            remove=check_any_ids("remove", remove),
        )
        op, params = ops.UPDATE_MEMENTO_DOCUMENTS, {"memento_id": memento_id}
        response = await _call(self._client, op, params, body=lambda _: request, options=options)
        return parse(op, models.Memento, response)
