from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Memento")


@_attrs_define
class Memento:
    """A named selection of documents and folders.

    Attributes:
        id (int):
        name (str):
        created (datetime.datetime):
        modified (datetime.datetime):
        documents (list[int]): The ids of the documents added one by one.
        folders (list[str]): The folder paths added whole.
    """

    id: int
    name: str
    created: datetime.datetime
    modified: datetime.datetime
    documents: list[int]
    folders: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        created = self.created.isoformat()

        modified = self.modified.isoformat()

        documents = self.documents

        folders = self.folders

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "created": created,
                "modified": modified,
                "documents": documents,
                "folders": folders,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        created = datetime.datetime.fromisoformat(d.pop("created"))

        modified = datetime.datetime.fromisoformat(d.pop("modified"))

        documents = cast(list[int], d.pop("documents"))

        folders = cast(list[str], d.pop("folders"))

        memento = cls(
            id=id,
            name=name,
            created=created,
            modified=modified,
            documents=documents,
            folders=folders,
        )

        memento.additional_properties = d
        return memento

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
