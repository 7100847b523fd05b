"""The resource namespaces: `client.auth` and `client.account`, sync and async.

Each operation's logic is one plan function here; the sync and async methods only hand it to
their client's runner.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, TypeVar

from rememberizer_api.models import (
    Account,
    Detail,
    Profile,
    SigninRequest,
    SignupRequest,
    User,
    VerifyEmailRequest,
)

from ._auth import LOGOUT_TOKEN
from ._calls import ForceRefresh, Plan, call, require_session
from ._errors import APIResponseValidationError, InvalidRequestError, RememberizerError
from ._httpx import httpx
from ._operations import GET_ACCOUNT, GET_ME, LOGOUT, SIGNIN, SIGNUP, VERIFY_EMAIL
from ._session import session_from_response

if TYPE_CHECKING:
    from typing import TypeAlias

    from ._client import AsyncRememberizer, Rememberizer, _BaseClient

    # The plans need only what both clients share.
    _AnyClient: TypeAlias = _BaseClient[Any, Any]

logger = logging.getLogger("rememberizer")
M = TypeVar("M")


def _text(min_length: int = 0, **values: Any) -> None:
    """Refuse, before anything is sent (and before a captcha token is spent), an argument the
    spec would not accept. The message names the argument, never its value."""
    for name, value in values.items():
        if not isinstance(value, str):
            raise InvalidRequestError(f"{name} must be a str, not {type(value).__name__}")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidRequestError(f"{name} is not valid Unicode text") from None
        if len(value) < min_length:
            raise InvalidRequestError(f"{name} must be at least {min_length} characters")


def _email(email: Any) -> None:
    _text(min_length=3, email=email)
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain or any(c.isspace() for c in email):
        raise InvalidRequestError("email is not an email address")


# The spec's minLength for signup passwords (spec/rememberizer_openapi.yml, SignupRequest).
SIGNUP_PASSWORD_MIN = 8


def _expect(parsed: Any, model: type[M], response: httpx.Response) -> M:
    if not isinstance(parsed, model):
        raise APIResponseValidationError.of(response, f"the body is not a {model.__name__}")
    return parsed


# -- the plans ------------------------------------------------------------------------------


def signup_plan(client: _AnyClient, email: str, password: str, name: str) -> Plan[User]:
    _email(email)
    _text(min_length=SIGNUP_PASSWORD_MIN, password=password)
    _text(min_length=1, name=name)
    parsed, response = yield from call(
        SIGNUP,
        client._policy,
        lambda captcha: {
            "body": SignupRequest(email=email, password=password, name=name, captcha=str(captcha))
        },
    )
    user = _expect(parsed, User, response)
    session = session_from_response(response)
    if session is not None:
        client._sessions.set(session, "signed_in")
    return user


def signin_plan(client: _AnyClient, login: str, password: str) -> Plan[None]:
    _text(min_length=1, login=login, password=password)
    _, response = yield from call(
        SIGNIN,
        client._policy,
        lambda captcha: {
            "body": SigninRequest(login=login, password=password, captcha=str(captcha))
        },
    )
    client._sessions.set(require_session(response, "signin"), "signed_in")


def verify_email_plan(client: _AnyClient, code: str) -> Plan[Detail]:
    _text(code=code)
    parsed, response = yield from call(
        VERIFY_EMAIL, client._policy, lambda _: {"body": VerifyEmailRequest(verification_code=code)}
    )
    return _expect(parsed, Detail, response)


def refresh_plan(client: _AnyClient) -> Plan[None]:
    yield ForceRefresh(client._sessions.current)


def logout_plan(client: _AnyClient) -> Plan[None]:
    # Local first: from here on no call can use the session, and a refresh still in flight
    # loses its compare-and-set. The server is told after, best effort.
    old = client._sessions.current
    if old is not None:
        client._sessions.set(None, "signed_out")
    token = LOGOUT_TOKEN.set(old.refresh_token if old is not None else None)
    try:
        yield from call(LOGOUT, client._policy, lambda _: {})
    except RememberizerError as exc:
        logger.warning("signed out locally; the server was not told: %s", exc.message)
    finally:
        LOGOUT_TOKEN.reset(token)


def account_plan(client: _AnyClient) -> Plan[Account]:
    parsed, response = yield from call(GET_ACCOUNT, client._policy, lambda _: {})
    return _expect(parsed, Account, response)


def me_plan(client: _AnyClient) -> Plan[Profile]:
    parsed, response = yield from call(GET_ME, client._policy, lambda _: {})
    return _expect(parsed, Profile, response)


# -- the namespaces -------------------------------------------------------------------------


class AuthResource:
    """`client.auth`: sign up, sign in, verify the email, refresh, sign out."""

    def __init__(self, client: Rememberizer) -> None:
        self._client = client

    def signup(self, *, email: str, password: str, name: str) -> User:
        """Create an account; the new account is signed in when the server starts a session.

        Asks the captcha provider for a `signup` token on every attempt.

        Raises:
            CaptchaRequiredError: no captcha provider (nothing was sent).
            CaptchaError: the server rejected the captcha.
            BadRequestError: invalid fields, or the email is taken (see `field_errors`).
            RateLimitError, APIConnectionError, InternalServerError.

        >>> client.auth.signup(email="ada@example.com", password="…", name="Ada")  # doctest: +SKIP
        """
        return self._client._run(signup_plan(self._client, email, password, name))

    def signin(self, *, login: str, password: str) -> None:
        """Sign in with the email and password; the session is stored.

        Raises:
            CaptchaRequiredError, CaptchaError: as for signup.
            AuthenticationError: wrong login or password.
            RateLimitError: too many attempts (`retry_after` says how long to wait).
        """
        return self._client._run(signin_plan(self._client, login, password))

    def verify_email(self, code: str) -> Detail:
        """Confirm the email address with the six-digit code from the verification email.

        Raises:
            BadRequestError: the code is wrong or expired.
            AuthenticationError: not signed in.
        """
        return self._client._run(verify_email_plan(self._client, code))

    def refresh(self) -> None:
        """Refresh the session now. Calls refresh by themselves when needed; this is rarely
        required.

        Raises:
            SessionExpiredError: the session is over (it is cleared).
        """
        return self._client._run(refresh_plan(self._client))

    def logout(self) -> None:
        """Sign out. The local session is cleared at once, even when the server cannot be
        reached; the server is then asked to revoke the session. Never raises for the server's
        sake."""
        return self._client._run(logout_plan(self._client))


class AccountResource:
    """`client.account`: the signed-in user's account and profile."""

    def __init__(self, client: Rememberizer) -> None:
        self._client = client

    def get(self) -> Account:
        """The account: id, email and name.

        Raises:
            AuthenticationError: not signed in, or the session was refused after a refresh.
            SessionExpiredError: the session is over.
        """
        return self._client._run(account_plan(self._client))

    def me(self) -> Profile:
        """The extended profile: onboarding, team, quota, usage and email verification.

        Raises:
            AuthenticationError, SessionExpiredError: as for `get`.
        """
        return self._client._run(me_plan(self._client))


class AsyncAuthResource:
    """`client.auth` of AsyncRememberizer: the same operations as AuthResource, awaited."""

    def __init__(self, client: AsyncRememberizer) -> None:
        self._client = client

    async def signup(self, *, email: str, password: str, name: str) -> User:
        """Create an account. See AuthResource.signup."""
        return await self._client._run(signup_plan(self._client, email, password, name))

    async def signin(self, *, login: str, password: str) -> None:
        """Sign in; the session is stored. See AuthResource.signin."""
        return await self._client._run(signin_plan(self._client, login, password))

    async def verify_email(self, code: str) -> Detail:
        """Confirm the email address. See AuthResource.verify_email."""
        return await self._client._run(verify_email_plan(self._client, code))

    async def refresh(self) -> None:
        """Refresh the session now. See AuthResource.refresh."""
        return await self._client._run(refresh_plan(self._client))

    async def logout(self) -> None:
        """Sign out, locally at once and then on the server. See AuthResource.logout."""
        return await self._client._run(logout_plan(self._client))


class AsyncAccountResource:
    """`client.account` of AsyncRememberizer."""

    def __init__(self, client: AsyncRememberizer) -> None:
        self._client = client

    async def get(self) -> Account:
        """The account. See AccountResource.get."""
        return await self._client._run(account_plan(self._client))

    async def me(self) -> Profile:
        """The extended profile. See AccountResource.me."""
        return await self._client._run(me_plan(self._client))
