from typing import Literal, cast

GetDiscussionContentsIntegrationType = Literal["discord", "slack"]

GET_DISCUSSION_CONTENTS_INTEGRATION_TYPE_DISCORD: GetDiscussionContentsIntegrationType = "discord"
GET_DISCUSSION_CONTENTS_INTEGRATION_TYPE_SLACK: GetDiscussionContentsIntegrationType = (
    "slack"
)

GET_DISCUSSION_CONTENTS_INTEGRATION_TYPE_VALUES: set[
    GetDiscussionContentsIntegrationType
] = {
    "discord",
    "slack",
}


def check_get_discussion_contents_integration_type(
    value: str,
) -> GetDiscussionContentsIntegrationType:
    """`value` as it came: one of the known values, or a newer one the server sent, kept."""
    return cast(GetDiscussionContentsIntegrationType, value)
