from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VectorStoreSearchDocument")


@_attrs_define
class VectorStoreSearchDocument:
    """The document a vector-store match is from; it carries no `status`.

    Attributes:
        id (int):
        name (str):
        type_ (str | Unset):
        size (int | Unset):
        indexed_on (datetime.datetime | None | Unset):
        vector_store (str | Unset):
        created (datetime.datetime | Unset):
        modified (datetime.datetime | Unset):
    """

    id: int
    name: str
    type_: str | Unset = UNSET
    size: int | Unset = UNSET
    indexed_on: datetime.datetime | None | Unset = UNSET
    vector_store: str | Unset = UNSET
    created: datetime.datetime | Unset = UNSET
    modified: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_

        size = self.size

        indexed_on: None | str | Unset
        if isinstance(self.indexed_on, Unset):
            indexed_on = UNSET
        elif isinstance(self.indexed_on, datetime.datetime):
            indexed_on = self.indexed_on.isoformat()
        else:
            indexed_on = self.indexed_on

        vector_store = self.vector_store

        created: str | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = self.created.isoformat()

        modified: str | Unset = UNSET
        if not isinstance(self.modified, Unset):
            modified = self.modified.isoformat()

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
        if indexed_on is not UNSET:
            field_dict["indexed_on"] = indexed_on
        if vector_store is not UNSET:
            field_dict["vector_store"] = vector_store
        if created is not UNSET:
            field_dict["created"] = created
        if modified is not UNSET:
            field_dict["modified"] = modified

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = d.pop("type", UNSET)

        size = d.pop("size", UNSET)

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

        vector_store = d.pop("vector_store", UNSET)

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

        vector_store_search_document = cls(
            id=id,
            name=name,
            type_=type_,
            size=size,
            indexed_on=indexed_on,
            vector_store=vector_store,
            created=created,
            modified=modified,
        )

        vector_store_search_document.additional_properties = d
        return vector_store_search_document

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
