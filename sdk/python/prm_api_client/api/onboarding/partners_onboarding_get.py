from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.onboarding_checklist import OnboardingChecklist
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    partner_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/partners/{partner_id}/onboarding".format(
            partner_id=quote(str(partner_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OnboardingChecklist | Problem | None:
    if response.status_code == 200:
        response_200 = OnboardingChecklist.from_dict(response.json())

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
) -> Response[OnboardingChecklist | Problem]:
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
) -> Response[OnboardingChecklist | Problem]:
    """Get a partner's onboarding checklist

     Each step of the plan with its state for this partner and when it completed, and the
    overall progress. A partner token reads its own partner's checklist only (another
    partner's is a 404). `time_to_onboard_seconds` (approval to activation) is set once the
    partner is active.

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OnboardingChecklist | Problem]
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
) -> OnboardingChecklist | Problem | None:
    """Get a partner's onboarding checklist

     Each step of the plan with its state for this partner and when it completed, and the
    overall progress. A partner token reads its own partner's checklist only (another
    partner's is a 404). `time_to_onboard_seconds` (approval to activation) is set once the
    partner is active.

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OnboardingChecklist | Problem
    """

    return sync_detailed(
        partner_id=partner_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[OnboardingChecklist | Problem]:
    """Get a partner's onboarding checklist

     Each step of the plan with its state for this partner and when it completed, and the
    overall progress. A partner token reads its own partner's checklist only (another
    partner's is a 404). `time_to_onboard_seconds` (approval to activation) is set once the
    partner is active.

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OnboardingChecklist | Problem]
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
) -> OnboardingChecklist | Problem | None:
    """Get a partner's onboarding checklist

     Each step of the plan with its state for this partner and when it completed, and the
    overall progress. A partner token reads its own partner's checklist only (another
    partner's is a 404). `time_to_onboard_seconds` (approval to activation) is set once the
    partner is active.

    Args:
        partner_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OnboardingChecklist | Problem
    """

    return (
        await asyncio_detailed(
            partner_id=partner_id,
            client=client,
        )
    ).parsed
