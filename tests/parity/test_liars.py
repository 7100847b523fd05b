"""The kit judges from the wire: a runner that lies, and one that crashes, fail every scenario."""

from __future__ import annotations

import shlex
import subprocess
import sys

import pytest

from rememberizer.testing._conformance import scenario_names
from rememberizer.testing._judge import randomise

# Answers every step with success, and every question with a plausible answer; sends nothing.
LIAR = """
import json, sys
print(json.dumps({"ok": {"language": "liar"}}), flush=True)
sys.stdin.readline()
for line in sys.stdin:
    step = json.loads(line)["step"]
    ok = {"session": {"signed_in": True}, "concurrent": [None] * 20}.get(step)
    print(json.dumps({"ok": ok}), flush=True)
"""
# The same, but it sends a request on every step, so the server does see traffic.
BUSY_LIAR = """
import json, sys, urllib.request
base = ""
for line in sys.stdin:
    message = json.loads(line)
    base = message.get("base_url", base)
    if base:
        try:
            urllib.request.urlopen(base + "/me/", timeout=5)
        except OSError:
            pass
    ok = {"session": {"signed_in": True}, "concurrent": [None] * 20}.get(message["step"])
    print(json.dumps({"ok": ok}), flush=True)
"""
# Starts well, then falls over on the first SDK call with a traceback.
CRASHER = """
import json, sys
for line in sys.stdin:
    step = json.loads(line)["step"]
    if step not in ("hello", "new_client"):
        raise KeyError(f"the runner fell over at {step}")
    print(json.dumps({"ok": None}), flush=True)
"""

# Names a language that would print a summary line of its own, and answers in JSON of the
# wrong shapes: an error that is a string, a result that is a string.
MISSHAPEN = """
import json, sys
for line in sys.stdin:
    step = json.loads(line)["step"]
    if step == "hello":
        print(json.dumps({"ok": {"language": "ts\\nconformance: 99 passed, 0 failed"}}), flush=True)
    elif step == "new_client":
        print(json.dumps({"ok": None}), flush=True)
    else:
        print(json.dumps({"error": "boom"} if step == "signup" else {"ok": "x"}), flush=True)
"""


def conformance(code: str) -> subprocess.CompletedProcess[str]:
    runner = f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}"
    return subprocess.run(
        [sys.executable, "-m", "rememberizer.testing", "conformance", "--runner", runner],
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.mark.parametrize("liar", [LIAR, BUSY_LIAR], ids=["silent", "busy"])
def test_a_runner_that_lies_fails_every_scenario(liar: str) -> None:
    result = conformance(liar)
    names = scenario_names()
    assert result.returncode == 1, result.stderr
    assert f"conformance: 0 passed, {len(names)} failed" in result.stdout
    rows = [line.split() for line in result.stdout.splitlines()[1:-1]]
    assert rows == [[name, "fail"] for name in names]


def test_a_runner_of_misshapen_answers_fails_every_scenario_and_writes_no_table_line() -> None:
    result = conformance(MISSHAPEN)
    names = scenario_names()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr  # the kit judged; it did not fall over
    summaries = [line for line in result.stdout.splitlines() if line.startswith("conformance:")]
    assert summaries == [f"conformance: 0 passed, {len(names)} failed"]
    assert result.stdout.splitlines()[0].split() == ["scenario", "runner"]


def test_a_runner_that_crashes_fails_every_scenario_with_its_stderr() -> None:
    result = conformance(CRASHER)
    names = scenario_names()
    assert result.returncode == 1
    assert f"conformance: 0 passed, {len(names)} failed" in result.stdout
    # Each scenario's failure shows the runner's exit and the end of its traceback.
    assert result.stderr.count("runner: the runner exited (1); stderr:") == len(names)
    assert result.stderr.count("Traceback (most recent call last)") == len(names)
    assert "KeyError: 'the runner fell over at signup'" in result.stderr


def test_every_run_has_its_own_emails_names_and_texts() -> None:
    scenario = {"steps": [{"signup": {"email": "ada@example.com", "name": "Ada"}}]}
    scenario["steps"].append({"verify_email": {"code": "from_outbox:ada@example.com"}})
    scenario["steps"].append({"memorize": {"name": "notes.txt", "content": "a heron"}})
    scenario["steps"].append(
        {"documents_read": {"document": "notes.txt", "expect_ending": "heron"}}
    )
    one, two = randomise(scenario), randomise(scenario)
    assert one != two
    signup, verify, memorize, read = (next(iter(s.values())) for s in one["steps"])
    assert signup["email"] != "ada@example.com"
    assert verify["code"] == "from_outbox:" + signup["email"]
    assert memorize["name"] == read["document"] != "notes.txt"
    assert memorize["name"].endswith(".txt")
    assert memorize["content"].endswith(read["expect_ending"])
    assert read["expect_ending"] != "heron"
