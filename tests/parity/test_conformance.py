"""Every conformance scenario passes with the Python facade, and the scenarios are well formed."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import yaml

from rememberizer.testing import FakeRememberizer
from rememberizer.testing._conformance import SCENARIOS as DIRECTORY
from rememberizer.testing._conformance import RunnerProcess, count_captchas
from rememberizer.testing._judge import Judge, randomise

from . import runner

SCENARIOS = [yaml.safe_load(path.read_text()) for path in sorted(DIRECTORY.glob("*.yaml"))]
SCHEMA = json.loads((DIRECTORY / "scenario.schema.json").read_text())
RUNNER = [sys.executable, runner.__file__]


@pytest.fixture(scope="module")
def python_runner() -> Iterator[RunnerProcess]:
    process = RunnerProcess(RUNNER)
    yield process
    process.close()


def judge(server: FakeRememberizer, process: RunnerProcess, scenario: dict[str, Any]) -> str | None:
    with count_captchas(server) as counts:
        return Judge(server.base_url, process.ask, counts).run(randomise(scenario))


def test_there_are_enough_scenarios_and_each_is_valid() -> None:
    assert len(SCENARIOS) >= 15
    for path in sorted(DIRECTORY.glob("*.yaml")):
        scenario = yaml.safe_load(path.read_text())
        jsonschema.validate(scenario, SCHEMA)
        assert path.stem == scenario["name"]


def test_the_scenarios_cover_every_facade_behaviour() -> None:
    covered = {c for s in SCENARIOS for c in s.get("covers", [])}
    for behaviour in (
        "captcha once per attempt",
        "captcha required",
        "captcha rejected",
        "one cookie jar scoped to the host",
        "bearer from the access cookie",
        "single-flight refresh",
        "replay once",
        "session expired",
        "logout",
        "retries",
        "typed errors",
        "client-side validation",
        "response validation",
        "proactive refresh",
        "retry-after",
        "credentials scoped to the API origin",
        "knowledge pagination",
        "knowledge search",
        "knowledge contents paging",
        "api key",
        "vector store key",
        "vector store search",
        "partial failure (207)",
        "retry of the failed files only",
        "oauth authorization-code exchange",
        "oauth state check",
        "oauth access denied",
        "client secret only to the token endpoint",
        "oauth refresh",
        "refresh token rotation",
        "unknown enum value",
        "unknown field",
        "empty 201",
        "another 2xx",
    ):
        assert behaviour in covered, behaviour


def test_the_schema_refuses_a_malformed_scenario() -> None:
    bad = {"name": "x", "description": "y", "steps": [{"teleport": {}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_the_python_facade_passes(
    scenario: dict[str, Any], rememberizer_server: FakeRememberizer, python_runner: RunnerProcess
) -> None:
    failure = judge(rememberizer_server, python_runner, scenario)
    assert failure is None, failure


def test_a_scenario_can_fail(
    rememberizer_server: FakeRememberizer, python_runner: RunnerProcess
) -> None:
    wrong = {
        "name": "wrong",
        "description": "expects a second refresh that a correct SDK never makes",
        "steps": [
            {"signup": {"email": "ada@example.com", "password": "correct horse", "name": "Ada"}},
            {"refresh": {}},
            {"expect_requests": [{"path": "/auth/custom-refresh/", "count": 2}]},
        ],
    }
    failure = judge(rememberizer_server, python_runner, wrong)
    assert failure is not None
    assert failure.startswith("step 3 (expect_requests)")
