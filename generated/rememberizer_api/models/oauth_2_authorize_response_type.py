from typing import Literal, cast

Oauth2AuthorizeResponseType = Literal["code"]

OAUTH_2_AUTHORIZE_RESPONSE_TYPE_CODE: Oauth2AuthorizeResponseType = "code"

OAUTH_2_AUTHORIZE_RESPONSE_TYPE_VALUES: set[Oauth2AuthorizeResponseType] = {
    "code",
}


def check_oauth_2_authorize_response_type(value: str) -> Oauth2AuthorizeResponseType:
    """`value` as it came: one of the known values, or a newer one the server sent, kept."""
    return cast(Oauth2AuthorizeResponseType, value)
