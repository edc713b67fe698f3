from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.partner_role import PartnerRole
from ...models.partner_users_list_sort import PartnerUsersListSort
from ...models.problem import Problem
from ...models.user_list import UserList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    partner_id: UUID,
    *,
    role: None | PartnerRole | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: PartnerUsersListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_role: None | str | Unset
    if isinstance(role, Unset):
        json_role = UNSET
    elif isinstance(role, PartnerRole):
        json_role = role.value
    else:
        json_role = role
    params["role"] = json_role

    json_active: bool | None | Unset
    if isinstance(active, Unset):
        json_active = UNSET
    else:
        json_active = active
    params["active"] = json_active

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

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
        "url": "/v1/partners/{partner_id}/users".format(
            partner_id=quote(str(partner_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | UserList | None:
    if response.status_code == 200:
        response_200 = UserList.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | UserList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    role: None | PartnerRole | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: PartnerUsersListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | UserList]:
    """List a partner's users

     The partner's users. Any user of the partner may list colleagues.

    Args:
        partner_id (UUID):
        role (None | PartnerRole | Unset):
        active (bool | None | Unset):
        q (None | str | Unset): Substring of email or name.
        sort (PartnerUsersListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UserList]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        role=role,
        active=active,
        q=q,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    role: None | PartnerRole | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: PartnerUsersListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Problem | UserList | None:
    """List a partner's users

     The partner's users. Any user of the partner may list colleagues.

    Args:
        partner_id (UUID):
        role (None | PartnerRole | Unset):
        active (bool | None | Unset):
        q (None | str | Unset): Substring of email or name.
        sort (PartnerUsersListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UserList
    """

    return sync_detailed(
        partner_id=partner_id,
        client=client,
        role=role,
        active=active,
        q=q,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    role: None | PartnerRole | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: PartnerUsersListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | UserList]:
    """List a partner's users

     The partner's users. Any user of the partner may list colleagues.

    Args:
        partner_id (UUID):
        role (None | PartnerRole | Unset):
        active (bool | None | Unset):
        q (None | str | Unset): Substring of email or name.
        sort (PartnerUsersListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | UserList]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        role=role,
        active=active,
        q=q,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    role: None | PartnerRole | Unset = UNSET,
    active: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: PartnerUsersListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Problem | UserList | None:
    """List a partner's users

     The partner's users. Any user of the partner may list colleagues.

    Args:
        partner_id (UUID):
        role (None | PartnerRole | Unset):
        active (bool | None | Unset):
        q (None | str | Unset): Substring of email or name.
        sort (PartnerUsersListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | UserList
    """

    return (
        await asyncio_detailed(
            partner_id=partner_id,
            client=client,
            role=role,
            active=active,
            q=q,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
