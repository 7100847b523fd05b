"""The knowledge commands of `rememberizer`: search, memorize, documents, read, mementos.

Registered by rememberizer/_cli.py. They take the signed-in session of the session file, or
an API key (env REMEMBERIZER_API_KEY, or standard input with `--api-key-stdin`) for what the
API lets a key do (search, documents, read, memorize); with both, the session is used. A key
on the command line (`--api-key KEY`) is refused: it would sit in `ps` and the shell history.
Output is a table (or the text) for people and JSON with `--json`; `documents --json` writes
one JSON object per line (JSON Lines), each page as soon as it arrives.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

import click

from ._cli import (
    EXIT_AUTH,
    EXIT_USAGE,
    SIGNIN_HINT,
    CliError,
    _Context,
    _obj,
    _stdin_line,
    command,
    escaped,
    explain,
    global_options,
    main,
    say,
    status_line,
)
from ._errors import AuthenticationError, RememberizerError
from ._stores import FileSessionStore
from ._sync._client import Rememberizer

ENV_API_KEY = "REMEMBERIZER_API_KEY"
KEY_HINT = f"set {ENV_API_KEY}, or pass --api-key-stdin and write the key on standard input"
KEY_SOURCES = f"{ENV_API_KEY} or --api-key-stdin"
KEY_ON_ARGV = (
    "--api-key is refused: a key on the command line shows in `ps` and in your shell "
    f"history. Instead, {KEY_HINT}."
)
F = TypeVar("F", bound=Callable[..., Any])


def api_key_option(function: F) -> F:
    """`--api-key-stdin`, and the hidden `--api-key` kept only to refuse it with the reason
    (an unknown option would say less)."""
    function = click.option(
        "--api-key-stdin",
        is_flag=True,
        help=f"Read a knowledge API key from standard input (else env {ENV_API_KEY}), for "
        "when you are not signed in.",
    )(function)
    return click.option("--api-key", hidden=True, metavar="KEY")(function)


def knowledge_key(
    ctx: _Context, given: str | None, from_stdin: bool, stdin: TextIO | None = None
) -> str | None:
    """The API key: from standard input (read through `stdin` when a FILE argument reads it
    too), else the environment; refused from argv."""
    if given is not None:
        ctx.fail(CliError("UsageError", KEY_ON_ARGV, EXIT_USAGE))
    if from_stdin:
        return _stdin_line("API key (--api-key-stdin)", stdin)
    return os.environ.get(ENV_API_KEY) or None


def _when(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    """An ISO 8601 time; the SDK refuses one without a UTC offset, with the reason."""
    if value is None:
        return None
    try:
        when = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        # A time without an offset is ambiguous: refused, as the SDK refuses naive datetimes.
        raise click.BadParameter("give an ISO 8601 time with an offset, e.g. 2024-05-01T12:00:00Z")
    return when


@contextmanager
def knowledge_client(
    ctx: _Context, api_key: str | None, *, key_allowed: bool = True
) -> Iterator[Rememberizer]:
    """A client on the session file and the API key; errors said as the other commands do."""
    ctx.check_session_file()
    base_url = ctx.base_url or "the default base URL"
    signed_in = False
    try:
        with Rememberizer(
            base_url=ctx.base_url,
            session=FileSessionStore(ctx.session_path),
            allow_insecure_http=ctx.allow_insecure_http,
            api_key=api_key,
        ) as client:
            base_url = str(client.base_url)
            if not client.session.signed_in and api_key is None:
                ctx.fail(ctx.not_signed_in(base_url, f", or {KEY_HINT}" if key_allowed else ""))
            signed_in = client.session.signed_in
            with status_line(sys.stderr):
                yield client
    except AuthenticationError as exc:
        if "needs a signed-in session" in exc.message:
            message = f"This command needs a signed-in session, not an API key: {SIGNIN_HINT}."
        elif not signed_in:
            message = f"The server refused the API key: check the key you gave ({KEY_SOURCES})."
        else:
            message = explain(exc, ctx.command, base_url).message
        ctx.fail(CliError(type(exc).__name__, message, EXIT_AUTH, exc.status_code))
    except RememberizerError as exc:
        ctx.fail(explain(exc, ctx.command, base_url))


# What ends a line (str.splitlines breaks at these too) or a column: in a name or a match it
# would start a row the server never sent, so a cell shows it as its escape.
_CELL_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _cell(value: object) -> str:
    return _CELL_BREAKS.sub(escaped, str(value))


def _table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    """Left-aligned columns, one line a row; the last one is not padded."""
    cells = [[str(c) for c in header], *([_cell(c) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header) - 1)]
    return "\n".join(
        "  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]]).rstrip()
        for row in cells
    )


def _snippet(text: str, width: int = 72) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@command()
@click.argument("query")
@click.option("-n", "n", type=int, help="How many chunks (1-100; the server's default is 3).")
@click.option("--from", "from_", callback=_when, metavar="TIME", help="Only knowledge from TIME.")
@click.option("--to", "to", callback=_when, metavar="TIME", help="Only knowledge until TIME.")
@api_key_option
def search(
    ctx: _Context,
    query: str,
    n: int | None,
    from_: datetime.datetime | None,
    to: datetime.datetime | None,
    api_key: str | None,
    api_key_stdin: bool,
) -> None:
    """Search your knowledge for QUERY; the closest chunks first (times in ISO 8601)."""
    key = knowledge_key(ctx, api_key, api_key_stdin)
    with knowledge_client(ctx, key) as client:
        found = client.documents.search(query, n=n, from_=from_, to=to)
    rows = [
        (f"{c.distance:.3f}", c.document.id, c.document.name, _snippet(c.matched_content))
        for c in found.matched_chunks
    ]
    text = _table(rows, ("DISTANCE", "ID", "DOCUMENT", "MATCH")) if rows else "no matches"
    ctx.emit(found.to_dict(), text)


@command()
@click.argument("name")
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-")
@api_key_option
def memorize(ctx: _Context, name: str, file: Any, api_key: str | None, api_key_stdin: bool) -> None:
    """Store the text of FILE (default: standard input) as a new document called NAME.

    With --api-key-stdin, the key is the first line of standard input and the text the rest.
    """
    # Before the text, which follows it; through the FILE's reader when that is stdin, as a
    # second reader would take text ahead into its own buffer.
    key = knowledge_key(ctx, api_key, api_key_stdin, file if file.name == "<stdin>" else None)
    content = file.read()
    with knowledge_client(ctx, key) as client:
        answer = client.documents.memorize(name, content)
    # The API answers 201 with no body or 200 {data, message, code}: nothing names the document.
    ctx.emit(answer.to_dict(), f"memorized {name!r}")


@command()
@click.option("--integration", metavar="TYPE", help="Only documents of this integration type.")
@click.option("--page-size", type=int, default=100, show_default=True, help="Documents a call.")
@api_key_option
def documents(
    ctx: _Context,
    integration: str | None,
    page_size: int,
    api_key: str | None,
    api_key_stdin: bool,
) -> None:
    """List your documents, printing each page as it arrives."""
    key = knowledge_key(ctx, api_key, api_key_stdin)
    with knowledge_client(ctx, key) as client:
        pager = client.documents.list(integration_type=integration, page_size=page_size)
        first = True
        for page in pager.pages():
            if ctx.as_json:
                for doc in page.results:
                    click.echo(json.dumps(doc.to_dict(), default=str))
                continue
            rows = [(d.id, d.integration_type, d.name) for d in page.results]
            table = _table(rows, ("ID", "INTEGRATION", "NAME")).splitlines()
            say("\n".join(table if first else table[1:]))
            first = False
        if not ctx.as_json:
            say(f"{pager.count} documents", err=True)


@command()
@click.argument("document_id", type=int)
@api_key_option
def read(ctx: _Context, document_id: int, api_key: str | None, api_key_stdin: bool) -> None:
    """Print the whole text of a document."""
    key = knowledge_key(ctx, api_key, api_key_stdin)
    with knowledge_client(ctx, key) as client:
        text = client.documents.read(document_id)
    ctx.emit({"id": document_id, "content": text}, text)


@main.group(context_settings={"help_option_names": ["-h", "--help"]})
@global_options(root=False)
def mementos() -> None:
    """List, create, show and delete mementos (needs a signed-in session)."""


def memento_command(name: str) -> Callable[[Callable[..., None]], click.Command]:
    """A subcommand of `mementos`, with the global options and the shared _Context."""

    def decorate(function: Callable[..., None]) -> click.Command:
        @functools.wraps(function)
        def run(**kwargs: Any) -> None:
            ctx = _obj()
            ctx.command = f"mementos {name}"
            function(ctx, **kwargs)

        return mementos.command(name)(global_options(root=False)(run))

    return decorate


def _memento_text(m: Any) -> str:
    return (
        f"memento {m.id} {m.name!r}: documents {m.documents or 'none'}, "
        f"folders {m.folders or 'none'}"
    )


@memento_command("list")
def mementos_list(ctx: _Context) -> None:
    """List your mementos."""
    with knowledge_client(ctx, None, key_allowed=False) as client:
        found = client.mementos.list()
    rows = [(m.id, m.name, len(m.documents), len(m.folders)) for m in found]
    text = _table(rows, ("ID", "NAME", "DOCUMENTS", "FOLDERS")) if rows else "no mementos"
    ctx.emit({"mementos": [m.to_dict() for m in found]}, text)


@memento_command("create")
@click.argument("name")
def mementos_create(ctx: _Context, name: str) -> None:
    """Create a memento called NAME."""
    with knowledge_client(ctx, None, key_allowed=False) as client:
        memento = client.mementos.create(name)
    ctx.emit(memento.to_dict(), f"created memento {memento.id} {memento.name!r}")


@memento_command("show")
@click.argument("memento_id", type=int)
def mementos_show(ctx: _Context, memento_id: int) -> None:
    """Show a memento's documents and folders."""
    with knowledge_client(ctx, None, key_allowed=False) as client:
        memento = client.mementos.get(memento_id)
    ctx.emit(memento.to_dict(), _memento_text(memento))


@memento_command("delete")
@click.argument("memento_id", type=int)
def mementos_delete(ctx: _Context, memento_id: int) -> None:
    """Delete a memento (its documents stay)."""
    with knowledge_client(ctx, None, key_allowed=False) as client:
        client.mementos.delete(memento_id)
    ctx.emit({"deleted": memento_id}, f"deleted memento {memento_id}")
