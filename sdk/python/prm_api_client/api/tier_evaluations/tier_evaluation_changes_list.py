from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.change_direction import ChangeDirection
from ...models.change_status import ChangeStatus
from ...models.problem import Problem
from ...models.tier_evaluation_change_list import TierEvaluationChangeList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    evaluation_id: UUID,
    *,
    status: ChangeStatus | None | Unset = UNSET,
    direction: ChangeDirection | None | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ChangeStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_direction: None | str | Unset
    if isinstance(direction, Unset):
        json_direction = UNSET
    elif isinstance(direction, ChangeDirection):
        json_direction = direction.value
    else:
        json_direction = direction
    params["direction"] = json_direction

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
        "url": "/v1/tier-evaluations/{evaluation_id}/changes".format(
            evaluation_id=quote(str(evaluation_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TierEvaluationChangeList | None:
    if response.status_code == 200:
        response_200 = TierEvaluationChangeList.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | TierEvaluationChangeList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    evaluation_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ChangeStatus | None | Unset = UNSET,
    direction: ChangeDirection | None | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | TierEvaluationChangeList]:
    """List an evaluation's tier changes

     The changes an evaluation recorded, in the order it recorded them, each with the
    criteria values that decided it (`criteria`: the partner's figures, its tier checked and
    the tier it qualifies for, criterion by criterion).

    Args:
        evaluation_id (UUID):
        status (ChangeStatus | None | Unset): Only changes in this status.
        direction (ChangeDirection | None | Unset):
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TierEvaluationChangeList]
    """

    kwargs = _get_kwargs(
        evaluation_id=evaluation_id,
        status=status,
        direction=direction,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    evaluation_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ChangeStatus | None | Unset = UNSET,
    direction: ChangeDirection | None | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Problem | TierEvaluationChangeList | None:
    """List an evaluation's tier changes

     The changes an evaluation recorded, in the order it recorded them, each with the
    criteria values that decided it (`criteria`: the partner's figures, its tier checked and
    the tier it qualifies for, criterion by criterion).

    Args:
        evaluation_id (UUID):
        status (ChangeStatus | None | Unset): Only changes in this status.
        direction (ChangeDirection | None | Unset):
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TierEvaluationChangeList
    """

    return sync_detailed(
        evaluation_id=evaluation_id,
        client=client,
        status=status,
        direction=direction,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    evaluation_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ChangeStatus | None | Unset = UNSET,
    direction: ChangeDirection | None | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | TierEvaluationChangeList]:
    """List an evaluation's tier changes

     The changes an evaluation recorded, in the order it recorded them, each with the
    criteria values that decided it (`criteria`: the partner's figures, its tier checked and
    the tier it qualifies for, criterion by criterion).

    Args:
        evaluation_id (UUID):
        status (ChangeStatus | None | Unset): Only changes in this status.
        direction (ChangeDirection | None | Unset):
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TierEvaluationChangeList]
    """

    kwargs = _get_kwargs(
        evaluation_id=evaluation_id,
        status=status,
        direction=direction,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    evaluation_id: UUID,
    *,
    client: AuthenticatedClient,
    status: ChangeStatus | None | Unset = UNSET,
    direction: ChangeDirection | None | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Problem | TierEvaluationChangeList | None:
    """List an evaluation's tier changes

     The changes an evaluation recorded, in the order it recorded them, each with the
    criteria values that decided it (`criteria`: the partner's figures, its tier checked and
    the tier it qualifies for, criterion by criterion).

    Args:
        evaluation_id (UUID):
        status (ChangeStatus | None | Unset): Only changes in this status.
        direction (ChangeDirection | None | Unset):
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TierEvaluationChangeList
    """

    return (
        await asyncio_detailed(
            evaluation_id=evaluation_id,
            client=client,
            status=status,
            direction=direction,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
