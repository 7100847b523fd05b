"""Which layer can send each parameter of each operation: the generated Python function, the
facade (rememberizer/_async/, the source of rememberizer/_sync/) and the TypeScript layer
(tests/parity/ts/sdk.ts).

The generated function is read from its code (the AST of `_get_kwargs`), so a parameter the
generator dropped shows as missing; the facade and the TypeScript layer are read from theirs, so a
parameter that nobody passes shows as NO. scripts/regenerate prints the table and fails on what
cannot work: a parameter the spec declares and the generated function lacks, or an operation the
facade names (`ops.NAME`) and the generated table no longer has.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _spec_diff import HTTP_METHODS, placeholders

ROOT = Path(__file__).resolve().parent.parent
FACADE = ROOT / "rememberizer" / "_async"
TYPESCRIPT = ROOT / "tests" / "parity" / "ts" / "sdk.ts"
TYPESCRIPT_TABLE = ROOT / "generated" / "typescript" / "operations.ts"
# Where the generated `_get_kwargs` puts each kind of parameter.
LOCATIONS = {"params": "query", "headers": "header", "cookies": "cookie"}


@dataclass(frozen=True)
class Parameter:
    """One parameter of one operation and which layers can send it."""

    operation_id: str
    location: str
    name: str
    python_name: str | None
    """The generated function's argument; None when the generator left the parameter out."""
    facade: bool
    typescript: bool

    def line(self) -> str:
        """One report line with the three flags."""

        def flag(value: bool) -> str:
            return "yes" if value else "NO"

        python = f"yes ({self.python_name})" if self.python_name else "NO"
        return (
            f"{self.location} parameter '{self.name}': python {python}, "
            f"facade {flag(self.facade)}, typescript {flag(self.typescript)}"
        )


def _resolve(node: Any, root: Mapping[str, Any]) -> Any:
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/"):
        target: Any = root
        for part in node["$ref"][2:].split("/"):
            target = target.get(part.replace("~1", "/").replace("~0", "~"), {})
        node = target
    return node


def spec_operations(document: Mapping[str, Any]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(method, path, operationId, operation) for every operation with an operationId."""
    found = []
    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if isinstance(operation, dict) and operation.get("operationId"):
                found.append((method, str(path), str(operation["operationId"]), operation))
    return found


def spec_parameters(
    document: Mapping[str, Any], path: str, operation: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """The operation's parameters, the path item's shared ones first, $refs resolved."""
    item = (document.get("paths") or {}).get(path) or {}
    own = operation.get("parameters") or []
    return [_resolve(p, document) for p in [*(item.get("parameters") or []), *own]]


def module_name(operation_id: str, operation: Mapping[str, Any]) -> str:
    """The generated module under rememberizer_api.api: its first tag's folder, then the
    operationId (openapi-python-client's layout)."""
    tags = operation.get("tags") or ["default"]
    return f"{str(tags[0]).lower().replace('-', '_')}.{operation_id}"


def generated_arguments(module: Path, path: str) -> dict[tuple[str, str], str]:
    """(location, wire name) -> argument of the generated `_get_kwargs` in module."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    function = next(
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name == "_get_kwargs"
    )
    arguments = [a.arg for a in (*function.args.args, *function.args.kwonlyargs)]
    found: dict[tuple[str, str], str] = {}
    seen: list[str] = []
    # Statements run in order: the arguments a block reads belong to the parameter it stores.
    for statement in function.body:
        seen.extend(
            node.id
            for node in ast.walk(statement)
            if isinstance(node, ast.Name) and node.id in arguments
        )
        target = statement.targets[0] if isinstance(statement, ast.Assign) else None
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id in LOCATIONS
            and isinstance(target.slice, ast.Constant)
            and seen
        ):
            found[(LOCATIONS[target.value.id], str(target.slice.value))] = seen[0]
            seen = []
    formatted = [
        keyword.value
        for node in ast.walk(function)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        for keyword in node.keywords
    ]
    path_arguments = [
        next(n.id for n in ast.walk(value) if isinstance(n, ast.Name) and n.id in arguments)
        for value in formatted
    ]
    for name, argument in zip(placeholders(path), path_arguments, strict=False):
        found[("path", name)] = argument
    return found


def missing_parameters(document: Mapping[str, Any], package: Path) -> list[str]:
    """Each parameter the spec declares and the generated function cannot send, with why."""
    problems = []
    for method, path, operation_id, operation in spec_operations(document):
        module = package / "api" / (module_name(operation_id, operation).replace(".", "/") + ".py")
        if not module.exists():
            continue  # a skipped endpoint: its generator warning says so
        arguments = generated_arguments(module, path)
        for parameter in spec_parameters(document, path, operation):
            where, name = str(parameter.get("in")), str(parameter.get("name"))
            if (where, name) in arguments:
                continue
            why = (
                " (declared with `content:`, which openapi-python-client does not generate; "
                "give it a `schema:` instead)"
                if "content" in parameter and "schema" not in parameter
                else ""
            )
            problems.append(
                f"{method.upper()} {path} ({operation_id}): the generated function has no "
                f"argument for {where} parameter '{name}'{why}"
            )
    return problems


# -- the facade -----------------------------------------------------------------------------


def _ops_named(node: ast.AST) -> set[str]:
    return {
        n.attr
        for n in ast.walk(node)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "ops"
    }


def _names_given(node: ast.AST) -> set[str]:
    """Strings and keyword names in node: a parameter is given as a dict key or a keyword."""
    strings = {n.value for n in ast.walk(node) if isinstance(n, ast.Constant)}
    keywords = {n.arg for n in ast.walk(node) if isinstance(n, ast.keyword) and n.arg}
    return {s for s in strings if isinstance(s, str)} | keywords


def facade_names(source: Path = FACADE) -> dict[str, str]:
    """Each `ops.NAME` the facade uses, with the first file that uses it."""
    found: dict[str, str] = {}
    for file in sorted(source.glob("*.py")):
        for name in sorted(_ops_named(ast.parse(file.read_text(encoding="utf-8")))):
            found.setdefault(name, file.relative_to(source.parent.parent).as_posix())
    return found


def facade_arguments(source: Path = FACADE) -> dict[str, set[str]]:
    """`ops.NAME` -> the argument names the facade's code gives where it calls that operation:
    in a function that names the operation, or in one that builds a class whose methods name it
    (a pager gets its parameters from the method that makes it), or in a helper it calls."""
    functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    class_ops: dict[str, set[str]] = {}
    for file in sorted(source.glob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                functions.append(node)
            elif isinstance(node, ast.ClassDef):
                class_ops.setdefault(node.name, set()).update(_ops_named(node))
    helpers: dict[str, set[str]] = {}
    for function in functions:
        helpers.setdefault(function.name, set()).update(_names_given(function))
    given: dict[str, set[str]] = {}
    for function in functions:
        called = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)} | {
            n.func.attr
            for n in ast.walk(function)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
        }
        # A helper it calls (`self._document(...)`) may build the parameters for it.
        names = _names_given(function).union(*(helpers.get(name, set()) for name in called))
        reached = _ops_named(function).union(
            *(class_ops.get(name, set()) for name in called & class_ops.keys())
        )
        for op in reached:
            given.setdefault(op, set()).update(names)
    return given


# -- the TypeScript layer -------------------------------------------------------------------


def typescript_arguments(text: str, table: str | None = None) -> dict[tuple[str, str], set[str]]:
    """(METHOD, path) -> the words of the sdk.ts method that sends it through openapi-fetch
    (`this.api.GET("/path", ...)`, `this.api.GET(OPERATIONS.id.path, ...)` with the generated
    table's path, or a `const NAME` of either in place of the path), the path itself left out."""
    lines = text.splitlines()
    paths = typescript_table_paths(table)
    constants = dict(re.findall(r'^const ([A-Z_]+) = "([^"]+)";', text, re.MULTILINE))
    for name, operation_id in re.findall(
        r"^const ([A-Z_]+) = OPERATIONS\.(\w+)\.path;", text, re.MULTILINE
    ):
        if operation_id in paths:
            constants[name] = paths[operation_id]
    found: dict[tuple[str, str], set[str]] = {}
    call = re.compile(
        r"\.api\.(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS)\(\s*"
        r'(?:"([^"]+)"|OPERATIONS\.(\w+)\.path|([A-Z_]+)\b)'
    )
    for index, line in enumerate(lines):
        match = call.search(line)
        if not match:
            continue
        path = match.group(2) or paths.get(match.group(3)) or constants.get(match.group(4) or "")
        if path is None:
            continue
        start = index
        while start > 0 and not re.match(r"^  [\w ]*\w+(<[^>]*>)?\(", lines[start]):
            start -= 1
        end = index  # to the end of the call's statement: what is read after it is not sent
        while end < len(lines) - 1 and not lines[end].rstrip().endswith(");"):
            end += 1
        block = "\n".join(lines[start : end + 1]).replace(f'"{path}"', "")
        block = re.sub(r"OPERATIONS\.\w+\.path", "", block)
        found.setdefault((match.group(1), path), set()).update(re.findall(r"\w+", block))
    return found


def parameter_coverage(
    document: Mapping[str, Any],
    package: Path,
    facade: Mapping[str, set[str]],
    typescript: Mapping[tuple[str, str], set[str]],
) -> dict[str, list[Parameter]]:
    """operationId -> each of its parameters with the layers that can send it."""
    rows: dict[str, list[Parameter]] = {}
    for method, path, operation_id, operation in spec_operations(document):
        module = package / "api" / (module_name(operation_id, operation).replace(".", "/") + ".py")
        arguments = generated_arguments(module, path) if module.exists() else {}
        given = facade.get(operation_id.upper(), set())
        words = typescript.get((method.upper(), path))
        for parameter in spec_parameters(document, path, operation):
            where, name = str(parameter.get("in")), str(parameter.get("name"))
            python_name = arguments.get((where, name))
            rows.setdefault(operation_id, []).append(
                Parameter(
                    operation_id=operation_id,
                    location=where,
                    name=name,
                    python_name=python_name,
                    facade=python_name is not None and python_name in given,
                    typescript=words is not None and name in words,
                )
            )
    return rows


def stale_facade_names(names: Mapping[str, str], table: str) -> list[str]:
    """Each `ops.NAME` the facade uses that the generated operation table (its text) lacks."""
    defined = set(re.findall(r"^([A-Z][A-Z0-9_]*) = OperationInfo\(", table, re.MULTILINE))
    return [
        f"{where} calls ops.{name}, which the generated operation table no longer has; "
        "remove or rename the call"
        for name, where in names.items()
        if name not in defined and name not in ("OperationInfo", "OPERATIONS", "BY_ROUTE")
    ]


def typescript_table_paths(table: str | None = None) -> dict[str, str]:
    """operationId -> path, from generated/typescript/operations.ts (or the text given)."""
    if table is None:
        table = TYPESCRIPT_TABLE.read_text(encoding="utf-8") if TYPESCRIPT_TABLE.exists() else ""
    rows = re.findall(r'^  "\w+": (\{.*\}),$', table, re.MULTILINE)
    return {row["operationId"]: row["path"] for row in map(json.loads, rows)}


def typescript_source(path: Path = TYPESCRIPT) -> str:
    """sdk.ts, or nothing when the TypeScript layer is not there."""
    return path.read_text(encoding="utf-8") if path.exists() else ""


def lines(rows: Mapping[str, Iterable[Parameter]]) -> dict[str, list[str]]:
    """operationId -> its parameter lines, for the coverage report."""
    return {op: [row.line() for row in params] for op, params in rows.items()}
