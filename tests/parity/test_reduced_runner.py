"""The scenarios catch a weaker SDK: the TypeScript reference runner with `--reduced` (no
client-side validation, no response validation, no single-flight refresh) fails exactly the
scenarios that cover those behaviours, and passes every other one."""

from __future__ import annotations

from pathlib import Path

from rememberizer.testing import FakeRememberizer
from rememberizer.testing._conformance import run_runner

TS = Path(__file__).resolve().parent / "ts"
CAUGHT = {
    "client_side_validation_sends_nothing": "expected invalid_request",
    "response_body_of_the_wrong_type": "expected response_validation",
    "single_flight_refresh": "concurrent calls failed",
    # Without single flight, concurrent app-token refreshes reuse a rotated refresh token,
    # which revokes the grant.
    "oauth_refresh_rotates_and_replays": "concurrent calls failed",
}


def test_the_reduced_runner_fails_the_scenarios_of_what_it_lacks() -> None:
    command = [str(TS / "node_modules" / ".bin" / "tsx"), str(TS / "runner.ts"), "--reduced"]
    with FakeRememberizer() as server:
        result = run_runner(command, server)
    failed = {name: why for name, (outcome, why) in result.outcomes.items() if outcome == "fail"}
    assert set(failed) == set(CAUGHT), failed
    for name, why in CAUGHT.items():
        assert why in failed[name], failed[name]
