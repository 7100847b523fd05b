from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_stats import DocumentStats


T = TypeVar("T", bound="Integration")


@_attrs_define
class Integration:
    """A connected data source.

    Attributes:
        id (int):
        integration_type (str): The kind of source, such as google_drive or slack.
        integration_step (str): How far the connection has progressed.
        source (str): The account at the source, such as an email address.
        document_stats (DocumentStats): A data source's document counts and total size in bytes.
        document_type (str | Unset):
        consent_time (None | str | Unset):
        memory_config (Any | Unset): Text in the embedded schema, null in the docs' example; kept as it comes.
        token_validity (bool | None | Unset):
    """

    id: int
    integration_type: str
    integration_step: str
    source: str
    document_stats: DocumentStats
    document_type: str | Unset = UNSET
    consent_time: None | str | Unset = UNSET
    memory_config: Any | Unset = UNSET
    token_validity: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        integration_type = self.integration_type

        integration_step = self.integration_step

        source = self.source

        document_stats = self.document_stats.to_dict()

        document_type = self.document_type

        consent_time: None | str | Unset
        if isinstance(self.consent_time, Unset):
            consent_time = UNSET
        else:
            consent_time = self.consent_time

        memory_config = self.memory_config

        token_validity: bool | None | Unset
        if isinstance(self.token_validity, Unset):
            token_validity = UNSET
        else:
            token_validity = self.token_validity

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "integration_type": integration_type,
                "integration_step": integration_step,
                "source": source,
                "document_stats": document_stats,
            }
        )
        if document_type is not UNSET:
            field_dict["document_type"] = document_type
        if consent_time is not UNSET:
            field_dict["consent_time"] = consent_time
        if memory_config is not UNSET:
            field_dict["memory_config"] = memory_config
        if token_validity is not UNSET:
            field_dict["token_validity"] = token_validity

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.document_stats import DocumentStats

        d = dict(src_dict)
        id = d.pop("id")

        integration_type = d.pop("integration_type")

        integration_step = d.pop("integration_step")

        source = d.pop("source")

        document_stats = DocumentStats.from_dict(d.pop("document_stats"))

        document_type = d.pop("document_type", UNSET)

        def _parse_consent_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        consent_time = _parse_consent_time(d.pop("consent_time", UNSET))

        memory_config = d.pop("memory_config", UNSET)

        def _parse_token_validity(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        token_validity = _parse_token_validity(d.pop("token_validity", UNSET))

        integration = cls(
            id=id,
            integration_type=integration_type,
            integration_step=integration_step,
            source=source,
            document_stats=document_stats,
            document_type=document_type,
            consent_time=consent_time,
            memory_config=memory_config,
            token_validity=token_validity,
        )

        integration.additional_properties = d
        return integration

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
