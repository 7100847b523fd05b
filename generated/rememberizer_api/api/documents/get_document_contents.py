from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.document_contents import DocumentContents
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    document_id: int,
    *,
    start_chunk: int | Unset = 0,
    end_chunk: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["start_chunk"] = start_chunk

    params["end_chunk"] = end_chunk

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/documents/{document_id}/contents/".format(
            document_id=quote(str(document_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> DocumentContents | Error | ValidationError | None:
    if response.status_code == 200:
        response_200 = DocumentContents.from_dict(response.json())

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
) -> Response[DocumentContents | Error | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    document_id: int,
    *,
    client: AuthenticatedClient,
    start_chunk: int | Unset = 0,
    end_chunk: int | Unset = UNSET,
) -> Response[DocumentContents | Error | ValidationError]:
    """Read a document's contents

     Returns the text of chunks `start_chunk` up to (not including) `end_chunk`, at most
    20 chunks a call, and the `end_chunk` to pass as the next call's `start_chunk`. A call
    that returns fewer than 20 chunks, or an `end_chunk` equal to its `start_chunk`, has
    reached the end of the document.

    Args:
        document_id (int):
        start_chunk (int | Unset):  Default: 0.
        end_chunk (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentContents | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        document_id=document_id,
        start_chunk=start_chunk,
        end_chunk=end_chunk,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    document_id: int,
    *,
    client: AuthenticatedClient,
    start_chunk: int | Unset = 0,
    end_chunk: int | Unset = UNSET,
) -> DocumentContents | Error | ValidationError | None:
    """Read a document's contents

     Returns the text of chunks `start_chunk` up to (not including) `end_chunk`, at most
    20 chunks a call, and the `end_chunk` to pass as the next call's `start_chunk`. A call
    that returns fewer than 20 chunks, or an `end_chunk` equal to its `start_chunk`, has
    reached the end of the document.

    Args:
        document_id (int):
        start_chunk (int | Unset):  Default: 0.
        end_chunk (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentContents | Error | ValidationError
    """

    return sync_detailed(
        document_id=document_id,
        client=client,
        start_chunk=start_chunk,
        end_chunk=end_chunk,
    ).parsed


async def asyncio_detailed(
    document_id: int,
    *,
    client: AuthenticatedClient,
    start_chunk: int | Unset = 0,
    end_chunk: int | Unset = UNSET,
) -> Response[DocumentContents | Error | ValidationError]:
    """Read a document's contents

     Returns the text of chunks `start_chunk` up to (not including) `end_chunk`, at most
    20 chunks a call, and the `end_chunk` to pass as the next call's `start_chunk`. A call
    that returns fewer than 20 chunks, or an `end_chunk` equal to its `start_chunk`, has
    reached the end of the document.

    Args:
        document_id (int):
        start_chunk (int | Unset):  Default: 0.
        end_chunk (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentContents | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        document_id=document_id,
        start_chunk=start_chunk,
        end_chunk=end_chunk,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    document_id: int,
    *,
    client: AuthenticatedClient,
    start_chunk: int | Unset = 0,
    end_chunk: int | Unset = UNSET,
) -> DocumentContents | Error | ValidationError | None:
    """Read a document's contents

     Returns the text of chunks `start_chunk` up to (not including) `end_chunk`, at most
    20 chunks a call, and the `end_chunk` to pass as the next call's `start_chunk`. A call
    that returns fewer than 20 chunks, or an `end_chunk` equal to its `start_chunk`, has
    reached the end of the document.

    Args:
        document_id (int):
        start_chunk (int | Unset):  Default: 0.
        end_chunk (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentContents | Error | ValidationError
    """

    return (
        await asyncio_detailed(
            document_id=document_id,
            client=client,
            start_chunk=start_chunk,
            end_chunk=end_chunk,
        )
    ).parsed
