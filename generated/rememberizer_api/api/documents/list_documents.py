from http import HTTPStatus
from typing import Any

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.document_page import DocumentPage
from ...models.error import Error
from ...models.integration_type import IntegrationType
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    integration_type: IntegrationType | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    json_integration_type: str | Unset = UNSET
    if not isinstance(integration_type, Unset):
        json_integration_type = integration_type

    params["integration_type"] = json_integration_type

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/documents/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> DocumentPage | Error | ValidationError | None:
    if response.status_code == 200:
        response_200 = DocumentPage.from_dict(response.json())

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
) -> Response[DocumentPage | Error | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    integration_type: IntegrationType | Unset = UNSET,
) -> Response[DocumentPage | Error | ValidationError]:
    """List documents

     Returns one page of the documents the credentials can see (files, Slack channels,
    shared knowledge, memorized text), oldest first. `next` and `previous` are absolute
    URLs of the neighbouring pages, or null at either end.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        integration_type (IntegrationType | Unset): A kind of data source.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentPage | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        integration_type=integration_type,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    integration_type: IntegrationType | Unset = UNSET,
) -> DocumentPage | Error | ValidationError | None:
    """List documents

     Returns one page of the documents the credentials can see (files, Slack channels,
    shared knowledge, memorized text), oldest first. `next` and `previous` are absolute
    URLs of the neighbouring pages, or null at either end.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        integration_type (IntegrationType | Unset): A kind of data source.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentPage | Error | ValidationError
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        integration_type=integration_type,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    integration_type: IntegrationType | Unset = UNSET,
) -> Response[DocumentPage | Error | ValidationError]:
    """List documents

     Returns one page of the documents the credentials can see (files, Slack channels,
    shared knowledge, memorized text), oldest first. `next` and `previous` are absolute
    URLs of the neighbouring pages, or null at either end.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        integration_type (IntegrationType | Unset): A kind of data source.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentPage | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        integration_type=integration_type,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    page_size: int | Unset = 10,
    integration_type: IntegrationType | Unset = UNSET,
) -> DocumentPage | Error | ValidationError | None:
    """List documents

     Returns one page of the documents the credentials can see (files, Slack channels,
    shared knowledge, memorized text), oldest first. `next` and `previous` are absolute
    URLs of the neighbouring pages, or null at either end.

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 10.
        integration_type (IntegrationType | Unset): A kind of data source.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentPage | Error | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            integration_type=integration_type,
        )
    ).parsed
