"""The public surface: defaults, docstrings, the logging switch, and the raw client."""

from __future__ import annotations

import inspect
import subprocess
import sys

import httpx2
import pytest

import rememberizer
from rememberizer import DEFAULT_TIMEOUT, AsyncRememberizer, InvalidRequestError, Rememberizer
from rememberizer.testing import FakeRememberizer
from tests.conftest import EMAIL, PASSWORD


def test_every_public_name_has_a_docstring() -> None:
    for name in rememberizer.__all__:
        obj = getattr(rememberizer, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__doc__, name
            assert obj.__doc__.strip().split("\n")[0] != "Attributes:", name
            if obj.__module__.split(".")[0] != "rememberizer":
                continue  # a generated model, re-exported; its methods are the generator's
            for attr, member in vars(obj).items():
                if not attr.startswith("_") and inspect.isfunction(member):
                    assert member.__doc__, f"{name}.{attr}"
    for resource in ("auth", "account"):
        for client in (Rememberizer, AsyncRememberizer):
            instance = client(base_url="http://127.0.0.1:9/api/v1")
            namespace = getattr(instance, resource)
            for attr in dir(namespace):
                if not attr.startswith("_"):
                    assert getattr(namespace, attr).__doc__, f"{resource}.{attr}"


def test_every_public_error_shows_as_rememberizer_dot_its_name() -> None:
    # Tracebacks print `rememberizer.UploadError`, the name users import and catch.
    errors = [
        obj
        for obj in (getattr(rememberizer, name) for name in rememberizer.__all__)
        if inspect.isclass(obj) and issubclass(obj, BaseException)
    ]
    assert {"SessionConflictError", "UploadError"} <= {e.__name__ for e in errors}
    assert [e.__name__ for e in errors if e.__module__ != "rememberizer"] == []


def test_the_defaults() -> None:
    client = Rememberizer(base_url="http://127.0.0.1:9/api/v1")
    assert client.timeout == DEFAULT_TIMEOUT == httpx2.Timeout(30.0, connect=5.0)
    assert client._policy.max_retries == 2
    assert client._http.follow_redirects is False
    assert not client.session.signed_in
    assert "signed_in=False" in repr(client)
    client.close()


def test_the_sync_and_async_clients_have_the_same_methods() -> None:
    for resource in ("auth", "account"):
        sync = getattr(Rememberizer(base_url="http://127.0.0.1:9/api/v1"), resource)
        async_ = getattr(AsyncRememberizer(base_url="http://127.0.0.1:9/api/v1"), resource)
        names = {n for n in dir(sync) if not n.startswith("_")}
        assert names == {n for n in dir(async_) if not n.startswith("_")}
        names.remove("with_raw_response")  # a namespace of the same methods, not a method
        for name in names:
            assert inspect.iscoroutinefunction(getattr(async_, name))
            assert inspect.signature(getattr(sync, name)) == inspect.signature(
                getattr(async_, name)
            )


def test_remember_log_debug_turns_on_the_log(rememberizer_server: FakeRememberizer) -> None:
    code = (
        "import sys\n"
        "from rememberizer import Rememberizer\n"
        "with Rememberizer(base_url=sys.argv[1]) as c:\n"
        "    c.auth.logout()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, rememberizer_server.base_url],
        env={"REMEMBERIZER_LOG": "debug", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "POST /api/v1/auth/custom-logout/ -> 204" in result.stderr
    assert "(retry 0)" in result.stderr


def test_raw_shares_the_session(rememberizer_server: FakeRememberizer) -> None:
    from rememberizer_api.api.account import get_me

    with Rememberizer(
        base_url=rememberizer_server.base_url, captcha=rememberizer_server.captcha
    ) as client:
        client.auth.signup(email=EMAIL, password=PASSWORD, name="Ada")
        response = get_me.sync_detailed(client=client.raw)
        assert response.status_code == 200
        assert response.parsed is not None
        rememberizer_server.advance_clock(301)
        # The raw client gets the refresh-and-replay too: it shares the auth flow.
        again = get_me.sync_detailed(client=client.raw)
        assert again.status_code == 200


def test_an_http_client_serves_one_rememberizer_client() -> None:
    http = httpx2.Client()
    Rememberizer(base_url="http://127.0.0.1:9/api/v1", http_client=http)
    with pytest.raises(InvalidRequestError, match=r"already serves.*with_options\(session="):
        Rememberizer(base_url="http://127.0.0.1:9/api/v1", http_client=http)
    http.close()
