import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_list import EventList
from ...models.events_list_sort import EventsListSort
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    type_: list[str] | None | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    sort: EventsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_type_: list[str] | None | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, list):
        json_type_ = type_

    else:
        json_type_ = type_
    params["type"] = json_type_

    json_resource_id: None | str | Unset
    if isinstance(resource_id, Unset):
        json_resource_id = UNSET
    else:
        json_resource_id = resource_id
    params["resource_id"] = json_resource_id

    json_partner_id: None | str | Unset
    if isinstance(partner_id, Unset):
        json_partner_id = UNSET
    elif isinstance(partner_id, UUID):
        json_partner_id = str(partner_id)
    else:
        json_partner_id = partner_id
    params["partner_id"] = json_partner_id

    json_created_after: None | str | Unset
    if isinstance(created_after, Unset):
        json_created_after = UNSET
    elif isinstance(created_after, datetime.datetime):
        json_created_after = created_after.isoformat()
    else:
        json_created_after = created_after
    params["created_after"] = json_created_after

    json_created_before: None | str | Unset
    if isinstance(created_before, Unset):
        json_created_before = UNSET
    elif isinstance(created_before, datetime.datetime):
        json_created_before = created_before.isoformat()
    else:
        json_created_before = created_before
    params["created_before"] = json_created_before

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EventList | Problem | None:
    if response.status_code == 200:
        response_200 = EventList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EventList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    sort: EventsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[EventList | Problem]:
    """List events

     The event log, oldest first by default so an integration can page forward from its
    last seen cursor without missing anything. Partner tokens see only their partner's
    events, in the partner's view.

    Args:
        type_ (list[str] | None | Unset): Exact type (`deal.approved`) or a resource wildcard
            (`deal.*`). Repeat for several.
        resource_id (None | str | Unset): The object's id.
        partner_id (None | Unset | UUID): Vendor roles only.
        created_after (datetime.datetime | None | Unset): Inclusive.
        created_before (datetime.datetime | None | Unset): Exclusive.
        sort (EventsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventList | Problem]
    """

    kwargs = _get_kwargs(
        type_=type_,
        resource_id=resource_id,
        partner_id=partner_id,
        created_after=created_after,
        created_before=created_before,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    sort: EventsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> EventList | Problem | None:
    """List events

     The event log, oldest first by default so an integration can page forward from its
    last seen cursor without missing anything. Partner tokens see only their partner's
    events, in the partner's view.

    Args:
        type_ (list[str] | None | Unset): Exact type (`deal.approved`) or a resource wildcard
            (`deal.*`). Repeat for several.
        resource_id (None | str | Unset): The object's id.
        partner_id (None | Unset | UUID): Vendor roles only.
        created_after (datetime.datetime | None | Unset): Inclusive.
        created_before (datetime.datetime | None | Unset): Exclusive.
        sort (EventsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventList | Problem
    """

    return sync_detailed(
        client=client,
        type_=type_,
        resource_id=resource_id,
        partner_id=partner_id,
        created_after=created_after,
        created_before=created_before,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    sort: EventsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[EventList | Problem]:
    """List events

     The event log, oldest first by default so an integration can page forward from its
    last seen cursor without missing anything. Partner tokens see only their partner's
    events, in the partner's view.

    Args:
        type_ (list[str] | None | Unset): Exact type (`deal.approved`) or a resource wildcard
            (`deal.*`). Repeat for several.
        resource_id (None | str | Unset): The object's id.
        partner_id (None | Unset | UUID): Vendor roles only.
        created_after (datetime.datetime | None | Unset): Inclusive.
        created_before (datetime.datetime | None | Unset): Exclusive.
        sort (EventsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventList | Problem]
    """

    kwargs = _get_kwargs(
        type_=type_,
        resource_id=resource_id,
        partner_id=partner_id,
        created_after=created_after,
        created_before=created_before,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    type_: list[str] | None | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    sort: EventsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> EventList | Problem | None:
    """List events

     The event log, oldest first by default so an integration can page forward from its
    last seen cursor without missing anything. Partner tokens see only their partner's
    events, in the partner's view.

    Args:
        type_ (list[str] | None | Unset): Exact type (`deal.approved`) or a resource wildcard
            (`deal.*`). Repeat for several.
        resource_id (None | str | Unset): The object's id.
        partner_id (None | Unset | UUID): Vendor roles only.
        created_after (datetime.datetime | None | Unset): Inclusive.
        created_before (datetime.datetime | None | Unset): Exclusive.
        sort (EventsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
            resource_id=resource_id,
            partner_id=partner_id,
            created_after=created_after,
            created_before=created_before,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
