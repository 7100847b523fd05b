from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.vector_store_match import VectorStoreMatch
    from ..models.vector_store_ref import VectorStoreRef


T = TypeVar("T", bound="VectorStoreSearchResult")


@_attrs_define
class VectorStoreSearchResult:
    """The chunks that matched a search, closest first.

    Attributes:
        vector_store (VectorStoreRef): The vector store a search ran in.
        matched_chunks (list[VectorStoreMatch]):
    """

    vector_store: VectorStoreRef
    matched_chunks: list[VectorStoreMatch]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vector_store = self.vector_store.to_dict()

        matched_chunks = []
        for matched_chunks_item_data in self.matched_chunks:
            matched_chunks_item = matched_chunks_item_data.to_dict()
            matched_chunks.append(matched_chunks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "vector_store": vector_store,
                "matched_chunks": matched_chunks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.vector_store_match import VectorStoreMatch
        from ..models.vector_store_ref import VectorStoreRef

        d = dict(src_dict)
        vector_store = VectorStoreRef.from_dict(d.pop("vector_store"))

        matched_chunks = []
        _matched_chunks = d.pop("matched_chunks")
        for matched_chunks_item_data in _matched_chunks:
            matched_chunks_item = VectorStoreMatch.from_dict(matched_chunks_item_data)

            matched_chunks.append(matched_chunks_item)

        vector_store_search_result = cls(
            vector_store=vector_store,
            matched_chunks=matched_chunks,
        )

        vector_store_search_result.additional_properties = d
        return vector_store_search_result

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
