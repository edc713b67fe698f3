from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.quiz_attempt import QuizAttempt
from ...types import Response


def _get_kwargs(
    enrollment_id: UUID,
    module_id: UUID,
    attempt_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/enrollments/{enrollment_id}/modules/{module_id}/quiz-attempts/{attempt_id}/submit".format(
            enrollment_id=quote(str(enrollment_id), safe=""),
            module_id=quote(str(module_id), safe=""),
            attempt_id=quote(str(attempt_id), safe=""),
        ),
    }

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
) -> Response[Problem | QuizAttempt]:
    """Submit a quiz attempt

     Submit and grade on the server: `score` (percent of the points) and `passed`; per
    question right/wrong only if the course allows review — never the right options. An
    attempt past its deadline is graded as it stood at the deadline.

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        attempt_id (UUID):

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
) -> Problem | QuizAttempt | None:
    """Submit a quiz attempt

     Submit and grade on the server: `score` (percent of the points) and `passed`; per
    question right/wrong only if the course allows review — never the right options. An
    attempt past its deadline is graded as it stood at the deadline.

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        attempt_id (UUID):

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
    ).parsed


async def asyncio_detailed(
    enrollment_id: UUID,
    module_id: UUID,
    attempt_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | QuizAttempt]:
    """Submit a quiz attempt

     Submit and grade on the server: `score` (percent of the points) and `passed`; per
    question right/wrong only if the course allows review — never the right options. An
    attempt past its deadline is graded as it stood at the deadline.

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        attempt_id (UUID):

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
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    enrollment_id: UUID,
    module_id: UUID,
    attempt_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Problem | QuizAttempt | None:
    """Submit a quiz attempt

     Submit and grade on the server: `score` (percent of the points) and `passed`; per
    question right/wrong only if the course allows review — never the right options. An
    attempt past its deadline is graded as it stood at the deadline.

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        attempt_id (UUID):

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
        )
    ).parsed
