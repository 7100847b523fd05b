from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agentic_search_metadata import AgenticSearchMetadata
    from ..models.vector_store_match import VectorStoreMatch
    from ..models.vector_store_ref import VectorStoreRef


T = TypeVar("T", bound="VectorStoreAgenticSearchResult")


@_attrs_define
class VectorStoreAgenticSearchResult:
    """The answer to a vector store's agentic search: the chunks, and the agent's `result`
    summary and `metadata` when it gives them, or only a `message`. All are optional.

        Attributes:
            vector_store (VectorStoreRef | Unset): The vector store a search ran in.
            matched_chunks (list[VectorStoreMatch] | Unset):
            result (str | Unset):
            metadata (AgenticSearchMetadata | Unset): How the agent searched.
            message (str | Unset):
    """

    vector_store: VectorStoreRef | Unset = UNSET
    matched_chunks: list[VectorStoreMatch] | Unset = UNSET
    result: str | Unset = UNSET
    metadata: AgenticSearchMetadata | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        vector_store: dict[str, Any] | Unset = UNSET
        if not isinstance(self.vector_store, Unset):
            vector_store = self.vector_store.to_dict()

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
        if vector_store is not UNSET:
            field_dict["vector_store"] = vector_store
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
        from ..models.vector_store_match import VectorStoreMatch
        from ..models.vector_store_ref import VectorStoreRef

        d = dict(src_dict)
        _vector_store = d.pop("vector_store", UNSET)
        vector_store: VectorStoreRef | Unset
        if isinstance(_vector_store, Unset):
            vector_store = UNSET
        else:
            vector_store = VectorStoreRef.from_dict(_vector_store)

        _matched_chunks = d.pop("matched_chunks", UNSET)
        matched_chunks: list[VectorStoreMatch] | Unset = UNSET
        if _matched_chunks is not UNSET:
            matched_chunks = []
            for matched_chunks_item_data in _matched_chunks:
                matched_chunks_item = VectorStoreMatch.from_dict(
                    matched_chunks_item_data
                )

                matched_chunks.append(matched_chunks_item)

        result = d.pop("result", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: AgenticSearchMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = AgenticSearchMetadata.from_dict(_metadata)

        message = d.pop("message", UNSET)

        vector_store_agentic_search_result = cls(
            vector_store=vector_store,
            matched_chunks=matched_chunks,
            result=result,
            metadata=metadata,
            message=message,
        )

        vector_store_agentic_search_result.additional_properties = d
        return vector_store_agentic_search_result

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
