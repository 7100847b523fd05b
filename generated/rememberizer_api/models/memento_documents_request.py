from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MementoDocumentsRequest")


@_attrs_define
class MementoDocumentsRequest:
    """Changes to a memento's documents, each by id.

    Attributes:
        memento (int | str | Unset): The memento's id, the same as in the path.
        add (list[int | str] | Unset):
        folder_add (list[str] | Unset): Folder ids.
        remove (list[int | str] | Unset):
    """

    memento: int | str | Unset = UNSET
    add: list[int | str] | Unset = UNSET
    folder_add: list[str] | Unset = UNSET
    remove: list[int | str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        memento: int | str | Unset
        if isinstance(self.memento, Unset):
            memento = UNSET
        else:
            memento = self.memento

        add: list[int | str] | Unset = UNSET
        if not isinstance(self.add, Unset):
            add = []
            for add_item_data in self.add:
                add_item: int | str
                add_item = add_item_data
                add.append(add_item)

        folder_add: list[str] | Unset = UNSET
        if not isinstance(self.folder_add, Unset):
            folder_add = self.folder_add

        remove: list[int | str] | Unset = UNSET
        if not isinstance(self.remove, Unset):
            remove = []
            for remove_item_data in self.remove:
                remove_item: int | str
                remove_item = remove_item_data
                remove.append(remove_item)

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

        def _parse_memento(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        memento = _parse_memento(d.pop("memento", UNSET))

        _add = d.pop("add", UNSET)
        add: list[int | str] | Unset = UNSET
        if _add is not UNSET:
            add = []
            for add_item_data in _add:

                def _parse_add_item(data: object) -> int | str:
                    return cast(int | str, data)

                add_item = _parse_add_item(add_item_data)

                add.append(add_item)

        folder_add = cast(list[str], d.pop("folder_add", UNSET))

        _remove = d.pop("remove", UNSET)
        remove: list[int | str] | Unset = UNSET
        if _remove is not UNSET:
            remove = []
            for remove_item_data in _remove:

                def _parse_remove_item(data: object) -> int | str:
                    return cast(int | str, data)

                remove_item = _parse_remove_item(remove_item_data)

                remove.append(remove_item)

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
