"""`python -m rememberizer.testing serve`: run the fake server until SIGINT or SIGTERM.

`python -m rememberizer.testing conformance --runner CMD`: run the conformance scenarios
through an SDK's runner (see rememberizer/testing/conformance/README.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .._serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """A local fake Rememberizer server."""


main.add_command(serve)


@main.command("conformance")
@click.option(
    "--runner",
    "runners",
    multiple=True,
    required=True,
    metavar="CMD",
    help="A runner command (quoted; split like a shell would). Repeat for several languages.",
)
@click.option(
    "--scenarios",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A directory of scenarios (default: the ones shipped in this package).",
)
def conformance(runners: tuple[str, ...], scenarios: Path | None) -> None:
    """Run every conformance scenario through each runner against one fake server.

    The kit drives each scenario, sends the runner its SDK steps as JSON lines and judges from
    the request log. Prints scenario x language; exits 0 when all passed, 1 when any failed, 2
    when a runner never answered.
    """
    from ._conformance import SCENARIOS, conformance, split_command

    commands = [split_command(runner) for runner in runners]
    sys.exit(conformance(commands, scenarios or SCENARIOS))


if __name__ == "__main__":
    main(prog_name="python -m rememberizer.testing")
