from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.scorecard import Scorecard
from ...types import UNSET, Response, Unset


def _get_kwargs(
    partner_id: UUID,
    *,
    period: str | Unset = "12mo",
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["period"] = period

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/partners/{partner_id}/scorecard".format(
            partner_id=quote(str(partner_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Scorecard | None:
    if response.status_code == 200:
        response_200 = Scorecard.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Scorecard]:
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
    period: str | Unset = "12mo",
) -> Response[Problem | Scorecard]:
    """Get a partner's scorecard

     One partner's page: its KPIs for `period` and the period just before (same length),
    its tier and the next one with **progress criterion by criterion** (required, actual,
    missing, met, and a sentence such as "2 more certified users, 40,000.00 USD more won
    revenue"), the certifications its users hold and those expiring within 60 days, its
    onboarding and its health score.

    Tier progress is measured over the tier window (the last `tier_window_months` months
    ending today), exactly as a tier evaluation measures it. Money is in the program's base
    currency; amounts without an exchange rate are listed per currency, never summed.
    Vendor roles see any partner; a partner token its own (another partner's is a 404).

    Args:
        partner_id (UUID):
        period (str | Unset): `30d`, `90d`, `12mo` (the calendar months ending with this one),
            `2026-Q3`, `2026-07` or `2026`, as in `POST /v1/metrics/query`. Default: '12mo'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Scorecard]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        period=period,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    period: str | Unset = "12mo",
) -> Problem | Scorecard | None:
    """Get a partner's scorecard

     One partner's page: its KPIs for `period` and the period just before (same length),
    its tier and the next one with **progress criterion by criterion** (required, actual,
    missing, met, and a sentence such as "2 more certified users, 40,000.00 USD more won
    revenue"), the certifications its users hold and those expiring within 60 days, its
    onboarding and its health score.

    Tier progress is measured over the tier window (the last `tier_window_months` months
    ending today), exactly as a tier evaluation measures it. Money is in the program's base
    currency; amounts without an exchange rate are listed per currency, never summed.
    Vendor roles see any partner; a partner token its own (another partner's is a 404).

    Args:
        partner_id (UUID):
        period (str | Unset): `30d`, `90d`, `12mo` (the calendar months ending with this one),
            `2026-Q3`, `2026-07` or `2026`, as in `POST /v1/metrics/query`. Default: '12mo'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Scorecard
    """

    return sync_detailed(
        partner_id=partner_id,
        client=client,
        period=period,
    ).parsed


async def asyncio_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    period: str | Unset = "12mo",
) -> Response[Problem | Scorecard]:
    """Get a partner's scorecard

     One partner's page: its KPIs for `period` and the period just before (same length),
    its tier and the next one with **progress criterion by criterion** (required, actual,
    missing, met, and a sentence such as "2 more certified users, 40,000.00 USD more won
    revenue"), the certifications its users hold and those expiring within 60 days, its
    onboarding and its health score.

    Tier progress is measured over the tier window (the last `tier_window_months` months
    ending today), exactly as a tier evaluation measures it. Money is in the program's base
    currency; amounts without an exchange rate are listed per currency, never summed.
    Vendor roles see any partner; a partner token its own (another partner's is a 404).

    Args:
        partner_id (UUID):
        period (str | Unset): `30d`, `90d`, `12mo` (the calendar months ending with this one),
            `2026-Q3`, `2026-07` or `2026`, as in `POST /v1/metrics/query`. Default: '12mo'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Scorecard]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        period=period,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    period: str | Unset = "12mo",
) -> Problem | Scorecard | None:
    """Get a partner's scorecard

     One partner's page: its KPIs for `period` and the period just before (same length),
    its tier and the next one with **progress criterion by criterion** (required, actual,
    missing, met, and a sentence such as "2 more certified users, 40,000.00 USD more won
    revenue"), the certifications its users hold and those expiring within 60 days, its
    onboarding and its health score.

    Tier progress is measured over the tier window (the last `tier_window_months` months
    ending today), exactly as a tier evaluation measures it. Money is in the program's base
    currency; amounts without an exchange rate are listed per currency, never summed.
    Vendor roles see any partner; a partner token its own (another partner's is a 404).

    Args:
        partner_id (UUID):
        period (str | Unset): `30d`, `90d`, `12mo` (the calendar months ending with this one),
            `2026-Q3`, `2026-07` or `2026`, as in `POST /v1/metrics/query`. Default: '12mo'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Scorecard
    """

    return (
        await asyncio_detailed(
            partner_id=partner_id,
            client=client,
            period=period,
        )
    ).parsed
