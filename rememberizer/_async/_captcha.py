"""Asking the client's captcha provider for a token, for AsyncRememberizer.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_captcha.py from
it. The async client awaits an async provider's answer, the sync one refuses such a provider:
see `arun_callback` in rememberizer/_concurrency.py.
"""

from __future__ import annotations

from .._captcha import AsyncCaptchaProvider, _checked, _failed, _missing, _refused
from .._concurrency import CallbackIsAsync, arun_callback


async def aresolve(provider: AsyncCaptchaProvider | None, action: str) -> str:
    """A token for `action` ("signup" or "signin") from `provider`: a fixed token, or a
    callable asked afresh each time. Raises CaptchaRequiredError without a provider, and
    CaptchaProviderError when it fails or answers with no token."""
    if provider is None:
        raise _missing(action)
    if isinstance(provider, str):
        return _checked(provider)
    try:
        token = await arun_callback(provider, action)
    except CallbackIsAsync:
        failure = _refused()
    except Exception as exc:
        raise _failed(exc) from exc
    else:
        return _checked(token)
    # Raised outside the handler: the refusal chains nothing.
    raise failure
