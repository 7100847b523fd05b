from typing import Literal

OAuthTokensTokenType = Literal["Bearer"]

O_AUTH_TOKENS_TOKEN_TYPE_VALUES: set[OAuthTokensTokenType] = {
    "Bearer",
}


def check_o_auth_tokens_token_type(value: str) -> OAuthTokensTokenType:
    if value in O_AUTH_TOKENS_TOKEN_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {O_AUTH_TOKENS_TOKEN_TYPE_VALUES!r}"
    )
