from typing import Literal

OAuthConsentDecision = Literal["approve", "deny"]

O_AUTH_CONSENT_DECISION_VALUES: set[OAuthConsentDecision] = {
    "approve",
    "deny",
}


def check_o_auth_consent_decision(value: str) -> OAuthConsentDecision:
    if value in O_AUTH_CONSENT_DECISION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {O_AUTH_CONSENT_DECISION_VALUES!r}"
    )
