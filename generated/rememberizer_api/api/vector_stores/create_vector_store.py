from http import HTTPStatus
from typing import Any

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.vector_store_create import VectorStoreCreate
from ...models.vector_store_created import VectorStoreCreated
from ...types import Response


def _get_kwargs(
    *,
    body: VectorStoreCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/vector-stores/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Error | ValidationError | VectorStoreCreated | None:
    if response.status_code == 201:
        response_201 = VectorStoreCreated.from_dict(response.json())

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
) -> Response[Error | ValidationError | VectorStoreCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: VectorStoreCreate,
) -> Response[Error | ValidationError | VectorStoreCreated]:
    """Create a vector store

     Creates a vector store for the signed-in user (a management operation: it takes the
    user's JWT, not a store's API key). `GET /vector-stores/configs` lists the models,
    algorithms and metrics it takes.

    Args:
        body (VectorStoreCreate): A new vector store; `GET /vector-stores/configs` lists the
            values the last four take.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | VectorStoreCreated]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: VectorStoreCreate,
) -> Error | ValidationError | VectorStoreCreated | None:
    """Create a vector store

     Creates a vector store for the signed-in user (a management operation: it takes the
    user's JWT, not a store's API key). `GET /vector-stores/configs` lists the models,
    algorithms and metrics it takes.

    Args:
        body (VectorStoreCreate): A new vector store; `GET /vector-stores/configs` lists the
            values the last four take.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | VectorStoreCreated
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: VectorStoreCreate,
) -> Response[Error | ValidationError | VectorStoreCreated]:
    """Create a vector store

     Creates a vector store for the signed-in user (a management operation: it takes the
    user's JWT, not a store's API key). `GET /vector-stores/configs` lists the models,
    algorithms and metrics it takes.

    Args:
        body (VectorStoreCreate): A new vector store; `GET /vector-stores/configs` lists the
            values the last four take.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | VectorStoreCreated]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: VectorStoreCreate,
) -> Error | ValidationError | VectorStoreCreated | None:
    """Create a vector store

     Creates a vector store for the signed-in user (a management operation: it takes the
    user's JWT, not a store's API key). `GET /vector-stores/configs` lists the models,
    algorithms and metrics it takes.

    Args:
        body (VectorStoreCreate): A new vector store; `GET /vector-stores/configs` lists the
            values the last four take.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | VectorStoreCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
