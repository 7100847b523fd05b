"""Benchmarks: what an SDK user pays for our layers, side by side with the alternatives.

    scripts/bench [--quick] [--json PATH]

Every table comes from one run on one machine, with the compared things measured in the same
rounds and reported as medians and ratios: these machines are noisy, so a lone absolute time
means little. Peers (supabase-auth, Authlib, openai-python) come from the `bench` extra.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import functools
import importlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
API = "http://127.0.0.1:9/api/v1"
ACCOUNT = {"id": 1, "email": "ada@example.com", "name": "Ada"}


def fake_jwt(exp: float, iat: float | None = None) -> str:
    """An unsigned JWT-shaped token; clients only read its times."""

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    claims = {"sub": "1", "exp": int(exp), "iat": int(iat if iat is not None else time.time())}
    return f"{part({'alg': 'HS256'})}.{part(claims)}.sig"


FRESH = fake_jwt(time.time() + 3600)

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


def canned(request: Any) -> tuple[int, dict[str, Any]]:
    """The instant answer of the in-memory transports, by path."""
    path = request.url.path
    if path.endswith("/user"):
        return 200, GOTRUE_USER
    if "/models/" in path:
        return 200, OPENAI_MODEL
    return 200, ACCOUNT


def httpx_handler(request: httpx.Request) -> httpx.Response:
    status, body = canned(request)
    return httpx.Response(status, json=body)


Call = Callable[[], Any]
ACall = Callable[[], Awaitable[Any]]


BEARER = {"Authorization": f"Bearer {FRESH}"}


def _mock() -> httpx.MockTransport:
    return httpx.MockTransport(httpx_handler)


def _httpx2() -> Any:
    import httpx2

    def handler(request: Any) -> Any:
        status, body = canned(request)
        return httpx2.Response(status, json=body)

    return httpx2, httpx2.MockTransport(handler)


def _raw_httpx() -> Call:
    raw = httpx.Client(transport=_mock(), base_url=API)
    return lambda: raw.get("/account/", headers=BEARER).json()


def _generated() -> Call:
    from rememberizer_api.api.account import get_account
    from rememberizer_api.client import AuthenticatedClient

    client = AuthenticatedClient(base_url=API, token=FRESH)
    client.set_httpx_client(httpx.Client(transport=_mock(), base_url=API, headers=BEARER))
    return lambda: get_account.sync_detailed(client=client).parsed


def _facade() -> Call:
    from rememberizer import MemorySessionStore, Rememberizer, Session

    store = MemorySessionStore(Session(FRESH, "refresh"))
    return Rememberizer(
        base_url=API, session=store, http_client=httpx.Client(transport=_mock())
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

    client = AuthenticatedClient(base_url=API, token=FRESH)
    client.set_async_httpx_client(
        httpx.AsyncClient(transport=_mock(), base_url=API, headers=BEARER)
    )

    async def call() -> Any:
        return (await get_account.asyncio_detailed(client=client)).parsed

    return call


def _afacade() -> ACall:
    from rememberizer import AsyncRememberizer, MemorySessionStore, Session

    store = MemorySessionStore(Session(FRESH, "refresh"))
    http = httpx.AsyncClient(transport=_mock())
    return AsyncRememberizer(base_url=API, session=store, http_client=http).account.get


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
            missing.append(f"{name} ({exc.name}): pip install 'rememberizer[bench]'")
    for name, (base, afactory) in ASYNC_SUBJECTS.items():
        try:
            asyn[name] = (base, afactory())
        except ImportError as exc:
            missing.append(f"{name} ({exc.name}): pip install 'rememberizer[bench]'")
    # A subject whose baseline is missing cannot be compared.
    known = set(sync) | set(asyn)
    sync = {n: v for n, v in sync.items() if v[0] in known}
    asyn = {n: v for n, v in asyn.items() if v[0] in known}
    return sync, asyn, missing


def overhead(calls: int, rounds: int) -> dict[str, Any]:
    """Median µs per call of each subject, interleaved round by round, and ratios."""
    sync, asyn, missing = overhead_subjects()
    loop = asyncio.new_event_loop()
    samples: dict[str, list[float]] = {name: [] for name in [*sync, *asyn]}

    async def atime(call: ACall) -> float:
        started = time.perf_counter()
        for _ in range(calls):
            await call()
        return (time.perf_counter() - started) / calls * 1e6

    def stime(call: Call) -> float:
        started = time.perf_counter()
        for _ in range(calls):
            call()
        return (time.perf_counter() - started) / calls * 1e6

    for _name, (_, call) in sync.items():  # warm up: imports, pools, caches
        stime(call)
    for _name, (_, acall) in asyn.items():
        loop.run_until_complete(atime(acall))
    for _ in range(rounds):
        order = list(samples)
        random.shuffle(order)
        for name in order:
            if name in sync:
                samples[name].append(stime(sync[name][1]))
            else:
                samples[name].append(loop.run_until_complete(atime(asyn[name][1])))
    loop.close()
    medians = {name: statistics.median(values) for name, values in samples.items()}
    baselines = {name: base for name, (base, _) in [*sync.items(), *asyn.items()]}
    rows = [
        {
            "subject": name,
            "median_us": round(medians[name], 1),
            "baseline": baselines[name],
            "ratio": round(medians[name] / medians[baselines[name]], 2),
        }
        for name in samples
    ]
    return {"calls_per_round": calls, "rounds": rounds, "rows": rows, "missing": missing}


# -- 2. refresh storm ---------------------------------------------------------------------------


def storm(tasks: int, threads: int, per_thread: int) -> dict[str, Any]:
    """Expired token, N calls at once: refresh requests counted, wall time vs a fresh token."""
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
    # Async: 200 tasks, in process through ASGITransport.
    fake = FakeRememberizer()
    aclient = AsyncRememberizer(
        base_url="http://localhost/api/v1",
        captcha=fake.captcha,
        http_client=httpx.AsyncClient(transport=httpx.ASGITransport(app=fake.app)),
    )

    async def burst() -> float:
        started = time.perf_counter()
        await asyncio.gather(*(aclient.account.get() for _ in range(tasks)))
        return time.perf_counter() - started

    async def async_storm() -> tuple[float, float, int]:
        await aclient.auth.signup(email="ada@example.com", password="correct horse", name="Ada")
        fresh = await burst()
        fake.advance_clock(301)
        fake.clear_requests()
        expired = await burst()
        return fresh, expired, refreshes(fake)

    fresh, expired, count = asyncio.run(async_storm())
    rows.append(_storm_row(f"rememberizer async, {tasks} tasks", count, expired, fresh))

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

        fresh = threaded()
        fake.advance_clock(301)
        fake.clear_requests()
        expired = threaded()
        rows.append(
            _storm_row(
                f"rememberizer sync, {threads} threads x {per_thread}",
                refreshes(fake),
                expired,
                fresh,
            )
        )
        client.close()
    rows.extend(_peer_storms(tasks, threads))
    return {"rows": rows}


def _storm_row(name: str, count: int, expired: float, fresh: float | None) -> dict[str, Any]:
    return {
        "subject": name,
        "refresh_requests": count,
        "wall_s": round(expired, 4),
        "ratio_to_fresh": round(expired / fresh, 2) if fresh else None,
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


# -- 3. import time -------------------------------------------------------------------------


def import_time(runs: int) -> dict[str, Any]:
    """Median cumulative import time of each package, each in fresh processes."""
    modules = ["rememberizer", "rememberizer_api", "rememberizer.testing", "httpx"]
    modules += [
        m
        for m in ("supabase_auth", "authlib.integrations.httpx_client", "openai", "httpx2")
        if _importable(m)
    ]
    rows = []
    for module in modules:
        samples = []
        for _ in range(runs):
            result = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", f"import {module}"],
                capture_output=True,
                text=True,
                check=True,
            )
            last = [line for line in result.stderr.splitlines() if line.startswith("import time:")]
            samples.append(int(last[-1].split("|")[1]) / 1000)
        rows.append({"module": module, "median_ms": round(statistics.median(samples), 1)})
    return {"runs": runs, "rows": rows}


def _importable(module: str) -> bool:
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    return result.returncode == 0


# -- 4. end to end over loopback ------------------------------------------------------------


def _rate(calls: list[Call], seconds: float) -> float:
    """Calls per second with one thread per call, for `seconds`."""
    done = [0] * len(calls)
    deadline = time.perf_counter() + seconds

    def worker(index: int) -> None:
        call = calls[index]
        while time.perf_counter() < deadline:
            call()
            done[index] += 1

    with ThreadPoolExecutor(len(calls)) as pool:
        list(pool.map(worker, range(len(calls))))
    return sum(done) / seconds


def _get_json(client: httpx.Client, path: str, headers: dict[str, str]) -> Any:
    return client.get(path, headers=headers).json()


def end_to_end(seconds: float) -> dict[str, Any]:
    """Requests per second of an authenticated GET against the fake server under uvicorn."""
    from rememberizer import MemorySessionStore, Rememberizer
    from rememberizer.testing import FakeRememberizer

    rows = []
    with FakeRememberizer() as fake:
        with Rememberizer(base_url=fake.base_url, captcha=fake.captcha) as setup:
            setup.auth.signup(email="ada@example.com", password="correct horse", name="Ada")
            session = setup._sessions.current
        assert session is not None
        bearer = {"Authorization": f"Bearer {session.access_token}"}
        for clients in (1, 8):
            raws = [httpx.Client(base_url=fake.base_url) for _ in range(clients)]
            facades = [
                Rememberizer(base_url=fake.base_url, session=MemorySessionStore(session))
                for _ in range(clients)
            ]
            raw_calls: list[Call] = [
                functools.partial(_get_json, r, "/account/", bearer) for r in raws
            ]
            raw_rps = _rate(raw_calls, seconds)
            facade_rps = _rate([f.account.get for f in facades], seconds)
            for raw in raws:
                raw.close()
            for facade in facades:
                facade.close()
            rows.append(
                {
                    "clients": clients,
                    "raw_httpx_rps": round(raw_rps),
                    "rememberizer_rps": round(facade_rps),
                    "ratio": round(facade_rps / raw_rps, 2),
                }
            )
    return {"seconds_each": seconds, "rows": rows}


# -- 5. memory ----------------------------------------------------------------------------------

MEMORY_SCRIPT = """
import json, sys
sys.path.insert(0, {scripts!r})
import bench
subject, calls = sys.argv[1], int(sys.argv[2])
call = bench.SYNC_SUBJECTS[subject][1]()
for _ in range(calls):
    call()
# VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec and reports the parent's size.
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print(json.dumps({{"peak_rss_mib": int(status) / 1024}}))
"""


def memory(calls: int) -> dict[str, Any]:
    """Peak RSS of a process that creates one client and makes `calls` calls with it."""
    sync, _, _ = overhead_subjects()
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
        rows.append({"subject": subject, "peak_rss_mib": round(peak, 1)})
    return {"calls": calls, "rows": rows}


# -- output -------------------------------------------------------------------------------------


def table(title: str, rows: list[dict[str, Any]]) -> str:
    """A plain-text table."""
    if not rows:
        return f"\n{title}\n  (nothing measured)\n"
    columns = list(dict.fromkeys(c for r in rows for c in r))
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    lines = [f"\n{title}", "  " + "  ".join(c.ljust(widths[c]) for c in columns)]
    lines.append("  " + "  ".join("-" * widths[c] for c in columns))
    lines += ["  " + "  ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns) for r in rows]
    return "\n".join(lines)


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


def main(argv: list[str] | None = None) -> int:
    """Run every measurement, print the tables, write the JSON."""
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="finish in under a minute")
    parser.add_argument("--json", type=Path, help="write all the numbers here")
    args = parser.parse_args(argv)
    quick = args.quick
    started = time.perf_counter()
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "python": sys.version.split()[0],
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "mode": "quick" if quick else "full",
    }
    print(f"scripts/bench ({report['mode']}) on {report['cpu']}, Python {report['python']}")

    report["overhead"] = overhead(calls=300 if quick else 1500, rounds=7 if quick else 15)
    print(
        table(
            "1. Client-side overhead per authenticated GET (in-memory transport)",
            report["overhead"]["rows"],
        )
    )
    for missing in report["overhead"]["missing"]:
        print(f"  not measured: {missing}")

    report["storm"] = storm(tasks=200, threads=16, per_thread=10)
    print(table("2. Refresh storm (expired token, concurrent calls)", report["storm"]["rows"]))

    report["import_time"] = import_time(runs=5)
    print(
        table(
            "3. Import time (python -X importtime, median of 5 processes)",
            report["import_time"]["rows"],
        )
    )

    report["end_to_end"] = end_to_end(seconds=1.0 if quick else 4.0)
    print(
        table(
            "4. End to end over loopback (fake server under uvicorn)", report["end_to_end"]["rows"]
        )
    )

    report["memory"] = memory(calls=1000)
    print(
        table("5. Peak RSS after creating a client and making 1000 calls", report["memory"]["rows"])
    )

    # The areas' own measurements live beside them (scripts/bench_*.py), each a measure() that
    # returns rows; a section that cannot run here says why in one line.
    for number, (key, title, module, kwargs) in enumerate(AREA_SECTIONS, start=6):
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
