from typing import Literal, cast

IntegrationType = Literal[
    "common_knowledge", "dropbox", "gmail", "google_drive", "memorize", "slack"
]

INTEGRATION_TYPE_COMMON_KNOWLEDGE: IntegrationType = "common_knowledge"
INTEGRATION_TYPE_DROPBOX: IntegrationType = "dropbox"
INTEGRATION_TYPE_GMAIL: IntegrationType = "gmail"
INTEGRATION_TYPE_GOOGLE_DRIVE: IntegrationType = "google_drive"
INTEGRATION_TYPE_MEMORIZE: IntegrationType = "memorize"
INTEGRATION_TYPE_SLACK: IntegrationType = "slack"

INTEGRATION_TYPE_VALUES: set[IntegrationType] = {
    "common_knowledge",
    "dropbox",
    "gmail",
    "google_drive",
    "memorize",
    "slack",
}


def check_integration_type(value: str) -> IntegrationType:
    """`value` as it came: one of the known values, or a newer one the server sent, kept."""
    return cast(IntegrationType, value)
