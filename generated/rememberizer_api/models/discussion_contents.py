from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.discussion_contents_thread_contents import (
        DiscussionContentsThreadContents,
    )


T = TypeVar("T", bound="DiscussionContents")


@_attrs_define
class DiscussionContents:
    """A discussion's messages, and its threads' replies.

    Attributes:
        discussion_content (str):
        thread_contents (DiscussionContentsThreadContents):
    """

    discussion_content: str
    thread_contents: DiscussionContentsThreadContents
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        discussion_content = self.discussion_content

        thread_contents = self.thread_contents.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "discussion_content": discussion_content,
                "thread_contents": thread_contents,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.discussion_contents_thread_contents import (
            DiscussionContentsThreadContents,
        )

        d = dict(src_dict)
        discussion_content = d.pop("discussion_content")

        thread_contents = DiscussionContentsThreadContents.from_dict(
            d.pop("thread_contents")
        )

        discussion_contents = cls(
            discussion_content=discussion_content,
            thread_contents=thread_contents,
        )

        discussion_contents.additional_properties = d
        return discussion_contents

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
