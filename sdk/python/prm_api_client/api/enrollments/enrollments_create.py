from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.enrollment import Enrollment
from ...models.enrollment_create import EnrollmentCreate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: EnrollmentCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/enrollments",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Enrollment | Problem | None:
    if response.status_code == 201:
        response_201 = Enrollment.from_dict(response.json())

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
) -> Response[Enrollment | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: EnrollmentCreate,
) -> Response[Enrollment | Problem]:
    """Enroll in or assign a course

     `{course_id}`: a partner user enrolls itself in a published course it sees.
    `{course_id, user_id, due_at}`: a partner admin assigns it to one of its partner's users,
    vendor staff to any partner user. A second active enrollment of the same user in the same
    course is a 409 `already_enrolled`; a course the user's partner does not see is a 422
    `not_found`.

    Args:
        body (EnrollmentCreate): `{course_id}` alone: the caller (a partner user) enrolls
            themself. With `user_id`: an
            assignment — a partner admin assigns users of its own partner, vendor staff any partner
            user.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Enrollment | Problem]
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
    body: EnrollmentCreate,
) -> Enrollment | Problem | None:
    """Enroll in or assign a course

     `{course_id}`: a partner user enrolls itself in a published course it sees.
    `{course_id, user_id, due_at}`: a partner admin assigns it to one of its partner's users,
    vendor staff to any partner user. A second active enrollment of the same user in the same
    course is a 409 `already_enrolled`; a course the user's partner does not see is a 422
    `not_found`.

    Args:
        body (EnrollmentCreate): `{course_id}` alone: the caller (a partner user) enrolls
            themself. With `user_id`: an
            assignment — a partner admin assigns users of its own partner, vendor staff any partner
            user.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Enrollment | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: EnrollmentCreate,
) -> Response[Enrollment | Problem]:
    """Enroll in or assign a course

     `{course_id}`: a partner user enrolls itself in a published course it sees.
    `{course_id, user_id, due_at}`: a partner admin assigns it to one of its partner's users,
    vendor staff to any partner user. A second active enrollment of the same user in the same
    course is a 409 `already_enrolled`; a course the user's partner does not see is a 422
    `not_found`.

    Args:
        body (EnrollmentCreate): `{course_id}` alone: the caller (a partner user) enrolls
            themself. With `user_id`: an
            assignment — a partner admin assigns users of its own partner, vendor staff any partner
            user.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Enrollment | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: EnrollmentCreate,
) -> Enrollment | Problem | None:
    """Enroll in or assign a course

     `{course_id}`: a partner user enrolls itself in a published course it sees.
    `{course_id, user_id, due_at}`: a partner admin assigns it to one of its partner's users,
    vendor staff to any partner user. A second active enrollment of the same user in the same
    course is a 409 `already_enrolled`; a course the user's partner does not see is a 422
    `not_found`.

    Args:
        body (EnrollmentCreate): `{course_id}` alone: the caller (a partner user) enrolls
            themself. With `user_id`: an
            assignment — a partner admin assigns users of its own partner, vendor staff any partner
            user.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Enrollment | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
