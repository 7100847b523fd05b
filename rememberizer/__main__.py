"""`python -m rememberizer` and the `rememberizer` command's entry point.

The command's dependencies (click, platformdirs) are the `cli` extra: this module checks for
them before importing the command, so a missing extra reads as an instruction, not a traceback.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Run the `rememberizer` command."""
    try:
        import click  # noqa: F401
        import platformdirs  # noqa: F401
    except ImportError as exc:
        sys.stderr.write(
            f"rememberizer: the command needs the cli extra ({exc.name} is missing): "
            "pip install 'rememberizer[cli]'\n"
        )
        sys.exit(2)
    from ._cli import main as command

    command(prog_name="rememberizer")


if __name__ == "__main__":
    main()
