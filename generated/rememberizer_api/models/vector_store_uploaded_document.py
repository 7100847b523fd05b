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
from ..types import UNSET, Unset

T = TypeVar("T", bound="VectorStoreUploadedDocument")


@_attrs_define
class VectorStoreUploadedDocument:
    """A file that was stored, and its document (being processed at first).

    Attributes:
        id (int):
        name (str):
        type_ (str | Unset):
        size (int | Unset):
        status (VectorStoreDocumentStatus | Unset): Where indexing is: `processing` (just stored, being indexed), then
            `indexed`; `done`
            and `error` appear on the upload page. A value not listed here is kept as it came.
        created (datetime.datetime | Unset):
        vector_store (str | Unset):
    """

    id: int
    name: str
    type_: str | Unset = UNSET
    size: int | Unset = UNSET
    status: VectorStoreDocumentStatus | Unset = UNSET
    created: datetime.datetime | Unset = UNSET
    vector_store: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_

        size = self.size

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        vector_store = self.vector_store

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if size is not UNSET:
            field_dict["size"] = size
        if status is not UNSET:
            field_dict["status"] = status
        if created is not UNSET:
            field_dict["created"] = created
        if vector_store is not UNSET:
            field_dict["vector_store"] = vector_store

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = d.pop("type", UNSET)

        size = d.pop("size", UNSET)

        _status = d.pop("status", UNSET)
        status: VectorStoreDocumentStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_vector_store_document_status(_status)

        _created = d.pop("created", UNSET)
        created: datetime.datetime | Unset
        if isinstance(_created, Unset):
            created = UNSET
        else:
            created = datetime.datetime.fromisoformat(_created)

        vector_store = d.pop("vector_store", UNSET)

        vector_store_uploaded_document = cls(
            id=id,
            name=name,
            type_=type_,
            size=size,
            status=status,
            created=created,
            vector_store=vector_store,
        )

        vector_store_uploaded_document.additional_properties = d
        return vector_store_uploaded_document

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
