from typing import Literal

GetDiscussionContentsIntegrationType = Literal["discord", "slack"]

GET_DISCUSSION_CONTENTS_INTEGRATION_TYPE_VALUES: set[
    GetDiscussionContentsIntegrationType
] = {
    "discord",
    "slack",
}


def check_get_discussion_contents_integration_type(
    value: str,
) -> GetDiscussionContentsIntegrationType:
    if value in GET_DISCUSSION_CONTENTS_INTEGRATION_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GET_DISCUSSION_CONTENTS_INTEGRATION_TYPE_VALUES!r}"
    )
