import datetime
from http import HTTPStatus
from typing import Any

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.search_result import SearchResult
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    q: str,
    n: int | Unset = 3,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    prev_chunks: int | Unset = 0,
    next_chunks: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["q"] = q

    params["n"] = n

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params["prev_chunks"] = prev_chunks

    params["next_chunks"] = next_chunks

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/documents/search/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Error | SearchResult | ValidationError | None:
    if response.status_code == 200:
        response_200 = SearchResult.from_dict(response.json())

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
) -> Response[Error | SearchResult | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    n: int | Unset = 3,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    prev_chunks: int | Unset = 0,
    next_chunks: int | Unset = 0,
) -> Response[Error | SearchResult | ValidationError]:
    """Search the knowledge

     Returns the chunks of knowledge closest in meaning to `q`, closest first, with the
    data sources they came from. `prev_chunks` and `next_chunks` widen each match with
    its neighbouring chunks.

    The older GPT-action spec answered `{data: [{chunk_id, document, matched_content,
    distance}], message, code}`; the current documentation answers `{data_sources,
    matched_chunks}`, which this operation follows. A parameter not sent takes the
    server's default.

    Args:
        q (str):
        n (int | Unset):  Default: 3.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        prev_chunks (int | Unset):  Default: 0.
        next_chunks (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SearchResult | ValidationError]
    """

    kwargs = _get_kwargs(
        q=q,
        n=n,
        from_=from_,
        to=to,
        prev_chunks=prev_chunks,
        next_chunks=next_chunks,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    q: str,
    n: int | Unset = 3,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    prev_chunks: int | Unset = 0,
    next_chunks: int | Unset = 0,
) -> Error | SearchResult | ValidationError | None:
    """Search the knowledge

     Returns the chunks of knowledge closest in meaning to `q`, closest first, with the
    data sources they came from. `prev_chunks` and `next_chunks` widen each match with
    its neighbouring chunks.

    The older GPT-action spec answered `{data: [{chunk_id, document, matched_content,
    distance}], message, code}`; the current documentation answers `{data_sources,
    matched_chunks}`, which this operation follows. A parameter not sent takes the
    server's default.

    Args:
        q (str):
        n (int | Unset):  Default: 3.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        prev_chunks (int | Unset):  Default: 0.
        next_chunks (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SearchResult | ValidationError
    """

    return sync_detailed(
        client=client,
        q=q,
        n=n,
        from_=from_,
        to=to,
        prev_chunks=prev_chunks,
        next_chunks=next_chunks,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    q: str,
    n: int | Unset = 3,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    prev_chunks: int | Unset = 0,
    next_chunks: int | Unset = 0,
) -> Response[Error | SearchResult | ValidationError]:
    """Search the knowledge

     Returns the chunks of knowledge closest in meaning to `q`, closest first, with the
    data sources they came from. `prev_chunks` and `next_chunks` widen each match with
    its neighbouring chunks.

    The older GPT-action spec answered `{data: [{chunk_id, document, matched_content,
    distance}], message, code}`; the current documentation answers `{data_sources,
    matched_chunks}`, which this operation follows. A parameter not sent takes the
    server's default.

    Args:
        q (str):
        n (int | Unset):  Default: 3.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        prev_chunks (int | Unset):  Default: 0.
        next_chunks (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | SearchResult | ValidationError]
    """

    kwargs = _get_kwargs(
        q=q,
        n=n,
        from_=from_,
        to=to,
        prev_chunks=prev_chunks,
        next_chunks=next_chunks,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    q: str,
    n: int | Unset = 3,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
    prev_chunks: int | Unset = 0,
    next_chunks: int | Unset = 0,
) -> Error | SearchResult | ValidationError | None:
    """Search the knowledge

     Returns the chunks of knowledge closest in meaning to `q`, closest first, with the
    data sources they came from. `prev_chunks` and `next_chunks` widen each match with
    its neighbouring chunks.

    The older GPT-action spec answered `{data: [{chunk_id, document, matched_content,
    distance}], message, code}`; the current documentation answers `{data_sources,
    matched_chunks}`, which this operation follows. A parameter not sent takes the
    server's default.

    Args:
        q (str):
        n (int | Unset):  Default: 3.
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):
        prev_chunks (int | Unset):  Default: 0.
        next_chunks (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | SearchResult | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            q=q,
            n=n,
            from_=from_,
            to=to,
            prev_chunks=prev_chunks,
            next_chunks=next_chunks,
        )
    ).parsed
