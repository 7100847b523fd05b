from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.vector_store_document_status import (
    VectorStoreDocumentStatus,
    check_vector_store_document_status,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="VectorStoreDocument")


@_attrs_define
class VectorStoreDocument:
    """A document in a vector store.

    Attributes:
        id (int):
        name (str):
        type_ (str): The media type of the content.
        size (int): The content's size in bytes.
        status (VectorStoreDocumentStatus): Where indexing is: `processing` (just stored, being indexed), then
            `indexed`; `done`
            and `error` appear on the upload page. A value not listed here is kept as it came.
        created (datetime.datetime):
        modified (datetime.datetime):
        vector_store (str | Unset): The id of the store the document is in.
        processing_status (str | Unset): A finer step of the processing, such as `queued` or `completed`.
        indexed_on (datetime.datetime | None | Unset): When indexing finished; null until then.
        status_error_message (None | str | Unset): Why indexing failed, when it did.
    """

    id: int
    name: str
    type_: str
    size: int
    status: VectorStoreDocumentStatus
    created: datetime.datetime
    modified: datetime.datetime
    vector_store: str | Unset = UNSET
    processing_status: str | Unset = UNSET
    indexed_on: datetime.datetime | None | Unset = UNSET
    status_error_message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_

        size = self.size

        status: str = self.status

        created = self.created.isoformat()

        modified = self.modified.isoformat()

        vector_store = self.vector_store

        processing_status = self.processing_status

        indexed_on: None | str | Unset
        if isinstance(self.indexed_on, Unset):
            indexed_on = UNSET
        elif isinstance(self.indexed_on, datetime.datetime):
            indexed_on = self.indexed_on.isoformat()
        else:
            indexed_on = self.indexed_on

        status_error_message: None | str | Unset
        if isinstance(self.status_error_message, Unset):
            status_error_message = UNSET
        else:
            status_error_message = self.status_error_message

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
        if vector_store is not UNSET:
            field_dict["vector_store"] = vector_store
        if processing_status is not UNSET:
            field_dict["processing_status"] = processing_status
        if indexed_on is not UNSET:
            field_dict["indexed_on"] = indexed_on
        if status_error_message is not UNSET:
            field_dict["status_error_message"] = status_error_message

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

        vector_store = d.pop("vector_store", UNSET)

        processing_status = d.pop("processing_status", UNSET)

        def _parse_indexed_on(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                indexed_on_type_0 = datetime.datetime.fromisoformat(data)

                return indexed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        indexed_on = _parse_indexed_on(d.pop("indexed_on", UNSET))

        def _parse_status_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_error_message = _parse_status_error_message(
            d.pop("status_error_message", UNSET)
        )

        vector_store_document = cls(
            id=id,
            name=name,
            type_=type_,
            size=size,
            status=status,
            created=created,
            modified=modified,
            vector_store=vector_store,
            processing_status=processing_status,
            indexed_on=indexed_on,
            status_error_message=status_error_message,
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
