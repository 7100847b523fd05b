from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.vector_store_search_document import VectorStoreSearchDocument


T = TypeVar("T", bound="VectorStoreMatch")


@_attrs_define
class VectorStoreMatch:
    """A chunk that matched, the document it is from and how far it is from the query.

    Attributes:
        document (VectorStoreSearchDocument): The document a vector-store match is from; it carries no `status`.
        matched_content (str): The chunk, with the neighbours `prev_chunks` and `next_chunks` asked for.
        distance (float): How far the chunk is from the query, in the store's metric (cosine, inner product or L2);
            smaller is closer.
    """

    document: VectorStoreSearchDocument
    matched_content: str
    distance: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        document = self.document.to_dict()

        matched_content = self.matched_content

        distance = self.distance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "document": document,
                "matched_content": matched_content,
                "distance": distance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.vector_store_search_document import VectorStoreSearchDocument

        d = dict(src_dict)
        document = VectorStoreSearchDocument.from_dict(d.pop("document"))

        matched_content = d.pop("matched_content")

        distance = d.pop("distance")

        vector_store_match = cls(
            document=document,
            matched_content=matched_content,
            distance=distance,
        )

        vector_store_match.additional_properties = d
        return vector_store_match

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
