from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.o_auth_consent_decision import (
    OAuthConsentDecision,
    check_o_auth_consent_decision,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthConsent")


@_attrs_define
class OAuthConsent:
    """The consent page's answer.

    Attributes:
        consent (str): The pending request the page was shown for; it also guards against cross-site posts.
        decision (OAuthConsentDecision | Unset):
        memento (list[int] | Unset): The ids of the mementos the app may use; repeat the field for each.
    """

    consent: str
    decision: OAuthConsentDecision | Unset = UNSET
    memento: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        consent = self.consent

        decision: str | Unset = UNSET
        if not isinstance(self.decision, Unset):
            decision = self.decision

        memento: list[int] | Unset = UNSET
        if not isinstance(self.memento, Unset):
            memento = self.memento

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "consent": consent,
            }
        )
        if decision is not UNSET:
            field_dict["decision"] = decision
        if memento is not UNSET:
            field_dict["memento"] = memento

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        consent = d.pop("consent")

        _decision = d.pop("decision", UNSET)
        decision: OAuthConsentDecision | Unset
        if isinstance(_decision, Unset):
            decision = UNSET
        else:
            decision = check_o_auth_consent_decision(_decision)

        memento = cast(list[int], d.pop("memento", UNSET))

        o_auth_consent = cls(
            consent=consent,
            decision=decision,
            memento=memento,
        )

        o_auth_consent.additional_properties = d
        return o_auth_consent

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
