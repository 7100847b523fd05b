"""The fake server's `serve` command, shared by `python -m rememberizer.testing serve` and
`rememberizer fake-server`. It imports the fake server only when it runs."""

from __future__ import annotations

import sys

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=0, type=int, help="Port to bind; 0 (the default) picks a free one.")
@click.option("--access-ttl", default=300.0, type=float, show_default=True, metavar="SECONDS")
@click.option(
    "--refresh-ttl", default=14 * 24 * 3600.0, type=float, show_default=True, metavar="SECONDS"
)
@click.option(
    "--refresh-reuse-grace", default=0.0, type=float, show_default=True, metavar="SECONDS"
)
@click.option("--secure-cookies", is_flag=True, help="Mark the session cookies Secure.")
def serve(
    host: str,
    port: int,
    access_ttl: float,
    refresh_ttl: float,
    refresh_reuse_grace: float,
    secure_cookies: bool,
) -> None:
    """Serve the fake Rememberizer API until SIGINT or SIGTERM.

    The first line on stdout is `listening on http://HOST:PORT/api/v1`.
    """
    try:
        from .testing import FakeRememberizer
        from .testing._server import bind, make_server, url_of
    except ImportError as exc:
        click.echo(f"rememberizer: {exc}", err=True)
        sys.exit(1)
    fake = FakeRememberizer(
        access_ttl=access_ttl,
        refresh_ttl=refresh_ttl,
        refresh_reuse_grace=refresh_reuse_grace,
        secure_cookies=secure_cookies,
    )
    try:
        sock = bind(host, port)
    except OSError as exc:
        click.echo(f"rememberizer: cannot listen on {host}:{port}: {exc.strerror}", err=True)
        sys.exit(1)
    server = make_server(fake.app, log_level="warning", announce=f"listening on {url_of(sock)}")
    server.run(sockets=[sock])
