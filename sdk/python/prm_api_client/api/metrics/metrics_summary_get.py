from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.metrics_summary import MetricsSummary
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    date_range: str | Unset = "12mo",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["date_range"] = date_range

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/metrics/summary",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MetricsSummary | Problem | None:
    if response.status_code == 200:
        response_200 = MetricsSummary.from_dict(response.json())

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
) -> Response[MetricsSummary | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    date_range: str | Unset = "12mo",
) -> Response[MetricsSummary | Problem]:
    """Get the program overview

     The program's home page in one call: every metric for the period and the previous
    one, a monthly trend, partners by status and by tier, and the five partners with the most
    won revenue. A partner token gets its own partner's figures and trend only (the partner
    lists are empty).

    A summary computed less than a couple of seconds ago for the same audience is answered
    again (`computed_at` says when it was read; a change shows within 5 s, as in every
    metric); `Cache-Control: no-cache` asks for one read now.

    Args:
        date_range (str | Unset): `Nd`, `Nmo`, `2026-Q3`, `2026-07` or `2026` (see the query API).
            Default: '12mo'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MetricsSummary | Problem]
    """

    kwargs = _get_kwargs(
        date_range=date_range,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    date_range: str | Unset = "12mo",
) -> MetricsSummary | Problem | None:
    """Get the program overview

     The program's home page in one call: every metric for the period and the previous
    one, a monthly trend, partners by status and by tier, and the five partners with the most
    won revenue. A partner token gets its own partner's figures and trend only (the partner
    lists are empty).

    A summary computed less than a couple of seconds ago for the same audience is answered
    again (`computed_at` says when it was read; a change shows within 5 s, as in every
    metric); `Cache-Control: no-cache` asks for one read now.

    Args:
        date_range (str | Unset): `Nd`, `Nmo`, `2026-Q3`, `2026-07` or `2026` (see the query API).
            Default: '12mo'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MetricsSummary | Problem
    """

    return sync_detailed(
        client=client,
        date_range=date_range,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    date_range: str | Unset = "12mo",
) -> Response[MetricsSummary | Problem]:
    """Get the program overview

     The program's home page in one call: every metric for the period and the previous
    one, a monthly trend, partners by status and by tier, and the five partners with the most
    won revenue. A partner token gets its own partner's figures and trend only (the partner
    lists are empty).

    A summary computed less than a couple of seconds ago for the same audience is answered
    again (`computed_at` says when it was read; a change shows within 5 s, as in every
    metric); `Cache-Control: no-cache` asks for one read now.

    Args:
        date_range (str | Unset): `Nd`, `Nmo`, `2026-Q3`, `2026-07` or `2026` (see the query API).
            Default: '12mo'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MetricsSummary | Problem]
    """

    kwargs = _get_kwargs(
        date_range=date_range,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    date_range: str | Unset = "12mo",
) -> MetricsSummary | Problem | None:
    """Get the program overview

     The program's home page in one call: every metric for the period and the previous
    one, a monthly trend, partners by status and by tier, and the five partners with the most
    won revenue. A partner token gets its own partner's figures and trend only (the partner
    lists are empty).

    A summary computed less than a couple of seconds ago for the same audience is answered
    again (`computed_at` says when it was read; a change shows within 5 s, as in every
    metric); `Cache-Control: no-cache` asks for one read now.

    Args:
        date_range (str | Unset): `Nd`, `Nmo`, `2026-Q3`, `2026-07` or `2026` (see the query API).
            Default: '12mo'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MetricsSummary | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            date_range=date_range,
        )
    ).parsed
