from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.data_source import DataSource
    from ..models.matched_chunk import MatchedChunk


T = TypeVar("T", bound="SearchResult")


@_attrs_define
class SearchResult:
    """The answer to a search. The older published spec answered
    `{data: [{chunk_id, document, matched_content, distance}], message, code}`.

        Attributes:
            data_sources (list[DataSource]):
            matched_chunks (list[MatchedChunk]):
    """

    data_sources: list[DataSource]
    matched_chunks: list[MatchedChunk]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data_sources = []
        for data_sources_item_data in self.data_sources:
            data_sources_item = data_sources_item_data.to_dict()
            data_sources.append(data_sources_item)

        matched_chunks = []
        for matched_chunks_item_data in self.matched_chunks:
            matched_chunks_item = matched_chunks_item_data.to_dict()
            matched_chunks.append(matched_chunks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data_sources": data_sources,
                "matched_chunks": matched_chunks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.data_source import DataSource
        from ..models.matched_chunk import MatchedChunk

        d = dict(src_dict)
        data_sources = []
        _data_sources = d.pop("data_sources")
        for data_sources_item_data in _data_sources:
            data_sources_item = DataSource.from_dict(data_sources_item_data)

            data_sources.append(data_sources_item)

        matched_chunks = []
        _matched_chunks = d.pop("matched_chunks")
        for matched_chunks_item_data in _matched_chunks:
            matched_chunks_item = MatchedChunk.from_dict(matched_chunks_item_data)

            matched_chunks.append(matched_chunks_item)

        search_result = cls(
            data_sources=data_sources,
            matched_chunks=matched_chunks,
        )

        search_result.additional_properties = d
        return search_result

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
