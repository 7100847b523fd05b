from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SharedKnowledge")


@_attrs_define
class SharedKnowledge:
    """Shared (common) knowledge the user subscribes to.

    Attributes:
        id (int):
        name (str):
        memento (int | None): The memento the shared knowledge was published from; null for "All" or "None".
        document_ids (list[int]):
        num_of_subscribers (int | Unset):
        publisher_name (str | Unset):
        published_by_me (bool | Unset):
        subscribed_by_me (bool | Unset):
        created (datetime.datetime | Unset):
        modified (datetime.datetime | Unset):
        image_url (str | Unset):
        description (str | Unset):
    """

    id: int
    name: str
    memento: int | None
    document_ids: list[int]
    num_of_subscribers: int | Unset = UNSET
    publisher_name: str | Unset = UNSET
    published_by_me: bool | Unset = UNSET
    subscribed_by_me: bool | Unset = UNSET
    created: datetime.datetime | Unset = UNSET
    modified: datetime.datetime | Unset = UNSET
    image_url: str | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        memento: int | None
        memento = self.memento

        document_ids = self.document_ids

        num_of_subscribers = self.num_of_subscribers

        publisher_name = self.publisher_name

        published_by_me = self.published_by_me

        subscribed_by_me = self.subscribed_by_me

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        modified: str | Unset = UNSET
        if not isinstance(self.modified, Unset):
            modified = self.modified.isoformat()

        image_url = self.image_url

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "memento": memento,
                "document_ids": document_ids,
            }
        )
        if num_of_subscribers is not UNSET:
            field_dict["num_of_subscribers"] = num_of_subscribers
        if publisher_name is not UNSET:
            field_dict["publisher_name"] = publisher_name
        if published_by_me is not UNSET:
            field_dict["published_by_me"] = published_by_me
        if subscribed_by_me is not UNSET:
            field_dict["subscribed_by_me"] = subscribed_by_me
        if created is not UNSET:
            field_dict["created"] = created
        if modified is not UNSET:
            field_dict["modified"] = modified
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        def _parse_memento(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        memento = _parse_memento(d.pop("memento"))

        document_ids = cast(list[int], d.pop("document_ids"))

        num_of_subscribers = d.pop("num_of_subscribers", UNSET)

        publisher_name = d.pop("publisher_name", UNSET)

        published_by_me = d.pop("published_by_me", UNSET)

        subscribed_by_me = d.pop("subscribed_by_me", UNSET)

        _created = d.pop("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, Unset):
            created = UNSET
        else:
            created = datetime.datetime.fromisoformat(_created)

        _modified = d.pop("modified", UNSET)
        modified: datetime.datetime | Unset
        if isinstance(_modified, Unset):
            modified = UNSET
        else:
            modified = datetime.datetime.fromisoformat(_modified)

        image_url = d.pop("image_url", UNSET)

        description = d.pop("description", UNSET)

        shared_knowledge = cls(
            id=id,
            name=name,
            memento=memento,
            document_ids=document_ids,
            num_of_subscribers=num_of_subscribers,
            publisher_name=publisher_name,
            published_by_me=published_by_me,
            subscribed_by_me=subscribed_by_me,
            created=created,
            modified=modified,
            image_url=image_url,
            description=description,
        )

        shared_knowledge.additional_properties = d
        return shared_knowledge

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
