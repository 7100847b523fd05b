"""`python -m rememberizer` and the `rememberizer` command's entry point.

The command's dependencies (click, platformdirs) are the `cli` extra: this module checks for
them before importing the command, so a missing extra reads as an instruction, not a traceback.
"""

from __future__ import annotations

import json
import sys


def main() -> None:
    """Run the `rememberizer` command."""
    try:
        import click
        import platformdirs  # noqa: F401
    except ImportError as exc:
        sys.stderr.write(
            f"rememberizer: the command needs the cli extra ({exc.name} is missing): "
            "pip install 'rememberizer[cli]'\n"
        )
        sys.exit(2)
    from ._cli import main as command

    try:
        code = command.main(prog_name="rememberizer", standalone_mode=False)
    except click.ClickException as exc:
        # A usage error: with --json, anywhere on the line, it is JSON like every other error.
        if "--json" in sys.argv[1:]:
            error = {"type": type(exc).__name__, "message": exc.format_message(), "status": None}
            click.echo(json.dumps({"error": error}), err=True)
        else:
            exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
