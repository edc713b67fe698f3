from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.tier_evaluation_list import TierEvaluationList
from ...models.tier_evaluations_list_sort import TierEvaluationsListSort
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: TierEvaluationsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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
        "url": "/v1/tier-evaluations",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TierEvaluationList | None:
    if response.status_code == 200:
        response_200 = TierEvaluationList.from_dict(response.json())

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
) -> Response[Problem | TierEvaluationList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    sort: TierEvaluationsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | TierEvaluationList]:
    """List tier evaluations

     Tier evaluation runs, newest first (vendor roles; partner tokens get 403).

    Args:
        sort (TierEvaluationsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TierEvaluationList]
    """

    kwargs = _get_kwargs(
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
    sort: TierEvaluationsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Problem | TierEvaluationList | None:
    """List tier evaluations

     Tier evaluation runs, newest first (vendor roles; partner tokens get 403).

    Args:
        sort (TierEvaluationsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TierEvaluationList
    """

    return sync_detailed(
        client=client,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    sort: TierEvaluationsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | TierEvaluationList]:
    """List tier evaluations

     Tier evaluation runs, newest first (vendor roles; partner tokens get 403).

    Args:
        sort (TierEvaluationsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TierEvaluationList]
    """

    kwargs = _get_kwargs(
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    sort: TierEvaluationsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Problem | TierEvaluationList | None:
    """List tier evaluations

     Tier evaluation runs, newest first (vendor roles; partner tokens get 403).

    Args:
        sort (TierEvaluationsListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TierEvaluationList
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
