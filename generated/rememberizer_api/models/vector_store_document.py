from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.vector_store_document_status import (
    VectorStoreDocumentStatus,
    check_vector_store_document_status,
)

T = TypeVar("T", bound="VectorStoreDocument")


@_attrs_define
class VectorStoreDocument:
    """A document in a vector store.

    Attributes:
        id (int):
        name (str):
        type_ (str): The media type of the content.
        size (int): The content's size in bytes.
        status (VectorStoreDocumentStatus): Where indexing is.
        created (datetime.datetime):
        modified (datetime.datetime):
    """

    id: int
    name: str
    type_: str
    size: int
    status: VectorStoreDocumentStatus
    created: datetime.datetime
    modified: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_

        size = self.size

        status: str = self.status

        created = self.created.isoformat()

        modified = self.modified.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
                "size": size,
                "status": status,
                "created": created,
                "modified": modified,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = d.pop("type")

        size = d.pop("size")

        status = check_vector_store_document_status(d.pop("status"))

        created = datetime.datetime.fromisoformat(d.pop("created"))

        modified = datetime.datetime.fromisoformat(d.pop("modified"))

        vector_store_document = cls(
            id=id,
            name=name,
            type_=type_,
            size=size,
            status=status,
            created=created,
            modified=modified,
        )

        vector_store_document.additional_properties = d
        return vector_store_document

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
