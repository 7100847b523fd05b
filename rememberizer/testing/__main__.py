"""`python -m rememberizer.testing serve`: run the fake server until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse
import sys

from . import FakeRememberizer
from ._server import bind, make_server, url_of


def build_parser(prog: str = "python -m rememberizer.testing") -> argparse.ArgumentParser:
    """The command line of the fake server."""
    parser = argparse.ArgumentParser(prog=prog, description="A local fake Rememberizer server.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve until SIGINT or SIGTERM")
    add_serve_options(serve)
    return parser


def add_serve_options(parser: argparse.ArgumentParser) -> None:
    """The options of `serve`, shared with `rememberizer fake-server`."""
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one")
    parser.add_argument("--access-ttl", type=float, default=300.0, metavar="SECONDS")
    parser.add_argument("--refresh-ttl", type=float, default=14 * 24 * 3600.0, metavar="SECONDS")
    parser.add_argument("--refresh-reuse-grace", type=float, default=0.0, metavar="SECONDS")
    parser.add_argument("--secure-cookies", action="store_true", help="mark cookies Secure")


def serve(args: argparse.Namespace) -> int:
    """Serve in the foreground; print the base URL first."""
    fake = FakeRememberizer(
        access_ttl=args.access_ttl,
        refresh_ttl=args.refresh_ttl,
        refresh_reuse_grace=args.refresh_reuse_grace,
        secure_cookies=args.secure_cookies,
    )
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 1
    server = make_server(fake.app, log_level="warning", announce=f"listening on {url_of(sock)}")
    server.run(sockets=[sock])
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m rememberizer.testing`."""
    args = build_parser().parse_args(argv)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
