"""`rememberizer vector-store`: a vector store's documents from a terminal, with its API key.

The key comes from REMEMBERIZER_VECTOR_STORE_API_KEY (an option would leave it in the shell's
history and the process list), or from standard input with `--api-key-stdin`. Exit codes are
the command's (rememberizer/_cli.py), plus 6: an upload stored some files and not others.
Registered by rememberizer/_cli.py, which it imports.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ._cli import (
    EXIT_AUTH,
    EXIT_USAGE,
    CliError,
    _Context,
    _obj,
    _stdin_line,
    explain,
    global_options,
    main,
    say,
    status_line,
)
from ._errors import AuthenticationError, InvalidRequestError, NotFoundError, RememberizerError
from ._sync._vector_store import VectorStore
from ._upload import UploadProgress, UploadResult, as_dict
from ._vector_store import ENV_KEY

EXIT_PARTIAL = 6
KEY_HINT = f"set {ENV_KEY} to the store's API key"


@main.group("vector-store")
@global_options(root=False, session=False)
def vector_store() -> None:
    """A vector store's documents, with the store's API key (env
    REMEMBERIZER_VECTOR_STORE_API_KEY): info, ls, upload, search, rename, rm."""


def explain_store(error: RememberizerError, ctx: _Context, base_url: str) -> CliError:
    """What went wrong, in a vector store's terms (a key, not a session)."""
    if isinstance(error, AuthenticationError):
        return CliError(
            type(error).__name__,
            f"The server refused the vector store key: {KEY_HINT}.",
            EXIT_AUTH,
            error.status_code,
        )
    if isinstance(error, InvalidRequestError) and "no vector store key" in str(error):
        return CliError(type(error).__name__, f"No vector store key: {KEY_HINT}.", EXIT_USAGE)
    if isinstance(error, NotFoundError):
        return CliError(
            type(error).__name__,
            f"Not found ({error}): `rememberizer vector-store ls` lists the store's documents.",
            EXIT_USAGE,
            error.status_code,
        )
    return explain(error, ctx.command, base_url)


@contextmanager
def store_client(ctx: _Context, key: str | None) -> Iterator[VectorStore]:
    """A VectorStore on the global options; errors become the command's messages."""
    base_url = ctx.base_url or "the default base URL"
    try:
        with VectorStore(
            api_key=key, base_url=ctx.base_url, allow_insecure_http=ctx.allow_insecure_http
        ) as store:
            base_url = str(store.base_url)
            yield store
    except RememberizerError as exc:
        ctx.fail(explain_store(exc, ctx, base_url))


def store_command(name: str | None = None) -> Callable[[Callable[..., None]], click.Command]:
    """A subcommand of `vector-store`: global options, `--api-key-stdin`, and a client."""

    def decorate(function: Callable[..., None]) -> click.Command:
        @functools.wraps(function)
        def run(api_key_stdin: bool, **kwargs: Any) -> None:
            ctx = _obj()
            ctx.command = click.get_current_context().info_name or ""
            key = _stdin_line("vector store key") if api_key_stdin else None
            with store_client(ctx, key) as store:
                function(ctx, store, **kwargs)

        run = click.option(
            "--api-key-stdin",
            is_flag=True,
            help=f"Read the store's key from standard input (else env {ENV_KEY}).",
        )(run)
        return vector_store.command(name)(global_options(root=False, session=False)(run))

    return decorate


@store_command()
def info(ctx: _Context, store: VectorStore) -> None:
    """The store: id, name, description, embedding model."""
    with status_line(sys.stderr):
        found = store.info()
    ctx.emit(
        found.to_dict(),
        f"{found.name} ({found.id})\n{found.description}\n"
        f"embedding model: {found.embedding_model}, metric: {found.search_metric}",
    )


@store_command("ls")
def list_documents(ctx: _Context, store: VectorStore) -> None:
    """The store's documents: id, size, status, name."""
    with status_line(sys.stderr):
        docs = store.documents.list()
    if ctx.as_json:
        click.echo(json.dumps([d.to_dict() for d in docs]))
        return
    for doc in docs:
        say(f"{doc.id:>8}  {doc.size:>12}  {doc.status:<10}  {doc.name}")
    if not docs:
        say("The store has no documents.", err=True)


@store_command("rm")
@click.argument("document_id", metavar="DOC", type=int)
def remove(ctx: _Context, store: VectorStore, document_id: int) -> None:
    """Delete document DOC (its id, as `ls` shows)."""
    with status_line(sys.stderr):
        store.documents.delete(document_id)
    ctx.emit({"deleted": document_id}, f"Deleted document {document_id}.")


@store_command()
@click.argument("document_id", metavar="DOC", type=int)
@click.argument("name")
def rename(ctx: _Context, store: VectorStore, document_id: int, name: str) -> None:
    """Rename document DOC to NAME."""
    with status_line(sys.stderr):
        doc = store.documents.rename(document_id, name)
    ctx.emit(doc.to_dict(), f"Renamed document {doc.id} to {doc.name}.")


@store_command()
@click.argument("query")
@click.option("-n", "n", type=int, help="How many matches (the server's default is 10).")
@click.option(
    "--threshold",
    type=float,
    help="Matching threshold, 0 to 1; higher is stricter (the server's default is 0.7).",
)
def search(
    ctx: _Context, store: VectorStore, query: str, n: int | None, threshold: float | None
) -> None:
    """The chunks of the store's documents closest to QUERY, closest first."""
    with status_line(sys.stderr):
        found = store.documents.search(query, n=n, threshold=threshold)
    if ctx.as_json:
        click.echo(json.dumps(found.to_dict()))
        return
    for match in found.matched_chunks:
        snippet = " ".join(match.matched_content.split())[:160]
        say(f"{match.distance:.3f}  {match.document.name} (#{match.document.id})")
        say(f"       {snippet}")
    if not found.matched_chunks:
        say("No matches.", err=True)


def walk(paths: tuple[Path, ...], glob: str) -> tuple[list[Path], list[Path]]:
    """The files named, and the files under the folders named that match `glob`; then the
    links skipped: those under a folder whose target is outside that folder.

    A cloned repository or an unpacked archive can hold a link to ~/.aws/credentials: what a
    folder holds is uploaded, not what it points at. A file named on the command line is the
    user's own choice, and is followed.
    """
    files: list[Path] = []
    skipped: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        root = path.resolve()
        for found in sorted(p for p in path.rglob(glob) if p.is_file()):
            # resolve() follows every link on the way, a linked folder's included.
            inside = found.resolve().is_relative_to(root)
            (files if inside else skipped).append(found)
    return files, skipped


@contextmanager
def progress_display(ctx: _Context, total_files: int) -> Iterator[Callable[[UploadProgress], None]]:
    """A progress callback: a rich bar in bytes and files on a terminal, else a plain line
    per file on stderr, else (with --json) nothing."""
    if ctx.as_json:
        yield lambda event: None
        return
    if not sys.stderr.isatty():

        def line(event: UploadProgress) -> None:
            if event.file is not None:
                outcome = f"failed: {event.error}" if event.error else "stored"
                width = len(str(total_files))
                say(f"[{event.files_done:>{width}}/{total_files}] {event.file} {outcome}", err=True)

        yield line
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    with Progress(
        TextColumn("[bold]uploading"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TextColumn("{task.fields[files]}"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    ) as bar:
        task = bar.add_task("upload", total=None, files=f"0/{total_files} files")

        def update(event: UploadProgress) -> None:
            bar.update(
                task,
                total=event.bytes_total,
                completed=event.bytes_sent,
                files=f"{event.files_done}/{event.files_total} files",
            )

        yield update


@store_command()
@click.argument(
    "paths",
    metavar="PATH...",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, path_type=Path),
)
@click.option("--glob", default="*", show_default=True, help="Which files of a folder to upload.")
@click.option("--concurrency", type=int, default=4, show_default=True, help="Uploads at once.")
def upload(
    ctx: _Context, store: VectorStore, paths: tuple[Path, ...], glob: str, concurrency: int
) -> None:
    """Upload files, and the files of folders (recursively, those matching --glob).

    A link inside a folder is followed only when its target is inside that folder too; the
    others are skipped, and named on stderr (with --json, in "skipped").

    Exit code 0 when every file was stored, 6 when some were not (the summary says why).
    """
    files, skipped = walk(paths, glob)
    if not ctx.as_json:
        for link in skipped:
            say(f"Skipped {link}: a link to a file outside the folder.", err=True)
    if not files:
        outside = f" ({len(skipped)} links to outside skipped)" if skipped else ""
        message = f"No files match {glob!r} under {paths[0]}{outside}."
        ctx.fail(CliError("UsageError", message, EXIT_USAGE))
    with progress_display(ctx, len(files)) as progress:
        result = store.documents.upload_many(files, concurrency=concurrency, progress=progress)
    summarize(ctx, result, len(files), skipped)


def summarize(ctx: _Context, result: UploadResult, total: int, skipped: list[Path]) -> None:
    """Say how many files were stored and which failed and why; exit 6 on a partial failure.
    With --json, `skipped` lists the links left out."""
    if ctx.as_json:
        data = {"stored": len(result.documents), **as_dict(result)}
        click.echo(json.dumps({**data, "skipped": [str(link) for link in skipped]}))
    else:
        say(f"Stored {len(result.documents)} of {total} files.")
        if result.errors:
            say(f"{len(result.errors)} failed:")
            for error in result.errors:
                say(f"  {error.file}: {error.error}")
    if result.errors:
        sys.exit(EXIT_PARTIAL)
