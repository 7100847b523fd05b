from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VectorStore")


@_attrs_define
class VectorStore:
    """A vector store, as its API key sees it.

    Attributes:
        id (str): The store's id, used in every other vector-store path.
        name (str):
        description (str):
        embedding_model (str): The model that embeds the chunks.
        indexing_algorithm (str):
        vector_dimension (int):
        search_metric (str): How distance is measured, such as `cosine_distance`.
        created (datetime.datetime):
        modified (datetime.datetime):
    """

    id: str
    name: str
    description: str
    embedding_model: str
    indexing_algorithm: str
    vector_dimension: int
    search_metric: str
    created: datetime.datetime
    modified: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        embedding_model = self.embedding_model

        indexing_algorithm = self.indexing_algorithm

        vector_dimension = self.vector_dimension

        search_metric = self.search_metric

        created = self.created.isoformat()

        modified = self.modified.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "embedding_model": embedding_model,
                "indexing_algorithm": indexing_algorithm,
                "vector_dimension": vector_dimension,
                "search_metric": search_metric,
                "created": created,
                "modified": modified,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        description = d.pop("description")

        embedding_model = d.pop("embedding_model")

        indexing_algorithm = d.pop("indexing_algorithm")

        vector_dimension = d.pop("vector_dimension")

        search_metric = d.pop("search_metric")

        created = datetime.datetime.fromisoformat(d.pop("created"))

        modified = datetime.datetime.fromisoformat(d.pop("modified"))

        vector_store = cls(
            id=id,
            name=name,
            description=description,
            embedding_model=embedding_model,
            indexing_algorithm=indexing_algorithm,
            vector_dimension=vector_dimension,
            search_metric=search_metric,
            created=created,
            modified=modified,
        )

        vector_store.additional_properties = d
        return vector_store

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
