from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.vector_store_agentic_search_request import (
    VectorStoreAgenticSearchRequest,
)
from ...models.vector_store_agentic_search_result import VectorStoreAgenticSearchResult
from ...types import Response


def _get_kwargs(
    vector_store_id: str,
    *,
    body: VectorStoreAgenticSearchRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/vector-stores/{vector_store_id}/documents/agentic_search".format(
            vector_store_id=quote(str(vector_store_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Error | ValidationError | VectorStoreAgenticSearchResult | None:
    if response.status_code == 200:
        response_200 = VectorStoreAgenticSearchResult.from_dict(response.json())

        return response_200

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
) -> Response[Error | ValidationError | VectorStoreAgenticSearchResult]:
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
    body: VectorStoreAgenticSearchRequest,
) -> Response[Error | ValidationError | VectorStoreAgenticSearchResult]:
    """Search the documents with an agent

     Like search, but an agent may rephrase `query`, using `user_context`, before
    retrieving. Rememberizer's vector-store MCP server sends it; the docs do not show it.
    Read-only, so it may be retried.

    Args:
        vector_store_id (str):
        body (VectorStoreAgenticSearchRequest): An agentic search of a vector store.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | VectorStoreAgenticSearchResult]
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
    body: VectorStoreAgenticSearchRequest,
) -> Error | ValidationError | VectorStoreAgenticSearchResult | None:
    """Search the documents with an agent

     Like search, but an agent may rephrase `query`, using `user_context`, before
    retrieving. Rememberizer's vector-store MCP server sends it; the docs do not show it.
    Read-only, so it may be retried.

    Args:
        vector_store_id (str):
        body (VectorStoreAgenticSearchRequest): An agentic search of a vector store.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | VectorStoreAgenticSearchResult
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
    body: VectorStoreAgenticSearchRequest,
) -> Response[Error | ValidationError | VectorStoreAgenticSearchResult]:
    """Search the documents with an agent

     Like search, but an agent may rephrase `query`, using `user_context`, before
    retrieving. Rememberizer's vector-store MCP server sends it; the docs do not show it.
    Read-only, so it may be retried.

    Args:
        vector_store_id (str):
        body (VectorStoreAgenticSearchRequest): An agentic search of a vector store.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | VectorStoreAgenticSearchResult]
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
    body: VectorStoreAgenticSearchRequest,
) -> Error | ValidationError | VectorStoreAgenticSearchResult | None:
    """Search the documents with an agent

     Like search, but an agent may rephrase `query`, using `user_context`, before
    retrieving. Rememberizer's vector-store MCP server sends it; the docs do not show it.
    Read-only, so it may be retried.

    Args:
        vector_store_id (str):
        body (VectorStoreAgenticSearchRequest): An agentic search of a vector store.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | VectorStoreAgenticSearchResult
    """

    return (
        await asyncio_detailed(
            vector_store_id=vector_store_id,
            client=client,
            body=body,
        )
    ).parsed
