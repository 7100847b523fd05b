"""What a spec change means before it lands: lint, breaking-change classification, the changelog
and version, generator warnings, and which layers cover each operation.

scripts/regenerate.py drives these; each function does one step and knows nothing of the others.
The diff and its breaking-change rules are Optic's (pinned in scripts/tools/package.json and
wired up by scripts/tools/spec-changes.cjs); this module only groups what Optic reports.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "scripts" / "tools"
NODE_BIN = TOOLS / "node_modules" / ".bin"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Keys whose edits change what people read, not what the API accepts or returns.
COSMETIC_KEYS = frozenset(
    {
        "description",
        "summary",
        "example",
        "examples",
        "title",
        "externalDocs",
        "x-inferred",
        "x-source",
        "x-sources",
    }
)


# What the operation-level rules in scripts/tools/spec-changes.cjs look at.
OWN_KEYS = ("operationId", "security")


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


# -- breaking-change classification ---------------------------------------------------------


@dataclass
class Changes:
    """A spec change, grouped: breaking, additive and cosmetic lines."""

    breaking: list[str] = field(default_factory=list)
    additive: list[str] = field(default_factory=list)
    cosmetic: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.breaking or self.additive or self.cosmetic)

    def report(self) -> list[str]:
        """The grouped report, one heading per non-empty group."""
        lines: list[str] = []
        for title, entries in (
            ("breaking", self.breaking),
            ("additive", self.additive),
            ("cosmetic", self.cosmetic),
        ):
            if entries:
                lines.append(f"  {title}:")
                lines.extend(f"    - {entry}" for entry in entries)
        return lines


def _pointer(text: str) -> tuple[str, ...]:
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in text.split("/")[1:] if text)


def _operation_name(document: Mapping[str, Any], path: str, method: str) -> str:
    operation = ((document.get("paths") or {}).get(path) or {}).get(method) or {}
    operation_id = operation.get("operationId") if isinstance(operation, dict) else None
    where = f"{method.upper()} {path}"
    return f"{operation_id} ({where})" if operation_id else where


def _describe(parts: tuple[str, ...], old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """Name what a pointer points at: an operation, or a component, plus the rest of the path."""
    document = new if _lookup(new, parts) is not None else old
    if len(parts) >= 3 and parts[0] == "paths" and parts[2] in HTTP_METHODS:
        rest = "/".join(parts[3:])
        name = _operation_name(document, parts[1], parts[2])
        return f"{name}: {rest}" if rest else name
    if len(parts) == 2 and parts[0] == "paths":
        item = (document.get("paths") or {}).get(parts[1]) or {}
        names = [_operation_name(document, parts[1], m) for m in HTTP_METHODS if m in item]
        return ", ".join(names) or parts[1]
    return "/".join(parts)


def _lookup(document: Any, parts: tuple[str, ...]) -> Any:
    node = document
    for part in parts:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _is_cosmetic(parts: tuple[str, ...]) -> bool:
    """Whether a pointer lands in documentation: a cosmetic key used as a keyword, not as a
    property or path name (a schema may well have a property called `description`)."""
    return any(
        part in COSMETIC_KEYS and (index == 0 or parts[index - 1] not in ("properties", "paths"))
        for index, part in enumerate(parts)
    )


def classify(optic: Mapping[str, Any], old: Mapping[str, Any], new: Mapping[str, Any]) -> Changes:
    """Group Optic's diffs and failed rules into breaking, additive and cosmetic lines.

    A failed breaking-change rule makes a breaking line, and every diff under its location
    belongs to it. Of the other diffs, those that only touch COSMETIC_KEYS are cosmetic.
    """
    changes = Changes()
    failures = list(optic.get("failures", []))
    removed_operations = {
        _pointer(f["location"]["jsonPath"])
        for f in failures
        if f.get("rule") == "prevent operation removal"
    }
    covered: list[tuple[str, tuple[str, ...]]] = []
    for failure in failures:
        parts = _pointer(failure["location"]["jsonPath"])
        side = failure["location"].get("spec", "after")
        if len(parts) == 3 and failure.get("type") == "changed":
            # An operation-level rule (operationId, security) owns only those keys; the
            # operation's other edits still need their own lines.
            covered.extend((s, (*parts, key)) for s in ("before", "after") for key in OWN_KEYS)
        else:
            covered.append((side, parts))
        # A removed operation's responses and fields go with it: one line says it.
        if any(parts[: len(op)] == op and parts != op for op in removed_operations):
            continue
        document = old if side == "before" else new
        where = _describe(parts[:3], document, document)
        line = f"{where}: {failure['error']}"
        if line not in changes.breaking:
            changes.breaking.append(line)

    def is_covered(diff: Mapping[str, Any]) -> bool:
        for side, parts in covered:
            pointer = diff.get(side)
            if pointer is not None and _pointer(pointer)[: len(parts)] == parts:
                return True
        return False

    for diff in optic.get("diffs", []):
        if is_covered(diff):
            continue
        before, after = diff.get("before"), diff.get("after")
        parts = _pointer(after if after is not None else before)
        verb = "added" if before is None else "removed" if after is None else "changed"
        line = f"{_describe(parts, old, new)} {verb}"
        group = changes.cosmetic if _is_cosmetic(parts) else changes.additive
        if line not in group:
            group.append(line)
    return changes


def optic_diff(old_text: str, new_text: str) -> dict[str, Any]:
    """Run Optic over the two spec texts; its diffs and failed rules as parsed JSON."""
    script = TOOLS / "spec-changes.cjs"
    if not (TOOLS / "node_modules" / "@useoptic" / "optic").exists():
        raise SpecChangeError("Optic is not installed: run scripts/install")
    with tempfile.TemporaryDirectory(prefix="rememberizer-diff-") as scratch:
        before, after = Path(scratch) / "before.yml", Path(scratch) / "after.yml"
        before.write_text(old_text, encoding="utf-8")
        after.write_text(new_text, encoding="utf-8")
        result = run_tool(
            ["node", str(script), str(before), str(after)],
            {"OPTIC_TELEMETRY_LEVEL": "off"},
            cwd=Path(scratch),
        )
    if result.returncode != 0:
        lines = (result.stdout + result.stderr).strip().splitlines()
        raise SpecChangeError(f"the spec diff failed: {lines[-1] if lines else 'no output'}")
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def spec_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Changes:
    """The classified changes from old to new (empty when they are equal)."""
    if old == new:
        return Changes()
    dump = yaml.safe_dump
    return classify(optic_diff(dump(dict(old)), dump(dict(new))), old, new)


# -- version and changelog ------------------------------------------------------------------

VERSION_PATTERN = re.compile(r'^__version__ = "(\d+)\.(\d+)\.(\d+)"', re.MULTILINE)


def read_version(version_file: Path) -> str:
    """The version in the package's single version source."""
    match = VERSION_PATTERN.search(version_file.read_text(encoding="utf-8"))
    if not match:
        raise SpecChangeError(f'{version_file} has no __version__ = "X.Y.Z" line')
    return ".".join(match.groups())


def next_version(current: str, changes: Changes) -> str:
    """SemVer: a breaking change bumps the major (the minor before 1.0), anything else the patch."""
    major, minor, patch = (int(part) for part in current.split("."))
    if changes.breaking:
        return f"0.{minor + 1}.0" if major == 0 else f"{major + 1}.0.0"
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
[Semantic Versioning](https://semver.org/). `scripts/regenerate` adds an entry for every spec
change, grouped as breaking, additive and cosmetic.

## [Unreleased]
"""


def changelog_entry(
    changes: Changes, proposed: str, bumped: bool, today: datetime.date | None = None
) -> str:
    """The Markdown for one regeneration: a release heading when bumped, else a dated note."""
    day = (today or datetime.date.today()).isoformat()
    lines = (
        [f"## [{proposed}] - {day}", ""]
        if bumped
        else [f"Spec regenerated on {day}; proposed next version: {proposed}.", ""]
    )
    for title, entries in (
        ("Breaking", changes.breaking),
        ("Additive", changes.additive),
        ("Cosmetic", changes.cosmetic),
    ):
        if entries:
            lines.append(f"### {title}")
            lines.extend(f"- {entry}" for entry in entries)
            lines.append("")
    return "\n".join(lines)


def _body(entry: str) -> str:
    """An entry's change headings and lines, without its first (dated) line."""
    lines = entry.strip("\n").split("\n")[1:]
    body = []
    for line in lines:
        if line.startswith("## ") or line.startswith("Spec regenerated on "):
            break
        body.append(line)
    return "\n".join(body).strip()


def prepend_changelog(changelog: Path, entry: str) -> bool:
    """Put entry at the top of the changelog, right under [Unreleased] (created when missing).

    Returns False, writing nothing, when the top entry already lists the same changes: running
    scripts/regenerate again over the same uncommitted spec must not repeat it.
    """
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else CHANGELOG_HEADER
    marker = "## [Unreleased]\n"
    if marker not in text:
        text = text.rstrip("\n") + "\n\n" + marker
    head, tail = text.split(marker, 1)
    if _body(tail) == _body(entry):
        return False
    changelog.write_text(
        head + marker + "\n" + entry.rstrip("\n") + "\n\n" + tail.lstrip("\n"), encoding="utf-8"
    )
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


def _template(path: str) -> str:
    """A path with its parameter names dropped, so /a/{id} and /a/{key:int} compare equal."""
    return re.sub(r"\{[^}]*\}", "{}", path)


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
                    found.add((method, _template(prefix + route.path)))

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
                    served=(method.upper(), _template(path)) in served,
                    wrapped=operation_id in wrapped_set,
                )
            )
    return rows
