"""The shim's primitives (rememberizer/_concurrency.py) keep the same promise in both flavours:
what the generated sync modules and the async source rely on, one primitive at a time."""

from __future__ import annotations

import asyncio
import gc
import inspect
import threading
import time
import warnings
from collections.abc import Coroutine
from typing import Any

import pytest

from rememberizer._concurrency import (
    AsyncRepeater,
    CallbackIsAsync,
    Repeater,
    alock_owner,
    amap_concurrently,
    arun_callback,
    ashielded,
    lock_owner,
    map_concurrently,
    run_callback,
)

pytestmark = pytest.mark.anyio
WAIT = 5.0  # seconds: the most any step here may take before the test fails


def test_the_sync_flavour_refuses_an_async_callback_and_closes_its_coroutine() -> None:
    made: list[Coroutine[Any, Any, str]] = []

    async def answer(action: str) -> str:
        return action

    def provider(action: str) -> Coroutine[Any, Any, str]:
        made.append(answer(action))
        return made[-1]

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(CallbackIsAsync):
            run_callback(provider, "signin")
        gc.collect()
    assert inspect.getcoroutinestate(made[0]) == inspect.CORO_CLOSED  # not left pending
    assert [w for w in caught if "never awaited" in str(w.message)] == []
    assert run_callback(str.upper, "signin") == "SIGNIN"


async def test_the_async_flavour_takes_either_kind_of_callback() -> None:
    async def answer(action: str) -> str:
        return action.upper()

    assert await arun_callback(answer, "signup") == "SIGNUP"
    assert await arun_callback(str.lower, "SIGNUP") == "signup"


def test_map_concurrently_keeps_the_order_and_runs_at_most_limit_at_once() -> None:
    limit, changed, running, peak = 2, threading.Condition(), [0], [0]
    # Each round of `limit` calls meets at the barrier: fewer at once would time out there.
    barrier = threading.Barrier(limit, timeout=WAIT)

    def square(n: int) -> int:
        with changed:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            changed.notify_all()
        barrier.wait()
        with changed:
            # A moment for one call too many to start, were the pool larger than `limit`.
            changed.wait_for(lambda: running[0] > limit, timeout=0.05)
            running[0] -= 1
        return n * n

    assert map_concurrently(square, range(6), limit, "test") == [0, 1, 4, 9, 16, 25]
    assert peak[0] == limit


async def test_amap_concurrently_keeps_the_order_and_runs_at_most_limit_at_once() -> None:
    limit, running, peak = 2, [0], [0]
    barrier = asyncio.Barrier(limit)

    async def square(n: int) -> int:
        running[0] += 1
        peak[0] = max(peak[0], running[0])
        async with asyncio.timeout(WAIT):
            await barrier.wait()
        running[0] -= 1
        return n * n

    assert await amap_concurrently(square, range(6), limit, "test") == [0, 1, 4, 9, 16, 25]
    assert peak[0] == limit


def test_a_repeater_stops_when_its_call_says_so_and_when_its_block_ends() -> None:
    calls, third = [0], threading.Event()

    def tick() -> bool:
        calls[0] += 1
        if calls[0] == 3:
            third.set()
        return calls[0] < 3

    with Repeater(0.001, tick, "test-repeater"):
        assert third.wait(WAIT)
    assert calls[0] == 3
    # A long interval does not hold up leaving the block: the thread waits on an Event.
    start = time.monotonic()
    with Repeater(3600, tick, "test-repeater"):
        pass
    assert calls[0] == 3
    assert time.monotonic() - start < WAIT


async def test_an_async_repeater_stops_when_its_call_says_so_and_when_its_block_ends() -> None:
    calls, third = [0], asyncio.Event()

    async def tick() -> bool:
        calls[0] += 1
        if calls[0] == 3:
            third.set()
        return calls[0] < 3

    async with AsyncRepeater(0.001, tick, "test-repeater"):
        async with asyncio.timeout(WAIT):
            await third.wait()
    assert calls[0] == 3
    async with asyncio.timeout(WAIT), AsyncRepeater(3600, tick, "test-repeater"):
        pass
    assert calls[0] == 3


async def test_a_shielded_call_runs_to_its_end_when_its_caller_is_cancelled() -> None:
    started, go, done = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def release() -> None:
        started.set()
        await go.wait()
        done.set()

    caller = asyncio.create_task(ashielded(release))
    async with asyncio.timeout(WAIT):
        await started.wait()
        caller.cancel()
        with pytest.raises(asyncio.CancelledError):
            await caller
        go.set()
        await done.wait()


def test_the_lock_owner_is_the_thread() -> None:
    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(lock_owner()))
    thread.start()
    thread.join(WAIT)
    assert lock_owner() == lock_owner()
    assert len(other) == 1
    assert other[0] != lock_owner()


async def test_the_async_lock_owner_is_the_task() -> None:
    mine = alock_owner()
    assert mine is asyncio.current_task()
    assert await asyncio.create_task(_owner()) is not mine


async def _owner() -> object:
    return alock_owner()


def test_outside_any_task_the_async_lock_owner_holds_nothing() -> None:
    assert alock_owner() != alock_owner()
