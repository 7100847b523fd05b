from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VectorStoreConfigs")


@_attrs_define
class VectorStoreConfigs:
    """The options a new vector store may use; whatever else the server sends is kept.

    Attributes:
        embedding_models (list[Any] | Unset):
        indexing_algorithms (list[Any] | Unset):
        search_metrics (list[Any] | Unset):
    """

    embedding_models: list[Any] | Unset = UNSET
    indexing_algorithms: list[Any] | Unset = UNSET
    search_metrics: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        embedding_models: list[Any] | Unset = UNSET
        if not isinstance(self.embedding_models, Unset):
            embedding_models = self.embedding_models

        indexing_algorithms: list[Any] | Unset = UNSET
        if not isinstance(self.indexing_algorithms, Unset):
            indexing_algorithms = self.indexing_algorithms

        search_metrics: list[Any] | Unset = UNSET
        if not isinstance(self.search_metrics, Unset):
            search_metrics = self.search_metrics

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if embedding_models is not UNSET:
            field_dict["embedding_models"] = embedding_models
        if indexing_algorithms is not UNSET:
            field_dict["indexing_algorithms"] = indexing_algorithms
        if search_metrics is not UNSET:
            field_dict["search_metrics"] = search_metrics

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        embedding_models = cast(list[Any], d.pop("embedding_models", UNSET))

        indexing_algorithms = cast(list[Any], d.pop("indexing_algorithms", UNSET))

        search_metrics = cast(list[Any], d.pop("search_metrics", UNSET))

        vector_store_configs = cls(
            embedding_models=embedding_models,
            indexing_algorithms=indexing_algorithms,
            search_metrics=search_metrics,
        )

        vector_store_configs.additional_properties = d
        return vector_store_configs

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
