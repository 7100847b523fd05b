"""The fake server takes its rules from the spec: change the spec, and the fake follows.

Each test builds the fake in process over a copy of the contract that scripts/regenerate
writes from the spec (rememberizer_api/contract.json), changed the way a spec change would.
"""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx2
import pytest
from rememberizer_api import operations as ops

from rememberizer.testing._app import create_app
from rememberizer.testing._contract import CAPTCHA_ACTIONS, DRIFT, Contract, contract
from rememberizer.testing._state import Options, State

pytestmark = pytest.mark.anyio

Change = Callable[[dict[str, Any]], None]


@asynccontextmanager
async def fake(change: Change | None = None) -> AsyncIterator[tuple[httpx2.AsyncClient, State]]:
    """A signed-in raw client on a fake server that follows the contract, changed by `change`."""
    data = copy.deepcopy(dict(contract().data))
    if change is not None:
        change(data)
    state = State(Options())
    app = create_app(state, Contract(data))
    _, tokens = state.signup(
        {
            "email": "ada@example.com",
            "password": "correct horse battery",
            "name": "Ada",
            "captcha": state.issue_captcha("signup"),
        }
    )
    async with httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=app),
        base_url="http://testserver/api/v1/",
        headers={"Authorization": f"Bearer {tokens.access}"},
        timeout=10,
    ) as client:
        yield client, state


def _list_documents(data: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = data["operations"][f"GET {ops.LIST_DOCUMENTS.path}"]
    return operation


def _integration_types(data: dict[str, Any]) -> list[str]:
    enum: list[str] = data["components"]["schemas"]["IntegrationType"]["enum"]
    return enum


async def test_an_enum_value_the_spec_drops_is_refused() -> None:
    async with fake() as (http, _):
        assert (
            await http.get("documents/", params={"integration_type": "gmail"})
        ).status_code == 200

    async with fake(lambda data: _integration_types(data).remove("gmail")) as (http, _):
        response = await http.get("documents/", params={"integration_type": "gmail"})
    assert response.status_code == 400
    assert response.json() == {"integration_type": ['"gmail" is not a valid choice.']}


async def test_an_enum_value_the_spec_adds_is_taken() -> None:
    async with fake() as (http, _):
        refused = await http.get("documents/", params={"integration_type": "notion"})
    assert refused.status_code == 400

    async with fake(lambda data: _integration_types(data).append("notion")) as (http, _):
        response = await http.get("documents/", params={"integration_type": "notion"})
    assert response.status_code == 200
    assert response.json()["results"] == []


def _add_limit(data: dict[str, Any]) -> None:
    _list_documents(data)["parameters"].append(
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": 5},
        }
    )


async def test_a_query_parameter_the_spec_adds_is_held_to_its_bounds() -> None:
    async with fake(_add_limit) as (http, _):
        too_many = await http.get("documents/", params={"limit": "9"})
        not_a_number = await http.get("documents/", params={"limit": "many"})
        within = await http.get("documents/", params={"limit": "3"})
    assert too_many.status_code == 400
    assert too_many.json() == {"limit": ["Ensure this value is less than or equal to 5."]}
    assert not_a_number.json() == {"limit": ["A valid integer is required."]}
    assert within.status_code == 200


async def test_a_query_is_checked_after_the_credentials() -> None:
    async with fake() as (http, _):
        response = await http.get(
            "documents/search/", params={"q": "x", "n": "101"}, headers={"Authorization": ""}
        )
    assert response.status_code == 401


async def test_the_password_minimum_is_the_spec_s() -> None:
    def longer(data: dict[str, Any]) -> None:
        data["components"]["schemas"]["SignupRequest"]["properties"]["password"]["minLength"] = 30

    async with fake(longer) as (http, state):
        response = await http.post(
            "auth/signup/",
            json={
                "email": "grace@example.com",
                "password": "correct horse battery",  # 21 characters: enough for the real spec
                "name": "Grace",
                "captcha": state.issue_captcha("signup"),
            },
        )
    assert response.status_code == 400
    assert response.json() == {"password": ["Ensure this field has at least 30 characters."]}


async def test_an_answer_that_departs_from_the_spec_fails_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # tests/conftest.py turns the check on for the whole suite; this proves it bites.
    monkeypatch.setenv("REMEMBERIZER_FAKE_CHECK_RESPONSES", "1")

    def nickname(data: dict[str, Any]) -> None:
        data["components"]["schemas"]["Account"]["required"].append("nickname")

    async with fake(nickname) as (http, _):
        response = await http.get("account/")
    drift, DRIFT[:] = list(DRIFT), []
    assert response.status_code == 500
    assert response.json()["code"] == "spec_drift"
    assert drift == [
        "GET /api/v1/account/: status 200: the body: 'nickname' is a required property"
    ]


def test_the_captcha_actions_are_the_spec_s() -> None:
    named = {op.captcha_action for op in ops.OPERATIONS.values()} - {None}
    assert set(CAPTCHA_ACTIONS) == named == {"signup", "signin"}


def test_a_route_the_spec_lacks_stops_the_server_from_starting() -> None:
    # Each route serves operations of the generated table; one the served spec no longer has
    # would run without its rules, so building the app refuses it.
    data = copy.deepcopy(dict(contract().data))
    del data["operations"]["GET /vector-stores/configs"]
    with pytest.raises(ValueError, match="the spec has no GET /vector-stores/configs"):
        create_app(State(Options()), Contract(data))
