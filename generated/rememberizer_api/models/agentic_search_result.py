from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agentic_search_metadata import AgenticSearchMetadata
    from ..models.data_source import DataSource
    from ..models.matched_chunk import MatchedChunk


T = TypeVar("T", bound="AgenticSearchResult")


@_attrs_define
class AgenticSearchResult:
    """The answer to an agentic search: the chunks, the agent's `result` summary and
    `metadata`, or only a `message` when the agent could not complete. All are optional.

        Attributes:
            data_sources (list[DataSource] | Unset):
            matched_chunks (list[MatchedChunk] | Unset):
            result (str | Unset):
            metadata (AgenticSearchMetadata | Unset): How the agent searched.
            message (str | Unset):
    """

    data_sources: list[DataSource] | Unset = UNSET
    matched_chunks: list[MatchedChunk] | Unset = UNSET
    result: str | Unset = UNSET
    metadata: AgenticSearchMetadata | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data_sources: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data_sources, Unset):
            data_sources = []
            for data_sources_item_data in self.data_sources:
                data_sources_item = data_sources_item_data.to_dict()
                data_sources.append(data_sources_item)

        matched_chunks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.matched_chunks, Unset):
            matched_chunks = []
            for matched_chunks_item_data in self.matched_chunks:
                matched_chunks_item = matched_chunks_item_data.to_dict()
                matched_chunks.append(matched_chunks_item)

        result = self.result

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if data_sources is not UNSET:
            field_dict["data_sources"] = data_sources
        if matched_chunks is not UNSET:
            field_dict["matched_chunks"] = matched_chunks
        if result is not UNSET:
            field_dict["result"] = result
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agentic_search_metadata import AgenticSearchMetadata
        from ..models.data_source import DataSource
        from ..models.matched_chunk import MatchedChunk

        d = dict(src_dict)
        _data_sources = d.pop("data_sources", UNSET)
        data_sources: list[DataSource] | Unset = UNSET
        if _data_sources is not UNSET:
            data_sources = []
            for data_sources_item_data in _data_sources:
                data_sources_item = DataSource.from_dict(data_sources_item_data)

                data_sources.append(data_sources_item)

        _matched_chunks = d.pop("matched_chunks", UNSET)
        matched_chunks: list[MatchedChunk] | Unset = UNSET
        if _matched_chunks is not UNSET:
            matched_chunks = []
            for matched_chunks_item_data in _matched_chunks:
                matched_chunks_item = MatchedChunk.from_dict(matched_chunks_item_data)

                matched_chunks.append(matched_chunks_item)

        result = d.pop("result", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: AgenticSearchMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = AgenticSearchMetadata.from_dict(_metadata)

        message = d.pop("message", UNSET)

        agentic_search_result = cls(
            data_sources=data_sources,
            matched_chunks=matched_chunks,
            result=result,
            metadata=metadata,
            message=message,
        )

        agentic_search_result.additional_properties = d
        return agentic_search_result

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
