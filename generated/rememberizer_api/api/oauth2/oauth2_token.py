from http import HTTPStatus
from typing import Any

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.o_auth_error import OAuthError
from ...models.o_auth_token_request import OAuthTokenRequest
from ...models.o_auth_tokens import OAuthTokens
from ...types import Response


def _get_kwargs(
    *,
    body: OAuthTokenRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/auth/oauth2/token/",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Error | OAuthError | OAuthTokens | None:
    if response.status_code == 200:
        response_200 = OAuthTokens.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = OAuthError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = OAuthError.from_dict(response.json())

        return response_401

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
) -> Response[Error | OAuthError | OAuthTokens]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OAuthTokenRequest,
) -> Response[Error | OAuthError | OAuthTokens]:
    """Get tokens for an app

     Exchanges an authorization code (`grant_type=authorization_code`) or a refresh token
    (`grant_type=refresh_token`) for an access token, which the API takes as
    `Authorization: Bearer`. The app authenticates with `client_id` and `client_secret`.
    Codes work once; refresh tokens rotate.

    Args:
        body (OAuthTokenRequest): A token request. With `grant_type=authorization_code` send
            `code` and `redirect_uri`
            (and `code_verifier` when the authorization sent a PKCE challenge); with
            `grant_type=refresh_token` send `refresh_token`. Both need `client_id` and
            `client_secret`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OAuthError | OAuthTokens]
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
    client: AuthenticatedClient | Client,
    body: OAuthTokenRequest,
) -> Error | OAuthError | OAuthTokens | None:
    """Get tokens for an app

     Exchanges an authorization code (`grant_type=authorization_code`) or a refresh token
    (`grant_type=refresh_token`) for an access token, which the API takes as
    `Authorization: Bearer`. The app authenticates with `client_id` and `client_secret`.
    Codes work once; refresh tokens rotate.

    Args:
        body (OAuthTokenRequest): A token request. With `grant_type=authorization_code` send
            `code` and `redirect_uri`
            (and `code_verifier` when the authorization sent a PKCE challenge); with
            `grant_type=refresh_token` send `refresh_token`. Both need `client_id` and
            `client_secret`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OAuthError | OAuthTokens
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: OAuthTokenRequest,
) -> Response[Error | OAuthError | OAuthTokens]:
    """Get tokens for an app

     Exchanges an authorization code (`grant_type=authorization_code`) or a refresh token
    (`grant_type=refresh_token`) for an access token, which the API takes as
    `Authorization: Bearer`. The app authenticates with `client_id` and `client_secret`.
    Codes work once; refresh tokens rotate.

    Args:
        body (OAuthTokenRequest): A token request. With `grant_type=authorization_code` send
            `code` and `redirect_uri`
            (and `code_verifier` when the authorization sent a PKCE challenge); with
            `grant_type=refresh_token` send `refresh_token`. Both need `client_id` and
            `client_secret`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | OAuthError | OAuthTokens]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: OAuthTokenRequest,
) -> Error | OAuthError | OAuthTokens | None:
    """Get tokens for an app

     Exchanges an authorization code (`grant_type=authorization_code`) or a refresh token
    (`grant_type=refresh_token`) for an access token, which the API takes as
    `Authorization: Bearer`. The app authenticates with `client_id` and `client_secret`.
    Codes work once; refresh tokens rotate.

    Args:
        body (OAuthTokenRequest): A token request. With `grant_type=authorization_code` send
            `code` and `redirect_uri`
            (and `code_verifier` when the authorization sent a PKCE challenge); with
            `grant_type=refresh_token` send `refresh_token`. Both need `client_id` and
            `client_secret`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | OAuthError | OAuthTokens
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
