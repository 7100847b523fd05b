"""The conformance kit: run the scenarios through any SDK's runner against the fake server.

    python -m rememberizer.testing conformance --runner "CMD" [--runner "CMD"] [--scenarios DIR]

Each runner is a command that speaks the runner protocol of `conformance/README.md`: JSON lines
on stdin and stdout, one SDK step asked and answered at a time. The kit drives every scenario
itself (`_judge.py`): it resets the server, randomises the scenario's emails, names and texts,
sends the runner each SDK step, reads the request log and decides. The command prints the table
of scenario x language and exits 0 only when every runner passed every scenario (1 otherwise,
2 when a runner passed nothing because it never answered).
"""

from __future__ import annotations

import json
import queue
import re
import shlex
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeGuard

import attrs
import yaml

from ._judge import Judge, Mismatch, RunnerFailed, randomise

SCENARIOS = Path(__file__).resolve().parent / "conformance"
# How long one step may take: the slowest honours a Retry-After or runs 20 calls at once.
STEP_TIMEOUT = 60.0


@attrs.frozen
class RunnerResult:
    """What came of one runner: its language and scenario -> (result, detail)."""

    language: str
    outcomes: dict[str, tuple[str, str]]
    answered: bool


def scenario_names(directory: Path = SCENARIOS) -> list[str]:
    """The scenarios in `directory`, by file name."""
    return sorted(path.stem for path in directory.glob("*.yaml"))


class RunnerProcess:
    """A runner, started once, asked one step at a time over its stdin and stdout."""

    def __init__(self, command: Sequence[str]) -> None:
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
        # The runner command is the caller's own: running it is the point.
        self.process = subprocess.Popen(  # noqa: S603
            list(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        stdout: IO[str] = self.process.stdout  # type: ignore[assignment]
        threading.Thread(target=self._read, args=(stdout,), daemon=True).start()

    def _read(self, stdout: IO[str]) -> None:
        for line in stdout:
            self.lines.put(line)
        self.lines.put(None)

    def ask(self, message: dict[str, Any]) -> dict[str, Any]:
        """Send one step; the runner's answer, or RunnerFailed with its stderr."""
        stdin = self.process.stdin
        try:
            assert stdin is not None
            stdin.write(json.dumps(message) + "\n")
            stdin.flush()
            line = self.lines.get(timeout=STEP_TIMEOUT)
        except (OSError, ValueError):
            line = None
        except queue.Empty:
            raise RunnerFailed(f"no answer in {STEP_TIMEOUT:.0f} s{self.tail()}") from None
        if line is None:
            self.process.wait(timeout=10)
            raise RunnerFailed(f"the runner exited ({self.process.returncode}){self.tail()}")
        try:
            answer = json.loads(line)
        except ValueError:
            answer = None
        if not _of_protocol(answer):
            raise RunnerFailed(f"not an answer of the protocol: {line.strip()[:200]!r}")
        return answer

    def language(self) -> str:
        """The language the runner's hello names: one short word, since it heads a column of
        the table (a newline in it would print a summary line of the runner's making)."""
        ok = self.ask({"step": "hello"}).get("ok")
        named = ok.get("language") if isinstance(ok, dict) else None
        return named if isinstance(named, str) and _LANGUAGE.fullmatch(named) else "runner"

    def tail(self, lines: int = 20) -> str:
        """The last lines the runner wrote on stderr, to show with its failure."""
        self.stderr.seek(0)
        text = self.stderr.read().decode(errors="replace").strip()
        return ("; stderr:\n" + "\n".join(text.splitlines()[-lines:])) if text else ""

    def close(self) -> None:
        """Close its stdin (the runner's cue to exit) and wait for it."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self.stderr.close()


_LANGUAGE = re.compile(r"[\w.+-]{1,20}", re.ASCII)


def _of_protocol(answer: Any) -> TypeGuard[dict[str, Any]]:
    """An object with `ok`, or with `error` an object: the judge reads the error's type."""
    if not isinstance(answer, dict):
        return False
    return isinstance(answer["error"], dict) if "error" in answer else "ok" in answer


def run_runner(
    command: Sequence[str],
    server: Any,
    directory: Path = SCENARIOS,
    only: str | None = None,
) -> RunnerResult:
    """Run every scenario in `directory` through one runner against `server`; the outcomes."""
    with count_captchas(server) as counts:
        return _run_runner(command, server, counts, directory, only)


def _run_runner(
    command: Sequence[str],
    server: Any,
    counts: dict[str, int],
    directory: Path,
    only: str | None,
) -> RunnerResult:
    runner = RunnerProcess(command)
    language = "runner"  # until the runner's hello names its language
    outcomes: dict[str, tuple[str, str]] = {}
    answered = False
    try:
        for path in sorted(directory.glob("*.yaml")):
            scenario = randomise(yaml.safe_load(path.read_text()))
            if only not in (None, scenario["name"]):
                continue
            if runner.process.poll() is not None and not answered:
                outcomes[path.stem] = ("fail", f"the runner is not running{runner.tail()}")
                continue
            try:
                if not answered:
                    language = runner.language()
                    answered = True
                failure = Judge(server.base_url, runner.ask, counts).run(scenario)
            except (RunnerFailed, Mismatch) as exc:
                failure = f"runner: {exc}"
                if runner.process.poll() is not None:
                    runner.close()
                    runner = RunnerProcess(command)
            outcomes[path.stem] = ("fail", failure) if failure else ("pass", "")
    finally:
        runner.close()
    return RunnerResult(language, outcomes, answered)


@contextmanager
def count_captchas(server: Any) -> Iterator[dict[str, int]]:
    """Count, per action, the captcha tokens the server issues while inside.

    The runner's captcha provider asks the server's `/_testing/captcha` for its tokens; the
    kit counts them there rather than believing the runner's count.
    """
    counts: dict[str, int] = {}
    state = server.state
    issue = state.issue_captcha

    def counted(action: str) -> str:
        counts[action] = counts.get(action, 0) + 1
        token: str = issue(action)
        return token

    state.issue_captcha = counted
    try:
        yield counts
    finally:
        state.issue_captcha = issue


def table(names: list[str], results: list[RunnerResult]) -> tuple[str, list[str]]:
    """The scenario x language table, and one line per failure."""
    width = max([len("scenario"), *(len(name) for name in names)])
    rows = [f"{'scenario'.ljust(width)}  " + "  ".join(f"{r.language:10}" for r in results)]
    failures = []
    for name in names:
        cells = []
        for result in results:
            outcome, detail = result.outcomes.get(name, ("missing", "no result"))
            cells.append(f"{outcome:10}")
            if outcome != "pass":
                failures.append(f"{name} [{result.language}]: {detail}")
        rows.append(f"{name.ljust(width)}  " + "  ".join(cells))
    passed = len(names) * len(results) - len(failures)
    rows.append(f"conformance: {passed} passed, {len(failures)} failed")
    return "\n".join(rows), failures


def conformance(
    commands: Sequence[Sequence[str]], directory: Path = SCENARIOS, only: str | None = None
) -> int:
    """Start the fake server, run every runner, print the table; the exit code."""
    import sys

    from ._server import FakeRememberizer

    names = [n for n in scenario_names(directory) if only in (None, n)]
    if not names:
        print(f"conformance: no *.yaml scenarios in {directory}", file=sys.stderr)
        return 2
    with FakeRememberizer() as server:
        results = [run_runner(command, server, directory, only) for command in commands]
    report, failures = table(names, results)
    print(report)
    for failure in failures:
        print(f"  {failure}", file=sys.stderr)
    if any(not r.answered for r in results):
        return 2
    return 1 if failures else 0


def split_command(command: str) -> list[str]:
    """A runner command as given on the command line, split like a POSIX shell would."""
    return shlex.split(command)
