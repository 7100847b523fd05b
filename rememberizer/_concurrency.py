"""What differs between the sync and the async client, each primitive in both flavours.

rememberizer/_async/ is the one source of the clients; scripts/unasync writes rememberizer/_sync/
from it, mapping each async name here onto its sync twin (`AsyncName` to `Name`, `aname` to
`name`). Only what cannot be written once lives here, as httpcore's `_synchronization` does.
asyncio is imported inside the async primitives: a sync program never pays for it.
"""

from __future__ import annotations

import contextlib
import inspect
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")
X = TypeVar("X")


# -- edges: sleep, who holds a lock, a background repeater, a shielded call, bounded
# -- concurrency, and a user callback that may be async --


def sleep(seconds: float) -> None:
    """Wait `seconds` (a retry's backoff), blocking this thread."""
    time.sleep(seconds)


async def asleep(seconds: float) -> None:
    """Wait `seconds` (a retry's backoff), letting the loop run other tasks."""
    import asyncio

    await asyncio.sleep(seconds)


def lock_owner() -> object:
    """Who holds what the caller takes: its thread (a thread's calls run one at a time)."""
    return threading.get_ident()


def alock_owner() -> object:
    """Who holds what the caller takes: its task, as every task of a loop shares one thread.
    Outside any task, a new object, which holds nothing."""
    import asyncio

    try:
        task = asyncio.current_task()
    except RuntimeError:  # no running loop
        task = None
    return object() if task is None else task


class Repeater:
    """`with Repeater(interval, fn, name):` calls `fn()` every `interval` seconds on a daemon
    thread while the block runs, until `fn` returns False. Leaving the block stops and joins
    the thread, so no call runs after it."""

    def __init__(self, interval: float, fn: Callable[[], bool], name: str) -> None:
        self._interval = interval
        self._fn = fn
        # The wait is on an Event, not a sleep: leaving the block ends it at once.
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def __enter__(self) -> Repeater:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            if not self._fn():
                return


class AsyncRepeater:
    """`async with AsyncRepeater(interval, fn, name):` awaits `fn()` every `interval` seconds
    in a task of its own while the block runs, until `fn` returns False. Leaving the block
    cancels the task and waits for it, so no call runs after it."""

    def __init__(self, interval: float, fn: Callable[[], Awaitable[bool]], name: str) -> None:
        self._interval = interval
        self._fn = fn
        self._name = name
        self._task: Any = None

    async def __aenter__(self) -> AsyncRepeater:
        import asyncio

        self._task = asyncio.create_task(self._run(), name=self._name)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        import asyncio

        # A task sleeps until cancelled: there is no Event to wait on as the thread does.
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _run(self) -> None:
        import asyncio

        while True:
            await asyncio.sleep(self._interval)
            if not await self._fn():
                return


def shielded(fn: Callable[..., T], *args: Any) -> T:
    """`fn(*args)`: a thread is never cancelled midway, so nothing needs shielding."""
    return fn(*args)


async def ashielded(fn: Callable[..., Awaitable[T]], *args: Any) -> T:
    """`await fn(*args)`, run to its end even when the caller is cancelled meanwhile (the
    caller still sees the cancellation): for what must happen, such as freeing a lock."""
    import asyncio

    return await asyncio.shield(fn(*args))


def map_concurrently(fn: Callable[[X], T], items: Iterable[X], limit: int, name: str) -> list[T]:
    """`[fn(item) for item in items]`, at most `limit` calls at once on a pool of threads
    named after `name`; the first exception of a call, in order, is raised once all ended."""
    # Loaded here: a program that never runs calls concurrently does not pay for importing it.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(limit, thread_name_prefix=name) as pool:
        futures = [pool.submit(fn, item) for item in items]
        return [future.result() for future in futures]


async def amap_concurrently(
    fn: Callable[[X], Awaitable[T]], items: Iterable[X], limit: int, name: str
) -> list[T]:
    """`[await fn(item) for item in items]`, at most `limit` at once (a semaphore) in tasks of
    this loop named after `name`; the first exception of a call is raised."""
    import asyncio

    gate = asyncio.Semaphore(limit)

    async def one(item: X) -> T:
        async with gate:
            return await fn(item)

    tasks = [asyncio.create_task(one(item), name=f"{name}-{i}") for i, item in enumerate(items)]
    return list(await asyncio.gather(*tasks))


class CallbackIsAsync(TypeError):
    """A sync client was given an async callback: it has no loop to run its coroutine on."""


def run_callback(fn: Callable[..., object], *args: Any) -> object:
    """`fn(*args)`, which must not be awaitable: else CallbackIsAsync, its coroutine closed
    (so Python does not warn that it was never awaited). The answer is the caller's to check:
    a user's callback may return anything."""
    value = fn(*args)
    if inspect.isawaitable(value):
        if inspect.iscoroutine(value):
            value.close()
        raise CallbackIsAsync("an async callback was given to a sync client")
    return value


async def arun_callback(fn: Callable[..., object], *args: Any) -> object:
    """`fn(*args)`, awaited when `fn` is async: the async client takes either kind. The
    answer is the caller's to check: a user's callback may return anything."""
    value = fn(*args)
    if inspect.isawaitable(value):
        return await value
    return value
