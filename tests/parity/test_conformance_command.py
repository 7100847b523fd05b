"""`python -m rememberizer.testing conformance`: the table and its exit code, for a runner that
passes, one that fails a scenario, and one that reports nothing."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from rememberizer.testing._conformance import SCENARIOS

RUNNER = f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).parent / 'runner.py'))}"


def conformance(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rememberizer.testing", "conformance", *args],
        capture_output=True,
        text=True,
        timeout=240,
    )


def scenarios(tmp_path: Path, *names: str) -> Path:
    for name in names:
        shutil.copy(SCENARIOS / f"{name}.yaml", tmp_path)
    return tmp_path


def test_a_passing_runner_exits_0(tmp_path: Path) -> None:
    directory = scenarios(tmp_path, "wrong_password", "retry_503_on_get")
    result = conformance("--runner", RUNNER, "--scenarios", str(directory))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["scenario", "python"]
    assert lines[1].split() == ["retry_503_on_get", "pass"]
    assert lines[-1] == "conformance: 2 passed, 0 failed"


def test_a_failing_scenario_exits_1_and_says_why(tmp_path: Path) -> None:
    directory = scenarios(tmp_path, "wrong_password")
    wrong = {
        "name": "two_refreshes",
        "description": "expects a second refresh that a correct SDK never makes",
        "steps": [
            {"signup": {"email": "ada@example.com", "password": "correct horse", "name": "Ada"}},
            {"refresh": {}},
            {"expect_requests": [{"path": "/auth/custom-refresh/", "count": 2}]},
        ],
    }
    (directory / "two_refreshes.yaml").write_text(yaml.safe_dump(wrong))
    result = conformance("--runner", RUNNER, "--scenarios", str(directory))
    assert result.returncode == 1
    assert ["two_refreshes", "fail"] in [line.split() for line in result.stdout.splitlines()]
    assert "conformance: 1 passed, 1 failed" in result.stdout
    assert "two_refreshes [python]: step 3 (expect_requests)" in result.stderr


def test_a_runner_that_answers_nothing_exits_2(tmp_path: Path) -> None:
    directory = scenarios(tmp_path, "wrong_password")
    silent = f"{shlex.quote(sys.executable)} -c 'import sys; sys.exit(3)'"
    result = conformance("--runner", silent, "--scenarios", str(directory))
    assert result.returncode == 2
    assert "runner: the runner exited (3)" in result.stderr
