"""What changed between two versions of the spec, named and classed for a typed client.

Pure Python over the two parsed documents, so that every rule can be tested on spec dicts in
milliseconds. Operations are compared with their $refs inlined, so a change to a shared schema
shows on each operation that uses it; identical lines of several operations are merged into one.

Each change has a Keep a Changelog section (Added, Changed, Deprecated, Removed) and is breaking
when code written against the generated client stops type-checking or working: a request that
now refuses what it took, a response that may now hold what it could not (a widened union, a
new enum value, null, a missing field), a renamed function, argument or attribute, anything
removed that callers could use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

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
        "x-audit-answers",
    }
)

# Keep a Changelog's sections, in its order.
SECTIONS = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")

# Bounds that refuse more when they grow (LOWER) or when they shrink (UPPER).
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
# Schema keys this module compares itself; any other key that differs gets a generic line.
SCHEMA_KEYS = frozenset(
    {
        "$ref",
        "type",
        "format",
        "nullable",
        "enum",
        "properties",
        "required",
        "items",
        "oneOf",
        "anyOf",
        "allOf",
        "deprecated",
        "default",
        "pattern",
        *LOWER_BOUNDS,
        *UPPER_BOUNDS,
    }
)
REQUEST, RESPONSE = "request", "response"


@dataclass(frozen=True)
class Change:
    """One change: its Keep a Changelog section, what it is, and whether it breaks callers."""

    section: str
    text: str
    breaking: bool = False
    cosmetic: bool = False
    """Only what people read changed (a description, a summary, an example)."""

    def line(self) -> str:
        """The line for the report and the changelog, breaking changes marked."""
        return f"**Breaking:** {self.text}" if self.breaking else self.text


@dataclass
class Changes:
    """Every change of one spec update, in the order found."""

    items: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def breaking(self) -> list[str]:
        """The breaking changes' texts."""
        return [c.text for c in self.items if c.breaking]

    @property
    def additive(self) -> list[str]:
        """The texts of changes that break nothing and are more than documentation."""
        return [c.text for c in self.items if not c.breaking and not c.cosmetic]

    @property
    def cosmetic(self) -> list[str]:
        """The texts of documentation-only changes."""
        return [c.text for c in self.items if c.cosmetic]

    def sections(self) -> dict[str, list[str]]:
        """Lines by Keep a Changelog section, in its order; breaking lines first in each."""
        found: dict[str, list[str]] = {}
        for section in SECTIONS:
            ordered = sorted(
                (c for c in self.items if c.section == section), key=lambda c: not c.breaking
            )
            if ordered:
                found[section] = [c.line() for c in ordered]
        return found

    def report(self) -> list[str]:
        """The report: one heading per non-empty section, then its lines."""
        lines: list[str] = []
        for section, entries in self.sections().items():
            lines.append(f"  {section}:")
            lines.extend(f"    - {entry}" for entry in entries)
        return lines


# -- reading the documents ------------------------------------------------------------------


def _resolve(node: Any, root: Mapping[str, Any]) -> tuple[Any, str | None]:
    """A local $ref's target and its component name (one level; callers recurse)."""
    seen: set[str] = set()
    name = None
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and node["$ref"] not in seen:
        ref = node["$ref"]
        seen.add(ref)
        if not ref.startswith("#/"):
            return node, name
        name = ref.rsplit("/", 1)[-1]
        target: Any = root
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part) if isinstance(target, dict) else None
        node = target if target is not None else {}
    return node, name


def _dict(node: Any) -> dict[str, Any]:
    return node if isinstance(node, dict) else {}


def _list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def placeholders(path: str) -> list[str]:
    """The parameter names of a path template, in order."""
    return re.findall(r"\{([^}]*)\}", path)


def path_template(path: str) -> str:
    """A path with its parameter names dropped, so /a/{id} and /a/{key:int} compare equal."""
    return re.sub(r"\{[^}]*\}", "{}", path)


@dataclass
class _Operation:
    method: str
    path: str
    node: dict[str, Any]
    shared: list[Any]

    @property
    def operation_id(self) -> str | None:
        value = self.node.get("operationId")
        return str(value) if value is not None else None

    def name(self) -> str:
        where = f"{self.method.upper()} {self.path}"
        return f"{self.operation_id} ({where})" if self.operation_id else where


def _operations(document: Mapping[str, Any]) -> dict[tuple[str, str], _Operation]:
    found: dict[tuple[str, str], _Operation] = {}
    for path, item in _dict(document.get("paths")).items():
        item = _dict(item)
        shared = _list(item.get("parameters"))
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                found[(method, str(path))] = _Operation(method, str(path), item[method], shared)
    return found


def _match(
    old: dict[tuple[str, str], _Operation], new: dict[tuple[str, str], _Operation]
) -> tuple[list[tuple[_Operation, _Operation]], list[_Operation], list[_Operation]]:
    """Pair old and new operations: same method and path, then the same path with parameters
    renamed, then the same operationId (a moved path). The rest were removed or added."""
    pairs = [(old[key], new[key]) for key in old if key in new]
    left = [op for key, op in old.items() if key not in new]
    right = [op for key, op in new.items() if key not in old]

    def renamed(a: _Operation, b: _Operation) -> bool:
        return a.method == b.method and path_template(a.path) == path_template(b.path)

    def moved(a: _Operation, b: _Operation) -> bool:
        return a.operation_id is not None and a.operation_id == b.operation_id

    for same in (renamed, moved):
        for a in list(left):
            b = next((b for b in right if same(a, b)), None)
            if b is not None:
                pairs.append((a, b))
                left.remove(a)
                right.remove(b)
    return pairs, left, right


# -- comparing ------------------------------------------------------------------------------


class _Diff:
    """Collects (subject, change) pairs while walking two documents."""

    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.old, self.new = old, new
        self.found: list[tuple[str, Change]] = []
        self.subject = ""

    def add(self, section: str, text: str, breaking: bool = False, cosmetic: bool = False) -> None:
        self.found.append((self.subject, Change(section, text, breaking, cosmetic)))

    def keys(
        self, where: str, old: Mapping[str, Any], new: Mapping[str, Any], skip: Iterable[str]
    ) -> None:
        """A line for each other key that differs: documentation, or a generic change."""
        handled = set(skip)
        for key in sorted((old.keys() | new.keys()) - handled, key=str):
            if old.get(key) == new.get(key):
                continue
            cosmetic = key in COSMETIC_KEYS
            verb = "added" if key not in old else "removed" if key not in new else "changed"
            self.add("Changed", f"{where}{key} {verb}", cosmetic=cosmetic)

    # -- operations --

    def operation(self, a: _Operation, b: _Operation) -> None:
        self.subject = b.name()
        if a.operation_id != b.operation_id:
            self.add(
                "Changed",
                f"operation renamed from '{a.operation_id}' to '{b.operation_id}': the Python "
                "function and the TypeScript operation take the new name",
                breaking=True,
            )
        renamed: dict[str, str] = {}
        if a.path != b.path:
            old_names, new_names = placeholders(a.path), placeholders(b.path)
            if path_template(a.path) == path_template(b.path):
                for was, now in zip(old_names, new_names, strict=True):
                    if was != now:
                        renamed[was] = now
                        self.add(
                            "Changed",
                            f"path parameter '{was}' renamed to '{now}': the Python argument "
                            "takes the new name",
                            breaking=True,
                        )
            else:
                self.add("Changed", f"path changed from {a.path} to {b.path}")
        security_was, security_now = a.node.get("security"), b.node.get("security")
        if security_was != security_now:
            # Credentials a caller sent and the operation no longer takes break that caller; a
            # new alternative breaks nobody.
            dropped = not isinstance(security_was, list) or not isinstance(security_now, list)
            dropped = dropped or any(s not in _list(security_now) for s in _list(security_was))
            text = f"security changed from {security_was!r} to {security_now!r}"
            self.add("Changed", text, breaking=dropped)
        if a.node.get("deprecated") != b.node.get("deprecated"):
            if b.node.get("deprecated"):
                self.add("Deprecated", "operation deprecated")
            else:
                self.add("Changed", "operation no longer deprecated")
        self.parameters(a, b, renamed)
        self.request_body(a.node.get("requestBody"), b.node.get("requestBody"))
        self.responses(_dict(a.node.get("responses")), _dict(b.node.get("responses")))
        self.keys(
            "",
            a.node,
            b.node,
            ("operationId", "security", "deprecated", "parameters", "requestBody", "responses"),
        )

    def _parameters(self, op: _Operation, root: Mapping[str, Any]) -> dict[tuple[str, str], Any]:
        found: dict[tuple[str, str], Any] = {}
        own = _list(op.node.get("parameters"))
        for raw in [*op.shared, *own]:
            parameter = _dict(_resolve(raw, root)[0])
            found[(str(parameter.get("in")), str(parameter.get("name")))] = parameter
        return found

    def parameters(self, a: _Operation, b: _Operation, renamed: Mapping[str, str]) -> None:
        old = {
            (where, renamed.get(name, name) if where == "path" else name): p
            for (where, name), p in self._parameters(a, self.old).items()
        }
        new = self._parameters(b, self.new)
        gone = [key for key in old if key not in new]
        came = [key for key in new if key not in old]
        # One parameter out and one in, at the same place with the same schema: a rename.
        if len(gone) == 1 and len(came) == 1 and gone[0][0] == came[0][0]:
            (where, was), (_, now) = gone[0], came[0]
            if _schema_of(old[gone[0]]) == _schema_of(new[came[0]]):
                self.add("Changed", f"{where} parameter '{was}' renamed to '{now}'", breaking=True)
                old[came[0]] = old.pop(gone[0])
                gone, came = [], []
        for where, name in gone:
            self.add("Removed", f"{where} parameter '{name}' removed", breaking=True)
        for where, name in came:
            parameter = new[(where, name)]
            kind = _type_name(_schema_of(parameter), self.new)
            required = bool(parameter.get("required"))
            text = f"{where} parameter '{name}' added ({kind}, "
            self.add("Added", text + ("required)" if required else "optional)"), breaking=required)
        for key in old.keys() & new.keys():
            where, name = key
            was, now = old[key], new[key]
            label = f"{where} parameter '{name}'"
            if bool(was.get("required")) != bool(now.get("required")):
                if now.get("required"):
                    self.add("Changed", f"{label} is now required", breaking=True)
                else:
                    self.add("Changed", f"{label} is now optional")
            if bool(was.get("deprecated")) != bool(now.get("deprecated")) and now.get("deprecated"):
                self.add("Deprecated", f"{label} deprecated")
            self.schema(label, "", _schema_of(was), _schema_of(now), REQUEST)
            self.keys(
                f"{label}: ",
                was,
                now,
                ("in", "name", "required", "deprecated", "schema", "content"),
            )

    def request_body(self, was: Any, now: Any) -> None:
        old, new = _dict(_resolve(was, self.old)[0]), _dict(_resolve(now, self.new)[0])
        if not old and not new:
            return
        if not old:
            required = bool(new.get("required"))
            self.add(
                "Added",
                f"{'required' if required else 'optional'} request body",
                breaking=required,
            )
            return
        if not new:
            self.add("Removed", "request body removed", breaking=True)
            return
        if bool(old.get("required")) != bool(new.get("required")):
            if new.get("required"):
                self.add("Changed", "request body is now required", breaking=True)
            else:
                self.add("Changed", "request body is now optional")
        self.content("request body", _dict(old.get("content")), _dict(new.get("content")), REQUEST)
        self.keys("request body: ", old, new, ("content", "required"))

    def content(self, label: str, old: Mapping[str, Any], new: Mapping[str, Any], way: str) -> None:
        for media in old.keys() - new.keys():
            self.add("Removed", f"{label}: media type {media} removed", breaking=True)
        for media in sorted(new.keys() - old.keys()):
            # A response that may come in a new media type is one more case to handle.
            self.add("Added", f"{label}: media type {media} added", breaking=way == RESPONSE)
        several = len(old.keys() & new.keys()) > 1
        for media in sorted(old.keys() & new.keys()):
            where = f"{label} ({media})" if several else label
            self.schema(
                where, "", _dict(old[media]).get("schema"), _dict(new[media]).get("schema"), way
            )

    def responses(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        def success(code: Any) -> bool:
            return str(code).startswith("2")

        for code in sorted(old.keys() - new.keys(), key=str):
            # A success the caller got is gone; an error it no longer gets breaks nothing.
            self.add("Removed", f"response {code} removed", breaking=success(code))
        for code in sorted(new.keys() - old.keys(), key=str):
            self.add(
                "Added",
                f"response {code} added"
                + (": the success result type widens" if success(code) else ""),
                breaking=success(code),
            )
        for code in sorted(old.keys() & new.keys(), key=str):
            was, now = (
                _dict(_resolve(old[code], self.old)[0]),
                _dict(_resolve(new[code], self.new)[0]),
            )
            label = f"response {code}"
            self.content(label, _dict(was.get("content")), _dict(now.get("content")), RESPONSE)
            self.keys(f"{label}: ", was, now, ("content",))

    # -- schemas --

    def models(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        """Component schemas come and go as generated model classes (rememberizer_api.models),
        which callers import: one line each, whatever the operations say."""
        gone = [name for name in old if name not in new]
        came = [name for name in new if name not in old]
        if len(gone) == 1 and len(came) == 1 and old[gone[0]] == new[came[0]]:
            self.add("Changed", f"schema '{gone[0]}' renamed to '{came[0]}'", breaking=True)
            return
        for name in gone:
            self.add("Removed", f"schema '{name}' removed", breaking=True)
        for name in came:
            self.add("Added", f"schema '{name}' added")

    def schema(self, label: str, path: str, was: Any, now: Any, way: str, depth: int = 0) -> None:
        """Compare two schemas at `label` `path`; `way` is REQUEST or RESPONSE."""
        if (was is None and now is None) or depth > 12:
            return
        old, old_name = _resolve(was, self.old)
        new, new_name = _resolve(now, self.new)
        old, new = _dict(old), _dict(new)
        if old_name and old_name == new_name:
            path = old_name  # name a field by its component: Document.id, not results[].id
        where = f"{label} field '{path}'" if path else label
        if path and path == old_name:
            where = f"{label} schema {path}"
        request = way == REQUEST
        old_variants, new_variants = _variants(was, self.old), _variants(now, self.new)
        if old_variants != new_variants and (len(old_variants) > 1 or len(new_variants) > 1):
            more = [v for v in new_variants if v not in old_variants]
            fewer = [v for v in old_variants if v not in new_variants]
            span = f"from {' | '.join(old_variants)} to {' | '.join(new_variants)}"
            text = f"{where}: type changed {span}"
            if more and not fewer:
                text = f"{where}: widened {span}"
                # A typed caller must now handle a type it never saw.
                self.add(
                    "Changed",
                    text + ("" if request else ": typed callers must handle the new type"),
                    breaking=not request,
                )
            elif fewer and not more:
                text = f"{where}: narrowed {span}"
                self.add("Changed", text, breaking=request)
            else:
                self.add("Changed", text, breaking=True)
            return
        if old.get("type") != new.get("type") and old and new:
            span = f"from {_type_name(old, self.old)} to {_type_name(new, self.new)}"
            self.add("Changed", f"{where}: type changed {span}", breaking=True)
            return
        if old.get("format") != new.get("format"):
            self.add(
                "Changed",
                f"{where}: format changed from {old.get('format')} to {new.get('format')}",
                breaking=True,
            )
        if bool(old.get("nullable")) != bool(new.get("nullable")):
            if new.get("nullable"):
                self.add("Changed", f"{where}: may now be null", breaking=not request)
            else:
                self.add("Changed", f"{where}: may no longer be null", breaking=request)
        self.enum(where, old.get("enum"), new.get("enum"), request)
        self.bounds(where, old, new, request)
        if bool(old.get("deprecated")) != bool(new.get("deprecated")) and new.get("deprecated"):
            self.add("Deprecated", f"{where} deprecated")
        if old.get("default") != new.get("default"):
            self.add(
                "Changed",
                f"{where}: default changed from {old.get('default')!r} to {new.get('default')!r}",
            )
        self.properties(label, path, old, new, way, depth)
        if "items" in old or "items" in new:
            self.schema(label, f"{path}[]", old.get("items"), new.get("items"), way, depth + 1)
        if old.get("allOf") != new.get("allOf"):
            for a, b in zip(old.get("allOf") or [], new.get("allOf") or [], strict=False):
                self.schema(label, path, a, b, way, depth + 1)
        self.keys(f"{where}: " if where else "", old, new, SCHEMA_KEYS)

    def enum(self, where: str, was: Any, now: Any, request: bool) -> None:
        if not isinstance(was, list) or not isinstance(now, list):
            if isinstance(was, list) != isinstance(now, list):
                self.add(
                    "Changed",
                    f"{where}: enum {'added' if isinstance(now, list) else 'removed'}",
                    breaking=isinstance(now, list) == request,
                )
            return
        for value in was:
            if value not in now:
                # A request value the server now refuses breaks callers; a response value the
                # server no longer sends breaks none.
                self.add("Removed", f"{where}: enum value {value!r} removed", breaking=request)
        for value in now:
            if value not in was:
                text = f"{where}: enum value {value!r} added"
                self.add(
                    "Added",
                    text if request else text + ": typed callers must handle it",
                    breaking=not request,
                )

    def bounds(
        self, where: str, old: Mapping[str, Any], new: Mapping[str, Any], request: bool
    ) -> None:
        for key in (*LOWER_BOUNDS, *UPPER_BOUNDS, "pattern"):
            was, now = old.get(key), new.get(key)
            if was == now:
                continue
            if key == "pattern":
                tighter = now is not None
            elif key in LOWER_BOUNDS:
                tighter = now is not None and (was is None or _number(now) > _number(was))
            else:
                tighter = now is not None and (was is None or _number(now) < _number(was))
            verb = "added" if was is None else "removed" if now is None else "changed"
            text = f"{where}: {key} {verb}"
            text += (
                f" ({was!r} to {now!r})"
                if was is not None and now is not None
                else f" ({now if now is not None else was!r})"
            )
            self.add("Changed", text, breaking=request and tighter)

    def properties(
        self,
        label: str,
        path: str,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        way: str,
        depth: int,
    ) -> None:
        was, now = _dict(old.get("properties")), _dict(new.get("properties"))
        old_required = set(old.get("required") or [])
        new_required = set(new.get("required") or [])
        request = way == REQUEST

        def named(name: str) -> str:
            return f"{path}.{name}" if path else name

        gone = [name for name in was if name not in now]
        came = [name for name in now if name not in was]
        if (
            len(gone) == 1
            and len(came) == 1
            and _resolve(was[gone[0]], self.old)[0] == _resolve(now[came[0]], self.new)[0]
        ):
            self.add(
                "Changed",
                f"{label} field '{named(gone[0])}' renamed to '{named(came[0])}'",
                breaking=True,
            )
            gone, came = [], []
        for name in gone:
            self.add("Removed", f"{label} field '{named(name)}' removed", breaking=True)
        for name in came:
            kind = _type_name(_resolve(now[name], self.new)[0], self.new)
            text = f"{label} field '{named(name)}' added ({kind}"
            if request:
                required = name in new_required
                text += ", required)" if required else ", optional)"
                self.add("Added", text, breaking=required)
            else:
                self.add("Added", text + ")")
        for name in was:
            if name not in now:
                continue
            where = f"{label} field '{named(name)}'"
            if (name in old_required) != (name in new_required):
                if name in new_required:
                    self.add("Changed", f"{where} is now required", breaking=request)
                else:
                    # An attribute that may now be missing is UNSET for a typed caller.
                    self.add("Changed", f"{where} is now optional", breaking=not request)
            self.schema(label, named(name), was[name], now[name], way, depth + 1)


def _schema_of(parameter: Mapping[str, Any]) -> Any:
    if "schema" in parameter:
        return parameter["schema"]
    for media in _dict(parameter.get("content")).values():
        return _dict(media).get("schema")
    return None


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _type_name(schema: Any, root: Mapping[str, Any]) -> str:
    """A short name for what a schema admits: its component, its type, or a union."""
    target, name = _resolve(schema, root)
    if name:
        return name
    target = _dict(target)
    for key in ("oneOf", "anyOf"):
        if isinstance(target.get(key), list):
            return " | ".join(_type_name(item, root) for item in target[key])
    kind = target.get("type")
    if kind == "array":
        return f"array of {_type_name(target.get('items'), root)}"
    text = "|".join(kind) if isinstance(kind, list) else str(kind or "any")
    if target.get("format"):
        text += f" ({target['format']})"
    return text + (" | null" if target.get("nullable") else "")


def _variants(schema: Any, root: Mapping[str, Any]) -> list[str]:
    """The alternatives a schema admits, by name: a oneOf's or anyOf's, else the one."""
    target = _dict(_resolve(schema, root)[0])
    for key in ("oneOf", "anyOf"):
        if isinstance(target.get(key), list):
            return [_type_name(item, root) for item in target[key]]
    return [_type_name(schema, root)] if target else []


# -- the whole document ---------------------------------------------------------------------


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> Changes:
    """Every change from old to new, named: operations, parameters, fields and enum values."""
    if old == new:
        return Changes()
    walk = _Diff(old, new)
    pairs, removed, added = _match(_operations(old), _operations(new))
    for op in removed:
        walk.subject = op.name()
        walk.add("Removed", "operation removed", breaking=True)
    for op in added:
        walk.subject = op.name()
        walk.add("Added", "operation added")
    for a, b in pairs:
        walk.operation(a, b)
    walk.subject = ""
    for key in sorted((old.keys() | new.keys()) - {"paths", "components"}, key=str):
        if old.get(key) != new.get(key):
            # info is the document's own documentation; servers, tags, security are behaviour.
            walk.add("Changed", f"{key} changed", cosmetic=key in ("info", "tags", *COSMETIC_KEYS))
    walk.models(
        _dict(_dict(old.get("components")).get("schemas")),
        _dict(_dict(new.get("components")).get("schemas")),
    )
    old_schemes = _dict(_dict(old.get("components")).get("securitySchemes"))
    new_schemes = _dict(_dict(new.get("components")).get("securitySchemes"))
    for name in sorted(old_schemes.keys() - new_schemes.keys()):
        walk.add("Removed", f"security scheme '{name}' removed", breaking=True)
    for name in sorted(new_schemes.keys() - old_schemes.keys()):
        walk.add("Added", f"security scheme '{name}' added")
    for name in sorted(old_schemes.keys() & new_schemes.keys()):
        if old_schemes[name] != new_schemes[name]:
            walk.add("Changed", f"security scheme '{name}' changed", breaking=True)
    return _merged(walk.found)


def _merged(found: list[tuple[str, Change]]) -> Changes:
    """One line per change; a change several operations share names them all."""
    subjects: dict[Change | tuple[str, Change], list[str]] = {}
    for subject, change in found:
        # An operation added or removed gets its own line: a list of twenty reads badly.
        alone = change.text in ("operation added", "operation removed")
        names = subjects.setdefault((subject, change) if alone else change, [])
        if subject not in names:
            names.append(subject)
    items = []
    for key, names in subjects.items():
        change = key[1] if isinstance(key, tuple) else key
        who = ", ".join(name for name in names if name)
        text = f"{who}: {change.text}" if who else change.text
        if change.text in ("operation added", "operation removed") and who:
            text = f"{who} {change.text.split()[1]}"
        items.append(Change(change.section, text, change.breaking, change.cosmetic))
    return Changes(items)
