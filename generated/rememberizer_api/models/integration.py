from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

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
    """

    id: int
    integration_type: str
    integration_step: str
    source: str
    document_stats: DocumentStats
    document_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        integration_type = self.integration_type

        integration_step = self.integration_step

        source = self.source

        document_stats = self.document_stats.to_dict()

        document_type = self.document_type

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

        integration = cls(
            id=id,
            integration_type=integration_type,
            integration_step=integration_step,
            source=source,
            document_stats=document_stats,
            document_type=document_type,
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
