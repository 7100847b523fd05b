"""The scenarios catch a weaker SDK: the TypeScript reference runner with `--reduced` (no
client-side validation, no response validation, no single-flight refresh) fails exactly the
scenarios that cover those behaviours, and passes every other one."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from rememberizer.testing import FakeRememberizer

TS = Path(__file__).resolve().parent / "ts"
CAUGHT = {
    "client_side_validation_sends_nothing": "expected invalid_request",
    "response_body_of_the_wrong_type": "expected response_validation",
    "single_flight_refresh": "concurrent calls failed",
    # Without single flight, concurrent app-token refreshes reuse a rotated refresh token,
    # which revokes the grant.
    "oauth_refresh_rotates_and_replays": "concurrent calls failed",
}


def run_typescript(base_url: str, *flags: str) -> dict[str, dict[str, str]]:
    result = subprocess.run(
        [str(TS / "node_modules" / ".bin" / "tsx"), str(TS / "runner.ts"), *flags],
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "REMEMBERIZER_BASE_URL": base_url},
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert lines, result.stderr
    assert result.returncode == (1 if any(line["result"] == "fail" for line in lines) else 0)
    return {line["scenario"]: line for line in lines}


def test_the_reduced_runner_fails_the_scenarios_of_what_it_lacks(
    rememberizer_server: FakeRememberizer,
) -> None:
    results = run_typescript(rememberizer_server.base_url, "--reduced")
    failed = {name: line["detail"] for name, line in results.items() if line["result"] == "fail"}
    assert set(failed) == set(CAUGHT), failed
    for name, why in CAUGHT.items():
        assert why in failed[name], failed[name]
