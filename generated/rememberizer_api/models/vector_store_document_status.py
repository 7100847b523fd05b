from typing import Literal, cast

VectorStoreDocumentStatus = Literal["done", "error", "indexed", "processing"]

VECTOR_STORE_DOCUMENT_STATUS_DONE: VectorStoreDocumentStatus = "done"
VECTOR_STORE_DOCUMENT_STATUS_ERROR: VectorStoreDocumentStatus = "error"
VECTOR_STORE_DOCUMENT_STATUS_INDEXED: VectorStoreDocumentStatus = "indexed"
VECTOR_STORE_DOCUMENT_STATUS_PROCESSING: VectorStoreDocumentStatus = "processing"

VECTOR_STORE_DOCUMENT_STATUS_VALUES: set[VectorStoreDocumentStatus] = {
    "done",
    "error",
    "indexed",
    "processing",
}


def check_vector_store_document_status(value: str) -> VectorStoreDocumentStatus:
    """`value` as it came: one of the known values, or a newer one the server sent, kept."""
    return cast(VectorStoreDocumentStatus, value)
