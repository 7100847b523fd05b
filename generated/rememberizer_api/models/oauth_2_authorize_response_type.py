from typing import Literal

Oauth2AuthorizeResponseType = Literal["code"]

OAUTH_2_AUTHORIZE_RESPONSE_TYPE_VALUES: set[Oauth2AuthorizeResponseType] = {
    "code",
}


def check_oauth_2_authorize_response_type(value: str) -> Oauth2AuthorizeResponseType:
    if value in OAUTH_2_AUTHORIZE_RESPONSE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {OAUTH_2_AUTHORIZE_RESPONSE_TYPE_VALUES!r}"
    )
