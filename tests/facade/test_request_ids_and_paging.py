"""What openai-python and stripe-python give and we now do too: a request id on every error
and raw response, and a document listing that stops at a limit and resumes from a page."""

from __future__ import annotations

import pytest

from rememberizer import (
    APIStatusError,
    AsyncDocumentPager,
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
)
from tests.conftest import Harness
from tests.facade.test_knowledge import collect, pages_of, seed

pytestmark = pytest.mark.anyio


async def test_errors_and_raw_responses_carry_the_servers_request_id(h: Harness) -> None:
    with pytest.raises(AuthenticationError) as caught:
        await h(h.client.account.get)
    logged = h.fake.requests()[-1]["request_id"]
    assert caught.value.request_id == logged
    assert logged.startswith("req_")
    assert f"request_id={logged!r}" in repr(caught.value)
    await h.register()
    raw = await h(h.client.account.with_raw_response.get)
    assert raw.request_id == raw.headers["x-request-id"] == h.fake.requests()[-1]["request_id"]
    assert raw.request_id != logged
    with pytest.raises(NotFoundError) as missing:
        await h(h.client.mementos.get, 999)
    assert missing.value.request_id == h.fake.requests()[-1]["request_id"]


async def test_an_injected_fault_carries_a_request_id_too(h: Harness) -> None:
    h.fake.inject_fault("/account/", status=418, times=1)
    await h.register()
    with pytest.raises(APIStatusError) as caught:
        await h(h.client.with_options(max_retries=0).account.get)
    assert caught.value.status_code == 418
    assert caught.value.request_id == h.fake.requests()[-1]["request_id"]


async def test_list_stops_at_limit_and_resumes_from_next_page(h: Harness) -> None:
    await h.register()
    ids = [await seed(h, f"doc {i}", f"alpha {i}") for i in range(23)]
    h.fake.clear_requests()
    first = h.client.documents.list(page_size=5, limit=7)
    assert [d.id for d in await collect(h, first)] == ids[:7]
    # Two pages were fetched for the 7 documents; nothing more.
    assert h.count("GET", "/documents/") == 2
    assert first.next_page == 3
    # A later pager (another process, say) picks up where the first one's pages ended.
    rest = h.client.documents.list(page_size=5, page=first.next_page)
    assert [d.id for d in await collect(h, rest)] == ids[10:]
    assert rest.next_page is None
    pages = await pages_of(h, h.client.documents.list(page_size=10, page=3))
    assert [[d.id for d in p.results] for p in pages] == [ids[20:]]


async def test_list_refuses_a_bad_limit_or_page_before_sending(h: Harness) -> None:
    for bad in ({"limit": 0}, {"page": 0}, {"limit": True}, {"page": "2"}):
        with pytest.raises(InvalidRequestError):
            h.client.documents.list(**bad)
    assert h.fake.requests() == []
    assert isinstance(h.client.documents.list(limit=1), AsyncDocumentPager) == (
        h.kind != "sync-loopback"
    )
