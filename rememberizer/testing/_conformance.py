"""The conformance kit: run the scenarios through any SDK's runner against the fake server.

    python -m rememberizer.testing conformance --runner "CMD" [--runner "CMD"] [--scenarios DIR]

Each runner is a command that speaks the runner protocol of `conformance/README.md`: it gets
`--base-url URL --scenarios DIR` appended, resets the server before each scenario and prints
one JSON line per scenario. The command starts one fake server, runs every runner in turn,
prints the table of scenario x language and exits 0 only when every runner passed every
scenario (1 otherwise, 2 when a runner reported nothing).
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs

SCENARIOS = Path(__file__).resolve().parent / "conformance"


@attrs.frozen
class RunnerResult:
    """What one runner reported: its language and scenario -> its JSON line."""

    language: str
    lines: dict[str, dict[str, str]]
    returncode: int
    tail: str


def scenario_names(directory: Path = SCENARIOS) -> list[str]:
    """The scenarios in `directory`, by file name."""
    return sorted(path.stem for path in directory.glob("*.yaml"))


def run_runner(
    command: Sequence[str], base_url: str, directory: Path = SCENARIOS, timeout: float = 900
) -> RunnerResult:
    """Run one runner over every scenario in `directory` and collect its JSON lines."""
    # The runner command is the caller's own: running it is the point.
    result = subprocess.run(  # noqa: S603
        [*command, "--base-url", base_url, "--scenarios", str(directory)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines: dict[str, dict[str, str]] = {}
    language = Path(command[-1]).name if command else "runner"
    for raw in result.stdout.splitlines():
        try:
            line = json.loads(raw)
        except ValueError:
            continue
        if isinstance(line, dict) and "scenario" in line:
            lines[str(line["scenario"])] = line
            language = str(line.get("language", language))
    tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-5:])
    return RunnerResult(language, lines, result.returncode, tail)


def table(names: list[str], results: list[RunnerResult]) -> tuple[str, list[str]]:
    """The scenario x language table, and one line per failure."""
    width = max([len("scenario"), *(len(name) for name in names)])
    rows = [f"{'scenario'.ljust(width)}  " + "  ".join(f"{r.language:10}" for r in results)]
    failures = []
    for name in names:
        cells = []
        for result in results:
            line = result.lines.get(name)
            outcome = line["result"] if line else "missing"
            cells.append(f"{outcome:10}")
            if outcome != "pass":
                detail = line["detail"] if line else "no result"
                failures.append(f"{name} [{result.language}]: {detail}")
        rows.append(f"{name.ljust(width)}  " + "  ".join(cells))
    passed = len(names) * len(results) - len(failures)
    rows.append(f"conformance: {passed} passed, {len(failures)} failed")
    return "\n".join(rows), failures


def conformance(commands: Sequence[Sequence[str]], directory: Path = SCENARIOS) -> int:
    """Start the fake server, run every runner, print the table; the exit code."""
    from ._server import FakeRememberizer

    names = scenario_names(directory)
    if not names:
        print(f"conformance: no *.yaml scenarios in {directory}", file=sys.stderr)
        return 2
    with FakeRememberizer() as server:
        results = [run_runner(command, server.base_url, directory) for command in commands]
    report, failures = table(names, results)
    print(report)
    for failure in failures:
        print(f"  {failure}", file=sys.stderr)
    silent = [r for r in results if not r.lines]
    for result in silent:
        print(
            f"{result.language} runner reported nothing (exit {result.returncode}):\n{result.tail}",
            file=sys.stderr,
        )
    if silent:
        return 2
    return 1 if failures else 0


def split_command(command: str) -> list[str]:
    """A runner command as given on the command line, split like a POSIX shell would."""
    return shlex.split(command)
