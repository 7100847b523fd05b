"""The `rememberizer` logger. REMEMBERIZER_LOG=debug (or info) turns it on without code.

Its DEBUG lines hold the method, path, status, time and retry number of each request: never a
header, a cookie or a body, so there is nothing in them to redact.
"""

from __future__ import annotations

import logging
import os
import re

from ._errors import SECRET_HEADERS

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
    r"""\((b?)(['"])("""
    + "|".join(re.escape(name) for name in sorted(SECRET_HEADERS))
    + r""")\2,\s*b?(['"]).*?\4\)""",
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


# With http2=True, hpack (h2's header compression) logs at DEBUG each header it adds, decodes
# or evicts, `Adding b'cookie'=b'access_token=...'`, and the raw header blocks, whose values
# are only Huffman-coded: Authorization is marked sensitive by h2, Cookie and x-api-key are not.
_HPACK_LOGGERS = ("hpack.hpack", "hpack.table")


class RedactHeaderCompression(logging.Filter):
    """Blanks every header name, value and block in hpack's DEBUG lines; numbers stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        if record.args is not None and any(not _number(arg) for arg in args):
            record.args = tuple(arg if _number(arg) else "<redacted>" for arg in args)
        return True


def _number(value: object) -> bool:
    return isinstance(value, int | float)


_REDACTOR = RedactSecretHeaders()
_HPACK_REDACTOR = RedactHeaderCompression()


def redact_http_trace() -> None:
    """Make sure the HTTP libraries' own debug logs cannot show a token or a cookie."""
    for names, redactor in ((_TRACE_LOGGERS, _REDACTOR), (_HPACK_LOGGERS, _HPACK_REDACTOR)):
        for name in names:
            trace = logging.getLogger(name)
            if redactor not in trace.filters:
                trace.addFilter(redactor)
