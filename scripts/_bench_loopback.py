"""Loopback throughput: requests per second of each client against the server in a child process.

For 1 and 8 calling threads (each with its own client, kept across rounds so its connection
stays warm), every round runs each subject for a fixed time, in a shuffled order; the figures
are the rounds' medians, and each ratio is taken within a round before the median is taken
(see _bench_stats). The floor (a raw socket) shows how far each client sits from what the
server can answer at all.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from typing import Any

from _bench_clients import SyncClient, is_facade, sync_subjects
from _bench_server import BenchServer
from _bench_stats import figure, interleaved, per_round_ratios, quartiles, spread

BASELINE = "raw httpx"
FLOOR = "raw socket (floor)"
# Issue 18: the facade makes at least 1.05x raw httpx's requests per second.
GOAL = ">= 1.05x raw httpx"


def rate(clients: list[SyncClient], seconds: float) -> float:
    """Requests per second of all `clients` together, one thread each, for `seconds`."""
    done = [0] * len(clients)
    start = threading.Barrier(len(clients) + 1)
    stop = threading.Event()

    def worker(index: int) -> None:
        get = clients[index].get
        start.wait()
        while not stop.is_set():
            get()
            done[index] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - started)


def measure(server: BenchServer, seconds: float, rounds: int) -> dict[str, Any]:
    """The rows for 1 and 8 clients: req/s median and spread, ratios to raw httpx and the floor."""
    rows: list[dict[str, Any]] = []
    for count in (1, 8):
        clients = {
            name: [factory(server.base_url) for _ in range(count)]
            for name, factory in sync_subjects().items()
        }
        for group in clients.values():  # warm: connections, imports, caches
            rate(group, 0.1)
        samplers: dict[str, Callable[[], float]] = {
            name: functools.partial(rate, group, seconds) for name, group in clients.items()
        }
        samples = interleaved(samplers, rounds)
        for group in clients.values():
            for client in group:
                client.close()
        for name, values in samples.items():
            to_httpx = per_round_ratios(values, samples[BASELINE])
            to_floor = per_round_ratios(values, samples[FLOOR])
            rows.append(
                {
                    "clients": count,
                    "subject": name,
                    "req/s": round(quartiles(values)[1]),
                    "req/s p25-p75": spread(values, 0),
                    "x raw httpx": f"{quartiles(to_httpx)[1]:.3f}",
                    "x raw httpx p25-p75": spread(to_httpx, 3),
                    "x floor": f"{quartiles(to_floor)[1]:.2f}",
                    "goal": GOAL if is_facade(name) else "",
                    "_figures": {
                        "rps": figure(values, 1),
                        "ratio_to_raw_httpx": figure(to_httpx, 4),
                        "ratio_to_floor": figure(to_floor, 4),
                    },
                }
            )
    return {
        "seconds_per_sample": seconds,
        "rounds": rounds,
        "server": f"uvicorn ({server.protocol}) in a child process",
        "rows": rows,
    }
