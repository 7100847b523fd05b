"""Captcha providers: signup and signin need a fresh reCAPTCHA token on every attempt.

What a provider may be, and the checks and errors of its answer. Asking it for a token is
rememberizer/_async/_captcha.py's `aresolve` (the sync `resolve` is generated from it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from ._errors import CaptchaProviderError, CaptchaRequiredError

__all__ = ["AsyncCaptchaProvider", "CaptchaProvider"]

CaptchaProvider = str | Callable[[str], str]
"""A fixed token, or a callable that takes the action ("signup" or "signin") and returns one."""

AsyncCaptchaProvider = str | Callable[[str], str] | Callable[[str], Awaitable[str]]
"""For AsyncRememberizer: a CaptchaProvider, or an async callable."""


def _checked(token: Any) -> str:
    if not isinstance(token, str) or not token.strip():
        raise CaptchaProviderError(
            f"the captcha provider returned {type(token).__name__}, not a non-empty token",
        )
    return token


def _failed(exc: Exception) -> CaptchaProviderError:
    # Names the exception's type only: its message may hold what the provider was given.
    return CaptchaProviderError(f"the captcha provider failed: {type(exc).__name__}")


def _refused() -> CaptchaProviderError:
    return CaptchaProviderError("the captcha provider is async: use it with AsyncRememberizer")


def _missing(action: str) -> CaptchaRequiredError:
    return CaptchaRequiredError(
        f"{action} needs a captcha token: pass captcha= (a token, or a callable "
        "that takes the action and returns one) to the client"
    )
