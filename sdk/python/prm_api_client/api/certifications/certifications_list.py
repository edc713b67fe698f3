from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.certification_list import CertificationList
from ...models.certification_status import CertificationStatus
from ...models.certifications_list_sort import CertificationsListSort
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    program_id: None | Unset | UUID = UNSET,
    user_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    status: list[CertificationStatus] | None | Unset = UNSET,
    sort: CertificationsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_program_id: None | str | Unset
    if isinstance(program_id, Unset):
        json_program_id = UNSET
    elif isinstance(program_id, UUID):
        json_program_id = str(program_id)
    else:
        json_program_id = program_id
    params["program_id"] = json_program_id

    json_user_id: None | str | Unset
    if isinstance(user_id, Unset):
        json_user_id = UNSET
    elif isinstance(user_id, UUID):
        json_user_id = str(user_id)
    else:
        json_user_id = user_id
    params["user_id"] = json_user_id

    json_partner_id: None | str | Unset
    if isinstance(partner_id, Unset):
        json_partner_id = UNSET
    elif isinstance(partner_id, UUID):
        json_partner_id = str(partner_id)
    else:
        json_partner_id = partner_id
    params["partner_id"] = json_partner_id

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = []
        for status_type_0_item_data in status:
            status_type_0_item = status_type_0_item_data.value
            json_status.append(status_type_0_item)

    else:
        json_status = status
    params["status"] = json_status

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
        "url": "/v1/certifications",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CertificationList | Problem | None:
    if response.status_code == 200:
        response_200 = CertificationList.from_dict(response.json())

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
) -> Response[CertificationList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    program_id: None | Unset | UUID = UNSET,
    user_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    status: list[CertificationStatus] | None | Unset = UNSET,
    sort: CertificationsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[CertificationList | Problem]:
    """List certifications

     Certifications, newest first: a partner user's own, a partner admin's partner's,
    every one for vendor staff.

    Args:
        program_id (None | Unset | UUID):
        user_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        status (list[CertificationStatus] | None | Unset): Repeat for several.
        sort (CertificationsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CertificationList | Problem]
    """

    kwargs = _get_kwargs(
        program_id=program_id,
        user_id=user_id,
        partner_id=partner_id,
        status=status,
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
    program_id: None | Unset | UUID = UNSET,
    user_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    status: list[CertificationStatus] | None | Unset = UNSET,
    sort: CertificationsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> CertificationList | Problem | None:
    """List certifications

     Certifications, newest first: a partner user's own, a partner admin's partner's,
    every one for vendor staff.

    Args:
        program_id (None | Unset | UUID):
        user_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        status (list[CertificationStatus] | None | Unset): Repeat for several.
        sort (CertificationsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CertificationList | Problem
    """

    return sync_detailed(
        client=client,
        program_id=program_id,
        user_id=user_id,
        partner_id=partner_id,
        status=status,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    program_id: None | Unset | UUID = UNSET,
    user_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    status: list[CertificationStatus] | None | Unset = UNSET,
    sort: CertificationsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[CertificationList | Problem]:
    """List certifications

     Certifications, newest first: a partner user's own, a partner admin's partner's,
    every one for vendor staff.

    Args:
        program_id (None | Unset | UUID):
        user_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        status (list[CertificationStatus] | None | Unset): Repeat for several.
        sort (CertificationsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CertificationList | Problem]
    """

    kwargs = _get_kwargs(
        program_id=program_id,
        user_id=user_id,
        partner_id=partner_id,
        status=status,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    program_id: None | Unset | UUID = UNSET,
    user_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    status: list[CertificationStatus] | None | Unset = UNSET,
    sort: CertificationsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> CertificationList | Problem | None:
    """List certifications

     Certifications, newest first: a partner user's own, a partner admin's partner's,
    every one for vendor staff.

    Args:
        program_id (None | Unset | UUID):
        user_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        status (list[CertificationStatus] | None | Unset): Repeat for several.
        sort (CertificationsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CertificationList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            program_id=program_id,
            user_id=user_id,
            partner_id=partner_id,
            status=status,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
