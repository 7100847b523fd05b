from http import HTTPStatus
from typing import Any, cast

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.memorize_request import MemorizeRequest
from ...models.memorize_result import MemorizeResult
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    *,
    body: MemorizeRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/documents/memorize/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Any | Error | MemorizeResult | ValidationError | None:
    if response.status_code == 200:
        response_200 = MemorizeResult.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = cast(Any, None)
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
) -> Response[Any | Error | MemorizeResult | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MemorizeRequest,
) -> Response[Any | Error | MemorizeResult | ValidationError]:
    """Memorize text

     Stores `content` under `name` as a new document. Each call stores a new document, so
    the SDK never replays it after the server may have acted. The record shows two
    answers: 201 with no body (the docs' prose and the GPT-action spec), and 200
    `{data, message, code}` (the newer embedded schema). Both are success.

    Args:
        body (MemorizeRequest): Text to store as a new document.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | MemorizeResult | ValidationError]
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
    body: MemorizeRequest,
) -> Any | Error | MemorizeResult | ValidationError | None:
    """Memorize text

     Stores `content` under `name` as a new document. Each call stores a new document, so
    the SDK never replays it after the server may have acted. The record shows two
    answers: 201 with no body (the docs' prose and the GPT-action spec), and 200
    `{data, message, code}` (the newer embedded schema). Both are success.

    Args:
        body (MemorizeRequest): Text to store as a new document.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | MemorizeResult | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MemorizeRequest,
) -> Response[Any | Error | MemorizeResult | ValidationError]:
    """Memorize text

     Stores `content` under `name` as a new document. Each call stores a new document, so
    the SDK never replays it after the server may have acted. The record shows two
    answers: 201 with no body (the docs' prose and the GPT-action spec), and 200
    `{data, message, code}` (the newer embedded schema). Both are success.

    Args:
        body (MemorizeRequest): Text to store as a new document.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | MemorizeResult | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: MemorizeRequest,
) -> Any | Error | MemorizeResult | ValidationError | None:
    """Memorize text

     Stores `content` under `name` as a new document. Each call stores a new document, so
    the SDK never replays it after the server may have acted. The record shows two
    answers: 201 with no body (the docs' prose and the GPT-action spec), and 200
    `{data, message, code}` (the newer embedded schema). Both are success.

    Args:
        body (MemorizeRequest): Text to store as a new document.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | MemorizeResult | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
