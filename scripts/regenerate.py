"""Regenerate generated/ from spec/, or check that it is up to date.

    scripts/regenerate                    regenerate generated/ from spec/
    scripts/regenerate --from URL_OR_PATH pull a new spec into spec/, then regenerate
    scripts/regenerate --check            exit 1 with a diff when generated/ is stale
    scripts/regenerate --allow-breaking   accept a breaking change (otherwise exit 3)
    scripts/regenerate --bump             write the proposed version into rememberizer/_version.py

Nothing in spec/ or generated/ changes unless the whole run succeeds: the new spec is compared
with the old one (scripts/_spec_diff.py), linted (openapi-spec-validator, Redocly), and generated
into a temporary folder first, and only then moved into place. A generator warning or a parameter
the generated function lacks fails the run unless spec/generator-warnings.yml allows it with a
reason. Every change is added to CHANGELOG.md under its Keep a Changelog section.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _coverage  # sibling modules of this script, not installed packages
import _fidelity  # sibling modules of this script, not installed packages
import _spec_changes

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "rememberizer_openapi.yml"
CONFIG = ROOT / "spec" / "openapi-python-client.yml"
# Our overrides of the generator's templates (the rest come from openapi-python-client itself).
TEMPLATES = ROOT / "spec" / "templates"
GENERATED = ROOT / "generated"
# "How this SDK follows the API": written from the spec's provenance, checked like generated/.
FIDELITY_PAGE = ROOT / "docs" / "api-fidelity.md"
CHANGELOG = ROOT / "CHANGELOG.md"
VERSION_FILE = ROOT / "rememberizer" / "_version.py"
WARNINGS_ALLOWED = ROOT / "spec" / "generator-warnings.yml"
EXIT_BREAKING = 3
PACKAGE = "rememberizer_api"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

GENERATED_README = """\
# generated/

Everything in this folder is generated from `spec/rememberizer_openapi.yml` by
`scripts/regenerate`. Do not edit it by hand: `scripts/test` runs `scripts/regenerate --check`,
which fails on any difference.

- `rememberizer_api/`: the Python client (openapi-python-client, pinned in `pyproject.toml`).
- `typescript/schema.ts`: the TypeScript types for `openapi-fetch` (openapi-typescript, pinned in
  `scripts/tools/package.json`), used by the TypeScript parity runner in `tests/parity/ts/`.
- `typescript/operations.ts`: each operation's path, credentials, captcha action, idempotency
  and success statuses, the twin of `rememberizer_api/operations.py` for that TypeScript layer.

To change the API surface, change the spec and run:

    scripts/regenerate                      # from spec/ as it is
    scripts/regenerate --from URL_OR_PATH   # pull a new spec first

The hand-written layer that people import is `rememberizer/`.
"""


class SpecError(Exception):
    """The spec cannot be used; the message is one line that says why."""


# -- reading and validating -----------------------------------------------------------------


def read_source(source: str) -> str:
    """Return the text of a spec at a URL or a path."""
    if source.startswith(("http://", "https://")):
        import httpx2

        try:
            response = httpx2.get(source, timeout=30.0, follow_redirects=True)
        except httpx2.HTTPError as exc:
            raise SpecError(f"cannot fetch {source}: {type(exc).__name__}: {exc}") from None
        if response.status_code != 200:
            raise SpecError(f"cannot fetch {source}: HTTP {response.status_code}")
        return response.text
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read {source}: {exc}") from None


def load_spec(text: str, origin: str) -> dict[str, Any]:
    """Parse a spec's YAML into a mapping; raise SpecError with one line on failure."""
    if not text.strip():
        raise SpecError(f"{origin} is empty")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [""])[0]
        where = f"{origin}:{mark.line + 1}:{mark.column + 1}" if mark else origin
        raise SpecError(f"{where}: not YAML: {problem}") from None
    if not isinstance(document, dict):
        raise SpecError(f"{origin} is not an OpenAPI document (top level is not a mapping)")
    return document


def validate_spec(document: Mapping[str, Any], text: str, origin: str) -> None:
    """Raise SpecError with one line when the document is not one valid OpenAPI file."""
    problems = _spec_changes.structural_problems(document, text, origin)
    if not problems:
        problems = _spec_changes.validator_problems(document, text, origin)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SpecError(f"{origin} is not valid OpenAPI: {problems[0]}{more}")


def parse_spec(text: str, origin: str) -> dict[str, Any]:
    """Parse and validate an OpenAPI document; raise SpecError with one line on failure."""
    document = load_spec(text, origin)
    validate_spec(document, text, origin)
    return document


# -- the change report ----------------------------------------------------------------------


def _resolve(node: Any, root: Mapping[str, Any], seen: frozenset[str] = frozenset()) -> Any:
    """Inline local $refs so that a change to a shared schema shows on each operation."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
            target: Any = root
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                target = target.get(part, {}) if isinstance(target, dict) else {}
            return _resolve(target, root, seen | {ref})
        return {key: _resolve(value, root, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(item, root, seen) for item in node]
    return node


def operations(document: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Map each operationId to its method, path and resolved contract."""
    found: dict[str, dict[str, Any]] = {}
    for path, item in (document.get("paths") or {}).items():
        shared_parameters = item.get("parameters", [])
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            operation_id = operation.get("operationId") or f"{method} {path}"
            found[operation_id] = {
                "method": method.upper(),
                "path": path,
                "parameters": _resolve(
                    shared_parameters + operation.get("parameters", []), document
                ),
                "request body": _resolve(operation.get("requestBody"), document),
                "responses": _resolve(operation.get("responses"), document),
                "security": operation.get("security"),
            }
    return found


def wrapped_operations() -> frozenset[str]:
    """The operationIds that the rememberizer facade wraps (its own declaration)."""
    return _spec_changes.facade_operations()


def committed_spec() -> dict[str, Any] | None:
    """The spec as last committed, to report what a plain regenerate changes."""
    try:
        text = subprocess.run(
            ["git", "show", f"HEAD:{SPEC.relative_to(ROOT).as_posix()}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        loaded = yaml.safe_load(text)
    except (OSError, subprocess.CalledProcessError, yaml.YAMLError):
        return None
    return loaded if isinstance(loaded, dict) else None


# -- generating -----------------------------------------------------------------------------


def generate(spec_path: Path, out: Path) -> None:
    """Generate the whole generated/ tree for spec_path into the empty folder out.

    Raises SpecError for any generator warning that spec/generator-warnings.yml does not allow.
    """
    tools = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": tools + os.pathsep + os.environ.get("PATH", "")}
    package = out / PACKAGE
    result = subprocess.run(
        [
            str(Path(tools) / "openapi-python-client"),
            "generate",
            "--path",
            str(spec_path),
            "--config",
            str(CONFIG),
            "--meta",
            "none",
            "--custom-template-path",
            str(TEMPLATES),
            "--output-path",
            str(package),
        ],
        cwd=out,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not (package / "__init__.py").exists():
        detail = (result.stdout + result.stderr).strip().splitlines()
        reason = next((line for line in reversed(detail) if line.strip()), "no output")
        raise SpecError(f"openapi-python-client failed: {reason}")
    # The generator leaves ruff's cache behind and writes no py.typed with --meta none.
    for cache in package.rglob(".ruff_cache"):
        shutil.rmtree(cache)
    (package / "py.typed").write_text("")
    # A skipped endpoint has no module for the table to name: its warning is the news, and so
    # is a parameter the generator left out without one (a `content:` parameter).
    document = parse_spec(spec_path.read_text(encoding="utf-8"), spec_path.name)
    check_warnings(result.stdout + result.stderr, _coverage.missing_parameters(document, package))
    write_operation_table(document, package)
    (package / CONTRACT_FILE).write_text(contract_json(document), encoding="utf-8")
    stale = _coverage.stale_facade_names(
        _coverage.facade_names(), (package / "operations.py").read_text(encoding="utf-8")
    )
    if stale:
        raise SpecError(
            "the facade would call what the spec no longer has:\n  " + "\n  ".join(stale)
        )
    generate_typescript(spec_path, out / "typescript")
    (out / "typescript" / "operations.ts").write_text(
        typescript_operation_table(document), encoding="utf-8"
    )
    (out / "README.md").write_text(GENERATED_README)


IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})

OPERATION_TABLE_HEAD = '''"""What each operation of the spec is, for the facade and its auth flow.

Written by scripts/regenerate from spec/rememberizer_openapi.yml; do not edit. The facade
reads paths, credentials, captcha actions, idempotency and success statuses from here, so
that none of them is a literal in rememberizer/.
"""

from typing import NamedTuple


class OperationInfo(NamedTuple):
    """One operation of the spec."""

    operation_id: str
    module: str
    """The generated module under rememberizer_api.api, e.g. "auth.signup"."""
    method: str
    path: str
    success: frozenset[int]
    """The 2xx statuses the spec documents."""
    security: tuple[frozenset[str], ...]
    """The alternatives of security scheme names; () sends no credentials."""
    captcha_action: str | None
    """x-rememberizer-captcha-action: the body's captcha is filled for this action."""
    idempotent: bool
    """x-rememberizer-idempotent, else by method: may it be replayed after the server saw it."""
    upload_limits: "UploadLimits | None" = None
    """x-rememberizer-upload-limits: what one multipart request may carry."""
    bounds: "tuple[tuple[str, Bounds], ...]" = ()
    """The documented bounds of each parameter and body field that has any, as (name, bounds)
    pairs: a tuple, so that an OperationInfo stays hashable."""
    pagination: "Pagination | None" = None
    """x-rememberizer-pagination: how a list operation pages."""


class UploadLimits(NamedTuple):
    """The documented bounds of one upload request."""

    files: int
    file_bytes: int
    request_bytes: int
    extensions: frozenset[str]
    """The file name endings the server takes (lower case, with the dot)."""


class Bounds(NamedTuple):
    """What the spec allows of one parameter or body field (None: no bound)."""

    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    max_items: int | None = None
    pattern: str | None = None
    max_words: int | None = None
    """x-rememberizer-max-words: at most this many whitespace-separated words."""


class Pagination(NamedTuple):
    """How a list operation pages (x-rememberizer-pagination)."""

    page: str
    """The query parameter that names the page, counted from 1."""
    size: str | None
    """The query parameter that sets how many items a page holds."""
    next: str | None
    """The response field holding the next page's URL; None: a short page is the last."""


class SecurityScheme(NamedTuple):
    """One of the spec's components.securitySchemes."""

    name: str
    header: str
    """The request header that carries it, in lower case."""
    cookie: str | None
    """The cookie's name, for a scheme sent as a cookie."""

'''


def operation_table(document: Mapping[str, Any], package: Path) -> str:
    """The text of rememberizer_api/operations.py for document."""
    lines = [OPERATION_TABLE_HEAD]
    names: list[str] = []
    default_security = document.get("security") or []
    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            operation_id = str(operation["operationId"])
            module = _coverage.module_name(operation_id, operation)
            if not (package / "api" / (module.replace(".", "/") + ".py")).exists():
                # Only an endpoint whose generator warning the allow-list accepts gets here:
                # the facade cannot call what was not generated, so the table leaves it out.
                continue
            success = sorted(
                int(code)
                for code in operation.get("responses") or {}
                if str(code).isdigit() and 200 <= int(code) < 300
            )
            security = [
                sorted(alternative)
                for alternative in operation.get("security", default_security)
                if alternative
            ]
            captcha = operation.get("x-rememberizer-captcha-action")
            idempotent = operation.get(
                "x-rememberizer-idempotent", method.upper() in IDEMPOTENT_METHODS
            )
            name = operation_id.upper()
            names.append(name)
            lines.append(
                f"{name} = OperationInfo(\n"
                f"    operation_id={operation_id!r},\n"
                f"    module={module!r},\n"
                f"    method={method.upper()!r},\n"
                f"    path={path!r},\n"
                f"    success=frozenset({success!r}),\n"
                f"    security=({''.join(f'frozenset({s!r}), ' for s in security)}),\n"
                f"    captcha_action={captcha!r},\n"
                f"    idempotent={bool(idempotent)!r},\n"
                f"{_upload_limits(operation.get('x-rememberizer-upload-limits'))}"
                f"{_bounds(_resolve(operation, document), item.get('parameters', []), document)}"
                f"{_pagination(operation.get('x-rememberizer-pagination'))}"
                ")\n"
            )
    lines.extend(_security_schemes(document))
    lines.append("OPERATIONS: dict[str, OperationInfo] = {")
    lines.extend(f"    {name}.operation_id: {name}," for name in names)
    lines.append("}")
    lines.append("BY_ROUTE: dict[tuple[str, str], OperationInfo] = {")
    lines.extend(f"    ({name}.method, {name}.path): {name}," for name in names)
    lines.append("}")
    return "\n".join(lines) + "\n"


TYPESCRIPT_TABLE_HEAD = """// What each operation of the spec is, for the TypeScript layer.
//
// Written by scripts/regenerate from spec/rememberizer_openapi.yml; do not edit. The twin of
// rememberizer_api/operations.py: paths, credentials, captcha actions, idempotency and success
// statuses come from here, so that none of them is a literal in the TypeScript layer.

export interface OperationInfo {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** The 2xx statuses the spec documents. */
  readonly success: readonly number[];
  /** The alternatives of security scheme names; [] sends no credentials. */
  readonly security: readonly (readonly string[])[];
  /** x-rememberizer-captcha-action: the body's captcha is filled for this action. */
  readonly captchaAction: string | null;
  /** x-rememberizer-idempotent, else by method: may it be replayed after the server saw it. */
  readonly idempotent: boolean;
}

export const OPERATIONS = {
"""


def typescript_operation_table(document: Mapping[str, Any]) -> str:
    """The text of typescript/operations.ts for document: the operation table's TypeScript twin."""
    lines = [TYPESCRIPT_TABLE_HEAD]
    default_security = document.get("security") or []
    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            row = {
                "operationId": str(operation["operationId"]),
                "method": method.upper(),
                "path": path,
                "success": sorted(
                    int(code)
                    for code in operation.get("responses") or {}
                    if str(code).isdigit() and 200 <= int(code) < 300
                ),
                "security": [
                    sorted(alternative)
                    for alternative in operation.get("security", default_security)
                    if alternative
                ],
                "captchaAction": operation.get("x-rememberizer-captcha-action"),
                "idempotent": bool(
                    operation.get("x-rememberizer-idempotent", method.upper() in IDEMPOTENT_METHODS)
                ),
            }
            lines.append(f"  {json.dumps(row['operationId'])}: {json.dumps(row)},\n")
    # `as const` keeps each path's literal type, so the typed client takes it; `satisfies`
    # checks every row; a removed operation is a compile error where the layer names it.
    lines.append("} as const satisfies Record<string, OperationInfo>;\n\n")
    lines.append("export type OperationId = keyof typeof OPERATIONS;\n")
    return "".join(lines)


def _upload_limits(limits: Mapping[str, Any] | None) -> str:
    """The upload_limits line of an operation's row, or nothing."""
    if not limits:
        return ""
    extensions = sorted(str(e).lower() for e in limits.get("extensions", ()))
    return (
        "    upload_limits=UploadLimits(\n"
        f"        files={int(limits['files'])!r},\n"
        f"        file_bytes={int(limits['file_bytes'])!r},\n"
        f"        request_bytes={int(limits['request_bytes'])!r},\n"
        f"        extensions=frozenset({extensions!r}),\n"
        "    ),\n"
    )


BOUND_KEYWORDS = (
    ("minimum", "minimum"),
    ("maximum", "maximum"),
    ("min_length", "minLength"),
    ("max_length", "maxLength"),
    ("max_items", "maxItems"),
    ("pattern", "pattern"),
    ("max_words", "x-rememberizer-max-words"),
)


def _field_bounds(schema: Any) -> str | None:
    """`Bounds(...)` for one resolved schema, or None when it has no bound."""
    if not isinstance(schema, dict):
        return None
    found = [f"{field}={schema[key]!r}" for field, key in BOUND_KEYWORDS if key in schema]
    return f"Bounds({', '.join(found)})" if found else None


def _bounds(operation: Mapping[str, Any], shared: list[Any], document: Mapping[str, Any]) -> str:
    """The bounds line of an operation's row: its parameters', then its body fields'."""
    fields: dict[str, str] = {}
    for parameter in _resolve(shared, document) + operation.get("parameters", []):
        bounds = _field_bounds(parameter.get("schema"))
        if bounds:
            fields[str(parameter["name"])] = bounds
    for media in ((operation.get("requestBody") or {}).get("content") or {}).values():
        for name, schema in ((media.get("schema") or {}).get("properties") or {}).items():
            bounds = _field_bounds(schema)
            if bounds:
                fields.setdefault(str(name), bounds)
    if not fields:
        return ""
    body = "".join(f"        ({name!r}, {bounds}),\n" for name, bounds in sorted(fields.items()))
    return f"    bounds=(\n{body}    ),\n"


def _pagination(pagination: Mapping[str, Any] | None) -> str:
    """The pagination line of an operation's row, or nothing."""
    if not pagination:
        return ""
    return (
        f"    pagination=Pagination(page={pagination['page']!r}, "
        f"size={pagination.get('size')!r}, next={pagination.get('next')!r}),\n"
    )


def _scheme_constant(name: str) -> str:
    """bearerAuth -> BEARER_AUTH_SCHEME."""
    snake = "".join(f"_{c}" if c.isupper() else c for c in name).upper().lstrip("_")
    return f"{snake}_SCHEME"


def _security_schemes(document: Mapping[str, Any]) -> list[str]:
    """One SecurityScheme per spec scheme, then all of them and the headers they use."""
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    lines: list[str] = []
    for name, scheme in schemes.items():
        located = scheme.get("type") == "apiKey"
        where = scheme.get("in") if located else "header"
        header = str(scheme["name"]).lower() if where == "header" and located else where
        cookie = scheme["name"] if where == "cookie" else None
        if not located:
            header = "authorization"  # http and oauth2 schemes: RFC 6750's Bearer header
        lines.append(
            f"{_scheme_constant(name)} = SecurityScheme(\n"
            f"    name={name!r},\n    header={header!r},\n    cookie={cookie!r},\n)\n"
        )
    lines.append("SECURITY_SCHEMES: dict[str, SecurityScheme] = {")
    lines.extend(f"    {_scheme_constant(n)}.name: {_scheme_constant(n)}," for n in schemes)
    lines.append("}")
    lines.append("CREDENTIAL_HEADERS = frozenset(s.header for s in SECURITY_SCHEMES.values())")
    lines.append(
        '"""Every request header that carries a credential (lower case): stripped on a redirect\n'
        'that leaves the API, refused in extra_headers, redacted in logs and errors."""'
    )
    lines.append(
        "SESSION_COOKIES = frozenset(s.cookie for s in SECURITY_SCHEMES.values() if s.cookie)"
    )
    lines.append('"""The cookies of the cookie schemes: the session, kept out of the jar."""\n')
    return lines


def write_operation_table(document: Mapping[str, Any], package: Path) -> None:
    """Write rememberizer_api/operations.py, the table the facade reads."""
    (package / "operations.py").write_text(operation_table(document, package), encoding="utf-8")


CONTRACT_FILE = "contract.json"
# What the contract keeps of a schema: the rules a request or response is checked against.
SCHEMA_KEYS = frozenset(
    {
        "type", "format", "enum", "required", "properties", "additionalProperties", "items",
        "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "pattern",
        "oneOf", "anyOf", "allOf", "$ref", "default",
    }
)  # fmt: skip


def _json_schema(schema: Any) -> Any:
    """An OpenAPI 3.0 schema as JSON Schema (nullable becomes a null type), rules only."""
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key not in SCHEMA_KEYS or (key == "format" and value == "binary"):
            continue
        if key == "properties":
            value = {name: _json_schema(sub) for name, sub in value.items()}
        elif key in ("items", "additionalProperties"):
            value = _json_schema(value)
        elif key in ("oneOf", "anyOf", "allOf"):
            value = [_json_schema(sub) for sub in value]
        out[key] = value
    if schema.get("nullable"):
        if "type" in out and "enum" not in out:
            out["type"] = [out["type"], "null"]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def _media(content: Mapping[str, Any] | None) -> dict[str, Any]:
    """Each media type of a body, with its JSON Schema (None: no schema)."""
    return {
        media: _json_schema(entry["schema"]) if "schema" in (entry or {}) else None
        for media, entry in (content or {}).items()
    }


def contract_json(document: Mapping[str, Any]) -> str:
    """The text of rememberizer_api/contract.json: what each operation takes and answers.

    The fake server (rememberizer.testing) checks requests against it, and the test suite
    every response, so that neither repeats a rule of the spec. Keyed by "METHOD /path".
    """
    found: dict[str, Any] = {}
    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            parameters = _inline(
                item.get("parameters", []) + operation.get("parameters", []), document
            )
            body = _inline(operation.get("requestBody"), document)
            responses = _inline(operation.get("responses") or {}, document)
            found[f"{method.upper()} {path}"] = {
                "operation_id": operation["operationId"],
                "parameters": [
                    {
                        "name": parameter["name"],
                        "in": parameter["in"],
                        "required": bool(parameter.get("required", False)),
                        "schema": _json_schema(parameter.get("schema", {})),
                    }
                    for parameter in parameters
                ],
                "body": None
                if not body
                else {"required": bool(body.get("required")), "media": _media(body.get("content"))},
                "responses": {
                    str(status): _media((answer or {}).get("content"))
                    for status, answer in responses.items()
                },
            }
    schemas = (document.get("components") or {}).get("schemas") or {}
    contract = {
        "operations": found,
        "components": {"schemas": {name: _json_schema(s) for name, s in schemas.items()}},
    }
    return json.dumps(contract, indent=1, sort_keys=True) + "\n"


def _inline(node: Any, document: Mapping[str, Any]) -> Any:
    """Inline the $refs to parameters, bodies and responses; those to schemas stay refs."""
    if isinstance(node, list):
        return [_inline(item, document) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#/components/schemas/"):
        target: Any = document
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return _inline(target, document)
    return {key: _inline(value, document) for key, value in node.items()}


def generate_typescript(spec_path: Path, out: Path) -> None:
    """The TypeScript types for openapi-fetch, from the same spec (openapi-typescript, pinned)."""
    tool = ROOT / "scripts" / "tools" / "node_modules" / ".bin" / "openapi-typescript"
    if not tool.exists():
        raise SpecError("openapi-typescript is not installed: run scripts/install")
    out.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(tool), str(spec_path), "--output", str(out / "schema.ts")],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not (out / "schema.ts").exists():
        lines = (result.stdout + result.stderr).strip().splitlines()
        raise SpecError(f"openapi-typescript failed: {lines[-1] if lines else 'no output'}")


def tree_files(folder: Path) -> dict[str, bytes]:
    """Every file under folder, by relative path, skipping bytecode caches."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def tree_diff(expected: Path, actual: Path) -> list[str]:
    """A unified diff from actual (what is committed) to expected (what the spec produces)."""
    want, have = tree_files(expected), tree_files(actual)
    lines: list[str] = []
    for name in sorted(want.keys() | have.keys()):
        if want.get(name) == have.get(name):
            continue
        old = have.get(name, b"").decode("utf-8", "replace").splitlines(keepends=True)
        new = want.get(name, b"").decode("utf-8", "replace").splitlines(keepends=True)
        lines.extend(difflib.unified_diff(old, new, f"a/generated/{name}", f"b/generated/{name}"))
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
    return lines


def page_diff(expected: str) -> list[str]:
    """A unified diff from the committed docs/api-fidelity.md to what the spec gives."""
    have = FIDELITY_PAGE.read_text(encoding="utf-8") if FIDELITY_PAGE.exists() else ""
    if have == expected:
        return []
    name = "docs/api-fidelity.md"
    return list(
        difflib.unified_diff(
            have.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
    )


def replace_tree(new: Path, target: Path) -> None:
    """Put new in target's place; the old tree is removed only once the new one is there."""
    backup = target.with_name(target.name + ".old")
    if backup.exists():
        shutil.rmtree(backup)
    if target.exists():
        target.rename(backup)
    try:
        shutil.copytree(new, target)
    except BaseException:
        if target.exists():
            shutil.rmtree(target)
        if backup.exists():
            backup.rename(target)
        raise
    if backup.exists():
        shutil.rmtree(backup)


def check_warnings(generator_output: str, missing: list[str] | None = None) -> None:
    """Fail with the text of every generator warning, and every `missing` parameter, that the
    allow-list does not explain."""
    try:
        allowed = _spec_changes.allowed_warnings(WARNINGS_ALLOWED)
    except _spec_changes.SpecChangeError as exc:
        raise SpecError(str(exc)) from None
    warnings = _spec_changes.generator_warnings(generator_output) + (missing or [])
    left = _spec_changes.unexplained(warnings, allowed)
    if left:
        raise SpecError(
            "part of the spec would be missing from the Python client (openapi-python-client "
            "warned, or left a parameter out); fix the spec, or allow the warning with a reason in "
            f"spec/{WARNINGS_ALLOWED.name}:\n  " + "\n  ".join(left)
        )


def coverage_report(document: Mapping[str, Any], generated: Path) -> list[str]:
    """One line per operation: generated in Python and TypeScript, served, wrapped; under it
    one line per parameter: in the generated function, sent by the facade, by TypeScript."""
    try:
        served = _spec_changes.fake_server_routes()
    except ImportError as exc:  # rememberizer.testing needs the testing extra
        served, note = set(), [f"  (fake server unknown: {exc})"]
    else:
        note = []
    rows = _spec_changes.coverage(document, generated, served, wrapped_operations())
    calls = _coverage.typescript_arguments(_coverage.typescript_source())
    parameters = _coverage.lines(
        _coverage.parameter_coverage(
            document, generated / PACKAGE, _coverage.facade_arguments(), calls
        )
    )
    lines = list(note)
    for row in rows:
        sent = (row.method, row.path) in calls
        lines.append(f"  {row.line()}, typescript layer {'yes' if sent else 'NO'}")
        lines.extend(f"    {line}" for line in parameters.get(row.operation_id, []))
    return lines


def record_changes(changes: _spec_changes.Changes, bump: bool) -> str:
    """Add the changes to CHANGELOG.md and, with bump, the version; return the proposed one.

    Changes the changelog already lists (the same spec regenerated again) write nothing.
    """
    current = _spec_changes.read_version(VERSION_FILE)
    proposed = _spec_changes.next_version(current, changes)
    release = proposed if bump else None
    if not _spec_changes.record_in_changelog(CHANGELOG, changes, release):
        return current if bump else proposed
    if bump:
        _spec_changes.write_version(VERSION_FILE, proposed)
    return proposed


def change_report(old: Mapping[str, Any], new: Mapping[str, Any]) -> _spec_changes.Changes:
    """What new changes from old; nothing when new is not OpenAPI 3 (lint then says why)."""
    if not str(new.get("openapi", "")).startswith("3"):
        return _spec_changes.Changes()
    return _spec_changes.spec_changes(old, new)


def print_report(changes: _spec_changes.Changes) -> None:
    """The change report on stdout, when there is one."""
    if changes:
        print("API change report:")
        print("\n".join(changes.report()))


def run(argv: list[str] | None = None) -> int:
    """The command line; returns the exit code (3: breaking changes without --allow-breaking)."""
    parser = argparse.ArgumentParser(prog="scripts/regenerate", description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", metavar="URL_OR_PATH", help="pull this spec first")
    parser.add_argument("--check", action="store_true", help="fail when generated/ is stale")
    parser.add_argument(
        "--allow-breaking", action="store_true", help="regenerate even when the change breaks"
    )
    parser.add_argument(
        "--bump", action="store_true", help="write the proposed version into the version source"
    )
    args = parser.parse_args(argv)
    if args.check and (args.source or args.bump or args.allow_breaking):
        parser.error("--check goes with no other option: it never writes")

    changes = _spec_changes.Changes()
    try:
        origin = args.source or SPEC.name
        if args.source:
            text = read_source(args.source)
            new_document = load_spec(text, args.source)
            old_document = parse_spec(SPEC.read_text(), str(SPEC)) if SPEC.exists() else None
        else:
            text = SPEC.read_text(encoding="utf-8")
            new_document = load_spec(text, SPEC.name)
            old_document = None if args.check else committed_spec()
        # The report comes before lint, so that a rejected spec still shows what it changes.
        if old_document is not None:
            changes = change_report(old_document, new_document)

        with tempfile.TemporaryDirectory(prefix="rememberizer-regen-") as scratch:
            staged_spec = Path(scratch) / "spec.yml"
            staged_spec.write_text(text, encoding="utf-8")
            try:
                validate_spec(new_document, text, origin)
                _spec_changes.lint(staged_spec, new_document, text, origin)
            except (SpecError, _spec_changes.SpecChangeError):
                print_report(changes)
                raise

            if changes.breaking and not args.allow_breaking:
                print_report(changes)
                current = _spec_changes.read_version(VERSION_FILE)
                proposed = _spec_changes.next_version(current, changes)
                print(f"  with --allow-breaking, the proposed next version: {proposed}")
                print(
                    "scripts/regenerate: the spec change breaks existing callers; nothing was "
                    "written. Rerun with --allow-breaking to accept it.",
                    file=sys.stderr,
                )
                return EXIT_BREAKING

            out = Path(scratch) / "generated"
            out.mkdir()
            generate(staged_spec, out)

            fidelity = _fidelity.page(new_document)
            if args.check:
                diff = tree_diff(out, GENERATED) + page_diff(fidelity)
                if diff:
                    sys.stdout.writelines(diff)
                    print(
                        "scripts/regenerate --check: generated/ or docs/api-fidelity.md is not "
                        "what spec/ produces; run scripts/regenerate",
                        file=sys.stderr,
                    )
                    return 1
                print("scripts/regenerate --check: generated/ is up to date")
                return 0

            if args.source:
                SPEC.write_text(text, encoding="utf-8")
            replace_tree(out, GENERATED)
            FIDELITY_PAGE.write_text(fidelity, encoding="utf-8")
    except (SpecError, _spec_changes.SpecChangeError) as exc:
        print(f"scripts/regenerate: {exc}", file=sys.stderr)
        return 1

    if changes:
        proposed = record_changes(changes, args.bump)
        print_report(changes)
        verb = "version set to" if args.bump else "proposed next version:"
        print(f"  {verb} {proposed} (CHANGELOG.md updated)")
    print(
        "Coverage (generated in Python and TypeScript, served by the fake server, wrapped by the "
        "facade, sent by the TypeScript layer tests/parity/ts/sdk.ts; per parameter: an argument "
        "of the generated function, sent by the facade, sent by the TypeScript layer):"
    )
    print("\n".join(coverage_report(new_document, GENERATED)))
    print(f"scripts/regenerate: generated/ regenerated from spec/{SPEC.name}")
    return 0


def main() -> None:
    """Entry point for scripts/regenerate."""
    sys.exit(run())


if __name__ == "__main__":
    main()
