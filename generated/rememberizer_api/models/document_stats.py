from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.document_status_counts import DocumentStatusCounts


T = TypeVar("T", bound="DocumentStats")


@_attrs_define
class DocumentStats:
    """A data source's document counts and total size in bytes.

    Attributes:
        status (DocumentStatusCounts): How many of a source's documents are indexed, being indexed, or failed.
        total_size (int):
        document_count (int):
    """

    status: DocumentStatusCounts
    total_size: int
    document_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.to_dict()

        total_size = self.total_size

        document_count = self.document_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "total_size": total_size,
                "document_count": document_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.document_status_counts import DocumentStatusCounts

        d = dict(src_dict)
        status = DocumentStatusCounts.from_dict(d.pop("status"))

        total_size = d.pop("total_size")

        document_count = d.pop("document_count")

        document_stats = cls(
            status=status,
            total_size=total_size,
            document_count=document_count,
        )

        document_stats.additional_properties = d
        return document_stats

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
