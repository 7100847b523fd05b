"""The `rememberizer` logger. REMEMBERIZER_LOG=debug (or info) turns it on without code.

Its DEBUG lines hold the method, path, status, time and retry number of each request: never a
header, a cookie or a body, so there is nothing in them to redact.
"""

from __future__ import annotations

import logging
import os

logger = logging.getLogger("rememberizer")


def setup_from_env() -> None:
    """Send the logger to stderr at the level REMEMBERIZER_LOG names, once."""
    level = os.environ.get("REMEMBERIZER_LOG", "").strip().upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"} or logger.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
