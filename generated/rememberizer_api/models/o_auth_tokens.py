from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.o_auth_tokens_token_type import (
    OAuthTokensTokenType,
    check_o_auth_tokens_token_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthTokens")


@_attrs_define
class OAuthTokens:
    """Tokens for an app.

    Attributes:
        access_token (str): Send it as `Authorization: Bearer`.
        token_type (OAuthTokensTokenType):
        expires_in (int): Seconds until the access token expires.
        scope (str): The granted scopes, space-delimited.
        refresh_token (str | Unset): Present when the grant has the `offline_access` scope; it works once.
    """

    access_token: str
    token_type: OAuthTokensTokenType
    expires_in: int
    scope: str
    refresh_token: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        token_type: str = self.token_type

        expires_in = self.expires_in

        scope = self.scope

        refresh_token = self.refresh_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
                "token_type": token_type,
                "expires_in": expires_in,
                "scope": scope,
            }
        )
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        access_token = d.pop("access_token")

        token_type = check_o_auth_tokens_token_type(d.pop("token_type"))

        expires_in = d.pop("expires_in")

        scope = d.pop("scope")

        refresh_token = d.pop("refresh_token", UNSET)

        o_auth_tokens = cls(
            access_token=access_token,
            token_type=token_type,
            expires_in=expires_in,
            scope=scope,
            refresh_token=refresh_token,
        )

        o_auth_tokens.additional_properties = d
        return o_auth_tokens

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
