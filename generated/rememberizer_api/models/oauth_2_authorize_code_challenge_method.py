from typing import Literal, cast

Oauth2AuthorizeCodeChallengeMethod = Literal["S256"]

OAUTH_2_AUTHORIZE_CODE_CHALLENGE_METHOD_S256: Oauth2AuthorizeCodeChallengeMethod = (
    "S256"
)

OAUTH_2_AUTHORIZE_CODE_CHALLENGE_METHOD_VALUES: set[
    Oauth2AuthorizeCodeChallengeMethod
] = {
    "S256",
}


def check_oauth_2_authorize_code_challenge_method(
    value: str,
) -> Oauth2AuthorizeCodeChallengeMethod:
    """`value` as it came: one of the known values, or a newer one the server sent, kept."""
    return cast(Oauth2AuthorizeCodeChallengeMethod, value)
