"""The `rememberizer` logger. REMEMBERIZER_LOG=debug (or info) turns it on without code.

Its DEBUG lines hold the method, path, status, time and retry number of each request: never a
header, a cookie or a body, so there is nothing in them to redact.
"""

from __future__ import annotations

import logging
import os
import re

logger = logging.getLogger("rememberizer")
# A library does not print unless asked: without this, Python's last-resort handler would
# write our warnings to stderr in programs that never configured logging.
logger.addHandler(logging.NullHandler())


def setup_from_env() -> None:
    """Send the logger to stderr at the level REMEMBERIZER_LOG names, once."""
    level = os.environ.get("REMEMBERIZER_LOG", "").strip().upper()
    configured = any(not isinstance(h, logging.NullHandler) for h in logger.handlers)
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"} or configured:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)


_SECRET_HEADER = re.compile(
    r"""\((b?)(['"])(authorization|proxy-authorization|cookie|set-cookie|x-api-key)\2,\s*b?(['"]).*?\4\)""",
    re.IGNORECASE,
)
# The DEBUG trace of httpcore2 (httpx2's transport) prints raw headers, Set-Cookie included;
# each of its modules logs under its own name (tests/facade/test_knowledge.py checks the list).
_TRACE_LOGGERS = (
    "httpcore2.http11",
    "httpcore2.http2",
    "httpcore2.connection",
    "httpcore2.proxy",
    "httpcore2.socks",
)


class RedactSecretHeaders(logging.Filter):
    """Blanks the values of credential headers in httpcore2's DEBUG trace."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _SECRET_HEADER.sub(r"(\1\2\3\2, '<redacted>')", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


_REDACTOR = RedactSecretHeaders()


def redact_http_trace() -> None:
    """Make sure the HTTP libraries' own debug logs cannot show a token or a cookie."""
    for name in _TRACE_LOGGERS:
        trace = logging.getLogger(name)
        if _REDACTOR not in trace.filters:
            trace.addFilter(_REDACTOR)
