from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MemorizeResult")


@_attrs_define
class MemorizeResult:
    """What memorize answers: nothing (201), or `{data, message, code}` (200). Every field is
    optional, so an empty answer reads as a MemorizeResult with none set.

        Attributes:
            data (list[Any] | Unset):
            message (str | Unset):
            code (str | Unset):
    """

    data: list[Any] | Unset = UNSET
    message: str | Unset = UNSET
    code: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: list[Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data

        message = self.message

        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data is not UNSET:
            field_dict["data"] = data
        if message is not UNSET:
            field_dict["message"] = message
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        data = cast(list[Any], d.pop("data", UNSET))

        message = d.pop("message", UNSET)

        code = d.pop("code", UNSET)

        memorize_result = cls(
            data=data,
            message=message,
            code=code,
        )

        memorize_result.additional_properties = d
        return memorize_result

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
