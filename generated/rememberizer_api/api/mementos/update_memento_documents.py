from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.memento import Memento
from ...models.memento_documents_request import MementoDocumentsRequest
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    memento_id: int,
    *,
    body: MementoDocumentsRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/mementos/memento_document/{memento_id}/".format(
            memento_id=quote(str(memento_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Error | Memento | ValidationError | None:
    if response.status_code == 200:
        response_200 = Memento.from_dict(response.json())

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
) -> Response[Error | Memento | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    memento_id: int,
    *,
    client: AuthenticatedClient,
    body: MementoDocumentsRequest,
) -> Response[Error | Memento | ValidationError]:
    """Change a memento's documents

     Adds documents (`add`) and folders (`folder_add`) to a memento and removes documents
    (`remove`), each by id. The docs' example writes the ids as strings ("use actual
    document and folder IDs"); integers are taken too. Adding what is there and removing
    what is not change nothing, so it may be retried.

    Args:
        memento_id (int):
        body (MementoDocumentsRequest): Changes to a memento's documents, each by id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Memento | ValidationError]
    """

    kwargs = _get_kwargs(
        memento_id=memento_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    memento_id: int,
    *,
    client: AuthenticatedClient,
    body: MementoDocumentsRequest,
) -> Error | Memento | ValidationError | None:
    """Change a memento's documents

     Adds documents (`add`) and folders (`folder_add`) to a memento and removes documents
    (`remove`), each by id. The docs' example writes the ids as strings ("use actual
    document and folder IDs"); integers are taken too. Adding what is there and removing
    what is not change nothing, so it may be retried.

    Args:
        memento_id (int):
        body (MementoDocumentsRequest): Changes to a memento's documents, each by id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Memento | ValidationError
    """

    return sync_detailed(
        memento_id=memento_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    memento_id: int,
    *,
    client: AuthenticatedClient,
    body: MementoDocumentsRequest,
) -> Response[Error | Memento | ValidationError]:
    """Change a memento's documents

     Adds documents (`add`) and folders (`folder_add`) to a memento and removes documents
    (`remove`), each by id. The docs' example writes the ids as strings ("use actual
    document and folder IDs"); integers are taken too. Adding what is there and removing
    what is not change nothing, so it may be retried.

    Args:
        memento_id (int):
        body (MementoDocumentsRequest): Changes to a memento's documents, each by id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Memento | ValidationError]
    """

    kwargs = _get_kwargs(
        memento_id=memento_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    memento_id: int,
    *,
    client: AuthenticatedClient,
    body: MementoDocumentsRequest,
) -> Error | Memento | ValidationError | None:
    """Change a memento's documents

     Adds documents (`add`) and folders (`folder_add`) to a memento and removes documents
    (`remove`), each by id. The docs' example writes the ids as strings ("use actual
    document and folder IDs"); integers are taken too. Adding what is there and removing
    what is not change nothing, so it may be retried.

    Args:
        memento_id (int):
        body (MementoDocumentsRequest): Changes to a memento's documents, each by id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Memento | ValidationError
    """

    return (
        await asyncio_detailed(
            memento_id=memento_id,
            client=client,
            body=body,
        )
    ).parsed
