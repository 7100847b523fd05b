from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.team_membership import TeamMembership


T = TypeVar("T", bound="Profile")


@_attrs_define
class Profile:
    """The signed-in user's extended profile.

    Attributes:
        id (int | str): The docs' example writes "username".
        email (str):
        name (str):
        user_onboarding_status (int):
        dev_onboarding_status (int):
        company_name (str):
        website (str):
        bio (str):
        team (list[TeamMembership]):
        embed_quota (int):
        current_usage (int):
        email_verified (bool):
    """

    id: int | str
    email: str
    name: str
    user_onboarding_status: int
    dev_onboarding_status: int
    company_name: str
    website: str
    bio: str
    team: list[TeamMembership]
    embed_quota: int
    current_usage: int
    email_verified: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: int | str
        id = self.id

        email = self.email

        name = self.name

        user_onboarding_status = self.user_onboarding_status

        dev_onboarding_status = self.dev_onboarding_status

        company_name = self.company_name

        website = self.website

        bio = self.bio

        team = []
        for team_item_data in self.team:
            team_item = team_item_data.to_dict()
            team.append(team_item)

        embed_quota = self.embed_quota

        current_usage = self.current_usage

        email_verified = self.email_verified

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "name": name,
                "user_onboarding_status": user_onboarding_status,
                "dev_onboarding_status": dev_onboarding_status,
                "company_name": company_name,
                "website": website,
                "bio": bio,
                "team": team,
                "embed_quota": embed_quota,
                "current_usage": current_usage,
                "email_verified": email_verified,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.team_membership import TeamMembership

        d = dict(src_dict)

        def _parse_id(data: object) -> int | str:
            return cast(int | str, data)

        id = _parse_id(d.pop("id"))

        email = d.pop("email")

        name = d.pop("name")

        user_onboarding_status = d.pop("user_onboarding_status")

        dev_onboarding_status = d.pop("dev_onboarding_status")

        company_name = d.pop("company_name")

        website = d.pop("website")

        bio = d.pop("bio")

        team = []
        _team = d.pop("team")
        for team_item_data in _team:
            team_item = TeamMembership.from_dict(team_item_data)

            team.append(team_item)

        embed_quota = d.pop("embed_quota")

        current_usage = d.pop("current_usage")

        email_verified = d.pop("email_verified")

        profile = cls(
            id=id,
            email=email,
            name=name,
            user_onboarding_status=user_onboarding_status,
            dev_onboarding_status=dev_onboarding_status,
            company_name=company_name,
            website=website,
            bio=bio,
            team=team,
            embed_quota=embed_quota,
            current_usage=current_usage,
            email_verified=email_verified,
        )

        profile.additional_properties = d
        return profile

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
