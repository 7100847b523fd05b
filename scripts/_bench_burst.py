"""Bursts: many concurrent calls on one client at once, over loopback.

Shapes: 200 and 1000 async tasks (one call each) and 64 threads (10 calls each), every one on
one shared client, as an app serving many users at once would have it. For each client: the
wall time of the burst, the p50 and p99 of the calls' latencies, the errors, and the NEW
CONNECTIONS the server accepted during the burst (a client whose pool thrashes opens hundreds;
httpx's pool is known to collapse near 1000 tasks, encode/httpcore#1035).

Each burst has a deadline: calls still pending then are cancelled and counted as errors
("deadline"), so that a collapse shows as errors and time instead of a hang. Each round runs
every client once per shape, in a shuffled order, on a fresh client (one warm-up call first,
so that imports and the first connection are not timed), after the server has closed the
previous client's connections.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from _bench_clients import AsyncClient, SyncClient, async_subjects, is_facade, sync_subjects
from _bench_server import BenchServer
from _bench_stats import interleaved, quartiles

# Fewer rounds than this (--quick runs one) give rows that say so and are not to be quoted: one
# burst's wall time on a shared machine can be off by a factor.
QUOTABLE_ROUNDS = 5
NOT_QUOTABLE = (
    f"not to be quoted: fewer than {QUOTABLE_ROUNDS} rounds (--quick); "
    "run scripts/bench --only burst for figures"
)

# (label, "async" or "threads", concurrent callers, calls per caller)
SHAPES = [
    ("200 async tasks", "async", 200, 1),
    ("1000 async tasks", "async", 1000, 1),
    ("64 threads x 10", "threads", 64, 10),
]


def _burst_async(
    server: BenchServer, factory: Callable[[str], AsyncClient], tasks: int, deadline: float
) -> dict[str, Any]:
    async def run() -> dict[str, Any]:
        client = factory(server.base_url)
        latencies: list[float] = []
        errors: Counter[str] = Counter()

        async def one() -> None:
            started = time.perf_counter()
            try:
                await client.get()
            except Exception as exc:  # a failed call is a figure, not a crash
                errors[type(exc).__name__] += 1
            else:
                latencies.append(time.perf_counter() - started)

        try:
            await client.get()
            before = server.accepted()  # a blocking pipe read: fine, nothing is in flight
            started = time.perf_counter()
            running = [asyncio.create_task(one()) for _ in range(tasks)]
            _, pending = await asyncio.wait(running, timeout=deadline)
            wall = time.perf_counter() - started
            for task in pending:
                task.cancel()
            if pending:
                errors["deadline"] += len(pending)
                await asyncio.wait(pending, timeout=10)
            new = server.accepted() - before
        finally:
            try:
                await asyncio.wait_for(client.close(), 10)
            except TimeoutError:
                errors["close timeout"] += 1
        return {"wall": wall, "latencies": latencies, "errors": errors, "new": new}

    return asyncio.run(run())


def _burst_threads(
    server: BenchServer,
    factory: Callable[[str], SyncClient],
    threads: int,
    calls: int,
    deadline: float,
) -> dict[str, Any]:
    client = factory(server.base_url)
    latencies: list[float] = []  # list.append is atomic
    errors: Counter[str] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(threads + 1)
    stop_at = [0.0]

    def worker() -> None:
        start.wait()
        for done in range(calls):
            if time.perf_counter() > stop_at[0]:  # a thread cannot be cancelled: stop asking
                with lock:
                    errors["deadline"] += calls - done
                return
            began = time.perf_counter()
            try:
                client.get()
            except Exception as exc:
                with lock:
                    errors[type(exc).__name__] += 1
            else:
                latencies.append(time.perf_counter() - began)

    try:
        client.get()
        before = server.accepted()
        workers = [threading.Thread(target=worker) for _ in range(threads)]
        for thread in workers:
            thread.start()
        started = time.perf_counter()
        stop_at[0] = started + deadline
        start.wait()
        for thread in workers:
            thread.join()
        wall = time.perf_counter() - started
        new = server.accepted() - before
    finally:
        client.close()
    return {"wall": wall, "latencies": latencies, "errors": errors, "new": new}


def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value * 1000:.1f}"


def _number_ms(value: float | None) -> float | None:
    return None if value is None else round(value * 1000, 2)


def measure(server: BenchServer, rounds: int, deadline: float) -> dict[str, Any]:
    """One row per shape and client: wall, p50, p99, errors, new connections.

    With fewer than QUOTABLE_ROUNDS rounds, every row says it is not to be quoted.
    """
    quotable = rounds >= QUOTABLE_ROUNDS
    rows: list[dict[str, Any]] = []
    for label, kind, callers, calls in SHAPES:

        def sampler(
            name: str, kind: str = kind, callers: int = callers, calls: int = calls
        ) -> Callable[[], dict[str, Any]]:
            def sample() -> dict[str, Any]:
                server.settle()
                if kind == "async":
                    return _burst_async(server, async_subjects()[name], callers, deadline)
                return _burst_threads(server, sync_subjects()[name], callers, calls, deadline)

            return sample

        samples = interleaved({name: sampler(name) for name in sync_subjects()}, rounds)
        for name, bursts in samples.items():
            walls = [b["wall"] for b in bursts]
            latencies = [latency for b in bursts for latency in b["latencies"]]
            errors: Counter[str] = sum((b["errors"] for b in bursts), Counter())
            news = [b["new"] for b in bursts]
            rows.append(
                {
                    "burst": label,
                    "subject": name,
                    "wall s": f"{quartiles(walls)[1]:.3f}",
                    "wall min-max": f"{min(walls):.2f}-{max(walls):.2f}",
                    "p50 ms": _ms(_percentile(latencies, 0.50)),
                    "p99 ms": _ms(_percentile(latencies, 0.99)),
                    "errors": ", ".join(f"{n} {what}" for what, n in errors.items()) or "0",
                    "new conns": f"{quartiles(news)[1]:.0f}",
                    "new conns min-max": f"{min(news)}-{max(news)}",
                    "goal": "no collapse" if is_facade(name) else "",
                    "quote": "yes" if quotable else "no (quick)",
                    "_figures": {
                        "calls_per_burst": callers * calls,
                        "wall_s": [round(w, 4) for w in walls],
                        "p50_ms": _number_ms(_percentile(latencies, 0.50)),
                        "p99_ms": _number_ms(_percentile(latencies, 0.99)),
                        "errors": dict(errors),
                        "new_connections": news,
                    },
                }
            )
    return {
        "rounds": rounds,
        "quotable": quotable,
        "deadline_s": deadline,
        "server": f"uvicorn ({server.protocol}) in a child process",
        "rows": rows,
    }
