from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.search_integration import SearchIntegration


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
        size (int | str | Unset): The size in bytes; an integer in the current docs, a string in the GPT-action spec.
        created_time (datetime.datetime | Unset):
        modified_time (datetime.datetime | Unset):
        indexed_on (datetime.datetime | None | Unset):
        integration (SearchIntegration | Unset): The integration a searched document came from, as search gives it.
    """

    id: int
    document_id: str
    name: str
    type_: str | Unset = UNSET
    path: str | Unset = UNSET
    url: str | Unset = UNSET
    size: int | str | Unset = UNSET
    created_time: datetime.datetime | Unset = UNSET
    modified_time: datetime.datetime | Unset = UNSET
    indexed_on: datetime.datetime | None | Unset = UNSET
    integration: SearchIntegration | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        document_id = self.document_id

        name = self.name

        type_ = self.type_

        path = self.path

        url = self.url

        size: int | str | Unset
        if isinstance(self.size, Unset):
            size = UNSET
        else:
            size = self.size

        created_time: str | Unset = UNSET
        if not isinstance(self.created_time, Unset):
            created_time = self.created_time.isoformat()

        modified_time: str | Unset = UNSET
        if not isinstance(self.modified_time, Unset):
            modified_time = self.modified_time.isoformat()

        indexed_on: None | str | Unset
        if isinstance(self.indexed_on, Unset):
            indexed_on = UNSET
        elif isinstance(self.indexed_on, datetime.datetime):
            indexed_on = self.indexed_on.isoformat()
        else:
            indexed_on = self.indexed_on

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
        if indexed_on is not UNSET:
            field_dict["indexed_on"] = indexed_on
        if integration is not UNSET:
            field_dict["integration"] = integration

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.search_integration import SearchIntegration

        d = dict(src_dict)
        id = d.pop("id")

        document_id = d.pop("document_id")

        name = d.pop("name")

        type_ = d.pop("type", UNSET)

        path = d.pop("path", UNSET)

        url = d.pop("url", UNSET)

        def _parse_size(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        size = _parse_size(d.pop("size", UNSET))

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

        _integration = d.pop("integration", UNSET)
        integration: SearchIntegration | Unset
        if isinstance(_integration, Unset):
            integration = UNSET
        else:
            integration = SearchIntegration.from_dict(_integration)

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
            indexed_on=indexed_on,
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
