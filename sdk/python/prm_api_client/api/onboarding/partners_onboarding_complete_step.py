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
    step_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/partners/{partner_id}/onboarding/steps/{step_id}/complete".format(
            partner_id=quote(str(partner_id), safe=""),
            step_id=quote(str(step_id), safe=""),
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
) -> Response[OnboardingChecklist | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    partner_id: UUID,
    step_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[OnboardingChecklist | Problem]:
    """Check a custom onboarding step

     Mark a `custom` step done for a partner in `onboarding` (vendor roles); the answer is
    the checklist. Other kinds complete by themselves (409 `step_not_custom`). Completing the
    last required step ends onboarding as any other step does.

    Args:
        partner_id (UUID):
        step_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OnboardingChecklist | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        step_id=step_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    partner_id: UUID,
    step_id: UUID,
    *,
    client: AuthenticatedClient,
) -> OnboardingChecklist | Problem | None:
    """Check a custom onboarding step

     Mark a `custom` step done for a partner in `onboarding` (vendor roles); the answer is
    the checklist. Other kinds complete by themselves (409 `step_not_custom`). Completing the
    last required step ends onboarding as any other step does.

    Args:
        partner_id (UUID):
        step_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OnboardingChecklist | Problem
    """

    return sync_detailed(
        partner_id=partner_id,
        step_id=step_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    partner_id: UUID,
    step_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[OnboardingChecklist | Problem]:
    """Check a custom onboarding step

     Mark a `custom` step done for a partner in `onboarding` (vendor roles); the answer is
    the checklist. Other kinds complete by themselves (409 `step_not_custom`). Completing the
    last required step ends onboarding as any other step does.

    Args:
        partner_id (UUID):
        step_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OnboardingChecklist | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        step_id=step_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    partner_id: UUID,
    step_id: UUID,
    *,
    client: AuthenticatedClient,
) -> OnboardingChecklist | Problem | None:
    """Check a custom onboarding step

     Mark a `custom` step done for a partner in `onboarding` (vendor roles); the answer is
    the checklist. Other kinds complete by themselves (409 `step_not_custom`). Completing the
    last required step ends onboarding as any other step does.

    Args:
        partner_id (UUID):
        step_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OnboardingChecklist | Problem
    """

    return (
        await asyncio_detailed(
            partner_id=partner_id,
            step_id=step_id,
            client=client,
        )
    ).parsed
