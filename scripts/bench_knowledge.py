"""Knowledge-API benchmarks: what a search costs over raw httpx, and the pager's memory.

    python scripts/bench_knowledge.py      # prints the figures as JSON

`measure()` is what scripts/bench calls. The fake server runs in a child process, seeded
straight through its state, so that neither its CPU nor its memory is counted here:
- search overhead: `client.documents.search` against `httpx.Client.get` of the same request
  (same URL, query and `x-api-key`), in rounds that time both in a shuffled order; the ratio is
  taken within each round, then medianed, with the rounds' p25-p75 (goal <= 1.10x);
- pager memory: tracemalloc's peak while `client.documents.list(page_size=100)` walks 10,000
  documents, against 100 (goal: a ratio close to 1).
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent

# The child: a fake server with one user per size, each with an API key that sees everything.
_SERVER = r"""
import sys
from rememberizer.testing import FakeRememberizer

server = FakeRememberizer().start()
state = server.state
keys = []
for total in map(int, sys.argv[1:]):
    email = f"user{total}@example.com"
    captcha = state.issue_captcha("signup")
    user, _ = state.signup(
        {"email": email, "password": "correct horse battery", "name": "B", "captcha": captcha}
    )
    for i in range(total):
        state.knowledge.add_document(
            user, name=f"doc {i}", text=f"a few words about topic {i % 50}",
            integration_type="gmail", when=1.7e9 + i,
        )
    keys.append(state.knowledge.issue_api_key(user, None))
print(server.base_url, *keys, flush=True)
sys.stdin.read()
"""


@contextmanager
def seeded_server(*totals: int) -> Iterator[tuple[str, list[str]]]:
    """A fake server in a child process with users of `totals` documents: (base URL, keys)."""
    child = subprocess.Popen(
        [sys.executable, "-c", _SERVER, *map(str, totals)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert child.stdout is not None
        base_url, *keys = child.stdout.readline().split()
        yield base_url, keys
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.terminate()
        child.wait(timeout=30)


def peak_iterating(base_url: str, api_key: str, *, collect: bool = False) -> tuple[int, int]:
    """tracemalloc's peak while the pager walks every document of the key; and how many.

    With `collect`, a full garbage collection runs after each page: httpx leaves every
    response in a reference cycle (response <-> its stream), so the bodies of finished pages
    linger until Python's cyclic GC runs, which is what `collect` takes out of the figure.
    """
    from rememberizer import Rememberizer

    with Rememberizer(base_url=base_url, api_key=api_key) as client:
        next(iter(client.documents.list(page_size=1)))  # warm: imports, pool, caches
        gc.collect()
        seen = 0
        tracemalloc.start()
        try:
            for page in client.documents.list(page_size=100).pages():
                seen += len(page.results)
                del page
                if collect:
                    gc.collect()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return peak, seen


def memory(small: int = 100, large: int = 10_000) -> dict[str, Any]:
    """Peak memory iterating `large` documents against `small`, as is and without the
    garbage httpx's reference cycles leave until the GC runs."""
    with seeded_server(small, large) as (base_url, keys):
        peaks = [peak_iterating(base_url, key) for key in keys]
        retained = [peak_iterating(base_url, key, collect=True) for key in keys]
    assert [seen for _, seen in peaks + retained] == [small, large] * 2
    (peak_small, _), (peak_large, _) = peaks
    (kept_small, _), (kept_large, _) = retained
    return {
        "name": f"pager peak memory, {large} vs {small} documents",
        "small_kib": round(peak_small / 1024, 1),
        "large_kib": round(peak_large / 1024, 1),
        "ratio": round(peak_large / peak_small, 3),
        "collected_small_kib": round(kept_small / 1024, 1),
        "collected_large_kib": round(kept_large / 1024, 1),
        "collected_ratio": round(kept_large / kept_small, 3),
    }


def search_overhead(calls: int = 100, rounds: int = 9) -> dict[str, Any]:
    """Per-call time of a search through the facade against raw httpx doing the same."""
    # Imported here: tests load this file by path, without scripts/ on sys.path.
    from _bench_stats import interleaved, per_round_ratios, quartiles, spread

    from rememberizer import Rememberizer

    with (
        seeded_server(100) as (base_url, keys),
        Rememberizer(base_url=base_url, api_key=keys[0]) as client,
        httpx.Client(base_url=base_url) as raw,
    ):
        headers = {"x-api-key": keys[0]}
        params: dict[str, str | int] = {
            "q": "words topic",
            "n": 5,
            "prev_chunks": 0,
            "next_chunks": 0,
        }

        def facade() -> None:
            client.documents.search("words topic", n=5)

        def plain() -> None:
            response = raw.get("/documents/search/", params=params, headers=headers)
            response.raise_for_status()
            response.json()

        def per_call(fn: Callable[[], None]) -> float:
            started = time.perf_counter()
            for _ in range(calls):
                fn()
            return (time.perf_counter() - started) / calls * 1e6

        for fn in (facade, plain):  # warm both
            for _ in range(20):
                fn()
        samples = interleaved(
            {"facade": lambda: per_call(facade), "httpx": lambda: per_call(plain)}, rounds
        )
    ratios = per_round_ratios(samples["facade"], samples["httpx"])
    return {
        "name": "search call, facade vs raw httpx",
        "facade_us": round(quartiles(samples["facade"])[1], 1),
        "httpx_us": round(quartiles(samples["httpx"])[1], 1),
        "ratio": round(quartiles(ratios)[1], 3),
        "ratio p25-p75": spread(ratios, 3),
    }


def measure() -> list[dict[str, Any]]:
    """Both figures, each a dict with a `name` and a `ratio`."""
    return [search_overhead(), memory()]


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
