"""Run every conformance scenario with every language's runner against one fake server.

    scripts/parity

Prints a table of scenario x language and exits 1 unless every language passes every scenario.
It is `python -m rememberizer.testing conformance` with this repository's two runners: the
Python facade's (tests/parity/runner.py) and the TypeScript reference (tests/parity/ts/).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rememberizer.testing._conformance import SCENARIOS, conformance  # noqa: E402

RUNNERS = {
    "python": [sys.executable, str(ROOT / "tests" / "parity" / "runner.py")],
    "typescript": [
        str(ROOT / "tests" / "parity" / "ts" / "node_modules" / ".bin" / "tsx"),
        str(ROOT / "tests" / "parity" / "ts" / "runner.ts"),
    ],
}


def main() -> int:
    """Run both runners and print the table."""
    return conformance(list(RUNNERS.values()), SCENARIOS)


if __name__ == "__main__":
    sys.exit(main())
