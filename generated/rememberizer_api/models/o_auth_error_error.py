from typing import Literal, cast

OAuthErrorError = Literal[
    "invalid_client",
    "invalid_grant",
    "invalid_request",
    "invalid_scope",
    "unauthorized_client",
    "unsupported_grant_type",
]

O_AUTH_ERROR_ERROR_INVALID_CLIENT: OAuthErrorError = "invalid_client"
O_AUTH_ERROR_ERROR_INVALID_GRANT: OAuthErrorError = "invalid_grant"
O_AUTH_ERROR_ERROR_INVALID_REQUEST: OAuthErrorError = "invalid_request"
O_AUTH_ERROR_ERROR_INVALID_SCOPE: OAuthErrorError = "invalid_scope"
O_AUTH_ERROR_ERROR_UNAUTHORIZED_CLIENT: OAuthErrorError = "unauthorized_client"
O_AUTH_ERROR_ERROR_UNSUPPORTED_GRANT_TYPE: OAuthErrorError = "unsupported_grant_type"

O_AUTH_ERROR_ERROR_VALUES: set[OAuthErrorError] = {
    "invalid_client",
    "invalid_grant",
    "invalid_request",
    "invalid_scope",
    "unauthorized_client",
    "unsupported_grant_type",
}


def check_o_auth_error_error(value: str) -> OAuthErrorError:
    """`value` as it came: one of the known values, or a newer one the server sent, kept."""
    return cast(OAuthErrorError, value)
