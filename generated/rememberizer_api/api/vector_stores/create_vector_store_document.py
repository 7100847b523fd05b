from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.vector_store_document import VectorStoreDocument
from ...models.vector_store_document_create import VectorStoreDocumentCreate
from ...types import Response


def _get_kwargs(
    vector_store_id: str,
    *,
    body: VectorStoreDocumentCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/vector-stores/{vector_store_id}/documents/create".format(
            vector_store_id=quote(str(vector_store_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Error | ValidationError | VectorStoreDocument | None:
    if response.status_code == 201:
        response_201 = VectorStoreDocument.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 502:
        response_502 = Error.from_dict(response.json())

        return response_502

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    if response.status_code == 504:
        response_504 = Error.from_dict(response.json())

        return response_504

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Response[Error | ValidationError | VectorStoreDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    vector_store_id: str,
    *,
    client: AuthenticatedClient,
    body: VectorStoreDocumentCreate,
) -> Response[Error | ValidationError | VectorStoreDocument]:
    """Add a text document

     Stores `text` as a new document called `name`, then chunks and indexes it in the
    background: the answer says `processing` until the document is indexed. (The docs send
    `name`; Rememberizer's MCP server sends `document_name`. This follows the docs.)

    Args:
        vector_store_id (str):
        body (VectorStoreDocumentCreate): A text document to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | VectorStoreDocument]
    """

    kwargs = _get_kwargs(
        vector_store_id=vector_store_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    vector_store_id: str,
    *,
    client: AuthenticatedClient,
    body: VectorStoreDocumentCreate,
) -> Error | ValidationError | VectorStoreDocument | None:
    """Add a text document

     Stores `text` as a new document called `name`, then chunks and indexes it in the
    background: the answer says `processing` until the document is indexed. (The docs send
    `name`; Rememberizer's MCP server sends `document_name`. This follows the docs.)

    Args:
        vector_store_id (str):
        body (VectorStoreDocumentCreate): A text document to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | VectorStoreDocument
    """

    return sync_detailed(
        vector_store_id=vector_store_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    vector_store_id: str,
    *,
    client: AuthenticatedClient,
    body: VectorStoreDocumentCreate,
) -> Response[Error | ValidationError | VectorStoreDocument]:
    """Add a text document

     Stores `text` as a new document called `name`, then chunks and indexes it in the
    background: the answer says `processing` until the document is indexed. (The docs send
    `name`; Rememberizer's MCP server sends `document_name`. This follows the docs.)

    Args:
        vector_store_id (str):
        body (VectorStoreDocumentCreate): A text document to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | VectorStoreDocument]
    """

    kwargs = _get_kwargs(
        vector_store_id=vector_store_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    vector_store_id: str,
    *,
    client: AuthenticatedClient,
    body: VectorStoreDocumentCreate,
) -> Error | ValidationError | VectorStoreDocument | None:
    """Add a text document

     Stores `text` as a new document called `name`, then chunks and indexes it in the
    background: the answer says `processing` until the document is indexed. (The docs send
    `name`; Rememberizer's MCP server sends `document_name`. This follows the docs.)

    Args:
        vector_store_id (str):
        body (VectorStoreDocumentCreate): A text document to add.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | VectorStoreDocument
    """

    return (
        await asyncio_detailed(
            vector_store_id=vector_store_id,
            client=client,
            body=body,
        )
    ).parsed
