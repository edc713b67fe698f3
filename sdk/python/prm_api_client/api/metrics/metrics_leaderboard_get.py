from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.leaderboard import Leaderboard
from ...models.metric_key import MetricKey
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    metric: MetricKey,
    period: str | Unset = "12mo",
    limit: int | Unset = 10,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_metric = metric.value
    params["metric"] = json_metric

    params["period"] = period

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/metrics/leaderboard",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Leaderboard | Problem | None:
    if response.status_code == 200:
        response_200 = Leaderboard.from_dict(response.json())

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
) -> Response[Leaderboard | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    metric: MetricKey,
    period: str | Unset = "12mo",
    limit: int | Unset = 10,
) -> Response[Leaderboard | Problem]:
    """Rank partners by a metric

     Every active partner ranked by `metric` over `period`, highest first (ties share a
    rank; partners with no value rank last). Vendor roles get the top `limit` entries. A
    partner token gets only its own standing in `you` — rank, how many are ranked, and the
    share of partners below it — never another partner's name or figures.

    Args:
        metric (MetricKey): A metric of `GET /v1/metrics/definitions`.
        period (str | Unset): `Nd`, `Nmo`, `2026-Q3`, `2026-07` or `2026` (see the query API).
            Default: '12mo'.
        limit (int | Unset): How many entries (vendors). Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Leaderboard | Problem]
    """

    kwargs = _get_kwargs(
        metric=metric,
        period=period,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    metric: MetricKey,
    period: str | Unset = "12mo",
    limit: int | Unset = 10,
) -> Leaderboard | Problem | None:
    """Rank partners by a metric

     Every active partner ranked by `metric` over `period`, highest first (ties share a
    rank; partners with no value rank last). Vendor roles get the top `limit` entries. A
    partner token gets only its own standing in `you` — rank, how many are ranked, and the
    share of partners below it — never another partner's name or figures.

    Args:
        metric (MetricKey): A metric of `GET /v1/metrics/definitions`.
        period (str | Unset): `Nd`, `Nmo`, `2026-Q3`, `2026-07` or `2026` (see the query API).
            Default: '12mo'.
        limit (int | Unset): How many entries (vendors). Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Leaderboard | Problem
    """

    return sync_detailed(
        client=client,
        metric=metric,
        period=period,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    metric: MetricKey,
    period: str | Unset = "12mo",
    limit: int | Unset = 10,
) -> Response[Leaderboard | Problem]:
    """Rank partners by a metric

     Every active partner ranked by `metric` over `period`, highest first (ties share a
    rank; partners with no value rank last). Vendor roles get the top `limit` entries. A
    partner token gets only its own standing in `you` — rank, how many are ranked, and the
    share of partners below it — never another partner's name or figures.

    Args:
        metric (MetricKey): A metric of `GET /v1/metrics/definitions`.
        period (str | Unset): `Nd`, `Nmo`, `2026-Q3`, `2026-07` or `2026` (see the query API).
            Default: '12mo'.
        limit (int | Unset): How many entries (vendors). Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Leaderboard | Problem]
    """

    kwargs = _get_kwargs(
        metric=metric,
        period=period,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    metric: MetricKey,
    period: str | Unset = "12mo",
    limit: int | Unset = 10,
) -> Leaderboard | Problem | None:
    """Rank partners by a metric

     Every active partner ranked by `metric` over `period`, highest first (ties share a
    rank; partners with no value rank last). Vendor roles get the top `limit` entries. A
    partner token gets only its own standing in `you` — rank, how many are ranked, and the
    share of partners below it — never another partner's name or figures.

    Args:
        metric (MetricKey): A metric of `GET /v1/metrics/definitions`.
        period (str | Unset): `Nd`, `Nmo`, `2026-Q3`, `2026-07` or `2026` (see the query API).
            Default: '12mo'.
        limit (int | Unset): How many entries (vendors). Default: 10.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Leaderboard | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            metric=metric,
            period=period,
            limit=limit,
        )
    ).parsed
