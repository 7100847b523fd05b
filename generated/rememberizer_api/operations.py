"""What each operation of the spec is, for the facade and its auth flow.

Written by scripts/regenerate from spec/rememberizer_openapi.yml; do not edit. The facade
reads paths, credentials, captcha actions, idempotency and success statuses from here, so
that none of them is a literal in rememberizer/.
"""

from typing import NamedTuple


class OperationInfo(NamedTuple):
    """One operation of the spec."""

    operation_id: str
    module: str
    """The generated module under rememberizer_api.api, e.g. "auth.signup"."""
    method: str
    path: str
    success: frozenset[int]
    """The 2xx statuses the spec documents."""
    security: tuple[frozenset[str], ...]
    """The alternatives of security scheme names; () sends no credentials."""
    captcha_action: str | None
    """x-rememberizer-captcha-action: the body's captcha is filled for this action."""
    idempotent: bool
    """x-rememberizer-idempotent, else by method: may it be replayed after the server saw it."""


SIGNUP = OperationInfo(
    operation_id='signup',
    module='auth.signup',
    method='POST',
    path='/auth/signup/',
    success=frozenset([201]),
    security=(),
    captcha_action='signup',
    idempotent=False,
)

SIGNIN = OperationInfo(
    operation_id='signin',
    module='auth.signin',
    method='POST',
    path='/auth/signin/',
    success=frozenset([204]),
    security=(),
    captcha_action='signin',
    idempotent=False,
)

VERIFY_EMAIL = OperationInfo(
    operation_id='verify_email',
    module='auth.verify_email',
    method='POST',
    path='/auth/verify-email/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=False,
)

REFRESH = OperationInfo(
    operation_id='refresh',
    module='auth.refresh',
    method='POST',
    path='/auth/custom-refresh/',
    success=frozenset([204]),
    security=(frozenset(['refreshCookie']), ),
    captcha_action=None,
    idempotent=False,
)

LOGOUT = OperationInfo(
    operation_id='logout',
    module='auth.logout',
    method='POST',
    path='/auth/custom-logout/',
    success=frozenset([204]),
    security=(frozenset(['refreshCookie']), ),
    captcha_action=None,
    idempotent=False,
)

GET_ACCOUNT = OperationInfo(
    operation_id='get_account',
    module='account.get_account',
    method='GET',
    path='/account/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=True,
)

GET_ME = OperationInfo(
    operation_id='get_me',
    module='account.get_me',
    method='GET',
    path='/me/',
    success=frozenset([200]),
    security=(frozenset(['bearerAuth']), frozenset(['accessCookie']), ),
    captcha_action=None,
    idempotent=True,
)

OPERATIONS: dict[str, OperationInfo] = {
    SIGNUP.operation_id: SIGNUP,
    SIGNIN.operation_id: SIGNIN,
    VERIFY_EMAIL.operation_id: VERIFY_EMAIL,
    REFRESH.operation_id: REFRESH,
    LOGOUT.operation_id: LOGOUT,
    GET_ACCOUNT.operation_id: GET_ACCOUNT,
    GET_ME.operation_id: GET_ME,
}
BY_ROUTE: dict[tuple[str, str], OperationInfo] = {
    (SIGNUP.method, SIGNUP.path): SIGNUP,
    (SIGNIN.method, SIGNIN.path): SIGNIN,
    (VERIFY_EMAIL.method, VERIFY_EMAIL.path): VERIFY_EMAIL,
    (REFRESH.method, REFRESH.path): REFRESH,
    (LOGOUT.method, LOGOUT.path): LOGOUT,
    (GET_ACCOUNT.method, GET_ACCOUNT.path): GET_ACCOUNT,
    (GET_ME.method, GET_ME.path): GET_ME,
}
