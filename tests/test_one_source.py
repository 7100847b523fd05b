"""One source for sync and async: the facade's async code is written once under
rememberizer/_async/ (scripts/unasync.py writes rememberizer/_sync/ from it), and what cannot be
generated lives in the shim, rememberizer/_concurrency.py. A hand-written sync twin of async
code anywhere else is where the two drift apart, as `areplace` once wrote without the lock that
`replace` held.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import figures


def test_no_async_code_has_a_hand_written_sync_twin_outside_the_source_and_the_shim() -> None:
    twins = [f"{t.file}:{t.line} {t.name} (twin of {t.twin_of})" for t in figures.hand_twinned()]
    assert twins == [], (
        "write it once under rememberizer/_async/ (scripts/unasync.py generates the sync "
        "side), or put what differs in rememberizer/_concurrency.py"
    )
