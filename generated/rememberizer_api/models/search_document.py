from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.integration import Integration


T = TypeVar("T", bound="SearchDocument")


@_attrs_define
class SearchDocument:
    """The document a matched chunk belongs to, with its integration.

    Attributes:
        id (int):
        document_id (str):
        name (str):
        type_ (str | Unset):
        path (str | Unset):
        url (str | Unset):
        size (str | Unset): The size in bytes, written as a string, as the published spec has it.
        created_time (datetime.datetime | Unset):
        modified_time (datetime.datetime | Unset):
        integration (Integration | Unset): A connected data source.
    """

    id: int
    document_id: str
    name: str
    type_: str | Unset = UNSET
    path: str | Unset = UNSET
    url: str | Unset = UNSET
    size: str | Unset = UNSET
    created_time: datetime.datetime | Unset = UNSET
    modified_time: datetime.datetime | Unset = UNSET
    integration: Integration | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        document_id = self.document_id

        name = self.name

        type_ = self.type_

        path = self.path

        url = self.url

        size = self.size

        created_time: str | Unset = UNSET
        if not isinstance(self.created_time, Unset):
            created_time = self.created_time.isoformat()

        modified_time: str | Unset = UNSET
        if not isinstance(self.modified_time, Unset):
            modified_time = self.modified_time.isoformat()

        integration: dict[str, Any] | Unset = UNSET
        if not isinstance(self.integration, Unset):
            integration = self.integration.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "document_id": document_id,
                "name": name,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if path is not UNSET:
            field_dict["path"] = path
        if url is not UNSET:
            field_dict["url"] = url
        if size is not UNSET:
            field_dict["size"] = size
        if created_time is not UNSET:
            field_dict["created_time"] = created_time
        if modified_time is not UNSET:
            field_dict["modified_time"] = modified_time
        if integration is not UNSET:
            field_dict["integration"] = integration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.integration import Integration

        d = dict(src_dict)
        id = d.pop("id")

        document_id = d.pop("document_id")

        name = d.pop("name")

        type_ = d.pop("type", UNSET)

        path = d.pop("path", UNSET)

        url = d.pop("url", UNSET)

        size = d.pop("size", UNSET)

        _created_time = d.pop("created_time", UNSET)
        created_time: datetime.datetime | Unset
        if isinstance(_created_time, Unset):
            created_time = UNSET
        else:
            created_time = datetime.datetime.fromisoformat(_created_time)

        _modified_time = d.pop("modified_time", UNSET)
        modified_time: datetime.datetime | Unset
        if isinstance(_modified_time, Unset):
            modified_time = UNSET
        else:
            modified_time = datetime.datetime.fromisoformat(_modified_time)

        _integration = d.pop("integration", UNSET)
        integration: Integration | Unset
        if isinstance(_integration, Unset):
            integration = UNSET
        else:
            integration = Integration.from_dict(_integration)

        search_document = cls(
            id=id,
            document_id=document_id,
            name=name,
            type_=type_,
            path=path,
            url=url,
            size=size,
            created_time=created_time,
            modified_time=modified_time,
            integration=integration,
        )

        search_document.additional_properties = d
        return search_document

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
