"""What differs between the async client and the sync one, each primitive in both flavours.

rememberizer/_async/ is the one source of the session manager, the refresh flow, the clients'
lifecycle and the operations; scripts/unasync.py writes rememberizer/_sync/ from it, renaming
every `AsyncName` to `Name`, and each `aname` listed in its SUBSTITUTIONS to `name` (a new
`afoo` needs its line there). What a rename cannot turn into its sync form lives here, the
async flavour beside the sync one, as httpcore's `_synchronization` does: locks, a
single-flight call, a store's other side (worker threads, a sync lock held from the event
loop), event hooks; then sleep, who holds a lock, a background repeater, a shielded call,
bounded concurrency and a user's callback. tests/facade/test_concurrency*.py hold each
primitive to its promise in both flavours.

asyncio is imported inside the async bodies: the sync client never pays for importing it.
"""

from __future__ import annotations

import contextlib
import inspect
import threading
import time
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ._async._store import AsyncSessionStore
from ._errors import InvalidRequestError
from ._sync._store import SessionStore

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future

    from ._session import Session
    from ._stores import AnySessionStore

    class _SyncSide(SessionStore, Protocol):
        blocks: bool


T = TypeVar("T")
X = TypeVar("X")


# -- core: locks, single flight, a store's other side, event hooks --------------------------


class AsyncLock:
    """A lock for tasks: an asyncio.Lock of the running loop, made on it when first needed
    (a client may outlive the loop it was first used on, and an asyncio.Lock is bound to one).
    """

    def __init__(self) -> None:
        # Made on first use: a web back end makes a store (and its lock) per user, most of
        # which never refresh, and an empty WeakKeyDictionary is about a kilobyte.
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] | None = (
            None
        )

    def _lock(self) -> asyncio.Lock:
        import asyncio

        loop = asyncio.get_running_loop()
        if self._locks is None:
            self._locks = weakref.WeakKeyDictionary()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    async def __aenter__(self) -> None:
        await self._lock().acquire()

    async def __aexit__(self, *exc_info: object) -> None:
        self._lock().release()


Lock = threading.RLock
"""A lock for threads: re-entrant, because an on_session_change listener that calls
client.auth.refresh() runs inside the refresh that notifies it, on the same thread."""


class AsyncSingleFlight(Generic[T]):
    """One call at a time, shared: a task that asks while a call runs awaits that call.

    The call runs as a task of the running loop that every waiter awaits through
    `asyncio.shield`: a waiter that is cancelled stops waiting, and the call still completes.
    Its exception is retrieved when it ends, so a call that nobody awaits any more logs nothing.
    """

    def __init__(self) -> None:
        self.task: asyncio.Task[T] | None = None
        """The call under way, if any."""

    async def run(self, call: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """The result of the call under way on this loop, else of `call()` started now."""
        import asyncio

        loop = asyncio.get_running_loop()
        task = self.task
        if task is None or task.done() or task.get_loop() is not loop:
            task = self.task = loop.create_task(call())
            task.add_done_callback(self._done)
        return await asyncio.shield(task)

    def _done(self, task: asyncio.Task[T]) -> None:
        if self.task is task:
            self.task = None
        if not task.cancelled():
            task.exception()  # retrieved: nobody may be left waiting to see it


class SingleFlight(Generic[T]):
    """One call at a time, shared: a thread that asks while a call runs gets that call's
    result or exception, as AsyncSingleFlight's waiters do.

    The thread running the call may ask again from inside it (an on_session_change listener
    that calls client.auth.refresh() runs inside the refresh that notifies it): it makes the
    call itself, since waiting for its own call would never end.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        """Guards the call under way; a fork's child makes a new SingleFlight."""
        self._running: tuple[int, Future[T]] | None = None

    def run(self, call: Callable[[], T]) -> T:
        """The result of the call under way in another thread, else of `call()` made now."""
        from concurrent.futures import Future

        me = threading.get_ident()
        with self.lock:
            running = self._running
            if running is None:
                outcome: Future[T] = Future()
                self._running = (me, outcome)
        if running is not None:
            return call() if running[0] == me else running[1].result()
        try:
            result = call()
        except BaseException as exc:
            outcome.set_exception(exc)
            raise
        else:
            outcome.set_result(result)
            return result
        finally:
            with self.lock:
                self._running = None


def _free_later(
    entering: asyncio.Future[Any], lock: contextlib.AbstractContextManager[Any]
) -> None:
    """Release a sync lock that a worker thread took after its waiter was cancelled."""
    if not entering.cancelled() and entering.exception() is None:
        threading.Thread(target=lock.__exit__, args=(None, None, None), daemon=True).start()


@contextlib.asynccontextmanager
async def aheld(
    lock: contextlib.AbstractContextManager[Any], blocks: bool = True
) -> AsyncIterator[None]:
    """Hold a sync lock from the event loop: it is waited for in a worker thread, never
    blocking the loop, and a waiter cancelled meanwhile never keeps it. A lock that never
    `blocks` is simply held."""
    import asyncio

    if not blocks:
        with lock:
            yield
        return
    entering = asyncio.ensure_future(asyncio.to_thread(lock.__enter__))
    try:
        await asyncio.shield(entering)
    except asyncio.CancelledError:
        # The thread may still take the lock after we stopped waiting: free it then.
        entering.add_done_callback(lambda _: _free_later(entering, lock))
        raise
    try:
        yield
    finally:
        # Shielded: a second cancellation (a timeout's, a task group's) while the release
        # waits for a worker must not drop the release, or the lock stays held for good.
        await ashielded(asyncio.to_thread, lock.__exit__, None, None, None)


class AsyncSide:
    """The async side of a session store that has a sync one: `aload`, `asave` and `alock`
    run `load`, `save` and `lock` in a worker thread, or on the loop when they never block."""

    blocks = True
    """False for a store whose load, save and lock never block (MemorySessionStore): its
    async side calls them on the event loop, without a worker thread."""

    async def aload(self: _SyncSide) -> Session | None:
        """`load`, in a worker thread when it may block."""
        import asyncio

        return await asyncio.to_thread(self.load) if self.blocks else self.load()

    async def asave(self: _SyncSide, session: Session | None) -> None:
        """`save`, in a worker thread when it may block."""
        import asyncio

        if self.blocks:
            await asyncio.to_thread(self.save, session)
        else:
            self.save(session)

    def alock(self: _SyncSide) -> contextlib.AbstractAsyncContextManager[None]:
        """`lock`; waiting for it never blocks the event loop."""
        return aheld(self.lock(), self.blocks)


class _InThreads(AsyncSide):
    """A sync-only store, driven by the async client through worker threads."""

    def __init__(self, store: SessionStore) -> None:
        self._store = store

    def load(self) -> Session | None:
        return self._store.load()

    def save(self, session: Session | None) -> None:
        self._store.save(session)

    def lock(self) -> contextlib.AbstractContextManager[None]:
        return self._store.lock()


def asession_store(store: AnySessionStore) -> AsyncSessionStore:
    """The async side of `store`: its own, else its sync side run in worker threads."""
    return store if isinstance(store, AsyncSessionStore) else _InThreads(store)


def session_store(store: AnySessionStore) -> SessionStore:
    """The sync side of `store`.

    Raises:
        InvalidRequestError: `store` is async only; nothing has been read or sent.
    """
    if not isinstance(store, SessionStore):
        raise InvalidRequestError(f"{store!r} is an async store: use it with AsyncRememberizer")
    return store


def ahook(hook: Callable[[T], None]) -> Callable[[T], Awaitable[None]]:
    """An event hook for httpx2.AsyncClient, which awaits its hooks: `hook`, in a coroutine."""

    async def hooked(value: T) -> None:
        hook(value)

    return hooked


def hook(hook: Callable[[T], None]) -> Callable[[T], None]:
    """An event hook for httpx2.Client: `hook` itself."""
    return hook


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
