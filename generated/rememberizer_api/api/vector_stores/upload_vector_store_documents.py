from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.validation_error import ValidationError
from ...models.vector_store_upload import VectorStoreUpload
from ...models.vector_store_upload_result import VectorStoreUploadResult
from ...types import Response


def _get_kwargs(
    vector_store_id: str,
    *,
    body: VectorStoreUpload,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/vector-stores/{vector_store_id}/documents/upload".format(
            vector_store_id=quote(str(vector_store_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Error | ValidationError | VectorStoreUploadResult | None:
    if response.status_code == 201:
        response_201 = VectorStoreUploadResult.from_dict(response.json())

        return response_201

    if response.status_code == 207:
        response_207 = VectorStoreUploadResult.from_dict(response.json())

        return response_207

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

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

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
) -> Response[Error | ValidationError | VectorStoreUploadResult]:
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
    body: VectorStoreUpload,
) -> Response[Error | ValidationError | VectorStoreUploadResult]:
    """Upload files

     Stores each file of the multipart field `files` as a document. Files are stored one by
    one: when some fail, the others are still stored, and the answer is 207 with a list of
    the stored documents and a list of the failures. At most 20 files a request, 50 MB a
    file and 100 MB a request; the formats taken are PDF, Word, Excel, PowerPoint, text,
    Markdown, JSON and HTML, and another answers 415.

    Args:
        vector_store_id (str):
        body (VectorStoreUpload): The files to store, each as one `files` part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | VectorStoreUploadResult]
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
    body: VectorStoreUpload,
) -> Error | ValidationError | VectorStoreUploadResult | None:
    """Upload files

     Stores each file of the multipart field `files` as a document. Files are stored one by
    one: when some fail, the others are still stored, and the answer is 207 with a list of
    the stored documents and a list of the failures. At most 20 files a request, 50 MB a
    file and 100 MB a request; the formats taken are PDF, Word, Excel, PowerPoint, text,
    Markdown, JSON and HTML, and another answers 415.

    Args:
        vector_store_id (str):
        body (VectorStoreUpload): The files to store, each as one `files` part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | VectorStoreUploadResult
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
    body: VectorStoreUpload,
) -> Response[Error | ValidationError | VectorStoreUploadResult]:
    """Upload files

     Stores each file of the multipart field `files` as a document. Files are stored one by
    one: when some fail, the others are still stored, and the answer is 207 with a list of
    the stored documents and a list of the failures. At most 20 files a request, 50 MB a
    file and 100 MB a request; the formats taken are PDF, Word, Excel, PowerPoint, text,
    Markdown, JSON and HTML, and another answers 415.

    Args:
        vector_store_id (str):
        body (VectorStoreUpload): The files to store, each as one `files` part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ValidationError | VectorStoreUploadResult]
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
    body: VectorStoreUpload,
) -> Error | ValidationError | VectorStoreUploadResult | None:
    """Upload files

     Stores each file of the multipart field `files` as a document. Files are stored one by
    one: when some fail, the others are still stored, and the answer is 207 with a list of
    the stored documents and a list of the failures. At most 20 files a request, 50 MB a
    file and 100 MB a request; the formats taken are PDF, Word, Excel, PowerPoint, text,
    Markdown, JSON and HTML, and another answers 415.

    Args:
        vector_store_id (str):
        body (VectorStoreUpload): The files to store, each as one `files` part.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ValidationError | VectorStoreUploadResult
    """

    return (
        await asyncio_detailed(
            vector_store_id=vector_store_id,
            client=client,
            body=body,
        )
    ).parsed
