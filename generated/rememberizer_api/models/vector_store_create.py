from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VectorStoreCreate")


@_attrs_define
class VectorStoreCreate:
    """A new vector store; `GET /vector-stores/configs` lists the values the last four take.

    Attributes:
        name (str):
        description (str | Unset):
        embedding_model (str | Unset):
        indexing_algorithm (str | Unset):
        vector_dimension (int | Unset):
        search_metric (str | Unset):
    """

    name: str
    description: str | Unset = UNSET
    embedding_model: str | Unset = UNSET
    indexing_algorithm: str | Unset = UNSET
    vector_dimension: int | Unset = UNSET
    search_metric: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        embedding_model = self.embedding_model

        indexing_algorithm = self.indexing_algorithm

        vector_dimension = self.vector_dimension

        search_metric = self.search_metric

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if embedding_model is not UNSET:
            field_dict["embedding_model"] = embedding_model
        if indexing_algorithm is not UNSET:
            field_dict["indexing_algorithm"] = indexing_algorithm
        if vector_dimension is not UNSET:
            field_dict["vector_dimension"] = vector_dimension
        if search_metric is not UNSET:
            field_dict["search_metric"] = search_metric

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        embedding_model = d.pop("embedding_model", UNSET)

        indexing_algorithm = d.pop("indexing_algorithm", UNSET)

        vector_dimension = d.pop("vector_dimension", UNSET)

        search_metric = d.pop("search_metric", UNSET)

        vector_store_create = cls(
            name=name,
            description=description,
            embedding_model=embedding_model,
            indexing_algorithm=indexing_algorithm,
            vector_dimension=vector_dimension,
            search_metric=search_metric,
        )

        vector_store_create.additional_properties = d
        return vector_store_create

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
