"""`python -m rememberizer.testing serve`: run the fake server until SIGINT or SIGTERM."""

from __future__ import annotations

import click

from .._serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """A local fake Rememberizer server."""


main.add_command(serve)

if __name__ == "__main__":
    main(prog_name="python -m rememberizer.testing")
