"""A test kit for session stores: checks any store against the store contract.

Write a store for your own database, then call `check_session_store` (sync stores) or
`acheck_session_store` (async stores) from a test with a factory that makes a new store
object on the same backing data each time it is called. The factory must be picklable (a
module-level function or a `functools.partial`) when `processes=True`, because a second
process builds its own store with it.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from .._errors import RememberizerError
from .._session import Session
from .._stores import SessionStore

__all__ = ["AsyncStore", "acheck_session_store", "check_session_store"]

# How long a holder keeps the lock, in seconds: long enough to tell waiting from not waiting.
HOLD = 0.4


class AsyncStore(Protocol):
    """The async side of a session store: `aload`, `asave` and `alock`."""

    async def aload(self) -> Session | None:
        """The stored session, or None."""
        ...

    async def asave(self, session: Session | None) -> None:
        """Store `session` (None: clear it)."""
        ...

    def alock(self) -> Any:
        """An async context manager that holds the store's lock across processes."""
        ...


def _session(n: int) -> Session:
    return Session(f"access-{n}", f"refresh-{n}", 1_700_000_000.25 + n)


def _same(a: Session | None, b: Session | None, what: str) -> None:
    if a != b:
        raise AssertionError(f"{what}: expected {b!r}, the store gave {a!r}")


def _is_store_error(exc: BaseException) -> bool:
    # By name, through the class's bases: a SessionConflictError (a refused compare-and-set)
    # is a SessionStoreError too.
    names = {cls.__name__ for cls in type(exc).__mro__}
    return isinstance(exc, RememberizerError) and "SessionStoreError" in names


# -- in another process ---------------------------------------------------------------------


def _hold(factory: Callable[[], Any], is_async: bool, locked: Any, release: Any) -> None:
    """In a child process: take the lock, save session 7 under it, wait, release."""
    store = factory()
    if is_async:

        async def run() -> None:
            async with store.alock():
                await store.asave(_session(7))
                locked.set()
                await asyncio.to_thread(release.wait, 10)

        asyncio.run(run())
    else:
        with store.lock():
            store.save(_session(7))
            locked.set()
            release.wait(10)


class _Holder:
    """A child process that holds the store's lock until told to let go."""

    def __init__(self, factory: Callable[[], Any], is_async: bool) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.locked, self.release = ctx.Event(), ctx.Event()
        self.process = ctx.Process(
            target=_hold, args=(factory, is_async, self.locked, self.release), daemon=True
        )

    def __enter__(self) -> _Holder:
        self.process.start()
        deadline = time.monotonic() + 60
        while not self.locked.wait(0.05):
            if not self.process.is_alive() or time.monotonic() > deadline:
                self.process.kill()
                raise AssertionError("the other process could not take the store's lock")
        return self

    def let_go(self) -> float:
        released = time.monotonic()
        self.release.set()
        return released

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.process.join(20)
        if self.process.is_alive():
            self.process.kill()
            raise AssertionError("the process holding the lock did not finish")
        if self.process.exitcode != 0:
            raise AssertionError(f"the process holding the lock failed ({self.process.exitcode})")


# -- sync -----------------------------------------------------------------------------------


def check_session_store(
    factory: Callable[[], SessionStore],
    *,
    locks: bool = True,
    processes: bool = True,
    compare_and_set: bool = False,
) -> None:
    """Check a sync session store against the contract; raises AssertionError on a breach.

    Args:
        factory: makes a store object on the same backing data each call.
        locks: `lock()` excludes other store objects of the same data (threads here).
        processes: `lock()` also excludes another process, and what one process saves the
            other loads (needs a picklable factory).
        compare_and_set: `save` under the lock is refused with SessionStoreError when the data
            changed since `load` read it under that lock (stores whose lock may expire).
    """
    store, other = factory(), factory()
    # Round trip, across store objects, and None deletes (twice is fine).
    store.save(None)
    _same(store.load(), None, "an empty store")
    store.save(_session(1))
    _same(other.load(), _session(1), "a saved session, read by another store object")
    store.save(_session(2))
    _same(other.load(), _session(2), "a replaced session")
    other.save(None)
    _same(store.load(), None, "a deleted session")
    store.save(None)

    if locks:
        # Another object's lock waits for this one's, and then sees what was saved under it.
        store.save(_session(1))
        acquired: list[float] = []

        def wait_for_lock() -> None:
            with other.lock():
                acquired.append(time.monotonic())
                _same(other.load(), _session(3), "a session saved under the lock, re-read")

        with store.lock():
            _same(store.load(), _session(1), "load under the lock")
            waiter = threading.Thread(target=wait_for_lock)
            waiter.start()
            time.sleep(HOLD)
            store.save(_session(3))
            released = time.monotonic()
        waiter.join(30)
        if not acquired or acquired[0] < released:
            raise AssertionError("lock() let another store object in while it was held")

    if processes:
        with _Holder(factory, is_async=False) as holder:
            timer = threading.Timer(HOLD, holder.let_go)
            timer.start()
            started = time.monotonic()
            with store.lock():
                waited = time.monotonic() - started
                _same(store.load(), _session(7), "the session another process saved")
            timer.join()
        if waited < HOLD * 0.8:
            raise AssertionError("lock() let this process in while another process held it")

    if compare_and_set:
        store.save(_session(1))
        with store.lock():
            _same(store.load(), _session(1), "load under the lock")
            store.save(_session(2))  # what was read under the lock is still there: written
            other.save(_session(5))  # another host whose write does not wait for the lock
            try:
                store.save(_session(6))
            except RememberizerError as exc:
                if not _is_store_error(exc):
                    raise
            else:
                raise AssertionError("save under the lock overwrote a newer session")
        _same(store.load(), _session(5), "the newer session, after a refused save")
    store.save(None)


# -- async ----------------------------------------------------------------------------------


async def acheck_session_store(
    factory: Callable[[], AsyncStore],
    *,
    locks: bool = True,
    processes: bool = True,
    compare_and_set: bool = False,
) -> None:
    """Check an async session store against the contract; raises AssertionError on a breach.

    The same checks as `check_session_store`, with tasks for threads, plus: while the store
    waits for a lock that another process holds, the event loop keeps running (a 10 ms
    ticker is never late by more than 200 ms).
    """
    store, other = factory(), factory()
    await store.asave(None)
    _same(await store.aload(), None, "an empty store")
    await store.asave(_session(1))
    _same(await other.aload(), _session(1), "a saved session, read by another store object")
    await store.asave(_session(2))
    _same(await other.aload(), _session(2), "a replaced session")
    await other.asave(None)
    _same(await store.aload(), None, "a deleted session")
    await store.asave(None)

    if locks:
        await store.asave(_session(1))
        acquired: list[float] = []

        async def wait_for_lock() -> None:
            async with other.alock():
                acquired.append(time.monotonic())
                _same(await other.aload(), _session(3), "a session saved under the lock")

        async with store.alock():
            _same(await store.aload(), _session(1), "load under the lock")
            waiter = asyncio.ensure_future(wait_for_lock())
            await asyncio.sleep(HOLD)
            await store.asave(_session(3))
            released = time.monotonic()
        await asyncio.wait_for(waiter, 30)
        if not acquired or acquired[0] < released:
            raise AssertionError("alock() let another store object in while it was held")

    if processes:
        late: list[float] = []

        async def ticker() -> None:
            while True:
                before = time.monotonic()
                await asyncio.sleep(0.01)
                late.append(time.monotonic() - before - 0.01)

        with _Holder(factory, is_async=True) as holder:
            ticks = asyncio.ensure_future(ticker())
            asyncio.get_running_loop().call_later(HOLD, holder.let_go)
            started = time.monotonic()
            async with store.alock():
                waited = time.monotonic() - started
                _same(await store.aload(), _session(7), "the session another process saved")
            ticks.cancel()
        if waited < HOLD * 0.8:
            raise AssertionError("alock() let this process in while another process held it")
        # A wait that blocks the loop stalls it for most of HOLD; half of it leaves room for a
        # loaded machine's scheduling (0.1 s failed on two busy cores) and still catches that.
        if max(late, default=0.0) > HOLD / 2:
            raise AssertionError(f"waiting for the lock blocked the event loop {max(late):.3f} s")

    if compare_and_set:
        await store.asave(_session(1))
        async with store.alock():
            _same(await store.aload(), _session(1), "load under the lock")
            await store.asave(_session(2))
            await asyncio.ensure_future(other.asave(_session(5)))  # another task, no lock
            try:
                await store.asave(_session(6))
            except RememberizerError as exc:
                if not _is_store_error(exc):
                    raise
            else:
                raise AssertionError("asave under the lock overwrote a newer session")
        _same(await store.aload(), _session(5), "the newer session, after a refused save")
    await store.asave(None)
