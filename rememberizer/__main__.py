"""`python -m rememberizer`: the same as the `rememberizer` command."""

from ._cli import main

if __name__ == "__main__":
    main(prog_name="rememberizer")
