from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.partner_health import PartnerHealth
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    partner_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/partners/{partner_id}/health".format(
            partner_id=quote(str(partner_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PartnerHealth | Problem | None:
    if response.status_code == 200:
        response_200 = PartnerHealth.from_dict(response.json())

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
) -> Response[PartnerHealth | Problem]:
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
) -> Response[PartnerHealth | Problem]:
    """Get a partner's health score

     The partner's health now: a score from 0 to 100, its band (`healthy` from 70,
    `at_risk` from 40, `critical` below) and `explain[]`, one entry per component with what
    was measured (`raw_value`, `unit`, `figures`, a `description` sentence), its `normalized`
    score (0–1), its `weight` and the `points` it gives — the points add up to the score, so
    every point can be traced.

    Components (formula `health-1`, windows ending today, UTC):
    - `deal_recency`: days since the partner's last deal registered, decided or closed —
      today scores 1, 90 days or more 0 (never: 0);
    - `pipeline_trend`: open approved pipeline now against 90 days ago — ×1.2 or more scores
      1, ×0.5 or less 0 (none at either time: 0.5; none then, some now: 1);
    - `win_rate`: won / (won + lost) over the last 12 months (nothing closed: 0.5);
    - `certification_coverage`: users with a current certification / active users (none: 0);
    - `engagement`: sign-ins, downloads and course completions in the last 90 days against
      fixed targets (30, 10, 3), each capped, averaged.

    Weights are the program's (`health_weights` in the program settings; default 25, 15, 20,
    20, 20). Computed live from the current records; `GET …/health/history` gives the daily
    snapshots. A partner token reads its own partner only (another is a 404).

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartnerHealth | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
) -> PartnerHealth | Problem | None:
    """Get a partner's health score

     The partner's health now: a score from 0 to 100, its band (`healthy` from 70,
    `at_risk` from 40, `critical` below) and `explain[]`, one entry per component with what
    was measured (`raw_value`, `unit`, `figures`, a `description` sentence), its `normalized`
    score (0–1), its `weight` and the `points` it gives — the points add up to the score, so
    every point can be traced.

    Components (formula `health-1`, windows ending today, UTC):
    - `deal_recency`: days since the partner's last deal registered, decided or closed —
      today scores 1, 90 days or more 0 (never: 0);
    - `pipeline_trend`: open approved pipeline now against 90 days ago — ×1.2 or more scores
      1, ×0.5 or less 0 (none at either time: 0.5; none then, some now: 1);
    - `win_rate`: won / (won + lost) over the last 12 months (nothing closed: 0.5);
    - `certification_coverage`: users with a current certification / active users (none: 0);
    - `engagement`: sign-ins, downloads and course completions in the last 90 days against
      fixed targets (30, 10, 3), each capped, averaged.

    Weights are the program's (`health_weights` in the program settings; default 25, 15, 20,
    20, 20). Computed live from the current records; `GET …/health/history` gives the daily
    snapshots. A partner token reads its own partner only (another is a 404).

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartnerHealth | Problem
    """

    return sync_detailed(
        partner_id=partner_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[PartnerHealth | Problem]:
    """Get a partner's health score

     The partner's health now: a score from 0 to 100, its band (`healthy` from 70,
    `at_risk` from 40, `critical` below) and `explain[]`, one entry per component with what
    was measured (`raw_value`, `unit`, `figures`, a `description` sentence), its `normalized`
    score (0–1), its `weight` and the `points` it gives — the points add up to the score, so
    every point can be traced.

    Components (formula `health-1`, windows ending today, UTC):
    - `deal_recency`: days since the partner's last deal registered, decided or closed —
      today scores 1, 90 days or more 0 (never: 0);
    - `pipeline_trend`: open approved pipeline now against 90 days ago — ×1.2 or more scores
      1, ×0.5 or less 0 (none at either time: 0.5; none then, some now: 1);
    - `win_rate`: won / (won + lost) over the last 12 months (nothing closed: 0.5);
    - `certification_coverage`: users with a current certification / active users (none: 0);
    - `engagement`: sign-ins, downloads and course completions in the last 90 days against
      fixed targets (30, 10, 3), each capped, averaged.

    Weights are the program's (`health_weights` in the program settings; default 25, 15, 20,
    20, 20). Computed live from the current records; `GET …/health/history` gives the daily
    snapshots. A partner token reads its own partner only (another is a 404).

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartnerHealth | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
) -> PartnerHealth | Problem | None:
    """Get a partner's health score

     The partner's health now: a score from 0 to 100, its band (`healthy` from 70,
    `at_risk` from 40, `critical` below) and `explain[]`, one entry per component with what
    was measured (`raw_value`, `unit`, `figures`, a `description` sentence), its `normalized`
    score (0–1), its `weight` and the `points` it gives — the points add up to the score, so
    every point can be traced.

    Components (formula `health-1`, windows ending today, UTC):
    - `deal_recency`: days since the partner's last deal registered, decided or closed —
      today scores 1, 90 days or more 0 (never: 0);
    - `pipeline_trend`: open approved pipeline now against 90 days ago — ×1.2 or more scores
      1, ×0.5 or less 0 (none at either time: 0.5; none then, some now: 1);
    - `win_rate`: won / (won + lost) over the last 12 months (nothing closed: 0.5);
    - `certification_coverage`: users with a current certification / active users (none: 0);
    - `engagement`: sign-ins, downloads and course completions in the last 90 days against
      fixed targets (30, 10, 3), each capped, averaged.

    Weights are the program's (`health_weights` in the program settings; default 25, 15, 20,
    20, 20). Computed live from the current records; `GET …/health/history` gives the daily
    snapshots. A partner token reads its own partner only (another is a 404).

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartnerHealth | Problem
    """

    return (
        await asyncio_detailed(
            partner_id=partner_id,
            client=client,
        )
    ).parsed
