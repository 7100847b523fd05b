from typing import Literal

IntegrationType = Literal[
    "common_knowledge", "dropbox", "gmail", "google_drive", "memorize", "slack"
]

INTEGRATION_TYPE_VALUES: set[IntegrationType] = {
    "common_knowledge",
    "dropbox",
    "gmail",
    "google_drive",
    "memorize",
    "slack",
}


def check_integration_type(value: str) -> IntegrationType:
    if value in INTEGRATION_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {INTEGRATION_TYPE_VALUES!r}"
    )
