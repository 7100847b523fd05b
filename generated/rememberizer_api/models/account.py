from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Account")


@_attrs_define
class Account:
    """The account of the credentials.

    Attributes:
        id (int | str): An integer in the GPT-action spec; the current docs write "user_id".
        email (str):
        name (str):
        datasource_description (str | Unset): What the API key's data holds; Rememberizer's MCP server reads it with a
            key.
    """

    id: int | str
    email: str
    name: str
    datasource_description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | str
        id = self.id

        email = self.email

        name = self.name

        datasource_description = self.datasource_description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "name": name,
            }
        )
        if datasource_description is not UNSET:
            field_dict["datasource_description"] = datasource_description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))

        email = d.pop("email")

        name = d.pop("name")

        datasource_description = d.pop("datasource_description", UNSET)

        account = cls(
            id=id,
            email=email,
            name=name,
            datasource_description=datasource_description,
        )

        account.additional_properties = d
        return account

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
