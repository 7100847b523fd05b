"""The client's configuration values, checked when they are given rather than at the first call."""

from __future__ import annotations

import ipaddress
import math
import os

from ._errors import InvalidRequestError
from ._httpx import httpx2

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "check_captcha",
    "display_url",
    "origin_of",
    "resolve_base_url",
    "resolve_timeout",
]

DEFAULT_BASE_URL = "https://api.rememberizer.ai/api/v1"
DEFAULT_TIMEOUT = httpx2.Timeout(30.0, connect=5.0)
"""5 s to connect, 30 s for each read, write and pool wait (httpx2 times each on its own): an
auth API that takes longer is down, not slow."""


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine (plain http is allowed to it)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_base_url(base_url: str | None, allow_insecure_http: bool) -> httpx2.URL:
    """The API base URL: the argument, else REMEMBERIZER_BASE_URL, else production."""
    raw = base_url or os.environ.get("REMEMBERIZER_BASE_URL") or DEFAULT_BASE_URL
    if not isinstance(raw, str):
        raise InvalidRequestError(f"base_url must be a str, not {type(raw).__name__}")
    try:
        url = httpx2.URL(raw.rstrip("/"))
    except (httpx2.InvalidURL, TypeError) as exc:
        problem = type(exc).__name__
    else:
        problem = ""
    if problem:
        # Raised outside the handler: the parser's error may quote the URL and its userinfo.
        raise InvalidRequestError(f"base_url is not a URL ({problem})")
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidRequestError("base_url must be an http:// or https:// URL with a host")
    if url.query or url.fragment or "?" in raw or "#" in raw:
        # Every request path is appended to it: a query or fragment would swallow them.
        raise InvalidRequestError("base_url must not have a query (?) or a fragment (#)")
    if url.scheme == "http" and not is_loopback(url.host) and not allow_insecure_http:
        raise InvalidRequestError(
            f"base_url {url.host} is plain http: tokens would travel in clear. Use https, "
            "or pass allow_insecure_http=True"
        )
    return url


def _seconds(value: object) -> bool:
    return (
        not isinstance(value, bool)
        and isinstance(value, int | float)
        and math.isfinite(value)
        and value > 0
    )


def resolve_timeout(timeout: object) -> httpx2.Timeout:
    """The timeout: seconds (finite, above zero), an httpx2.Timeout, or None for the default."""
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, httpx2.Timeout):
        parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
        if not all(part is None or _seconds(part) for part in parts):
            raise InvalidRequestError(
                "every part of an httpx2.Timeout must be None or a finite number of seconds above 0"
            )
        return timeout
    if not _seconds(timeout):
        raise InvalidRequestError(
            "timeout must be a finite number of seconds above 0, or an httpx2.Timeout"
        )
    assert isinstance(timeout, int | float)
    return httpx2.Timeout(timeout, connect=min(5.0, timeout))


def check_captcha(captcha: object) -> None:
    """A captcha is a token (str), a callable `(action) -> token`, or None."""
    if captcha is not None and not isinstance(captcha, str) and not callable(captcha):
        raise InvalidRequestError(
            f"captcha must be a token (str) or a callable (action) -> token, "
            f"not {type(captcha).__name__}"
        )


def display_url(url: httpx2.URL | str) -> str:
    """`url` without its userinfo (user:password@), for reprs and messages."""
    parsed = httpx2.URL(url) if isinstance(url, str) else url
    return str(parsed.copy_with(userinfo=b"")) if parsed.userinfo else str(parsed)


def origin_of(url: httpx2.URL | str) -> str:
    """The API origin a session belongs to: `scheme://host[:port]/base/path`.

    No userinfo, no query, the default port dropped, no trailing slash, the host lower-case
    (IDNA-encoded), so that one API always has one spelling.
    """
    parsed = httpx2.URL(url) if isinstance(url, str) else url
    host = parsed.raw_host.decode("ascii").lower()
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    scheme = parsed.scheme.lower()
    default = {"http": 80, "https": 443}.get(scheme)
    port = "" if parsed.port in (None, default) else f":{parsed.port}"
    path = parsed.raw_path.split(b"?", 1)[0].decode("ascii").rstrip("/")
    return f"{scheme}://{host}{port}{path}"


def resolve_api_key(api_key: object, from_env: bool = True) -> str | None:
    """The knowledge-API key: the argument, else REMEMBERIZER_API_KEY (when `from_env`), else
    None.

    It must be printable ASCII (it travels in a header); the message never shows it.
    """
    if api_key is None:
        api_key = (os.environ.get("REMEMBERIZER_API_KEY") or None) if from_env else None
        if api_key is None:
            return None
    if not isinstance(api_key, str):
        raise InvalidRequestError(f"api_key must be a str, not {type(api_key).__name__}")
    if not api_key or not all(" " < c < "\x7f" for c in api_key):
        raise InvalidRequestError("api_key must be non-empty printable ASCII without spaces")
    return api_key
