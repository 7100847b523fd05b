from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.vector_store_document import VectorStoreDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    vector_store_id: str,
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/vector-stores/{vector_store_id}/documents".format(
            vector_store_id=quote(str(vector_store_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Error | ValidationError | list[VectorStoreDocument] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = VectorStoreDocument.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Error | ValidationError | list[VectorStoreDocument]]:
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
    page: int | Unset = 1,
    page_size: int | Unset = 100,
) -> Response[Error | ValidationError | list[VectorStoreDocument]]:
    """List the documents

     Lists the documents in the vector store, oldest first, as one JSON array. The docs show
    no parameters; Rememberizer's vector-store MCP server pages it with `page` and
    `page_size` (1 to 1000, default 100), so a page shorter than `page_size` is the last.

    Args:
        vector_store_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | list[VectorStoreDocument]]
    """

    kwargs = _get_kwargs(
        vector_store_id=vector_store_id,
        page=page,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    vector_store_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
) -> Error | ValidationError | list[VectorStoreDocument] | None:
    """List the documents

     Lists the documents in the vector store, oldest first, as one JSON array. The docs show
    no parameters; Rememberizer's vector-store MCP server pages it with `page` and
    `page_size` (1 to 1000, default 100), so a page shorter than `page_size` is the last.

    Args:
        vector_store_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | list[VectorStoreDocument]
    """

    return sync_detailed(
        vector_store_id=vector_store_id,
        client=client,
        page=page,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    vector_store_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
) -> Response[Error | ValidationError | list[VectorStoreDocument]]:
    """List the documents

     Lists the documents in the vector store, oldest first, as one JSON array. The docs show
    no parameters; Rememberizer's vector-store MCP server pages it with `page` and
    `page_size` (1 to 1000, default 100), so a page shorter than `page_size` is the last.

    Args:
        vector_store_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | list[VectorStoreDocument]]
    """

    kwargs = _get_kwargs(
        vector_store_id=vector_store_id,
        page=page,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    vector_store_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 100,
) -> Error | ValidationError | list[VectorStoreDocument] | None:
    """List the documents

     Lists the documents in the vector store, oldest first, as one JSON array. The docs show
    no parameters; Rememberizer's vector-store MCP server pages it with `page` and
    `page_size` (1 to 1000, default 100), so a page shorter than `page_size` is the last.

    Args:
        vector_store_id (str):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | list[VectorStoreDocument]
    """

    return (
        await asyncio_detailed(
            vector_store_id=vector_store_id,
            client=client,
            page=page,
            page_size=page_size,
        )
    ).parsed
