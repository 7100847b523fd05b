from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VectorStoreAgenticSearchRequest")


@_attrs_define
class VectorStoreAgenticSearchRequest:
    """An agentic search of a vector store.

    Attributes:
        query (str): What to search for.
        n_chunks (int | Unset): How many chunks to return.
        user_context (str | Unset): What the user is doing, to steer the agent.
    """

    query: str
    n_chunks: int | Unset = UNSET
    user_context: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        query = self.query

        n_chunks = self.n_chunks

        user_context = self.user_context

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "query": query,
            }
        )
        if n_chunks is not UNSET:
            field_dict["n_chunks"] = n_chunks
        if user_context is not UNSET:
            field_dict["user_context"] = user_context

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        query = d.pop("query")

        n_chunks = d.pop("n_chunks", UNSET)

        user_context = d.pop("user_context", UNSET)

        vector_store_agentic_search_request = cls(
            query=query,
            n_chunks=n_chunks,
            user_context=user_context,
        )

        vector_store_agentic_search_request.additional_properties = d
        return vector_store_agentic_search_request

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
