from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.quiz_answers import QuizAnswers
from ...models.quiz_attempt import QuizAttempt
from ...types import Response


def _get_kwargs(
    enrollment_id: UUID,
    module_id: UUID,
    attempt_id: UUID,
    *,
    body: QuizAnswers,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/enrollments/{enrollment_id}/modules/{module_id}/quiz-attempts/{attempt_id}/answers".format(
            enrollment_id=quote(str(enrollment_id), safe=""),
            module_id=quote(str(module_id), safe=""),
            attempt_id=quote(str(attempt_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | QuizAttempt | None:
    if response.status_code == 200:
        response_200 = QuizAttempt.from_dict(response.json())

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
) -> Response[Problem | QuizAttempt]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    enrollment_id: UUID,
    module_id: UUID,
    attempt_id: UUID,
    *,
    client: AuthenticatedClient,
    body: QuizAnswers,
) -> Response[Problem | QuizAttempt]:
    """Save a quiz attempt's answers

     Save the answers so far (replacing the saved ones) until the deadline (then 409
    `attempt_time_up`: nothing is saved).

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        attempt_id (UUID):
        body (QuizAnswers): The answers so far (replaces the saved ones). Saved answers count when
            the attempt is
            submitted, or at its deadline.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QuizAttempt]
    """

    kwargs = _get_kwargs(
        enrollment_id=enrollment_id,
        module_id=module_id,
        attempt_id=attempt_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    enrollment_id: UUID,
    module_id: UUID,
    attempt_id: UUID,
    *,
    client: AuthenticatedClient,
    body: QuizAnswers,
) -> Problem | QuizAttempt | None:
    """Save a quiz attempt's answers

     Save the answers so far (replacing the saved ones) until the deadline (then 409
    `attempt_time_up`: nothing is saved).

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        attempt_id (UUID):
        body (QuizAnswers): The answers so far (replaces the saved ones). Saved answers count when
            the attempt is
            submitted, or at its deadline.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QuizAttempt
    """

    return sync_detailed(
        enrollment_id=enrollment_id,
        module_id=module_id,
        attempt_id=attempt_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    enrollment_id: UUID,
    module_id: UUID,
    attempt_id: UUID,
    *,
    client: AuthenticatedClient,
    body: QuizAnswers,
) -> Response[Problem | QuizAttempt]:
    """Save a quiz attempt's answers

     Save the answers so far (replacing the saved ones) until the deadline (then 409
    `attempt_time_up`: nothing is saved).

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        attempt_id (UUID):
        body (QuizAnswers): The answers so far (replaces the saved ones). Saved answers count when
            the attempt is
            submitted, or at its deadline.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | QuizAttempt]
    """

    kwargs = _get_kwargs(
        enrollment_id=enrollment_id,
        module_id=module_id,
        attempt_id=attempt_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    enrollment_id: UUID,
    module_id: UUID,
    attempt_id: UUID,
    *,
    client: AuthenticatedClient,
    body: QuizAnswers,
) -> Problem | QuizAttempt | None:
    """Save a quiz attempt's answers

     Save the answers so far (replacing the saved ones) until the deadline (then 409
    `attempt_time_up`: nothing is saved).

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        attempt_id (UUID):
        body (QuizAnswers): The answers so far (replaces the saved ones). Saved answers count when
            the attempt is
            submitted, or at its deadline.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | QuizAttempt
    """

    return (
        await asyncio_detailed(
            enrollment_id=enrollment_id,
            module_id=module_id,
            attempt_id=attempt_id,
            client=client,
            body=body,
        )
    ).parsed
