"""Benchmarks: what an SDK user pays for our layers, side by side with the alternatives.

    scripts/bench [--quick] [--json PATH] [--only SECTION]...

Every subject sends its credential, and the server checks it: the in-memory transports and the
loopback server answer 401 to a request without it and count it, and the bench stops with the
names of the subjects that did not send one, rather than time an unauthenticated call.

Every figure comes from paired, interleaved rounds: each round measures every compared thing
once, in a shuffled order, and a ratio is taken within a round before the rounds' median is
taken, with the middle half of the rounds (p25-p75) printed beside it (see _bench_stats.py).
These machines are noisy, so a lone absolute time means little. Peers (supabase-auth, Authlib,
openai-python, httpx2) come from the `bench` dependency group. The sections:

- overhead: CPU per call of an authenticated GET on an in-memory transport (this file);
- storm: an expired token met by many calls at once (this file);
- import: import times in a clean venv with bytecode (_bench_import.py);
- loopback: req/s against a server in a child process, with a raw-socket floor
  (_bench_loopback.py);
- burst: 200 and 1000 async tasks and 64 threads at once on one client (_bench_burst.py);
- memory: peak RSS after 1000 calls (this file);
- many-users: 1,000 per-user clients over one pool against 1,000 separate clients: memory
  held and connections opened (_bench_many_users.py);
- knowledge, vector_store_upload, redis: the areas' own measurements (bench_*.py).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import importlib
import json
import os
import platform
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from _bench_clients import BEARER, FRESH, facade_library, fake_jwt
from _bench_stats import figure, interleaved, per_round_ratios, quartiles, spread

ROOT = Path(__file__).resolve().parent.parent
API = "http://127.0.0.1:9/api/v1"
ACCOUNT = {"id": 1, "email": "ada@example.com", "name": "Ada"}

# -- 1. client-side overhead ------------------------------------------------------------------

GOTRUE_USER = {
    "id": "00000000-0000-0000-0000-000000000001",
    "aud": "authenticated",
    "role": "authenticated",
    "email": "ada@example.com",
    "app_metadata": {},
    "user_metadata": {},
    "created_at": "2026-01-01T00:00:00Z",
}
OPENAI_MODEL = {"id": "gpt-x", "object": "model", "created": 0, "owned_by": "bench"}


# The credentials the subjects send: the bench's token, and openai's key. A request without one
# is answered 401, as the API would, and counted by path.
CREDENTIALS = {BEARER["Authorization"], "Bearer sk-bench"}
UNAUTHENTICATED: Counter[str] = Counter()


class MissingCredentials(SystemExit):
    """Some subjects sent no credential: their figures would time an unauthenticated call."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(
            f"scripts/bench: sent no credential, so not measured: {', '.join(names)} "
            "(a row must time the authenticated call a user makes)"
        )


def canned(request: Any) -> tuple[int, dict[str, Any]]:
    """The instant answer of the in-memory transports, by path; 401 without a credential."""
    path = request.url.path
    if request.headers.get("authorization") not in CREDENTIALS:
        UNAUTHENTICATED[path] += 1
        return 401, {"detail": "Authentication credentials were not provided."}
    if path.endswith("/user"):
        return 200, GOTRUE_USER
    if "/models/" in path:
        return 200, OPENAI_MODEL
    return 200, ACCOUNT


Call = Callable[[], Any]
ACall = Callable[[], Awaitable[Any]]


def _mock_of(library: Any) -> Any:
    """An in-memory transport of `library` (httpx or httpx2) that answers at once."""

    def handler(request: Any) -> Any:
        status, body = canned(request)
        return library.Response(status, json=body)

    return library.MockTransport(handler)


def _mock() -> httpx.MockTransport:
    return _mock_of(httpx)  # type: ignore[no-any-return]


def _httpx2() -> Any:
    import httpx2

    return httpx2, _mock_of(httpx2)


def _facade_http() -> Any:
    """The HTTP library the facade is built on: its own client and the generated one must be
    given clients of that library (the rows are labelled with it)."""
    return importlib.import_module(facade_library())


def _raw_httpx() -> Call:
    raw = httpx.Client(transport=_mock(), base_url=API)
    return lambda: raw.get("/account/", headers=BEARER).json()


def _generated() -> Call:
    from rememberizer_api.api.account import get_account
    from rememberizer_api.client import AuthenticatedClient

    http = _facade_http()
    client = AuthenticatedClient(base_url=API, token=FRESH)
    client.set_httpx_client(http.Client(transport=_mock_of(http), base_url=API, headers=BEARER))
    return lambda: get_account.sync_detailed(client=client).parsed


def _facade() -> Call:
    from rememberizer import MemorySessionStore, Rememberizer, Session

    http = _facade_http()
    # Bound to the API it is used on: a session of no origin is sent only to production.
    store = MemorySessionStore(Session(FRESH, "refresh", origin=API))
    return Rememberizer(
        base_url=API, session=store, http_client=http.Client(transport=_mock_of(http))
    ).account.get


def _supabase() -> Call:
    from supabase_auth import SyncGoTrueClient

    gotrue = SyncGoTrueClient(
        url="http://127.0.0.1:9/auth/v1",
        http_client=httpx.Client(transport=_mock()),
        auto_refresh_token=False,
        persist_session=False,
    )
    return lambda: gotrue.get_user(FRESH)


def _raw_httpx2() -> Call:
    httpx2, transport = _httpx2()
    raw = httpx2.Client(transport=transport, base_url=API)
    return lambda: raw.get("/account/", headers=BEARER).json()


def _authlib() -> Call:
    from authlib.integrations.httpx_client import OAuth2Client

    _, transport = _httpx2()
    token = {"access_token": FRESH, "token_type": "Bearer", "expires_at": time.time() + 3600}
    oauth = OAuth2Client(client_id="c", token=token, transport=transport, base_url=API)
    return lambda: oauth.get("/account/").json()


def _openai() -> Call:
    import openai

    httpx2, transport = _httpx2()
    client = openai.OpenAI(
        api_key="sk-bench",
        base_url="http://127.0.0.1:9/v1",
        http_client=httpx2.Client(transport=transport),
        max_retries=0,
    )
    return lambda: client.models.retrieve("gpt-x")


def _araw_httpx() -> ACall:
    raw = httpx.AsyncClient(transport=_mock(), base_url=API)

    async def call() -> Any:
        return (await raw.get("/account/", headers=BEARER)).json()

    return call


def _agenerated() -> ACall:
    from rememberizer_api.api.account import get_account
    from rememberizer_api.client import AuthenticatedClient

    http = _facade_http()
    client = AuthenticatedClient(base_url=API, token=FRESH)
    client.set_async_httpx_client(
        http.AsyncClient(transport=_mock_of(http), base_url=API, headers=BEARER)
    )

    async def call() -> Any:
        return (await get_account.asyncio_detailed(client=client)).parsed

    return call


def _afacade() -> ACall:
    from rememberizer import AsyncRememberizer, MemorySessionStore, Session

    http = _facade_http()
    store = MemorySessionStore(Session(FRESH, "refresh", origin=API))
    own = http.AsyncClient(transport=_mock_of(http))
    return AsyncRememberizer(base_url=API, session=store, http_client=own).account.get


def _araw_httpx2() -> ACall:
    httpx2, transport = _httpx2()
    raw = httpx2.AsyncClient(transport=transport, base_url=API)

    async def call() -> Any:
        return (await raw.get("/account/", headers=BEARER)).json()

    return call


def _aauthlib() -> ACall:
    from authlib.integrations.httpx_client import AsyncOAuth2Client

    _, transport = _httpx2()
    token = {"access_token": FRESH, "token_type": "Bearer", "expires_at": time.time() + 3600}
    oauth = AsyncOAuth2Client(client_id="c", token=token, transport=transport, base_url=API)

    async def call() -> Any:
        return (await oauth.get("/account/")).json()

    return call


# name -> (the raw client of its own HTTP library, a factory that sets it up)
SYNC_SUBJECTS: dict[str, tuple[str, Callable[[], Call]]] = {
    "raw httpx": ("raw httpx", _raw_httpx),
    "generated sync_detailed": ("raw httpx", _generated),
    # The facade and the generated client run on the facade's library, against raw httpx.
    "rememberizer (sync)": ("raw httpx", _facade),
    "supabase-auth get_user": ("raw httpx", _supabase),
    "raw httpx2": ("raw httpx2", _raw_httpx2),
    "Authlib OAuth2Client.get": ("raw httpx2", _authlib),
    "openai models.retrieve": ("raw httpx2", _openai),
}
ASYNC_SUBJECTS: dict[str, tuple[str, Callable[[], ACall]]] = {
    "raw httpx (async)": ("raw httpx (async)", _araw_httpx),
    "generated asyncio_detailed": ("raw httpx (async)", _agenerated),
    "rememberizer (async)": ("raw httpx (async)", _afacade),
    "raw httpx2 (async)": ("raw httpx2 (async)", _araw_httpx2),
    "Authlib AsyncOAuth2Client.get": ("raw httpx2 (async)", _aauthlib),
}


def overhead_subjects() -> tuple[
    dict[str, tuple[str, Call]], dict[str, tuple[str, ACall]], list[str]
]:
    """name -> (baseline name, call), sync and async; and what could not be set up."""
    missing: list[str] = []
    sync: dict[str, tuple[str, Call]] = {}
    asyn: dict[str, tuple[str, ACall]] = {}
    for name, (base, factory) in SYNC_SUBJECTS.items():
        try:
            sync[name] = (base, factory())
        except ImportError as exc:
            missing.append(f"{name} ({exc.name}): scripts/install --group bench")
    for name, (base, afactory) in ASYNC_SUBJECTS.items():
        try:
            asyn[name] = (base, afactory())
        except ImportError as exc:
            missing.append(f"{name} ({exc.name}): scripts/install --group bench")
    # A subject whose baseline is missing cannot be compared.
    known = set(sync) | set(asyn)
    sync = {n: v for n, v in sync.items() if v[0] in known}
    asyn = {n: v for n, v in asyn.items() if v[0] in known}
    return sync, asyn, missing


# Issue 18: the facade at most 0.9x raw httpx's CPU per call, sync and async.
OVERHEAD_GOAL = "<= 0.90x raw httpx"


def overhead(calls: int, rounds: int) -> dict[str, Any]:
    """CPU µs per call of each subject, interleaved round by round, and per-round ratios.

    Thread CPU time, not wall time: everything here runs in this one thread (the transport is
    in memory), and CPU time leaves out the moments another process had the core, which on a
    shared machine is most of the noise.
    """
    sync, asyn, missing = overhead_subjects()
    loop = asyncio.new_event_loop()

    async def atime(call: ACall) -> float:
        started = time.thread_time()
        for _ in range(calls):
            await call()
        return (time.thread_time() - started) / calls * 1e6

    def stime(call: Call) -> float:
        started = time.thread_time()
        for _ in range(calls):
            call()
        return (time.thread_time() - started) / calls * 1e6

    samplers: dict[str, Callable[[], float]] = {
        name: functools.partial(stime, call) for name, (_, call) in sync.items()
    }

    def arun(acall: ACall) -> float:
        return loop.run_until_complete(atime(acall))

    for name, (_, acall) in asyn.items():
        samplers[name] = functools.partial(arun, acall)
    uncredentialed = []
    for name, sampler in samplers.items():  # warm up: imports, pools, caches; and credentials
        before = UNAUTHENTICATED.total()
        try:
            sampler()
        except Exception:  # most clients raise on the 401; the count says why
            if UNAUTHENTICATED.total() == before:
                raise
        if UNAUTHENTICATED.total() != before:
            uncredentialed.append(name)
    if uncredentialed:
        raise MissingCredentials(uncredentialed)
    samples = interleaved(samplers, rounds)
    loop.close()
    if UNAUTHENTICATED:
        raise MissingCredentials(sorted(UNAUTHENTICATED))
    baselines = {name: base for name, (base, _) in [*sync.items(), *asyn.items()]}
    library = facade_library()
    rows = []
    for name, values in samples.items():
        ratios = per_round_ratios(values, samples[baselines[name]])
        ours = name.startswith("rememberizer")
        rows.append(
            {
                # The facade's row names the library it ran on (its baseline stays raw httpx:
                # the goal is against what a user would write by hand today).
                "subject": name.replace("rememberizer", f"rememberizer [{library}]"),
                "cpu us/call": f"{quartiles(values)[1]:.1f}",
                "us p25-p75": spread(values, 1),
                "baseline": baselines[name],
                "ratio": f"{quartiles(ratios)[1]:.3f}",
                "ratio p25-p75": spread(ratios, 3),
                "goal": OVERHEAD_GOAL if ours else "",
                "_figures": {"cpu_us": figure(values, 2), "ratio": figure(ratios, 4)},
            }
        )
    return {"calls_per_round": calls, "rounds": rounds, "rows": rows, "missing": missing}


# -- 2. refresh storm ---------------------------------------------------------------------------


def storm(tasks: int, threads: int, per_thread: int, rounds: int) -> dict[str, Any]:
    """Expired token, N calls at once: refresh requests counted, wall time vs a fresh token.

    Our rows are `rounds` pairs of bursts (fresh, then expired); the peers' are one burst each,
    for the refresh count they show."""
    from rememberizer import AsyncRememberizer, Rememberizer
    from rememberizer.testing import FakeRememberizer

    def refreshes(fake: FakeRememberizer) -> int:
        return sum(1 for r in fake.requests() if r["path"] == "/auth/custom-refresh/")

    def prepared(fake: FakeRememberizer, client: Any, sync: bool) -> None:
        body = {"email": "ada@example.com", "password": "correct horse", "name": "Ada"}
        if sync:
            client.auth.signup(**body)
        else:
            asyncio.run(client.auth.signup(**body))

    rows = []
    # Async: 200 tasks, in process through ASGITransport (of the facade's library).
    fake = FakeRememberizer()
    aclient = AsyncRememberizer(
        base_url="http://localhost/api/v1",
        captcha=fake.captcha,
        http_client=_facade_http().AsyncClient(
            transport=_facade_http().ASGITransport(app=fake.app)
        ),
    )

    async def burst() -> float:
        started = time.perf_counter()
        await asyncio.gather(*(aclient.account.get() for _ in range(tasks)))
        return time.perf_counter() - started

    async def async_storm() -> list[tuple[float, float, int]]:
        await aclient.auth.signup(email="ada@example.com", password="correct horse", name="Ada")
        samples = []
        # Each round pairs a burst on a fresh token with one on an expired token, a moment
        # apart: the ratio is taken within the round, as everywhere in this bench.
        for _ in range(rounds):
            fresh = await burst()
            fake.advance_clock(301)
            fake.clear_requests()
            samples.append((fresh, await burst(), refreshes(fake)))
        return samples

    rows.append(_storm_rounds_row(f"rememberizer async, {tasks} tasks", asyncio.run(async_storm())))

    # Sync: 16 threads x 10 calls, against the server in a background thread.
    with FakeRememberizer() as fake:
        client = Rememberizer(base_url=fake.base_url, captcha=fake.captcha)
        prepared(fake, client, sync=True)

        def threaded() -> float:
            barrier = threading.Barrier(threads)

            def work() -> None:
                barrier.wait()
                for _ in range(per_thread):
                    client.account.get()

            started = time.perf_counter()
            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(lambda _: work(), range(threads)))
            return time.perf_counter() - started

        samples = []
        for _ in range(rounds):
            fresh = threaded()
            fake.advance_clock(301)
            fake.clear_requests()
            samples.append((fresh, threaded(), refreshes(fake)))
        name = f"rememberizer sync, {threads} threads x {per_thread}"
        rows.append(_storm_rounds_row(name, samples))
        client.close()
    rows.extend(_peer_storms(tasks, threads))
    return {"rows": rows}


def _storm_rounds_row(name: str, samples: list[tuple[float, float, int]]) -> dict[str, Any]:
    """One row from rounds of (fresh wall, expired wall, refresh requests of the expired)."""
    fresh, expired, counts = (list(column) for column in zip(*samples, strict=True))
    ratios = per_round_ratios(expired, fresh)
    return {
        "subject": name,
        "refresh_requests": max(counts),  # the most that any round's storm sent
        "wall_s": round(quartiles(expired)[1], 4),
        "wall_p25_p75": spread(expired, 4),
        "ratio_to_fresh": round(quartiles(ratios)[1], 2),
        "ratio_p25_p75": spread(ratios, 2),
        "rounds": len(samples),
    }


def _storm_row(name: str, count: int, expired: float, fresh: float | None) -> dict[str, Any]:
    return {
        "subject": name,
        "refresh_requests": count,
        "wall_s": round(expired, 4),
        "ratio_to_fresh": round(expired / fresh, 2) if fresh else "",
    }


def _peer_storms(tasks: int, threads: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    count = {"n": 0}
    lock = threading.Lock()

    def token_body() -> dict[str, Any]:
        with lock:
            count["n"] += 1
        return {
            "access_token": fake_jwt(time.time() + 3600),
            "refresh_token": f"r{count['n']}",
            "token_type": "bearer",
            "expires_in": 3600,
            "expires_at": int(time.time() + 3600),
            "user": GOTRUE_USER,
        }

    try:
        from supabase_auth import SyncGoTrueClient
        from supabase_auth.types import Session as GoTrueSession

        def gotrue_handler(request: httpx.Request) -> httpx.Response:
            time.sleep(0.005)  # a real server takes a moment, which is when races happen
            if request.url.path.endswith("/token"):
                return httpx.Response(200, json=token_body())
            return httpx.Response(200, json=GOTRUE_USER)

        gotrue = SyncGoTrueClient(
            url="http://127.0.0.1:9/auth/v1",
            http_client=httpx.Client(transport=httpx.MockTransport(gotrue_handler)),
            auto_refresh_token=False,
            persist_session=False,
        )
        gotrue._in_memory_session = GoTrueSession(
            access_token=fake_jwt(time.time() - 10),
            refresh_token="r0",
            token_type="bearer",
            expires_in=0,
            expires_at=int(time.time() - 10),
            user=GOTRUE_USER,
        )
        count["n"] = 0
        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(lambda _: gotrue.get_session(), range(threads)))
        rows.append(
            _storm_row(
                f"supabase-auth get_session, {threads} threads",
                count["n"],
                time.perf_counter() - started,
                None,
            )
        )
    except ImportError:
        pass
    try:
        import httpx2
        from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuth2Client
    except ImportError:
        return rows

    def oauth_handler(request: Any) -> Any:
        time.sleep(0.005)
        if request.url.path.endswith("/token"):
            return httpx2.Response(200, json=token_body())
        return httpx2.Response(200, json=ACCOUNT)

    def expired_token() -> dict[str, Any]:
        return {
            "access_token": fake_jwt(time.time() - 10),
            "refresh_token": "r0",
            "token_type": "Bearer",
            "expires_at": time.time() - 10,
        }

    options = {
        "client_id": "c",
        "token_endpoint": "http://127.0.0.1:9/token",
        "base_url": API,
    }
    oauth = OAuth2Client(
        token=expired_token(), transport=httpx2.MockTransport(oauth_handler), **options
    )
    count["n"] = 0
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda _: oauth.get("/account/"), range(threads)))
    rows.append(
        _storm_row(
            f"Authlib OAuth2Client, {threads} threads",
            count["n"],
            time.perf_counter() - started,
            None,
        )
    )

    async def aoauth_storm() -> float:
        client = AsyncOAuth2Client(
            token=expired_token(), transport=httpx2.MockTransport(oauth_handler), **options
        )
        started = time.perf_counter()
        await asyncio.gather(*(client.get("/account/") for _ in range(tasks)))
        return time.perf_counter() - started

    count["n"] = 0
    wall = asyncio.run(aoauth_storm())
    rows.append(_storm_row(f"Authlib AsyncOAuth2Client, {tasks} tasks", count["n"], wall, None))
    return rows


# -- 5. memory ----------------------------------------------------------------------------------

MEMORY_SCRIPT = """
import json, sys
sys.path.insert(0, {scripts!r})
import bench
subject, calls = sys.argv[1], int(sys.argv[2])
call = bench.SYNC_SUBJECTS[subject][1]()
for _ in range(calls):
    call()
if bench.UNAUTHENTICATED:
    sys.exit(f"{{subject}} sent no credential")
# VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec and reports the parent's size.
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print(json.dumps({{"peak_rss_mib": int(status) / 1024}}))
"""


def memory(calls: int) -> dict[str, Any]:
    """Peak RSS of a process that creates one client and makes `calls` calls with it."""
    sync, _, _ = overhead_subjects()
    library = facade_library()
    rows = []
    for subject in sync:
        script = MEMORY_SCRIPT.format(scripts=str(ROOT / "scripts"))
        result = subprocess.run(
            [sys.executable, "-c", script, subject, str(calls)],
            capture_output=True,
            text=True,
            check=True,
        )
        peak = json.loads(result.stdout.strip().splitlines()[-1])["peak_rss_mib"]
        label = subject.replace("rememberizer", f"rememberizer [{library}]")
        rows.append({"subject": label, "peak_rss_mib": round(peak, 1)})
    return {"calls": calls, "rows": rows}


# -- output -------------------------------------------------------------------------------------


def table(title: str, rows: list[dict[str, Any]]) -> str:
    """A plain-text table; keys starting with `_` (the JSON's details) are not columns."""
    if not rows:
        return f"\n{title}\n  (nothing measured)\n"
    columns = list(dict.fromkeys(c for r in rows for c in r if not c.startswith("_")))
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    lines = [f"\n{title}", "  " + "  ".join(c.ljust(widths[c]) for c in columns)]
    lines.append("  " + "  ".join("-" * widths[c] for c in columns))
    lines += ["  " + "  ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def cpu_model() -> str:
    """The CPU model, from /proc/cpuinfo where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


# The sections whose code lives in the area it measures: (report key, title, module, kwargs).
AREA_SECTIONS: list[tuple[str, str, str, Any]] = [
    (
        "knowledge",
        "Knowledge API: a search call against raw httpx, paginator memory 10,000 vs 100",
        "bench_knowledge",
        lambda quick: {},
    ),
    (
        "vector_store_upload",
        "Vector-store upload throughput against raw httpx streaming the same files",
        "bench_vector_store",
        lambda quick: {"quick": quick},
    ),
    (
        "redis",
        "Many hosts on Redis: storm refreshes, and a call's cost against the memory store",
        "bench_redis",
        lambda quick: {},
    ),
]


SECTIONS = [
    "overhead",
    "storm",
    "import",
    "loopback",
    "burst",
    "memory",
    "many-users",
    *(key for key, _, _, _ in AREA_SECTIONS),
]


def main(argv: list[str] | None = None) -> int:
    """Run the measurements, print the tables, write the JSON."""
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds: a couple of minutes")
    parser.add_argument("--json", type=Path, help="write all the numbers here")
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, help="run this section (repeatable)"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    only = set(args.only or SECTIONS)
    started = time.perf_counter()
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "python": sys.version.split()[0],
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "mode": "quick" if quick else "full",
        "facade_library": facade_library(),
    }
    print(
        f"scripts/bench ({report['mode']}) on {report['cpu']} x{report['cores']}, "
        f"Python {report['python']}; the facade runs on {report['facade_library']}"
    )
    print("figures: medians of interleaved rounds, [p25-p75] of the rounds beside them")

    if "overhead" in only:
        report["overhead"] = overhead(calls=300 if quick else 1500, rounds=7 if quick else 15)
        print(
            table(
                "1. CPU per authenticated GET, in-memory transport "
                f"({report['overhead']['rounds']} rounds of {report['overhead']['calls_per_round']}"
                " calls)",
                report["overhead"]["rows"],
            )
        )
        for missing in report["overhead"]["missing"]:
            print(f"  not measured: {missing}")

    if "storm" in only:
        report["storm"] = storm(tasks=200, threads=16, per_thread=10, rounds=3 if quick else 7)
        print(table("2. Refresh storm (expired token, concurrent calls)", report["storm"]["rows"]))

    if "import" in only:
        import _bench_import

        report["import"] = _bench_import.measure(rounds=10 if quick else 30)
        print(
            table(
                f"3. Import time in a clean venv with bytecode ({report['import']['venv']}, "
                f"{report['import']['rounds']} rounds of fresh processes)",
                report["import"]["rows"],
            )
        )

    if only & {"loopback", "burst"}:
        # One server for both sections, in a child process (see _bench_server.py).
        import _bench_burst
        import _bench_loopback
        from _bench_clients import without_credentials
        from _bench_server import bench_server

        with bench_server() as server:
            if uncredentialed := without_credentials(server):
                raise MissingCredentials(uncredentialed)
            if "loopback" in only:
                report["loopback"] = _bench_loopback.measure(
                    server, seconds=0.25 if quick else 0.5, rounds=5 if quick else 12
                )
                print(
                    table(
                        f"4. Loopback req/s, {report['loopback']['server']} "
                        f"({report['loopback']['rounds']} rounds of "
                        f"{report['loopback']['seconds_per_sample']} s)",
                        report["loopback"]["rows"],
                    )
                )
            if "burst" in only:
                report["burst"] = _bench_burst.measure(
                    server, rounds=1 if quick else 5, deadline=10.0 if quick else 20.0
                )
                print(
                    table(
                        f"5. Burst on one client, {report['burst']['server']} "
                        f"({report['burst']['rounds']} rounds; a burst's deadline "
                        f"{report['burst']['deadline_s']} s)",
                        report["burst"]["rows"],
                    )
                )
                if not report["burst"]["quotable"]:
                    print(f"  {_bench_burst.NOT_QUOTABLE}")
            # Every request of both sections carried the credential (a 401 would be a figure).
            if unauthenticated := server.counts()["unauthenticated"]:
                raise MissingCredentials([f"{unauthenticated} requests of the loopback sections"])

    if "memory" in only:
        report["memory"] = memory(calls=1000)
        print(
            table(
                "6. Peak RSS after creating a client and making 1000 calls",
                report["memory"]["rows"],
            )
        )

    if "many-users" in only:
        import _bench_many_users
        from _bench_server import bench_server

        with bench_server() as server:
            report["many_users"] = _bench_many_users.measure(server, users=1000)
            if unauthenticated := server.counts()["unauthenticated"]:
                raise MissingCredentials([f"{unauthenticated} requests of many-users"])
        print(
            table(
                f"6b. Many users, one pool: {report['many_users']['users']} users calling once, "
                f"{report['many_users']['server']}",
                report["many_users"]["rows"],
            )
        )

    # The areas' own measurements live beside them (scripts/bench_*.py), each a measure() that
    # returns rows; a section that cannot run here says why in one line.
    for number, (key, title, module, kwargs) in enumerate(AREA_SECTIONS, start=7):
        if key not in only:
            continue
        try:
            rows = importlib.import_module(module).measure(**kwargs(quick))
        except Exception as exc:  # a missing server or extra: report it, run the rest
            print(f"\n{number}. {title}: not measured ({type(exc).__name__}: {exc})")
            continue
        if isinstance(rows, dict):  # {row name: figures}
            rows = [{"name": name, **figures} for name, figures in rows.items()]
        report[key] = rows
        print(table(f"{number}. {title}", rows))

    report["seconds"] = round(time.perf_counter() - started, 1)
    print(f"\ndone in {report['seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"numbers written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
