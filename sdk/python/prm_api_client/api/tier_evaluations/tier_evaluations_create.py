from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.tier_evaluation import TierEvaluation
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/tier-evaluations",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TierEvaluation | None:
    if response.status_code == 201:
        response_201 = TierEvaluation.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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
) -> Response[Problem | TierEvaluation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Problem | TierEvaluation]:
    """Run a tier evaluation now

     Evaluate every **active** partner against the tiers' criteria now, over the rolling
    window of the program's `tier_window_months` (default 12) ending today, and record the
    result (vendor roles).

    A partner qualifies for the highest-rank tier whose every criterion it meets (`>=`):
    won revenue in the base currency, won deals, certified users; a null criterion is no
    requirement. What happens depends on the program's `tier_evaluation_mode`:

    - `manual`: each needed change is `proposed`; accept or reject it with
      `POST …/changes/{change_id}/accept` / `reject`. A run supersedes (cancels) the
      proposals of earlier runs, so the latest evaluation is the complete to-do list.
    - `automatic`: upgrades apply at once (`partner.tier_changed`); a downgrade is
      `pending_grace`: the partner is warned (`partner.tier_downgrade_pending`) and it
      applies after `tier_downgrade_grace_days`, unless a later evaluation finds the
      partner qualifying again (then it is `cancelled`, `partner.tier_downgrade_cancelled`).

    The scheduler runs one evaluation a day by itself. `tier_evaluation.completed` is
    emitted when a run finishes. 409 `exchange_rate_missing` when a tier's revenue minimum
    is in another currency with no rate for today (nothing is recorded). Runs are
    serialized: a second request waits for the first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TierEvaluation]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
) -> Problem | TierEvaluation | None:
    """Run a tier evaluation now

     Evaluate every **active** partner against the tiers' criteria now, over the rolling
    window of the program's `tier_window_months` (default 12) ending today, and record the
    result (vendor roles).

    A partner qualifies for the highest-rank tier whose every criterion it meets (`>=`):
    won revenue in the base currency, won deals, certified users; a null criterion is no
    requirement. What happens depends on the program's `tier_evaluation_mode`:

    - `manual`: each needed change is `proposed`; accept or reject it with
      `POST …/changes/{change_id}/accept` / `reject`. A run supersedes (cancels) the
      proposals of earlier runs, so the latest evaluation is the complete to-do list.
    - `automatic`: upgrades apply at once (`partner.tier_changed`); a downgrade is
      `pending_grace`: the partner is warned (`partner.tier_downgrade_pending`) and it
      applies after `tier_downgrade_grace_days`, unless a later evaluation finds the
      partner qualifying again (then it is `cancelled`, `partner.tier_downgrade_cancelled`).

    The scheduler runs one evaluation a day by itself. `tier_evaluation.completed` is
    emitted when a run finishes. 409 `exchange_rate_missing` when a tier's revenue minimum
    is in another currency with no rate for today (nothing is recorded). Runs are
    serialized: a second request waits for the first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TierEvaluation
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
) -> Response[Problem | TierEvaluation]:
    """Run a tier evaluation now

     Evaluate every **active** partner against the tiers' criteria now, over the rolling
    window of the program's `tier_window_months` (default 12) ending today, and record the
    result (vendor roles).

    A partner qualifies for the highest-rank tier whose every criterion it meets (`>=`):
    won revenue in the base currency, won deals, certified users; a null criterion is no
    requirement. What happens depends on the program's `tier_evaluation_mode`:

    - `manual`: each needed change is `proposed`; accept or reject it with
      `POST …/changes/{change_id}/accept` / `reject`. A run supersedes (cancels) the
      proposals of earlier runs, so the latest evaluation is the complete to-do list.
    - `automatic`: upgrades apply at once (`partner.tier_changed`); a downgrade is
      `pending_grace`: the partner is warned (`partner.tier_downgrade_pending`) and it
      applies after `tier_downgrade_grace_days`, unless a later evaluation finds the
      partner qualifying again (then it is `cancelled`, `partner.tier_downgrade_cancelled`).

    The scheduler runs one evaluation a day by itself. `tier_evaluation.completed` is
    emitted when a run finishes. 409 `exchange_rate_missing` when a tier's revenue minimum
    is in another currency with no rate for today (nothing is recorded). Runs are
    serialized: a second request waits for the first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TierEvaluation]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
) -> Problem | TierEvaluation | None:
    """Run a tier evaluation now

     Evaluate every **active** partner against the tiers' criteria now, over the rolling
    window of the program's `tier_window_months` (default 12) ending today, and record the
    result (vendor roles).

    A partner qualifies for the highest-rank tier whose every criterion it meets (`>=`):
    won revenue in the base currency, won deals, certified users; a null criterion is no
    requirement. What happens depends on the program's `tier_evaluation_mode`:

    - `manual`: each needed change is `proposed`; accept or reject it with
      `POST …/changes/{change_id}/accept` / `reject`. A run supersedes (cancels) the
      proposals of earlier runs, so the latest evaluation is the complete to-do list.
    - `automatic`: upgrades apply at once (`partner.tier_changed`); a downgrade is
      `pending_grace`: the partner is warned (`partner.tier_downgrade_pending`) and it
      applies after `tier_downgrade_grace_days`, unless a later evaluation finds the
      partner qualifying again (then it is `cancelled`, `partner.tier_downgrade_cancelled`).

    The scheduler runs one evaluation a day by itself. `tier_evaluation.completed` is
    emitted when a run finishes. 409 `exchange_rate_missing` when a tier's revenue minimum
    is in another currency with no rate for today (nothing is recorded). Runs are
    serialized: a second request waits for the first.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TierEvaluation
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
