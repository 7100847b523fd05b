from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Document")


@_attrs_define
class Document:
    """A document's metadata, as the documents list gives it.

    Attributes:
        id (int): The integer id that contents and mementos use.
        document_id (str): The document's UUID.
        name (str):
        type_ (str): The kind of document, such as a MIME type or `channel`.
        integration_type (str):
        path (str | Unset):
        url (str | Unset):
        source (str | Unset):
        status (str | Unset): Where indexing stands, such as `indexed`.
        indexed_on (datetime.datetime | Unset):
        size (int | Unset): The size in bytes.
    """

    id: int
    document_id: str
    name: str
    type_: str
    integration_type: str
    path: str | Unset = UNSET
    url: str | Unset = UNSET
    source: str | Unset = UNSET
    status: str | Unset = UNSET
    indexed_on: datetime.datetime | Unset = UNSET
    size: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        document_id = self.document_id

        name = self.name

        type_ = self.type_

        integration_type = self.integration_type

        path = self.path

        url = self.url

        source = self.source

        status = self.status

        indexed_on: str | Unset = UNSET
        if not isinstance(self.indexed_on, Unset):
            indexed_on = self.indexed_on.isoformat()

        size = self.size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "document_id": document_id,
                "name": name,
                "type": type_,
                "integration_type": integration_type,
            }
        )
        if path is not UNSET:
            field_dict["path"] = path
        if url is not UNSET:
            field_dict["url"] = url
        if source is not UNSET:
            field_dict["source"] = source
        if status is not UNSET:
            field_dict["status"] = status
        if indexed_on is not UNSET:
            field_dict["indexed_on"] = indexed_on
        if size is not UNSET:
            field_dict["size"] = size

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        document_id = d.pop("document_id")

        name = d.pop("name")

        type_ = d.pop("type")

        integration_type = d.pop("integration_type")

        path = d.pop("path", UNSET)

        url = d.pop("url", UNSET)

        source = d.pop("source", UNSET)

        status = d.pop("status", UNSET)

        _indexed_on = d.pop("indexed_on", UNSET)
        indexed_on: datetime.datetime | Unset
        if isinstance(_indexed_on, Unset):
            indexed_on = UNSET
        else:
            indexed_on = datetime.datetime.fromisoformat(_indexed_on)

        size = d.pop("size", UNSET)

        document = cls(
            id=id,
            document_id=document_id,
            name=name,
            type_=type_,
            integration_type=integration_type,
            path=path,
            url=url,
            source=source,
            status=status,
            indexed_on=indexed_on,
            size=size,
        )

        document.additional_properties = d
        return document

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
