"""Vector-store upload throughput: VectorStore against raw httpx streaming the same files.

    python scripts/bench_vector_store.py [--quick]   # prints the rows as JSON

`measure()` is what scripts/bench can call. Both sides upload the same files to the same fake
server over loopback, as multipart streamed from disk (httpx `files=` with file objects), in
interleaved rounds; each row gives the median MB/s of both and the median of the rounds' ratios,
with their p25-p75 (goal >= 0.95).
The fake server parses every upload with Starlette's parser, so it bounds both sides alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _bench_stats import per_round_ratios, quartiles, spread
from rememberizer_api import operations as ops

from rememberizer import VectorStore
from rememberizer.testing import FakeRememberizer

MB = 1024 * 1024


def _store(fake: FakeRememberizer) -> dict[str, Any]:
    response = httpx.post(f"{fake.root_url}/_testing/vector-stores", json={"name": "bench"})
    return dict(response.raise_for_status().json())


def _files(folder: Path, count: int, size: int) -> list[Path]:
    paths = []
    for i in range(count):
        path = folder / f"file-{count}-{i}.txt"
        with path.open("wb") as f:
            line = f"line of file {i} for the upload benchmark\n".encode()
            f.write(line * (size // len(line)) + b"x" * (size % len(line)))
        paths.append(path)
    return paths


def _raw(http: httpx.Client, url: str, key: str, paths: list[Path]) -> None:
    with ExitStack() as stack:
        files = [
            ("files", (p.name, stack.enter_context(p.open("rb")), "text/plain")) for p in paths
        ]
        response = http.post(url, files=files, headers={"x-api-key": key})
    response.raise_for_status()


def _timed(run: Callable[[], None]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def row(fake: FakeRememberizer, name: str, paths: list[Path], rounds: int) -> dict[str, Any]:
    """One workload: the SDK's and raw httpx's median throughput, and their ratio.

    Each round uploads to a fresh store (the fake server's index grows with every upload,
    which would slow later rounds), and the order alternates (ABBA) to cancel any drift.
    """
    total = sum(p.stat().st_size for p in paths)
    sdk: list[float] = []
    raw: list[float] = []
    for round_ in range(rounds + 1):
        made = _store(fake)
        url = f"{fake.base_url}/vector-stores/{made['id']}/documents/upload"
        with (
            VectorStore(
                api_key=made["key"], base_url=fake.base_url, vector_store_id=made["id"]
            ) as vs,
            httpx.Client() as http,
        ):

            def ours() -> None:
                vs.documents.upload(paths).raise_for_errors()

            def theirs(url: str = url, key: str = made["key"]) -> None:
                _raw(http, url, key, paths)

            first, second = (ours, theirs) if round_ % 2 else (theirs, ours)
            times = {first: _timed(first), second: _timed(second)}
        if round_:  # round 0 warms both (imports, the server's first parse)
            sdk.append(times[ours])
            raw.append(times[theirs])
    sdk_rate = total / statistics.median(sdk) / MB
    raw_rate = total / statistics.median(raw) / MB
    # The throughput ratio within each round (the two uploads a moment apart), then medianed.
    ratios = per_round_ratios(raw, sdk)
    return {
        "workload": name,
        "bytes": total,
        "rounds": rounds,
        "sdk_mb_s": round(sdk_rate, 1),
        "raw_httpx_mb_s": round(raw_rate, 1),
        "ratio": round(quartiles(ratios)[1], 3),
        "ratio p25-p75": spread(ratios, 3),
    }


def workloads(folder: Path, quick: bool = False) -> list[tuple[str, list[Path]]]:
    """The uploads to time, written into `folder`: the largest file one may send, and as many
    small files as one request may carry, within the spec's upload limits (the fake server
    answers 413 past them)."""
    limits = ops.UPLOAD_VECTOR_STORE_DOCUMENTS.upload_limits
    assert limits is not None
    big = _files(folder, 1, 16 * MB if quick else limits.file_bytes)
    small = _files(folder, limits.files, 64 * 1024)
    return [
        (f"1 file of {big[0].stat().st_size // MB} MiB", big),
        (f"{limits.files} files of 64 KiB in one request", small),
    ]


def measure(quick: bool = False) -> list[dict[str, Any]]:
    """The rows: one large file, and many small files in one request."""
    rounds = 3 if quick else 7
    with tempfile.TemporaryDirectory() as tmp, FakeRememberizer() as fake:
        return [row(fake, name, files, rounds) for name, files in workloads(Path(tmp), quick)]


def main() -> None:
    """Print the rows as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, a smaller file")
    print(json.dumps(measure(parser.parse_args().quick), indent=2))


if __name__ == "__main__":
    main()
