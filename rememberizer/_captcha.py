"""Captcha providers: signup and signin need a fresh reCAPTCHA token on every attempt."""

from __future__ import annotations

import inspect
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


def _call(provider: Callable[[str], Any], action: str) -> Any:
    try:
        return provider(action)
    except Exception as exc:
        raise CaptchaProviderError(f"the captcha provider failed: {type(exc).__name__}") from exc


def _missing(action: str) -> CaptchaRequiredError:
    return CaptchaRequiredError(
        f"{action} needs a captcha token: pass captcha= (a token, or a callable "
        "that takes the action and returns one) to the client"
    )


def resolve(provider: AsyncCaptchaProvider | None, action: str) -> str:
    """A token for `action` from a sync provider."""
    if provider is None:
        raise _missing(action)
    if isinstance(provider, str):
        return _checked(provider)
    token = _call(provider, action)
    if inspect.isawaitable(token):
        if inspect.iscoroutine(token):
            token.close()
        raise CaptchaProviderError("the captcha provider is async: use it with AsyncRememberizer")
    return _checked(token)


async def aresolve(provider: AsyncCaptchaProvider | None, action: str) -> str:
    """A token for `action` from a sync or async provider."""
    if provider is None or isinstance(provider, str):
        return resolve(provider, action)
    token = _call(provider, action)
    if inspect.isawaitable(token):
        try:
            token = await token
        except Exception as exc:
            raise CaptchaProviderError(
                f"the captcha provider failed: {type(exc).__name__}"
            ) from exc
    return _checked(token)
