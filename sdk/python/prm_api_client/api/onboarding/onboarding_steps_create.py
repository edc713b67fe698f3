from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.onboarding_step import OnboardingStep
from ...models.onboarding_step_create import OnboardingStepCreate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: OnboardingStepCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/onboarding/steps",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> OnboardingStep | Problem | None:
    if response.status_code == 201:
        response_201 = OnboardingStep.from_dict(response.json())

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
    *,
    client: AuthenticatedClient,
    body: OnboardingStepCreate,
) -> Response[OnboardingStep | Problem]:
    """Add an onboarding step

     Add a step to the plan (vendor roles). Each kind takes its own parameter:
    `profile_completed` the `profile_fields` that must be filled, `agreement_accepted` the
    acknowledgement `module_id`, `course_completed` the `course_id` and `min_count` users,
    `users_invited` `min_count` accepted invitations; `first_deal_registered` and `custom`
    none. Every kind but `custom` completes by itself, in the transaction of the change that
    satisfies it; a vendor checks `custom` steps. Partners in onboarding are re-checked at
    once: one that already meets the step has it done. A partner whose checklist was complete
    stays complete if it meets the new required step (no second
    `partner.onboarding_completed`); if not, its checklist is open again, and completing the
    new plan ends onboarding again as when its last step completes.

    Args:
        body (OnboardingStepCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OnboardingStep | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: OnboardingStepCreate,
) -> OnboardingStep | Problem | None:
    """Add an onboarding step

     Add a step to the plan (vendor roles). Each kind takes its own parameter:
    `profile_completed` the `profile_fields` that must be filled, `agreement_accepted` the
    acknowledgement `module_id`, `course_completed` the `course_id` and `min_count` users,
    `users_invited` `min_count` accepted invitations; `first_deal_registered` and `custom`
    none. Every kind but `custom` completes by itself, in the transaction of the change that
    satisfies it; a vendor checks `custom` steps. Partners in onboarding are re-checked at
    once: one that already meets the step has it done. A partner whose checklist was complete
    stays complete if it meets the new required step (no second
    `partner.onboarding_completed`); if not, its checklist is open again, and completing the
    new plan ends onboarding again as when its last step completes.

    Args:
        body (OnboardingStepCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OnboardingStep | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OnboardingStepCreate,
) -> Response[OnboardingStep | Problem]:
    """Add an onboarding step

     Add a step to the plan (vendor roles). Each kind takes its own parameter:
    `profile_completed` the `profile_fields` that must be filled, `agreement_accepted` the
    acknowledgement `module_id`, `course_completed` the `course_id` and `min_count` users,
    `users_invited` `min_count` accepted invitations; `first_deal_registered` and `custom`
    none. Every kind but `custom` completes by itself, in the transaction of the change that
    satisfies it; a vendor checks `custom` steps. Partners in onboarding are re-checked at
    once: one that already meets the step has it done. A partner whose checklist was complete
    stays complete if it meets the new required step (no second
    `partner.onboarding_completed`); if not, its checklist is open again, and completing the
    new plan ends onboarding again as when its last step completes.

    Args:
        body (OnboardingStepCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OnboardingStep | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: OnboardingStepCreate,
) -> OnboardingStep | Problem | None:
    """Add an onboarding step

     Add a step to the plan (vendor roles). Each kind takes its own parameter:
    `profile_completed` the `profile_fields` that must be filled, `agreement_accepted` the
    acknowledgement `module_id`, `course_completed` the `course_id` and `min_count` users,
    `users_invited` `min_count` accepted invitations; `first_deal_registered` and `custom`
    none. Every kind but `custom` completes by itself, in the transaction of the change that
    satisfies it; a vendor checks `custom` steps. Partners in onboarding are re-checked at
    once: one that already meets the step has it done. A partner whose checklist was complete
    stays complete if it meets the new required step (no second
    `partner.onboarding_completed`); if not, its checklist is open again, and completing the
    new plan ends onboarding again as when its last step completes.

    Args:
        body (OnboardingStepCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OnboardingStep | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
