import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx2

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.discussion_contents import DiscussionContents
from ...models.error import Error
from ...models.get_discussion_contents_integration_type import (
    GetDiscussionContentsIntegrationType,
)
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    discussion_id: int,
    *,
    integration_type: GetDiscussionContentsIntegrationType,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_integration_type: str = integration_type
    params["integration_type"] = json_integration_type

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/discussions/{discussion_id}/contents/".format(
            discussion_id=quote(str(discussion_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx2.Response
) -> DiscussionContents | Error | ValidationError | None:
    if response.status_code == 200:
        response_200 = DiscussionContents.from_dict(response.json())

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
) -> Response[DiscussionContents | Error | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    discussion_id: int,
    *,
    client: AuthenticatedClient,
    integration_type: GetDiscussionContentsIntegrationType,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
) -> Response[DiscussionContents | Error | ValidationError]:
    """Read a discussion

     Returns the messages of a Slack or Discord discussion inside the time window of `from`
    and `to`, and the replies in their threads. The docs contradict themselves on which
    bound is the later one: their parameter table says `from` defaults to now and `to` to
    7 days before `from`, while their example sends from=06-01 and to=06-07. Both orders
    are sent as given.

    Args:
        discussion_id (int):
        integration_type (GetDiscussionContentsIntegrationType):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DiscussionContents | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        discussion_id=discussion_id,
        integration_type=integration_type,
        from_=from_,
        to=to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    discussion_id: int,
    *,
    client: AuthenticatedClient,
    integration_type: GetDiscussionContentsIntegrationType,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
) -> DiscussionContents | Error | ValidationError | None:
    """Read a discussion

     Returns the messages of a Slack or Discord discussion inside the time window of `from`
    and `to`, and the replies in their threads. The docs contradict themselves on which
    bound is the later one: their parameter table says `from` defaults to now and `to` to
    7 days before `from`, while their example sends from=06-01 and to=06-07. Both orders
    are sent as given.

    Args:
        discussion_id (int):
        integration_type (GetDiscussionContentsIntegrationType):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DiscussionContents | Error | ValidationError
    """

    return sync_detailed(
        discussion_id=discussion_id,
        client=client,
        integration_type=integration_type,
        from_=from_,
        to=to,
    ).parsed


async def asyncio_detailed(
    discussion_id: int,
    *,
    client: AuthenticatedClient,
    integration_type: GetDiscussionContentsIntegrationType,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
) -> Response[DiscussionContents | Error | ValidationError]:
    """Read a discussion

     Returns the messages of a Slack or Discord discussion inside the time window of `from`
    and `to`, and the replies in their threads. The docs contradict themselves on which
    bound is the later one: their parameter table says `from` defaults to now and `to` to
    7 days before `from`, while their example sends from=06-01 and to=06-07. Both orders
    are sent as given.

    Args:
        discussion_id (int):
        integration_type (GetDiscussionContentsIntegrationType):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DiscussionContents | Error | ValidationError]
    """

    kwargs = _get_kwargs(
        discussion_id=discussion_id,
        integration_type=integration_type,
        from_=from_,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    discussion_id: int,
    *,
    client: AuthenticatedClient,
    integration_type: GetDiscussionContentsIntegrationType,
    from_: datetime.datetime | Unset = UNSET,
    to: datetime.datetime | Unset = UNSET,
) -> DiscussionContents | Error | ValidationError | None:
    """Read a discussion

     Returns the messages of a Slack or Discord discussion inside the time window of `from`
    and `to`, and the replies in their threads. The docs contradict themselves on which
    bound is the later one: their parameter table says `from` defaults to now and `to` to
    7 days before `from`, while their example sends from=06-01 and to=06-07. Both orders
    are sent as given.

    Args:
        discussion_id (int):
        integration_type (GetDiscussionContentsIntegrationType):
        from_ (datetime.datetime | Unset):
        to (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx2.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DiscussionContents | Error | ValidationError
    """

    return (
        await asyncio_detailed(
            discussion_id=discussion_id,
            client=client,
            integration_type=integration_type,
            from_=from_,
            to=to,
        )
    ).parsed
