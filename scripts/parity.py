"""Run every conformance scenario with every language's runner against one fake server.

    scripts/parity

Prints a table of scenario x language and exits 1 unless every language passes every scenario.
Each runner follows spec/conformance/README.md: it gets the server's base URL, resets it before
each scenario, and prints one JSON line per scenario.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNERS = {
    "python": [sys.executable, str(ROOT / "tests" / "parity" / "runner.py")],
    "typescript": [
        str(ROOT / "tests" / "parity" / "ts" / "node_modules" / ".bin" / "tsx"),
        str(ROOT / "tests" / "parity" / "ts" / "runner.ts"),
    ],
}


def start_server() -> tuple[subprocess.Popen[str], str]:
    """The fake server on a free loopback port, and its base URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "rememberizer.testing", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    line = server.stdout.readline().strip()
    if not line.startswith("listening on "):
        server.kill()
        raise RuntimeError(f"the fake server did not start: {line!r}")
    return server, line.removeprefix("listening on ")


def run(language: str, base_url: str) -> dict[str, dict[str, str]]:
    """scenario -> its JSON line, from one runner."""
    result = subprocess.run(
        [*RUNNERS[language], "--base-url", base_url],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    lines = {}
    for raw in result.stdout.splitlines():
        try:
            line = json.loads(raw)
        except ValueError:
            continue
        lines[line["scenario"]] = line
    if not lines:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        print(f"{language} runner reported nothing (exit {result.returncode}):", file=sys.stderr)
        print("\n".join(tail), file=sys.stderr)
    return lines


def main() -> int:
    """Run both runners and print the table."""
    scenarios = sorted(p.stem for p in (ROOT / "spec" / "conformance").glob("*.yaml"))
    server, base_url = start_server()
    try:
        results = {language: run(language, base_url) for language in RUNNERS}
    finally:
        server.terminate()
        server.wait(timeout=15)
    width = max(len(s) for s in scenarios)
    print(f"{'scenario'.ljust(width)}  " + "  ".join(f"{lang:10}" for lang in RUNNERS))
    failures = []
    for scenario in scenarios:
        cells = []
        for language in RUNNERS:
            line = results[language].get(scenario)
            result = line["result"] if line else "missing"
            cells.append(f"{result:10}")
            if result != "pass":
                detail = line["detail"] if line else "no result"
                failures.append(f"{scenario} [{language}]: {detail}")
        print(f"{scenario.ljust(width)}  " + "  ".join(cells))
    passed = len(scenarios) * len(RUNNERS) - len(failures)
    print(f"parity: {passed} passed, {len(failures)} failed")
    for failure in failures:
        print(f"  {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
