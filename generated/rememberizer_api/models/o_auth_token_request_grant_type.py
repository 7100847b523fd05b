from typing import Literal, cast

OAuthTokenRequestGrantType = Literal["authorization_code", "refresh_token"]

O_AUTH_TOKEN_REQUEST_GRANT_TYPE_AUTHORIZATION_CODE: OAuthTokenRequestGrantType = (
    "authorization_code"
)
O_AUTH_TOKEN_REQUEST_GRANT_TYPE_REFRESH_TOKEN: OAuthTokenRequestGrantType = (
    "refresh_token"
)

O_AUTH_TOKEN_REQUEST_GRANT_TYPE_VALUES: set[OAuthTokenRequestGrantType] = {
    "authorization_code",
    "refresh_token",
}


def check_o_auth_token_request_grant_type(value: str) -> OAuthTokenRequestGrantType:
    """`value` as it came: one of the known values, or a newer one the server sent, kept."""
    return cast(OAuthTokenRequestGrantType, value)
