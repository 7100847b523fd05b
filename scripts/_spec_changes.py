"""What a spec change means before it lands: lint, the change report, the changelog and
version, generator warnings, and which layers cover each operation.

scripts/regenerate.py drives these; each function does one step and knows nothing of the others.
The change report itself (what changed, its section, whether it breaks) is scripts/_spec_diff.py.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _spec_diff  # a sibling module, like this one
import yaml
from _spec_diff import Changes as Changes  # the report type, for scripts/regenerate

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "scripts" / "tools"
NODE_BIN = TOOLS / "node_modules" / ".bin"
HTTP_METHODS = _spec_diff.HTTP_METHODS


class SpecChangeError(Exception):
    """A step before generating rejected the spec or could not run; the message says which."""


# -- lint -----------------------------------------------------------------------------------


def _yaml_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """Each node's (line, column), 1-based, by its key path, to point validator errors home."""
    positions: dict[tuple[str, ...], tuple[int, int]] = {}

    def walk(node: yaml.Node, trail: tuple[str, ...]) -> None:
        positions.setdefault(trail, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                positions[(*trail, str(key.value))] = (
                    key.start_mark.line + 1,
                    key.start_mark.column + 1,
                )
                walk(value, (*trail, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*trail, str(index)))

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        walk(root, ())
    return positions


def _where(positions: Mapping[tuple[str, ...], tuple[int, int]], trail: Iterable[Any]) -> str:
    """line:column of the deepest known node on trail."""
    parts = tuple(str(part) for part in trail)
    while parts and parts not in positions:
        parts = parts[:-1]
    line, column = positions.get(parts, (1, 1))
    return f"{line}:{column}"


def structural_problems(document: Mapping[str, Any], text: str, origin: str) -> list[str]:
    """Swagger 2.0 and external $refs, each with what to do about it."""
    positions = _yaml_positions(text)
    if "swagger" in document:
        return [
            f"{origin}:{_where(positions, ['swagger'])}: this is a Swagger "
            f"{document['swagger']} file; convert it to OpenAPI 3.0 (for example with "
            "swagger2openapi) and run scripts/regenerate --from on the result"
        ]
    problems: list[str] = []

    def walk(node: Any, trail: tuple[str, ...]) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                problems.append(
                    f"{origin}:{_where(positions, (*trail, '$ref'))}: external $ref {ref!r}; "
                    "the spec must be one file: inline it with "
                    "`scripts/tools/node_modules/.bin/redocly bundle FILE -o ONE_FILE.yml` "
                    "and use ONE_FILE.yml"
                )
            for key, value in node.items():
                walk(value, (*trail, str(key)))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                walk(item, (*trail, str(index)))

    walk(document, ())
    return problems


def validator_problems(document: Mapping[str, Any], text: str, origin: str) -> list[str]:
    """openapi-spec-validator's findings, each at its YAML line and column."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(document.get("openapi", ""))
    validator_class = (
        OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    )
    positions = _yaml_positions(text)
    problems = []
    try:
        errors = list(validator_class(dict(document)).iter_errors())
    except Exception as exc:  # the validator raises unrelated types on broken input
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [f"{origin}: openapi-spec-validator: {first}"]
    for error in errors:
        message = str(getattr(error, "message", error)).splitlines()[0]
        trail = list(getattr(error, "absolute_path", []) or [])
        problems.append(f"{origin}:{_where(positions, trail)}: openapi-spec-validator: {message}")
    return problems


TOOL_TIMEOUT = 300.0


def run_tool(
    command: list[str], env: Mapping[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a pinned Node tool with env added, bounded in time."""
    try:
        return subprocess.run(
            command,
            cwd=cwd,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
            timeout=TOOL_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        raise SpecChangeError(
            f"{Path(command[0]).name} did not finish in {TOOL_TIMEOUT:.0f} s"
        ) from None


def redocly_problems(spec_path: Path, origin: str) -> list[str]:
    """Redocly lint's errors with the config in spec/redocly.yaml, at their line and column."""
    tool = NODE_BIN / "redocly"
    if not tool.exists():
        raise SpecChangeError("Redocly is not installed: run scripts/install")
    config = str(ROOT / "spec" / "redocly.yaml")
    result = run_tool(
        [str(tool), "lint", "--config", config, "--format=json", str(spec_path)],
        # No telemetry or update check: traffic stays on this machine.
        {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
    )
    try:
        report = json.loads(result.stdout[result.stdout.index("{") :])
    except ValueError:
        if result.returncode == 0:
            return []
        lines = (result.stdout + result.stderr).strip().splitlines()
        return [f"{origin}: redocly lint failed: {lines[-1] if lines else 'no output'}"]
    problems = []
    for problem in report.get("problems", []):
        if problem.get("severity") != "error":
            continue
        location = (problem.get("location") or [{}])[0]
        pointer = str(location.get("pointer", "#/")).lstrip("#/")
        trail = [part.replace("~1", "/").replace("~0", "~") for part in pointer.split("/") if part]
        start = location.get("start") or {}
        line_col = (
            f"{start['line']}:{start['col']}"
            if "line" in start
            else _where(_yaml_positions(spec_path.read_text(encoding="utf-8")), trail)
        )
        problems.append(
            f"{origin}:{line_col}: redocly {problem.get('ruleId')}: {problem.get('message')}"
        )
    return problems


def lint(spec_path: Path, document: Mapping[str, Any], text: str, origin: str) -> None:
    """Raise SpecChangeError listing every problem; return when both linters accept the spec."""
    problems = structural_problems(document, text, origin)
    if not problems:
        problems = validator_problems(document, text, origin)
    if not problems:
        problems = redocly_problems(spec_path, origin)
    if problems:
        listed = "\n  ".join(problems)
        raise SpecChangeError(f"the spec was rejected, nothing was generated:\n  {listed}")


# -- the change report ----------------------------------------------------------------------


def spec_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Changes:
    """The named and classed changes from old to new (empty when they are equal)."""
    return _spec_diff.diff(old, new)


# -- version and changelog ------------------------------------------------------------------

VERSION_PATTERN = re.compile(r'^__version__ = "(\d+)\.(\d+)\.(\d+)"', re.MULTILINE)


def read_version(version_file: Path) -> str:
    """The version in the package's single version source."""
    match = VERSION_PATTERN.search(version_file.read_text(encoding="utf-8"))
    if not match:
        raise SpecChangeError(f'{version_file} has no __version__ = "X.Y.Z" line')
    return ".".join(match.groups())


def next_version(current: str, changes: Changes) -> str:
    """SemVer. From 1.0: a break bumps the major, an addition or other API change the minor,
    documentation alone the patch. Before 1.0 (SemVer's item 4 leaves 0.x open) each moves one
    place down: a break bumps the minor, anything else the patch."""
    major, minor, patch = (int(part) for part in current.split("."))
    if changes.breaking:
        return f"0.{minor + 1}.0" if major == 0 else f"{major + 1}.0.0"
    if changes.additive and major > 0:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def write_version(version_file: Path, version: str) -> None:
    """Put version into the version source, keeping everything else in the file."""
    text = version_file.read_text(encoding="utf-8")
    version_file.write_text(
        VERSION_PATTERN.sub(f'__version__ = "{version}"', text, count=1), encoding="utf-8"
    )


CHANGELOG_HEADER = """\
# Changelog

All notable changes to this project are written here. The format follows
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/) and the project uses
[Semantic Versioning](https://semver.org/). `scripts/regenerate` adds every spec change under
its section, breaking changes marked **Breaking:**.

## [Unreleased]
"""
UNRELEASED = "## [Unreleased]\n"


def _add_lines(block: str, section: str, lines: list[str]) -> str:
    """block (the text of one release) with lines at the end of its `### section`, the
    section created in Keep a Changelog's order when it is missing."""
    heading = f"### {section}\n"
    if heading in block:
        start = block.index(heading) + len(heading)
        following = re.search(r"^### ", block[start:], re.MULTILINE)
        end = start + following.start() if following else len(block)
        body = block[start:end].rstrip("\n")
        return block[:start] + body + "\n" + "".join(lines) + "\n" + block[end:].lstrip("\n")
    for other in _spec_diff.SECTIONS[_spec_diff.SECTIONS.index(section) + 1 :]:
        if f"### {other}\n" in block:
            at = block.index(f"### {other}\n")
            return block[:at] + heading + "".join(lines) + "\n" + block[at:]
    return block.rstrip("\n") + ("\n\n" if block.strip() else "\n") + heading + "".join(lines)


def record_in_changelog(
    changelog: Path, changes: Changes, release: str | None, today: datetime.date | None = None
) -> bool:
    """Add each change under its section of `## [Unreleased]` (created when missing); with
    `release`, that section becomes `## [release] - today` under a new, empty [Unreleased].

    A line already in [Unreleased] or in the latest release is not added again, so running
    scripts/regenerate again over the same spec writes nothing; then this returns False.
    """
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else CHANGELOG_HEADER
    if UNRELEASED not in text:
        text = text.rstrip("\n") + "\n\n" + UNRELEASED
    head, tail = text.split(UNRELEASED, 1)
    following = re.search(r"^## ", tail, re.MULTILINE)
    cut = following.start() if following else len(tail)
    block, rest = tail[:cut], tail[cut:]
    latest = re.split(r"^## ", rest[3:], maxsplit=1, flags=re.MULTILINE)[0] if rest else ""
    known = set((block + latest).splitlines())
    added = False
    for section, entries in changes.sections().items():
        new = [f"- {entry}\n" for entry in entries if f"- {entry}" not in known]
        if new:
            block = _add_lines(block, section, new)
            added = True
    if not added:
        return False
    block = "\n" + block.strip("\n") + "\n\n"
    if release is not None:
        day = (today or datetime.date.today()).isoformat()
        block = f"\n## [{release}] - {day}\n" + block
    changelog.write_text(head + UNRELEASED + block + rest, encoding="utf-8")
    return True


# -- generator warnings ---------------------------------------------------------------------


def generator_warnings(output: str) -> list[str]:
    """openapi-python-client's warnings, one line each (header and detail joined)."""
    start = output.find("Warning(s) encountered while generating")
    if start < 0:
        return []
    section = output[start:].split("\n", 1)[1] if "\n" in output[start:] else ""
    section = section.split("If you believe this was a mistake", 1)[0]
    warnings = []
    for block in re.split(r"\n\s*\n\s*\n", section):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines:
            warnings.append(" — ".join(lines))
    return warnings


def allowed_warnings(allow_list: Path) -> list[dict[str, str]]:
    """The allow-list's entries: each a `warning` (a substring to match) and its `reason`."""
    if not allow_list.exists():
        return []
    loaded = yaml.safe_load(allow_list.read_text(encoding="utf-8")) or {}
    entries = loaded.get("allowed", []) if isinstance(loaded, dict) else []
    for entry in entries:
        if not (isinstance(entry, dict) and entry.get("warning") and entry.get("reason")):
            raise SpecChangeError(f"{allow_list}: every entry needs a `warning` and a `reason`")
    return [{"warning": str(e["warning"]), "reason": str(e["reason"])} for e in entries]


def unexplained(warnings: Iterable[str], allowed: Iterable[Mapping[str, str]]) -> list[str]:
    """The warnings that no allow-list entry matches."""
    patterns = [entry["warning"] for entry in allowed]
    return [w for w in warnings if not any(pattern in w for pattern in patterns)]


# -- coverage -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """Which layers cover one operation."""

    operation_id: str
    method: str
    path: str
    python: bool
    typescript: bool
    served: bool
    wrapped: bool

    def line(self) -> str:
        """One report line with the four flags."""

        def flag(value: bool, name: str) -> str:
            return f"{name} {'yes' if value else 'NO'}"

        return (
            f"{self.operation_id} ({self.method} {self.path}): "
            f"{flag(self.python, 'python')}, {flag(self.typescript, 'typescript')}, "
            f"{flag(self.served, 'fake server')}, {flag(self.wrapped, 'facade')}"
        )


def fake_server_routes() -> set[tuple[str, str]]:
    """(METHOD, path template) for every API route the fake server's Starlette app mounts."""
    from starlette.routing import Mount, Route

    from rememberizer.testing import FakeRememberizer
    from rememberizer.testing._http import API_PREFIX

    app: Any = FakeRememberizer().app
    while not hasattr(app, "routes") and hasattr(app, "app"):
        app = app.app
    found: set[tuple[str, str]] = set()

    def walk(routes: Iterable[Any], prefix: str) -> None:
        for route in routes:
            if isinstance(route, Mount):
                walk(route.routes, prefix + route.path)
            elif isinstance(route, Route):
                for method in route.methods or ():
                    found.add((method, _spec_diff.path_template(prefix + route.path)))

    walk(app.routes, "")
    return {
        (method, path[len(API_PREFIX) :])
        for method, path in found
        if path.startswith(API_PREFIX + "/")
    }


def facade_operations() -> frozenset[str]:
    """The operationIds the rememberizer facade wraps: the rows of the generated operation
    table (`ops.NAME`) that its one source, rememberizer/_async/, calls."""
    try:
        from rememberizer_api import operations
    except ImportError:
        return frozenset()
    source = Path(__file__).resolve().parent.parent / "rememberizer" / "_async"
    named = {
        name
        for path in source.glob("*.py")
        for name in re.findall(r"\bops\.([A-Z][A-Z0-9_]*)\b", path.read_text(encoding="utf-8"))
    }
    rows = (getattr(operations, name, None) for name in named)
    return frozenset(row.operation_id for row in rows if isinstance(row, operations.OperationInfo))


def coverage(
    document: Mapping[str, Any],
    generated: Path,
    served: set[tuple[str, str]],
    wrapped: Iterable[str],
) -> list[Coverage]:
    """Every operation in the spec with its generated, served and wrapped flags."""
    api = generated / "rememberizer_api" / "api"
    python = {path.stem for path in api.rglob("*.py")} if api.exists() else set()
    schema = generated / "typescript" / "schema.ts"
    typescript = schema.read_text(encoding="utf-8") if schema.exists() else ""
    wrapped_set = set(wrapped)
    rows = []
    for path, item in sorted((document.get("paths") or {}).items()):
        for method in HTTP_METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if not isinstance(operation, dict):
                continue
            operation_id = str(operation.get("operationId") or f"{method} {path}")
            rows.append(
                Coverage(
                    operation_id=operation_id,
                    method=method.upper(),
                    path=path,
                    python=operation_id in python,
                    typescript=f"\n    {operation_id}: {{" in typescript,
                    served=(method.upper(), _spec_diff.path_template(path)) in served,
                    wrapped=operation_id in wrapped_set,
                )
            )
    return rows
