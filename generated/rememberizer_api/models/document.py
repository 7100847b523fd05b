from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Document")


@_attrs_define
class Document:
    """A document's metadata, as the documents list gives it. Read its contents by `pk` when
    the answer has one (Rememberizer's MCP servers do), else by an integer `id`.

        Attributes:
            id (int | str): An integer in the GPT-action spec and the docs' example; the newest embedded schema types it as
                a string.
            document_id (str): The document's UUID.
            name (str):
            type_ (str): The kind of document, such as a MIME type or `channel`.
            integration_type (str):
            pk (int | Unset): The integer key that contents take.
            path (str | Unset):
            url (str | Unset):
            source (str | Unset):
            status (str | Unset): Where indexing stands, such as `indexed`.
            indexed_on (datetime.datetime | Unset):
            size (int | Unset): The size in bytes.
            status_error_message (None | str | Unset):
            created_time (datetime.datetime | None | Unset):
    """

    id: int | str
    document_id: str
    name: str
    type_: str
    integration_type: str
    pk: int | Unset = UNSET
    path: str | Unset = UNSET
    url: str | Unset = UNSET
    source: str | Unset = UNSET
    status: str | Unset = UNSET
    indexed_on: datetime.datetime | Unset = UNSET
    size: int | Unset = UNSET
    status_error_message: None | str | Unset = UNSET
    created_time: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | str
        id = self.id

        document_id = self.document_id

        name = self.name

        type_ = self.type_

        integration_type = self.integration_type

        pk = self.pk

        path = self.path

        url = self.url

        source = self.source

        status = self.status

        indexed_on: str | Unset = UNSET
        if not isinstance(self.indexed_on, Unset):
            indexed_on = self.indexed_on.isoformat()

        size = self.size

        status_error_message: None | str | Unset
        if isinstance(self.status_error_message, Unset):
            status_error_message = UNSET
        else:
            status_error_message = self.status_error_message

        created_time: None | str | Unset
        if isinstance(self.created_time, Unset):
            created_time = UNSET
        elif isinstance(self.created_time, datetime.datetime):
            created_time = self.created_time.isoformat()
        else:
            created_time = self.created_time

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
        if pk is not UNSET:
            field_dict["pk"] = pk
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
        if status_error_message is not UNSET:
            field_dict["status_error_message"] = status_error_message
        if created_time is not UNSET:
            field_dict["created_time"] = created_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))

        document_id = d.pop("document_id")

        name = d.pop("name")

        type_ = d.pop("type")

        integration_type = d.pop("integration_type")

        pk = d.pop("pk", UNSET)

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

        def _parse_status_error_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_error_message = _parse_status_error_message(
            d.pop("status_error_message", UNSET)
        )

        def _parse_created_time(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_time_type_0 = datetime.datetime.fromisoformat(data)

                return created_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_time = _parse_created_time(d.pop("created_time", UNSET))

        document = cls(
            id=id,
            document_id=document_id,
            name=name,
            type_=type_,
            integration_type=integration_type,
            pk=pk,
            path=path,
            url=url,
            source=source,
            status=status,
            indexed_on=indexed_on,
            size=size,
            status_error_message=status_error_message,
            created_time=created_time,
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
