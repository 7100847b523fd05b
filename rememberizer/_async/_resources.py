"""The resource namespaces of AsyncRememberizer, and the one function every operation calls.

Written once, in rememberizer/_async/; scripts/unasync writes rememberizer/_sync/_resources.py
from it, so the sync client runs the same lines without the awaits.

An operation is one typed method: it checks its arguments, then calls `_call` with the
operation's row of the generated table (rememberizer_api.operations), the generated request
model and the generated response model. `_call` is straight-line: build the request with the
generated `_get_kwargs`, send it, retry as the table and RetryPolicy say, parse the body.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NoReturn, TypeVar, Unpack

from rememberizer_api import models
from rememberizer_api import operations as ops
from rememberizer_api.types import UNSET

from .._errors import APIResponseValidationError, InvalidRequestError, RememberizerError
from .._knowledge_checks import bounds
from .._options import CallOptions, checked
from .._pipeline import (
    Model,
    check_email,
    check_text,
    logger,
    parse,
)
from .._session import OAuthSession, SessionInfo, session_from_response
from ._call import (
    AsyncResource,
    WithRawResponse,
    _call,
    _get,
    no_raw_response,
    refresh_session,
    to_raw_response,
)

if TYPE_CHECKING:
    # Named in quotes in the bases below, which ruff does not see as a use.
    from ._client import AsyncRememberizer  # noqa: F401

M = TypeVar("M", bound=Model)

# The spec's minLength for signup passwords (SignupRequest).
SIGNUP_PASSWORD_MIN = bounds(ops.SIGNUP, "password").min_length or 1
# The spec's pattern for verification codes (VerifyEmailRequest): six digits.
VERIFICATION_CODE = re.compile(bounds(ops.VERIFY_EMAIL, "verification_code").pattern or ".*")


class AsyncAuthResourceWithRawResponse:
    """`auth.with_raw_response`: its methods, each returning a RawResponse."""

    def __init__(self, auth: AsyncAuthResource) -> None:
        self.signup = to_raw_response(auth.signup)
        self.signin = to_raw_response(auth.signin)
        self.verify_email = to_raw_response(auth.verify_email)
        self.logout = to_raw_response(auth.logout)

    @property
    def refresh(self) -> NoReturn:
        """None: a refresh is shared by every call of the session, so it may send nothing."""
        raise no_raw_response(
            "refresh",
            "one refresh serves every call of the session (it may be under way or done "
            "already); read client.session for what it gave",
        )


class AsyncAuthResource(AsyncResource["AsyncRememberizer"]):
    """`client.auth`: sign up, sign in, verify the email, refresh, sign out."""

    with_raw_response = WithRawResponse(AsyncAuthResourceWithRawResponse)

    async def signup(
        self, *, email: str, password: str, name: str, **options: Unpack[CallOptions]
    ) -> models.User:
        """Create an account; the new account is signed in when the server starts a session.

        Asks the captcha provider for a `signup` token on every attempt.

        Raises:
            CaptchaRequiredError: no captcha provider (nothing was sent).
            CaptchaError: the server rejected the captcha.
            BadRequestError: invalid fields, or the email is taken (see `field_errors`).
            RateLimitError: too many attempts; `retry_after` says how long to wait.
            APIConnectionError: the API could not be reached.
            InternalServerError: the server failed.

        ```python
        client.auth.signup(email="ada@example.com", password="…", name="Ada")
        ```
        """
        check_email(email)
        check_text(min_length=SIGNUP_PASSWORD_MIN, password=password)
        check_text(min_length=1, name=name)
        response = await _call(
            self._client,
            ops.SIGNUP,
            body=lambda captcha: models.SignupRequest(
                email=email, password=password, name=name, captcha=str(captcha)
            ),
            options=options,
        )
        user = parse(ops.SIGNUP, models.User, response)
        session = session_from_response(response, self._client._sessions.origin)
        if session is not None:
            await self._client._sessions.aset(session, "signed_in")
        return user

    async def signin(
        self, *, login: str, password: str, **options: Unpack[CallOptions]
    ) -> SessionInfo:
        """Sign in with the email and password; the session is stored.

        Returns the session's public view: the user id and when the access token expires.

        Raises:
            CaptchaRequiredError, CaptchaError: as for signup.
            AuthenticationError: wrong login or password.
            RateLimitError: too many attempts (`retry_after` says how long to wait).
        """
        check_text(min_length=1, login=login, password=password)
        response = await _call(
            self._client,
            ops.SIGNIN,
            body=lambda captcha: models.SigninRequest(
                login=login, password=password, captcha=str(captcha)
            ),
            options=options,
        )
        session = session_from_response(response, self._client._sessions.origin)
        if session is None:
            raise APIResponseValidationError.of(
                response, "signin answered without the session cookies; the session is unchanged"
            )
        await self._client._sessions.aset(session, "signed_in")
        return SessionInfo.of(session)

    async def verify_email(self, code: str, **options: Unpack[CallOptions]) -> models.Detail:
        """Confirm the email address with the six-digit code from the verification email.

        Raises:
            InvalidRequestError: not six digits (nothing is sent).
            BadRequestError: the code is wrong or expired.
            AuthenticationError: not signed in.
        """
        check_text(code=code)
        if not VERIFICATION_CODE.fullmatch(code):
            # Not sent: the server would refuse it, and the code named is never echoed.
            raise InvalidRequestError("code must be the six digits from the verification email")
        response = await _call(
            self._client,
            ops.VERIFY_EMAIL,
            body=lambda _: models.VerifyEmailRequest(verification_code=code),
            options=options,
        )
        return parse(ops.VERIFY_EMAIL, models.Detail, response)

    async def refresh(self, **options: Unpack[CallOptions]) -> SessionInfo:
        """Refresh the session now. Calls refresh by themselves when needed; this is rarely
        required. The options reach the refresh request unless one is already under way.

        Returns the refreshed session's public view, as `signin` does.

        Raises:
            SessionExpiredError: the session is over (it is cleared).
        """
        checked(options)  # a refresh under way is shared: a bad option must not fail it
        if not self._client._sessions.loaded:
            await self._client._sessions.areload()
        current = self._client._sessions.current
        if current is None:
            await refresh_session(self._client, options)  # the server says what is wrong
        else:
            await self._client._auth.refresh(current, options=options)
        return self._client.session

    async def logout(self, **options: Unpack[CallOptions]) -> None:
        """Sign out. The local session is cleared at once, even when the server cannot be
        reached; the server is then asked to revoke the session. Never raises for the server's
        sake (a bad option raises InvalidRequestError first, signed in still)."""
        checked(options)
        # Local first: from here on no call can use the session, and a refresh still in flight
        # loses its compare-and-set. The server is told after, best effort.
        if not self._client._sessions.loaded:
            await self._client._sessions.areload()
        old = self._client._sessions.current
        if old is not None:
            await self._client._sessions.aset(None, "signed_out")
        if isinstance(old, OAuthSession):
            return  # an app's tokens are not the cookie session's: /auth/logout/ cannot end them
        try:
            token = old.refresh_token if old else None
            await _call(self._client, ops.LOGOUT, refresh_token=token, options=options)
        except RememberizerError as exc:
            logger.warning("signed out locally; the server was not told: %s", exc.message)


class AsyncAccountResourceWithRawResponse:
    """`account.with_raw_response`: its methods, each returning a RawResponse."""

    def __init__(self, account: AsyncAccountResource) -> None:
        self.get = to_raw_response(account.get)
        self.me = to_raw_response(account.me)


class AsyncAccountResource(AsyncResource["AsyncRememberizer"]):
    """`client.account`: the signed-in user's account and profile."""

    with_raw_response = WithRawResponse(AsyncAccountResourceWithRawResponse)

    async def get(self, **options: Unpack[CallOptions]) -> models.Account:
        """The account: id, email and name.

        Raises:
            AuthenticationError: not signed in, or the session was refused after a refresh.
            SessionExpiredError: the session is over.
        """
        return await _get(self._client, ops.GET_ACCOUNT, models.Account, options=options)

    async def me(self, **options: Unpack[CallOptions]) -> models.Profile:
        """The extended profile: onboarding, team, quota, usage and email verification.

        Raises:
            AuthenticationError, SessionExpiredError: as for `get`.
        """
        return await _get(self._client, ops.GET_ME, models.Profile, options=options)


class AsyncVectorStoresResourceWithRawResponse:
    """`vector_stores.with_raw_response`: its methods, each returning a RawResponse."""

    def __init__(self, vector_stores: AsyncVectorStoresResource) -> None:
        self.create = to_raw_response(vector_stores.create)
        self.configs = to_raw_response(vector_stores.configs)


class AsyncVectorStoresResource(AsyncResource["AsyncRememberizer"]):
    """`client.vector_stores`: create vector stores (management operations, with the user's
    session; a store's own documents are reached with its key through VectorStore)."""

    with_raw_response = WithRawResponse(AsyncVectorStoresResourceWithRawResponse)

    async def create(
        self,
        name: str,
        *,
        description: str | None = None,
        embedding_model: str | None = None,
        indexing_algorithm: str | None = None,
        vector_dimension: int | None = None,
        search_metric: str | None = None,
        **options: Unpack[CallOptions],
    ) -> models.VectorStoreCreated:
        """A new vector store called `name`; the options not given are left to the server
        (`configs()` lists the values it takes)."""
        check_text(min_length=1, name=name)
        texts = {
            "description": description,
            "embedding_model": embedding_model,
            "indexing_algorithm": indexing_algorithm,
            "search_metric": search_metric,
        }
        for key, value in texts.items():
            if value is not None:
                check_text(0, **{key: value})
        if vector_dimension is not None and (
            isinstance(vector_dimension, bool)
            or not isinstance(vector_dimension, int)
            or vector_dimension < 1
        ):
            raise InvalidRequestError("vector_dimension must be a positive whole number")
        request = models.VectorStoreCreate(
            name=name,
            **{key: UNSET if value is None else value for key, value in texts.items()},
            vector_dimension=UNSET if vector_dimension is None else vector_dimension,
        )
        op = ops.CREATE_VECTOR_STORE
        response = await _call(self._client, op, body=lambda _: request, options=options)
        return parse(op, models.VectorStoreCreated, response)

    async def configs(self, **options: Unpack[CallOptions]) -> models.VectorStoreConfigs:
        """The embedding models, indexing algorithms and search metrics a new store may use."""
        op = ops.GET_VECTOR_STORE_CONFIGS
        return await _get(self._client, op, models.VectorStoreConfigs, options=options)
