"""docs/api-fidelity.md, "How this SDK follows the API", written from the spec's provenance.

Every operation and schema of spec/rememberizer_openapi.yml carries `x-source` (ids of
`info.x-sources`: a docs page, or Rememberizer's own client code) or `x-inferred` (why the spec
chose without a record). This module turns them into the page, so that the page cannot drift
from the spec: scripts/regenerate writes it, and `scripts/regenerate --check` fails when the
committed page is not what the spec gives.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from _spec_diff import HTTP_METHODS

EVIDENCE = {
    "documented": "documented",
    "client": "from Rememberizer's clients",
    "inferred": "inferred",
}

HEAD = """\
# How this SDK follows the API

<!-- Written by scripts/regenerate from spec/rememberizer_openapi.yml; do not edit. -->

Rememberizer does not publish an OpenAPI document for all of its API, so this SDK's spec is
written from the public record: the docs at docs.rememberizer.ai, and the code of
Rememberizer's own clients (its MCP servers and sample apps). Every operation and every schema
says where it comes from. A documented fact wins over client code, and client code over our
own inference; where the record contradicts itself, the spec allows both readings and the SDK
refuses neither.

The SDK reads answers tolerantly: a field it does not know is kept (`additional_properties`),
an enum value it does not know is kept as its string (the known ones are constants), any 2xx is
a success, with or without a body, and `APIResponseValidationError` is raised only for a field
the caller needs that is missing or of another type. Every answer body the docs show is replayed
through the SDK in its tests (tests/fixtures/documented/).

- **documented**: a docs page (or a spec Rememberizer published) shows it.
- **from Rememberizer's clients**: no page shows it, but Rememberizer's own code calls it so.
- **inferred**: nobody shows it; the note says what the spec chose and why.
"""


def _sources(node: Mapping[str, Any]) -> list[str]:
    found = node.get("x-source") or []
    return [str(s) for s in found]


def _inferred(node: Any, trail: str = "") -> Iterator[tuple[str, str]]:
    """(where, note) for every x-inferred under node, without following $refs."""
    if isinstance(node, Mapping):
        note = node.get("x-inferred")
        if isinstance(note, str):
            yield trail, note
        for key, value in node.items():
            if key in ("x-inferred", "example", "examples"):
                continue
            if key == "parameters" and isinstance(value, list):
                for parameter in value:
                    if isinstance(parameter, Mapping) and "name" in parameter:
                        yield from _inferred(parameter, f"parameter `{parameter['name']}`")
                continue
            if key == "responses" and isinstance(value, Mapping):
                for status, response in value.items():
                    yield from _inferred(response, f"answer {status}")
                continue
            yield from _inferred(value, trail)
    elif isinstance(node, list):
        for item in node:
            yield from _inferred(item, trail)


def evidence(sources: list[str], kinds: Mapping[str, str]) -> str:
    """documented, client or inferred: the strongest kind of source named."""
    named = {kinds.get(source) for source in sources}
    if "documented" in named:
        return "documented"
    return "client" if "client" in named else "inferred"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def page(document: Mapping[str, Any]) -> str:
    """The text of docs/api-fidelity.md for the spec `document`."""
    info = document.get("info") or {}
    registry: Mapping[str, Mapping[str, Any]] = info.get("x-sources") or {}
    kinds = {key: str(value.get("kind")) for key, value in registry.items()}
    lines = [HEAD]

    operations = []
    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method) if isinstance(item, Mapping) else None
            if isinstance(operation, Mapping):
                operations.append(
                    (str(operation.get("operationId")), method.upper(), path, operation)
                )
    counts = {kind: 0 for kind in EVIDENCE}
    rows = []
    for operation_id, method, path, operation in operations:
        sources = _sources(operation)
        kind = evidence(sources, kinds)
        counts[kind] += 1
        answers = operation.get("responses") or {}
        guessed = any(
            isinstance(answer, Mapping) and "x-inferred" in answer
            for status, answer in answers.items()
            if str(status).startswith("2")
        )
        rows.append(
            f"| `{operation_id}` | `{method} {path}` | {EVIDENCE[kind]} | "
            f"{'inferred' if guessed else EVIDENCE[kind]} | {len(list(_inferred(operation)))} | "
            f"{', '.join(sources) or '—'} |"
        )
    lines.append("## Operations\n")
    lines.append(
        f"{len(operations)} operations: {counts['documented']} documented, "
        f"{counts['client']} from Rememberizer's clients, {counts['inferred']} inferred.\n"
    )
    lines.append(
        "The request's evidence, the success answer's, how many inferred choices the operation "
        "holds (listed below), and its sources.\n"
    )
    lines.append("| operation | request | evidence | its answer | inferred | sources |")
    lines.append("|---|---|---|---|---|---|")
    lines.extend(rows)

    lines.append("\n## What is inferred, operation by operation\n")
    lines.append(
        "Even a documented operation leaves some things open. Each note is the spec's "
        "`x-inferred`.\n"
    )
    for operation_id, method, path, operation in operations:
        notes = list(_inferred(operation))
        if not notes:
            continue
        lines.append(f"### `{operation_id}` ({method} {path})\n")
        for where, note in notes:
            lines.append(f"- {where + ': ' if where else ''}{_cell(note)}")
        lines.append("")

    lines.append("## Schemas\n")
    lines.append("| schema | evidence | sources | inferred |")
    lines.append("|---|---|---|---|")
    for name, schema in sorted((document.get("components") or {}).get("schemas", {}).items()):
        sources = _sources(schema)
        note = schema.get("x-inferred")
        lines.append(
            f"| `{name}` | {EVIDENCE[evidence(sources, kinds)]} | {', '.join(sources) or '—'} | "
            f"{_cell(note) if isinstance(note, str) else ''} |"
        )

    answers = info.get("x-audit-answers") or []
    if answers:
        lines.append("\n## What the audit found, and what we did\n")
        lines.append(
            "An audit held this spec against every public record of the API; each mismatch it "
            "found is fixed, or answered with its reason.\n"
        )
        for entry in answers:
            lines.append(f"- **{_cell(str(entry['finding']))}** {_cell(str(entry['answer']))}")

    lines.append("\n## Sources\n")
    lines.append("| id | kind | source |")
    lines.append("|---|---|---|")
    for key, value in registry.items():
        lines.append(
            f"| {key} | {EVIDENCE.get(str(value.get('kind')), str(value.get('kind')))} | "
            f"[{_cell(str(value.get('title')))}]({value.get('url')}) |"
        )
    return "\n".join(lines) + "\n"
