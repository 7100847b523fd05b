"""scripts/bench's own machinery: the figures it prints are only as good as these parts.

The counting server must count each new connection once and keep-alive reuse not at all, a
burst that cannot finish must come back as errors by its deadline instead of hanging, the
rounds must time every subject once each, with ratios taken within a round, and a subject that
sends no credential must be caught at the server instead of timed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import _bench_many_users
import bench
import bench_vector_store
import httpx2
import pytest
from _bench_burst import _burst_async, _burst_threads
from _bench_clients import AsyncSocketPool, SocketPool, without_credentials
from _bench_server import ACCOUNT, bench_server
from _bench_stats import interleaved, per_round_ratios, quartiles
from rememberizer_api import operations as ops

from rememberizer.testing import FakeRememberizer


def test_the_server_counts_new_connections_and_not_reuse() -> None:
    with bench_server() as server:
        first = SocketPool(server.base_url)
        assert first.get() == ACCOUNT
        assert first.get() == ACCOUNT  # the same keep-alive connection
        assert server.accepted() == 1
        second = SocketPool(server.base_url)
        assert second.get() == ACCOUNT
        assert server.counts() == {"accepted": 2, "open": 2, "unauthenticated": 0}
        first.close()
        second.close()
        server.settle()
        assert server.counts() == {"accepted": 2, "open": 0, "unauthenticated": 0}


def test_a_burst_reports_its_figures_and_a_missed_deadline_as_errors() -> None:
    with bench_server() as server:
        done = _burst_async(server, AsyncSocketPool, tasks=50, deadline=30.0)
        assert len(done["latencies"]) == 50
        assert not done["errors"]
        assert 1 <= done["new"] <= 50
        # A deadline no burst can meet: every call is cancelled and counted, nothing hangs.
        late = _burst_async(server, AsyncSocketPool, tasks=50, deadline=0.0)
        assert late["errors"]["deadline"] == 50
        threads = _burst_threads(server, SocketPool, threads=4, calls=5, deadline=30.0)
        assert len(threads["latencies"]) == 20
        assert threads["new"] <= 3  # 4 threads at most, one connection made by the warm-up


def test_rounds_time_every_subject_once_and_ratios_stay_within_a_round() -> None:
    calls: list[str] = []

    def sampler(name: str, value: float) -> float:
        calls.append(name)
        return value

    samples = interleaved({"a": lambda: sampler("a", 2.0), "b": lambda: sampler("b", 4.0)}, 5)
    assert sorted(calls) == ["a"] * 5 + ["b"] * 5
    assert all(set(calls[i : i + 2]) == {"a", "b"} for i in range(0, 10, 2))
    assert per_round_ratios(samples["a"], samples["b"]) == [0.5] * 5
    assert quartiles([1.0, 2.0, 3.0, 4.0, 5.0]) == (2.0, 3.0, 4.0)


def test_every_loopback_subject_sends_its_credential_and_one_without_is_caught() -> None:
    with bench_server() as server:
        # The facade among them: its session is bound to the server, so it is sent.
        assert without_credentials(server) == []
        anonymous = httpx2.get(server.base_url + "/account/")
        assert anonymous.status_code == 401
        assert server.counts()["unauthenticated"] == 1


def test_the_overhead_section_refuses_a_subject_without_its_credential(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def anonymous() -> bench.Call:
        http = bench._facade_http()
        raw = http.Client(transport=bench._mock_of(http), base_url=bench.API)
        return lambda: raw.get("/account/").raise_for_status()

    # The facade, sync and async, passes the server's check.
    facade = {"rememberizer (sync)": ("rememberizer (sync)", bench._facade)}
    monkeypatch.setattr(bench, "SYNC_SUBJECTS", facade)
    monkeypatch.setattr(
        bench, "ASYNC_SUBJECTS", {"rememberizer (async)": ("rememberizer (async)", bench._afacade)}
    )
    assert len(bench.overhead(calls=2, rounds=1)["rows"]) == 2
    monkeypatch.setattr(bench, "SYNC_SUBJECTS", {"anonymous": ("anonymous", anonymous)})
    monkeypatch.setattr(bench, "ASYNC_SUBJECTS", {})
    with pytest.raises(bench.MissingCredentials, match="not measured: anonymous"):
        bench.overhead(calls=2, rounds=1)


def test_many_users_share_one_connection_and_separate_clients_open_one_each() -> None:
    with bench_server() as server:
        rows = {row["subject"]: row for row in _bench_many_users.measure(server, users=20)["rows"]}
        assert server.counts()["unauthenticated"] == 0  # every user's call carried its session
    shared, separate = rows[_bench_many_users.SHARED], rows[_bench_many_users.SEPARATE]
    assert shared["connections opened"] == 1
    assert separate["connections opened"] == 20
    assert 0 < shared["memory MiB"] < separate["memory MiB"]


def test_the_upload_workloads_stay_within_the_limits_the_fake_server_enforces(
    tmp_path: Path,
) -> None:
    # A workload past the spec's limits is answered 413, and the section printed "not
    # measured" instead of its figures (it did, once the fake server enforced them).
    limits = ops.UPLOAD_VECTOR_STORE_DOCUMENTS.upload_limits
    assert limits is not None
    for _, files in bench_vector_store.workloads(tmp_path):
        sizes = [path.stat().st_size for path in files]
        assert len(files) <= limits.files
        assert max(sizes) <= limits.file_bytes
        assert sum(sizes) <= limits.request_bytes
    small = bench_vector_store.workloads(tmp_path, quick=True)[1][1]
    with FakeRememberizer() as fake:
        measured = bench_vector_store.row(fake, "small", small, 1)
    assert measured["sdk_mb_s"] > 0
    assert measured["raw_httpx_mb_s"] > 0
