from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.vector_store_upload_error import VectorStoreUploadError
    from ..models.vector_store_uploaded_document import VectorStoreUploadedDocument


T = TypeVar("T", bound="VectorStoreUploadResult")


@_attrs_define
class VectorStoreUploadResult:
    """What an upload stored and what it did not.

    Attributes:
        documents (list[VectorStoreUploadedDocument]):
        errors (list[VectorStoreUploadError]):
    """

    documents: list[VectorStoreUploadedDocument]
    errors: list[VectorStoreUploadError]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        documents = []
        for documents_item_data in self.documents:
            documents_item = documents_item_data.to_dict()
            documents.append(documents_item)

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "documents": documents,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.vector_store_upload_error import VectorStoreUploadError
        from ..models.vector_store_uploaded_document import VectorStoreUploadedDocument

        d = dict(src_dict)
        documents = []
        _documents = d.pop("documents")
        for documents_item_data in _documents:
            documents_item = VectorStoreUploadedDocument.from_dict(documents_item_data)

            documents.append(documents_item)

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = VectorStoreUploadError.from_dict(errors_item_data)

            errors.append(errors_item)

        vector_store_upload_result = cls(
            documents=documents,
            errors=errors,
        )

        vector_store_upload_result.additional_properties = d
        return vector_store_upload_result

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
