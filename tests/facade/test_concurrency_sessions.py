"""The shim's session primitives (rememberizer/_concurrency.py, core section) keep their promises
in both flavours: locks, the single flight, a store's other side, event hooks."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from rememberizer import FileSessionStore, InvalidRequestError, MemorySessionStore, Session
from rememberizer._concurrency import (
    AsyncLock,
    AsyncSingleFlight,
    Lock,
    SingleFlight,
    aheld,
    ahook,
    asession_store,
    hook,
    session_store,
)

pytestmark = pytest.mark.anyio


def test_an_async_lock_serves_every_loop_it_is_used_on() -> None:
    lock = AsyncLock()

    async def hold() -> None:
        async with lock:
            await asyncio.sleep(0)

    async def contend() -> None:  # a waiter binds an asyncio.Lock to its loop
        await asyncio.gather(hold(), hold())

    asyncio.run(contend())
    asyncio.run(contend())  # an asyncio.Lock of the first loop would refuse this one


async def test_an_async_lock_excludes_the_tasks_of_a_loop() -> None:
    lock, inside, order = AsyncLock(), asyncio.Event(), []

    async def first() -> None:
        async with lock:
            inside.set()
            await asyncio.sleep(0)
            order.append("first")

    async def second() -> None:
        await inside.wait()
        async with lock:
            order.append("second")

    await asyncio.wait_for(asyncio.gather(first(), second()), 5)
    assert order == ["first", "second"]


def test_the_sync_lock_is_reentrant() -> None:
    lock = Lock()
    with lock, lock:  # a listener refreshing inside the refresh that notifies it
        pass


async def test_an_async_single_flight_runs_once_for_every_waiter_even_cancelled_ones() -> None:
    flight: AsyncSingleFlight[int] = AsyncSingleFlight()
    release, calls = asyncio.Event(), []

    async def call() -> int:
        calls.append(1)
        await release.wait()
        return 7

    waiters = [asyncio.ensure_future(flight.run(call)) for _ in range(3)]
    await asyncio.sleep(0)
    running = flight.task
    assert running is not None
    waiters[0].cancel()
    release.set()
    results = await asyncio.gather(*waiters, return_exceptions=True)
    assert isinstance(results[0], asyncio.CancelledError)
    assert results[1:] == [7, 7]
    assert calls == [1]
    assert await running == 7  # the call finished although a waiter was cancelled
    assert flight.task is None


@pytest.mark.parametrize("fails", [False, True])
def test_a_sync_single_flight_shares_the_call_under_way(fails: bool) -> None:
    # As the async flight does: threads that ask while a call runs get its outcome, and make
    # no call of their own (a failing refresh is not sent again by every waiting thread).
    flight: SingleFlight[int] = SingleFlight()
    entered, release, calls = threading.Event(), threading.Event(), []

    def slow() -> int:
        calls.append("slow")
        entered.set()
        release.wait(5)
        if fails:
            raise ValueError("refused")
        return 1

    outcomes: list[object] = []

    def own() -> int:
        calls.append("waiter")
        return 2

    def wait() -> None:
        try:
            outcomes.append(flight.run(own))
        except ValueError as exc:
            outcomes.append(exc)

    leader = threading.Thread(target=_quiet, args=(flight, slow))
    leader.start()
    assert entered.wait(5)
    waiters = [threading.Thread(target=wait) for _ in range(4)]
    for thread in waiters:
        thread.start()
    release.set()
    for thread in (leader, *waiters):
        thread.join(5)
    assert calls == ["slow"]
    assert [type(o) for o in outcomes] == [ValueError if fails else int] * 4
    assert flight.run(lambda: 3) == 3  # the next call, once that one ended, is its own


def _quiet(flight: SingleFlight[int], call: Callable[[], int]) -> None:
    with contextlib.suppress(ValueError):
        flight.run(call)


def test_a_sync_single_flight_lets_its_caller_ask_again_from_inside() -> None:
    # A listener that refreshes inside the refresh that notifies it, on the same thread.
    flight: SingleFlight[int] = SingleFlight()
    assert flight.run(lambda: flight.run(lambda: 7) + 1) == 8


async def test_each_flavour_gets_its_side_of_a_store() -> None:
    memory = MemorySessionStore()
    assert asession_store(memory) is memory
    assert session_store(memory) is memory

    class SyncOnly:
        def __init__(self) -> None:
            self.session: Session | None = None

        def load(self) -> Session | None:
            return self.session

        def save(self, session: Session | None) -> None:
            self.session = session

        def lock(self) -> contextlib.AbstractContextManager[None]:
            return contextlib.nullcontext()

    store = SyncOnly()
    driven = asession_store(store)
    saved = Session("a", "r")
    async with driven.alock():
        await driven.asave(saved)
        assert await driven.aload() is store.session is saved

    class AsyncOnly:
        async def aload(self) -> Session | None:
            return None

        async def asave(self, session: Session | None) -> None:
            pass

        def alock(self) -> contextlib.AbstractAsyncContextManager[None]:
            return contextlib.nullcontext()

    with pytest.raises(InvalidRequestError, match="is an async store: use it with Async"):
        session_store(AsyncOnly())  # the sync client refuses it before reading or sending


async def test_an_event_hook_of_each_flavour() -> None:
    seen: list[int] = []
    assert hook(seen.append) == seen.append
    await ahook(seen.append)(1)  # httpx2.AsyncClient awaits its hooks
    assert seen == [1]


async def test_a_file_store_shared_by_a_sync_and_an_async_client_excludes_them(
    tmp_path: Path,
) -> None:
    store = FileSessionStore(tmp_path / "session.json", lock_timeout=0.2)
    # A sync client's refresh holds it in this thread; the async side waits, then times out.
    with store.lock(), pytest.raises(TimeoutError):  # filelock.Timeout is one
        async with store.alock():
            pass
    async with store.alock():  # free again
        pass


def test_a_sync_lock_held_from_the_loop_is_released_when_its_holder_is_cancelled_twice() -> None:
    lock = threading.Lock()

    async def main() -> None:
        # A loop of its own: its default executor has one worker, so the release's job queues.
        loop = asyncio.get_running_loop()
        loop.set_default_executor(concurrent.futures.ThreadPoolExecutor(1))
        inside, busy = asyncio.Event(), threading.Event()

        async def hold() -> None:
            async with aheld(lock):
                inside.set()
                await asyncio.Event().wait()

        holder = asyncio.create_task(hold())
        await inside.wait()
        occupied = loop.run_in_executor(None, busy.wait, 5)
        holder.cancel()
        await asyncio.sleep(0)  # now in the release, its job queued behind busy.wait
        holder.cancel()  # as a timeout would, during the release
        with pytest.raises(asyncio.CancelledError):
            await holder
        busy.set()
        await occupied
        await asyncio.to_thread(lambda: None)  # the worker ran what was queued before this

    asyncio.run(main())
    assert not lock.locked()
