from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.external_completion import ExternalCompletion
from ...models.external_completion_create import ExternalCompletionCreate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: ExternalCompletionCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/enrollments/external-completions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExternalCompletion | Problem | None:
    if response.status_code == 200:
        response_200 = ExternalCompletion.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ExternalCompletion.from_dict(response.json())

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
) -> Response[ExternalCompletion | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ExternalCompletionCreate,
) -> Response[ExternalCompletion | Problem]:
    """Record a completion from an external LMS

     A user completed (or, with `passed: false`, failed) a course in another LMS (Docebo,
    Moodle...). Completes the user's active enrollment in the course — or creates one
    (`source: external`) and completes it — in one transaction, with the same events as a
    completion here (`enrollment.created`, `enrollment.completed` / `enrollment.failed`) and
    their consequences (certifications issued, onboarding steps). Idempotent on
    `external_id`: the same id again answers 200 with the first result and records nothing;
    the same id with other facts is a 409 `external_completion_conflict`. An unknown user or
    course is a 422 `validation_error` naming the field; a new enrollment needs an active user
    (409 `user_inactive`) of a partner the published course's audience admits (422
    `not_visible`).

    Args:
        body (ExternalCompletionCreate): One result from another LMS. Name the user by `user_id`
            or `user_email` and the course
            by `course_id` or `course_external_id` (exactly one of each, else 422 `mismatch`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExternalCompletion | Problem]
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
    body: ExternalCompletionCreate,
) -> ExternalCompletion | Problem | None:
    """Record a completion from an external LMS

     A user completed (or, with `passed: false`, failed) a course in another LMS (Docebo,
    Moodle...). Completes the user's active enrollment in the course — or creates one
    (`source: external`) and completes it — in one transaction, with the same events as a
    completion here (`enrollment.created`, `enrollment.completed` / `enrollment.failed`) and
    their consequences (certifications issued, onboarding steps). Idempotent on
    `external_id`: the same id again answers 200 with the first result and records nothing;
    the same id with other facts is a 409 `external_completion_conflict`. An unknown user or
    course is a 422 `validation_error` naming the field; a new enrollment needs an active user
    (409 `user_inactive`) of a partner the published course's audience admits (422
    `not_visible`).

    Args:
        body (ExternalCompletionCreate): One result from another LMS. Name the user by `user_id`
            or `user_email` and the course
            by `course_id` or `course_external_id` (exactly one of each, else 422 `mismatch`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExternalCompletion | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ExternalCompletionCreate,
) -> Response[ExternalCompletion | Problem]:
    """Record a completion from an external LMS

     A user completed (or, with `passed: false`, failed) a course in another LMS (Docebo,
    Moodle...). Completes the user's active enrollment in the course — or creates one
    (`source: external`) and completes it — in one transaction, with the same events as a
    completion here (`enrollment.created`, `enrollment.completed` / `enrollment.failed`) and
    their consequences (certifications issued, onboarding steps). Idempotent on
    `external_id`: the same id again answers 200 with the first result and records nothing;
    the same id with other facts is a 409 `external_completion_conflict`. An unknown user or
    course is a 422 `validation_error` naming the field; a new enrollment needs an active user
    (409 `user_inactive`) of a partner the published course's audience admits (422
    `not_visible`).

    Args:
        body (ExternalCompletionCreate): One result from another LMS. Name the user by `user_id`
            or `user_email` and the course
            by `course_id` or `course_external_id` (exactly one of each, else 422 `mismatch`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExternalCompletion | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ExternalCompletionCreate,
) -> ExternalCompletion | Problem | None:
    """Record a completion from an external LMS

     A user completed (or, with `passed: false`, failed) a course in another LMS (Docebo,
    Moodle...). Completes the user's active enrollment in the course — or creates one
    (`source: external`) and completes it — in one transaction, with the same events as a
    completion here (`enrollment.created`, `enrollment.completed` / `enrollment.failed`) and
    their consequences (certifications issued, onboarding steps). Idempotent on
    `external_id`: the same id again answers 200 with the first result and records nothing;
    the same id with other facts is a 409 `external_completion_conflict`. An unknown user or
    course is a 422 `validation_error` naming the field; a new enrollment needs an active user
    (409 `user_inactive`) of a partner the published course's audience admits (422
    `not_visible`).

    Args:
        body (ExternalCompletionCreate): One result from another LMS. Name the user by `user_id`
            or `user_email` and the course
            by `course_id` or `course_external_id` (exactly one of each, else 422 `mismatch`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExternalCompletion | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
