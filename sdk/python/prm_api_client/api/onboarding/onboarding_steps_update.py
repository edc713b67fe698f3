from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.onboarding_step import OnboardingStep
from ...models.onboarding_step_update import OnboardingStepUpdate
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    step_id: UUID,
    *,
    body: OnboardingStepUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/onboarding/steps/{step_id}".format(
            step_id=quote(str(step_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OnboardingStep | Problem | None:
    if response.status_code == 200:
        response_200 = OnboardingStep.from_dict(response.json())

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[OnboardingStep | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    step_id: UUID,
    *,
    client: AuthenticatedClient,
    body: OnboardingStepUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[OnboardingStep | Problem]:
    """Update an onboarding step

     Change a step's title, order, required flag or thresholds (vendor roles). Its kind
    and target (module, course) stay: add a new step instead. Completions already recorded
    stay. Partners in onboarding are re-checked at once: one that now meets the step has it
    done, and one whose required steps are then all done ends onboarding as when its last step
    completes (`partner.onboarding_completed`, and activation with
    `onboarding_auto_activate`).

    Args:
        step_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (OnboardingStepUpdate): What a step's kind means stays: change the title, order,
            required flag or thresholds.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OnboardingStep | Problem]
    """

    kwargs = _get_kwargs(
        step_id=step_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    step_id: UUID,
    *,
    client: AuthenticatedClient,
    body: OnboardingStepUpdate,
    if_match: None | str | Unset = UNSET,
) -> OnboardingStep | Problem | None:
    """Update an onboarding step

     Change a step's title, order, required flag or thresholds (vendor roles). Its kind
    and target (module, course) stay: add a new step instead. Completions already recorded
    stay. Partners in onboarding are re-checked at once: one that now meets the step has it
    done, and one whose required steps are then all done ends onboarding as when its last step
    completes (`partner.onboarding_completed`, and activation with
    `onboarding_auto_activate`).

    Args:
        step_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (OnboardingStepUpdate): What a step's kind means stays: change the title, order,
            required flag or thresholds.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OnboardingStep | Problem
    """

    return sync_detailed(
        step_id=step_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    step_id: UUID,
    *,
    client: AuthenticatedClient,
    body: OnboardingStepUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[OnboardingStep | Problem]:
    """Update an onboarding step

     Change a step's title, order, required flag or thresholds (vendor roles). Its kind
    and target (module, course) stay: add a new step instead. Completions already recorded
    stay. Partners in onboarding are re-checked at once: one that now meets the step has it
    done, and one whose required steps are then all done ends onboarding as when its last step
    completes (`partner.onboarding_completed`, and activation with
    `onboarding_auto_activate`).

    Args:
        step_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (OnboardingStepUpdate): What a step's kind means stays: change the title, order,
            required flag or thresholds.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OnboardingStep | Problem]
    """

    kwargs = _get_kwargs(
        step_id=step_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    step_id: UUID,
    *,
    client: AuthenticatedClient,
    body: OnboardingStepUpdate,
    if_match: None | str | Unset = UNSET,
) -> OnboardingStep | Problem | None:
    """Update an onboarding step

     Change a step's title, order, required flag or thresholds (vendor roles). Its kind
    and target (module, course) stay: add a new step instead. Completions already recorded
    stay. Partners in onboarding are re-checked at once: one that now meets the step has it
    done, and one whose required steps are then all done ends onboarding as when its last step
    completes (`partner.onboarding_completed`, and activation with
    `onboarding_auto_activate`).

    Args:
        step_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (OnboardingStepUpdate): What a step's kind means stays: change the title, order,
            required flag or thresholds.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OnboardingStep | Problem
    """

    return (
        await asyncio_detailed(
            step_id=step_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
