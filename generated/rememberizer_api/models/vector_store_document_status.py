from typing import Literal

VectorStoreDocumentStatus = Literal["error", "indexed", "indexing"]

VECTOR_STORE_DOCUMENT_STATUS_VALUES: set[VectorStoreDocumentStatus] = {
    "error",
    "indexed",
    "indexing",
}


def check_vector_store_document_status(value: str) -> VectorStoreDocumentStatus:
    if value in VECTOR_STORE_DOCUMENT_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VECTOR_STORE_DOCUMENT_STATUS_VALUES!r}"
    )
