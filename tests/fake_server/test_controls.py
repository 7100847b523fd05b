"""The /_testing/ controls, the serve command and the pytest plugin."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx2
import pytest

from rememberizer.testing import FakeRememberizer
from tests.conftest import fresh_venv, pip_install

from .conftest import register, signup_body

ROOT = Path(__file__).resolve().parents[2]


def control(fake: FakeRememberizer, method: str, name: str, **kwargs: object) -> httpx2.Response:
    return httpx2.request(method, f"{fake.root_url}/_testing/{name}", timeout=10, **kwargs)  # type: ignore[arg-type]


def test_the_request_log_records_every_api_request(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    register(http, rememberizer_server)
    # A Bearer header wins over the cookie, even when it is wrong.
    http.get("account/", headers={"Authorization": "Bearer x", "x-trace": "t"}, params={"a": "1"})
    log = control(rememberizer_server, "GET", "requests").json()["requests"]
    # The names of the headers and query parameters, never their values.
    last = log[-1]
    assert last["query"] == ["a"]
    assert {"authorization", "cookie", "x-trace"} <= set(last["headers"])
    assert "t" not in last["headers"]
    body = {"content_type": "application/json", "fields": [], "files": [], "client_secret": False}
    none = {**body, "content_type": None}
    # Each request has its own id, the one its response's x-request-id header carried.
    ids = [r["request_id"] for r in log]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"req_[0-9a-f]{24}", i) for i in ids)
    skip = ("query", "headers", "request_id")
    assert [{k: v for k, v in r.items() if k not in skip} for r in log] == [
        {
            "method": "POST",
            "path": "/auth/signup/",
            "status": 201,
            "bearer": False,
            "api_key": False,
            "cookies": [],
            **body,
        },
        {
            "method": "POST",
            "path": "/auth/signin/",
            "status": 204,
            "bearer": False,
            "api_key": False,
            "cookies": ["access_token", "refresh_token"],
            **body,
        },
        {
            "method": "GET",
            "path": "/account/",
            "status": 401,
            "bearer": True,
            "api_key": False,
            "cookies": ["access_token", "refresh_token"],
            **none,
        },
    ]
    assert control(rememberizer_server, "DELETE", "requests").status_code == 204
    assert control(rememberizer_server, "GET", "requests").json() == {"requests": []}


def test_the_clock_moves_token_expiry(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    register(http, rememberizer_server)
    assert http.get("account/").status_code == 200
    moved = control(rememberizer_server, "POST", "clock", json={"advance": 301})
    assert moved.status_code == 200
    assert moved.json()["now"] > time.time() + 300
    assert http.get("account/").status_code == 401
    assert (
        control(rememberizer_server, "POST", "clock", json={"advance": "soon"}).status_code == 400
    )


def test_faults_answer_the_next_matching_requests(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    register(http, rememberizer_server)
    fault = {"path": "/account/", "status": 503, "times": 2, "retry_after": 7}
    assert control(rememberizer_server, "POST", "faults", json=fault).status_code == 201
    for _ in range(2):
        response = http.get("account/")
        assert response.status_code == 503
        assert response.headers["retry-after"] == "7"
        assert response.json()["code"] == "injected_fault"
    assert http.get("account/").status_code == 200
    # Method-specific, with a text body and content type, and the full path accepted.
    control(
        rememberizer_server,
        "POST",
        "faults",
        json={
            "path": "/api/v1/me/",
            "method": "GET",
            "status": 502,
            "body": "<html>Bad gateway</html>",
            "content_type": "text/html",
        },
    )
    html = http.get("me/")
    assert (html.status_code, html.text, html.headers["content-type"].split(";")[0]) == (
        502,
        "<html>Bad gateway</html>",
        "text/html",
    )
    statuses = [r["status"] for r in rememberizer_server.requests()]
    assert statuses[-4:] == [503, 503, 200, 502]


def test_delay_and_drop_faults(http: httpx2.Client, rememberizer_server: FakeRememberizer) -> None:
    register(http, rememberizer_server)
    control(rememberizer_server, "POST", "faults", json={"path": "/account/", "delay": 0.3})
    started = time.monotonic()
    assert http.get("account/").status_code == 200
    assert time.monotonic() - started >= 0.3
    control(rememberizer_server, "POST", "faults", json={"path": "/account/", "drop": True})
    with pytest.raises(httpx2.RemoteProtocolError):
        http.get("account/")
    assert http.get("account/").status_code == 200


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"path": "account"},
        {"path": "/account/", "status": 42},
        {"path": "/account/", "status": 500, "times": 0},
    ],
)
def test_bad_faults_are_refused(
    rememberizer_server: FakeRememberizer, bad: dict[str, object]
) -> None:
    response = control(rememberizer_server, "POST", "faults", json=bad)
    assert response.status_code == 400
    assert response.json()


def test_reset_empties_the_server(
    http: httpx2.Client, rememberizer_server: FakeRememberizer
) -> None:
    register(http, rememberizer_server)
    rememberizer_server.advance_clock(100)
    assert control(rememberizer_server, "POST", "reset", json={}).status_code == 204
    assert rememberizer_server.requests() == []
    assert rememberizer_server.outbox() == []
    assert http.get("account/").status_code == 401
    assert http.post("auth/signup/", json=signup_body(rememberizer_server)).status_code == 201


def test_serve_prints_its_url_and_stops_on_sigterm() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rememberizer.testing",
            "serve",
            "--port",
            "0",
            "--access-ttl",
            "60",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:")
        assert line.endswith("/api/v1")
        base_url = line.removeprefix("listening on ")
        response = httpx2.post(base_url + "/auth/custom-logout/", timeout=5)
        assert response.status_code == 204
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_exits_on_sigint_too() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "rememberizer.testing", "serve"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("listening on ")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_import_rememberizer_imports_nothing_from_the_extra() -> None:
    code = (
        "import sys, rememberizer, rememberizer._pytest_plugin\n"
        "loaded = {'starlette', 'uvicorn', 'jwt'} & {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(loaded))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def venv_without_extra(tmp_path_factory: pytest.TempPathFactory, dist: Path) -> Path:
    """A venv with rememberizer (the wheel users get) and pytest, but not the testing extra."""
    venv = tmp_path_factory.mktemp("no-extra") / "venv"
    python = fresh_venv(sys.executable, venv, "httpx2", "attrs", "pytest")
    (wheel,) = dist.glob("*.whl")
    pip_install(python, "--no-deps", wheel)
    return python


def test_the_plugin_without_the_extra(venv_without_extra: Path, tmp_path: Path) -> None:
    (tmp_path / "test_user_suite.py").write_text(
        "import sys\n"
        "def test_plain():\n"
        "    assert 'starlette' not in sys.modules\n"
        "def test_uses_fixture(rememberizer_server):\n"
        "    pass\n"
    )
    result = subprocess.run(
        [str(venv_without_extra), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert "1 passed, 1 error" in result.stdout, result.stdout
    assert "pip install 'rememberizer[testing]'" in result.stdout
    assert "Traceback" not in result.stdout
