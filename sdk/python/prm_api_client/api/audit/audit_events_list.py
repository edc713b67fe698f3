import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_event_list import AuditEventList
from ...models.audit_events_list_sort import AuditEventsListSort
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    actor_id: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    resource_type: None | str | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    request_id: None | str | Unset = UNSET,
    occurred_after: datetime.datetime | None | Unset = UNSET,
    occurred_before: datetime.datetime | None | Unset = UNSET,
    sort: AuditEventsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_actor_id: None | str | Unset
    if isinstance(actor_id, Unset):
        json_actor_id = UNSET
    else:
        json_actor_id = actor_id
    params["actor_id"] = json_actor_id

    json_action: None | str | Unset
    if isinstance(action, Unset):
        json_action = UNSET
    else:
        json_action = action
    params["action"] = json_action

    json_resource_type: None | str | Unset
    if isinstance(resource_type, Unset):
        json_resource_type = UNSET
    else:
        json_resource_type = resource_type
    params["resource_type"] = json_resource_type

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

    json_request_id: None | str | Unset
    if isinstance(request_id, Unset):
        json_request_id = UNSET
    else:
        json_request_id = request_id
    params["request_id"] = json_request_id

    json_occurred_after: None | str | Unset
    if isinstance(occurred_after, Unset):
        json_occurred_after = UNSET
    elif isinstance(occurred_after, datetime.datetime):
        json_occurred_after = occurred_after.isoformat()
    else:
        json_occurred_after = occurred_after
    params["occurred_after"] = json_occurred_after

    json_occurred_before: None | str | Unset
    if isinstance(occurred_before, Unset):
        json_occurred_before = UNSET
    elif isinstance(occurred_before, datetime.datetime):
        json_occurred_before = occurred_before.isoformat()
    else:
        json_occurred_before = occurred_before
    params["occurred_before"] = json_occurred_before

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
        "url": "/v1/audit-events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuditEventList | Problem | None:
    if response.status_code == 200:
        response_200 = AuditEventList.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuditEventList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    actor_id: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    resource_type: None | str | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    request_id: None | str | Unset = UNSET,
    occurred_after: datetime.datetime | None | Unset = UNSET,
    occurred_before: datetime.datetime | None | Unset = UNSET,
    sort: AuditEventsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[AuditEventList | Problem]:
    """List audit events

     Every recorded change, newest first: who did what to which resource, when and from where.

    Args:
        actor_id (None | str | Unset): User id or client_id.
        action (None | str | Unset):
        resource_type (None | str | Unset):
        resource_id (None | str | Unset):
        partner_id (None | Unset | UUID):
        request_id (None | str | Unset):
        occurred_after (datetime.datetime | None | Unset): Inclusive bound.
        occurred_before (datetime.datetime | None | Unset): Exclusive upper bound.
        sort (AuditEventsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-occurred_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEventList | Problem]
    """

    kwargs = _get_kwargs(
        actor_id=actor_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        partner_id=partner_id,
        request_id=request_id,
        occurred_after=occurred_after,
        occurred_before=occurred_before,
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
    actor_id: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    resource_type: None | str | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    request_id: None | str | Unset = UNSET,
    occurred_after: datetime.datetime | None | Unset = UNSET,
    occurred_before: datetime.datetime | None | Unset = UNSET,
    sort: AuditEventsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> AuditEventList | Problem | None:
    """List audit events

     Every recorded change, newest first: who did what to which resource, when and from where.

    Args:
        actor_id (None | str | Unset): User id or client_id.
        action (None | str | Unset):
        resource_type (None | str | Unset):
        resource_id (None | str | Unset):
        partner_id (None | Unset | UUID):
        request_id (None | str | Unset):
        occurred_after (datetime.datetime | None | Unset): Inclusive bound.
        occurred_before (datetime.datetime | None | Unset): Exclusive upper bound.
        sort (AuditEventsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-occurred_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEventList | Problem
    """

    return sync_detailed(
        client=client,
        actor_id=actor_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        partner_id=partner_id,
        request_id=request_id,
        occurred_after=occurred_after,
        occurred_before=occurred_before,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    actor_id: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    resource_type: None | str | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    request_id: None | str | Unset = UNSET,
    occurred_after: datetime.datetime | None | Unset = UNSET,
    occurred_before: datetime.datetime | None | Unset = UNSET,
    sort: AuditEventsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[AuditEventList | Problem]:
    """List audit events

     Every recorded change, newest first: who did what to which resource, when and from where.

    Args:
        actor_id (None | str | Unset): User id or client_id.
        action (None | str | Unset):
        resource_type (None | str | Unset):
        resource_id (None | str | Unset):
        partner_id (None | Unset | UUID):
        request_id (None | str | Unset):
        occurred_after (datetime.datetime | None | Unset): Inclusive bound.
        occurred_before (datetime.datetime | None | Unset): Exclusive upper bound.
        sort (AuditEventsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-occurred_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditEventList | Problem]
    """

    kwargs = _get_kwargs(
        actor_id=actor_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        partner_id=partner_id,
        request_id=request_id,
        occurred_after=occurred_after,
        occurred_before=occurred_before,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    actor_id: None | str | Unset = UNSET,
    action: None | str | Unset = UNSET,
    resource_type: None | str | Unset = UNSET,
    resource_id: None | str | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    request_id: None | str | Unset = UNSET,
    occurred_after: datetime.datetime | None | Unset = UNSET,
    occurred_before: datetime.datetime | None | Unset = UNSET,
    sort: AuditEventsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> AuditEventList | Problem | None:
    """List audit events

     Every recorded change, newest first: who did what to which resource, when and from where.

    Args:
        actor_id (None | str | Unset): User id or client_id.
        action (None | str | Unset):
        resource_type (None | str | Unset):
        resource_id (None | str | Unset):
        partner_id (None | Unset | UUID):
        request_id (None | str | Unset):
        occurred_after (datetime.datetime | None | Unset): Inclusive bound.
        occurred_before (datetime.datetime | None | Unset): Exclusive upper bound.
        sort (AuditEventsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-occurred_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditEventList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            actor_id=actor_id,
            action=action,
            resource_type=resource_type,
            resource_id=resource_id,
            partner_id=partner_id,
            request_id=request_id,
            occurred_after=occurred_after,
            occurred_before=occurred_before,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
