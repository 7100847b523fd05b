from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.vector_store_search_result import VectorStoreSearchResult
from ...types import UNSET, Response, Unset


def _get_kwargs(
    vector_store_id: str,
    *,
    q: str,
    n: int | Unset = 10,
    t: float | Unset = 0.7,
    prev_chunks: int | Unset = 0,
    next_chunks: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    params["n"] = n

    params["t"] = t

    params["prev_chunks"] = prev_chunks

    params["next_chunks"] = next_chunks

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/vector-stores/{vector_store_id}/documents/search".format(
            vector_store_id=quote(str(vector_store_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Error | ValidationError | VectorStoreSearchResult | None:
    if response.status_code == 200:
        response_200 = VectorStoreSearchResult.from_dict(response.json())

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
) -> Response[Error | ValidationError | VectorStoreSearchResult]:
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
    q: str,
    n: int | Unset = 10,
    t: float | Unset = 0.7,
    prev_chunks: int | Unset = 0,
    next_chunks: int | Unset = 0,
) -> Response[Error | ValidationError | VectorStoreSearchResult]:
    """Search the documents

     Finds the chunks closest in meaning to `q`, closest first. `t` is the matching
    threshold: higher is stricter (0.9 keeps only very close matches, 0.5 more varied
    ones). `prev_chunks` and `next_chunks` add that many neighbouring chunks to each
    match's `matched_content`. A parameter not sent takes the server's default.

    Args:
        vector_store_id (str):
        q (str):
        n (int | Unset):  Default: 10.
        t (float | Unset):  Default: 0.7.
        prev_chunks (int | Unset):  Default: 0.
        next_chunks (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | VectorStoreSearchResult]
    """

    kwargs = _get_kwargs(
        vector_store_id=vector_store_id,
        q=q,
        n=n,
        t=t,
        prev_chunks=prev_chunks,
        next_chunks=next_chunks,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    vector_store_id: str,
    *,
    client: AuthenticatedClient,
    q: str,
    n: int | Unset = 10,
    t: float | Unset = 0.7,
    prev_chunks: int | Unset = 0,
    next_chunks: int | Unset = 0,
) -> Error | ValidationError | VectorStoreSearchResult | None:
    """Search the documents

     Finds the chunks closest in meaning to `q`, closest first. `t` is the matching
    threshold: higher is stricter (0.9 keeps only very close matches, 0.5 more varied
    ones). `prev_chunks` and `next_chunks` add that many neighbouring chunks to each
    match's `matched_content`. A parameter not sent takes the server's default.

    Args:
        vector_store_id (str):
        q (str):
        n (int | Unset):  Default: 10.
        t (float | Unset):  Default: 0.7.
        prev_chunks (int | Unset):  Default: 0.
        next_chunks (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | VectorStoreSearchResult
    """

    return sync_detailed(
        vector_store_id=vector_store_id,
        client=client,
        q=q,
        n=n,
        t=t,
        prev_chunks=prev_chunks,
        next_chunks=next_chunks,
    ).parsed


async def asyncio_detailed(
    vector_store_id: str,
    *,
    client: AuthenticatedClient,
    q: str,
    n: int | Unset = 10,
    t: float | Unset = 0.7,
    prev_chunks: int | Unset = 0,
    next_chunks: int | Unset = 0,
) -> Response[Error | ValidationError | VectorStoreSearchResult]:
    """Search the documents

     Finds the chunks closest in meaning to `q`, closest first. `t` is the matching
    threshold: higher is stricter (0.9 keeps only very close matches, 0.5 more varied
    ones). `prev_chunks` and `next_chunks` add that many neighbouring chunks to each
    match's `matched_content`. A parameter not sent takes the server's default.

    Args:
        vector_store_id (str):
        q (str):
        n (int | Unset):  Default: 10.
        t (float | Unset):  Default: 0.7.
        prev_chunks (int | Unset):  Default: 0.
        next_chunks (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | VectorStoreSearchResult]
    """

    kwargs = _get_kwargs(
        vector_store_id=vector_store_id,
        q=q,
        n=n,
        t=t,
        prev_chunks=prev_chunks,
        next_chunks=next_chunks,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    vector_store_id: str,
    *,
    client: AuthenticatedClient,
    q: str,
    n: int | Unset = 10,
    t: float | Unset = 0.7,
    prev_chunks: int | Unset = 0,
    next_chunks: int | Unset = 0,
) -> Error | ValidationError | VectorStoreSearchResult | None:
    """Search the documents

     Finds the chunks closest in meaning to `q`, closest first. `t` is the matching
    threshold: higher is stricter (0.9 keeps only very close matches, 0.5 more varied
    ones). `prev_chunks` and `next_chunks` add that many neighbouring chunks to each
    match's `matched_content`. A parameter not sent takes the server's default.

    Args:
        vector_store_id (str):
        q (str):
        n (int | Unset):  Default: 10.
        t (float | Unset):  Default: 0.7.
        prev_chunks (int | Unset):  Default: 0.
        next_chunks (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | VectorStoreSearchResult
    """

    return (
        await asyncio_detailed(
            vector_store_id=vector_store_id,
            client=client,
            q=q,
            n=n,
            t=t,
            prev_chunks=prev_chunks,
            next_chunks=next_chunks,
        )
    ).parsed
