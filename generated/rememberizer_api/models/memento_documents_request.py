from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MementoDocumentsRequest")


@_attrs_define
class MementoDocumentsRequest:
    """Changes to a memento's documents.

    Attributes:
        memento (int | Unset): The memento's id, the same as in the path.
        add (list[int] | Unset):
        folder_add (list[str] | Unset):
        remove (list[int] | Unset):
    """

    memento: int | Unset = UNSET
    add: list[int] | Unset = UNSET
    folder_add: list[str] | Unset = UNSET
    remove: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        memento = self.memento

        add: list[int] | Unset = UNSET
        if not isinstance(self.add, Unset):
            add = self.add

        folder_add: list[str] | Unset = UNSET
        if not isinstance(self.folder_add, Unset):
            folder_add = self.folder_add

        remove: list[int] | Unset = UNSET
        if not isinstance(self.remove, Unset):
            remove = self.remove

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if memento is not UNSET:
            field_dict["memento"] = memento
        if add is not UNSET:
            field_dict["add"] = add
        if folder_add is not UNSET:
            field_dict["folder_add"] = folder_add
        if remove is not UNSET:
            field_dict["remove"] = remove

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        memento = d.pop("memento", UNSET)

        add = cast(list[int], d.pop("add", UNSET))

        folder_add = cast(list[str], d.pop("folder_add", UNSET))

        remove = cast(list[int], d.pop("remove", UNSET))

        memento_documents_request = cls(
            memento=memento,
            add=add,
            folder_add=folder_add,
            remove=remove,
        )

        memento_documents_request.additional_properties = d
        return memento_documents_request

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
