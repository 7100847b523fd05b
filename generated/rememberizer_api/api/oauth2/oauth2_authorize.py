from http import HTTPStatus
from typing import Any, cast

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.oauth_2_authorize_code_challenge_method import (
    Oauth2AuthorizeCodeChallengeMethod,
)
from ...models.oauth_2_authorize_response_type import (
    Oauth2AuthorizeResponseType,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    client_id: str,
    response_type: Oauth2AuthorizeResponseType,
    redirect_uri: str,
    scope: str | Unset = UNSET,
    state: str,
    code_challenge: str | Unset = UNSET,
    code_challenge_method: Oauth2AuthorizeCodeChallengeMethod | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["client_id"] = client_id

    json_response_type: str = response_type
    params["response_type"] = json_response_type

    params["redirect_uri"] = redirect_uri

    params["scope"] = scope

    params["state"] = state

    params["code_challenge"] = code_challenge

    json_code_challenge_method: str | Unset = UNSET
    if not isinstance(code_challenge_method, Unset):
        json_code_challenge_method = code_challenge_method

    params["code_challenge_method"] = json_code_challenge_method

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/auth/oauth2/authorize/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> Any | Error | str | None:
    if response.status_code == 200:
        response_200 = response.text
        return response_200

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 400:
        response_400 = response.text
        return response_400

    if response.status_code == 401:
        response_401 = response.text
        return response_401

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
) -> Response[Any | Error | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    client_id: str,
    response_type: Oauth2AuthorizeResponseType,
    redirect_uri: str,
    scope: str | Unset = UNSET,
    state: str,
    code_challenge: str | Unset = UNSET,
    code_challenge_method: Oauth2AuthorizeCodeChallengeMethod | Unset = UNSET,
) -> Response[Any | Error | str]:
    """Start an app's authorization

     The page an app sends its user to (RFC 6749 §4.1.1). When the request is valid and the
    user is signed in, it answers with the consent page, on which the user chooses the
    mementos the app may use. When the client or `redirect_uri` is unknown it answers 400
    and never redirects. Other errors redirect to `redirect_uri` with `error` and `state`.
    What the consent page sends back is not public, so it is not part of this spec.

    Args:
        client_id (str):
        response_type (Oauth2AuthorizeResponseType):
        redirect_uri (str):
        scope (str | Unset):
        state (str):
        code_challenge (str | Unset):
        code_challenge_method (Oauth2AuthorizeCodeChallengeMethod | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | str]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        response_type=response_type,
        redirect_uri=redirect_uri,
        scope=scope,
        state=state,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    client_id: str,
    response_type: Oauth2AuthorizeResponseType,
    redirect_uri: str,
    scope: str | Unset = UNSET,
    state: str,
    code_challenge: str | Unset = UNSET,
    code_challenge_method: Oauth2AuthorizeCodeChallengeMethod | Unset = UNSET,
) -> Any | Error | str | None:
    """Start an app's authorization

     The page an app sends its user to (RFC 6749 §4.1.1). When the request is valid and the
    user is signed in, it answers with the consent page, on which the user chooses the
    mementos the app may use. When the client or `redirect_uri` is unknown it answers 400
    and never redirects. Other errors redirect to `redirect_uri` with `error` and `state`.
    What the consent page sends back is not public, so it is not part of this spec.

    Args:
        client_id (str):
        response_type (Oauth2AuthorizeResponseType):
        redirect_uri (str):
        scope (str | Unset):
        state (str):
        code_challenge (str | Unset):
        code_challenge_method (Oauth2AuthorizeCodeChallengeMethod | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | str
    """

    return sync_detailed(
        client=client,
        client_id=client_id,
        response_type=response_type,
        redirect_uri=redirect_uri,
        scope=scope,
        state=state,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    client_id: str,
    response_type: Oauth2AuthorizeResponseType,
    redirect_uri: str,
    scope: str | Unset = UNSET,
    state: str,
    code_challenge: str | Unset = UNSET,
    code_challenge_method: Oauth2AuthorizeCodeChallengeMethod | Unset = UNSET,
) -> Response[Any | Error | str]:
    """Start an app's authorization

     The page an app sends its user to (RFC 6749 §4.1.1). When the request is valid and the
    user is signed in, it answers with the consent page, on which the user chooses the
    mementos the app may use. When the client or `redirect_uri` is unknown it answers 400
    and never redirects. Other errors redirect to `redirect_uri` with `error` and `state`.
    What the consent page sends back is not public, so it is not part of this spec.

    Args:
        client_id (str):
        response_type (Oauth2AuthorizeResponseType):
        redirect_uri (str):
        scope (str | Unset):
        state (str):
        code_challenge (str | Unset):
        code_challenge_method (Oauth2AuthorizeCodeChallengeMethod | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error | str]
    """

    kwargs = _get_kwargs(
        client_id=client_id,
        response_type=response_type,
        redirect_uri=redirect_uri,
        scope=scope,
        state=state,
        code_challenge=code_challenge,
        code_challenge_method=code_challenge_method,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    client_id: str,
    response_type: Oauth2AuthorizeResponseType,
    redirect_uri: str,
    scope: str | Unset = UNSET,
    state: str,
    code_challenge: str | Unset = UNSET,
    code_challenge_method: Oauth2AuthorizeCodeChallengeMethod | Unset = UNSET,
) -> Any | Error | str | None:
    """Start an app's authorization

     The page an app sends its user to (RFC 6749 §4.1.1). When the request is valid and the
    user is signed in, it answers with the consent page, on which the user chooses the
    mementos the app may use. When the client or `redirect_uri` is unknown it answers 400
    and never redirects. Other errors redirect to `redirect_uri` with `error` and `state`.
    What the consent page sends back is not public, so it is not part of this spec.

    Args:
        client_id (str):
        response_type (Oauth2AuthorizeResponseType):
        redirect_uri (str):
        scope (str | Unset):
        state (str):
        code_challenge (str | Unset):
        code_challenge_method (Oauth2AuthorizeCodeChallengeMethod | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error | str
    """

    return (
        await asyncio_detailed(
            client=client,
            client_id=client_id,
            response_type=response_type,
            redirect_uri=redirect_uri,
            scope=scope,
            state=state,
            code_challenge=code_challenge,
            code_challenge_method=code_challenge_method,
        )
    ).parsed
