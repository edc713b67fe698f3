from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.course_module import CourseModule
from ...models.course_module_create import CourseModuleCreate
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    course_id: UUID,
    *,
    body: CourseModuleCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/courses/{course_id}/modules".format(
            course_id=quote(str(course_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CourseModule | Problem | None:
    if response.status_code == 201:
        response_201 = CourseModule.from_dict(response.json())

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
) -> Response[CourseModule | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    course_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CourseModuleCreate,
) -> Response[CourseModule | Problem]:
    """Add a module to a course

     Add a module (vendor roles), last unless `position` says where. On a course published
    before, the next publication is a new `content_version`.

    Args:
        course_id (UUID):
        body (CourseModuleCreate): A module; the fields of its `kind` only (`asset_id` for
            content, `url` for link,
            `text` for acknowledgement, `quiz` for quiz): another kind's field is a 422 `mismatch`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CourseModule | Problem]
    """

    kwargs = _get_kwargs(
        course_id=course_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    course_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CourseModuleCreate,
) -> CourseModule | Problem | None:
    """Add a module to a course

     Add a module (vendor roles), last unless `position` says where. On a course published
    before, the next publication is a new `content_version`.

    Args:
        course_id (UUID):
        body (CourseModuleCreate): A module; the fields of its `kind` only (`asset_id` for
            content, `url` for link,
            `text` for acknowledgement, `quiz` for quiz): another kind's field is a 422 `mismatch`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CourseModule | Problem
    """

    return sync_detailed(
        course_id=course_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    course_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CourseModuleCreate,
) -> Response[CourseModule | Problem]:
    """Add a module to a course

     Add a module (vendor roles), last unless `position` says where. On a course published
    before, the next publication is a new `content_version`.

    Args:
        course_id (UUID):
        body (CourseModuleCreate): A module; the fields of its `kind` only (`asset_id` for
            content, `url` for link,
            `text` for acknowledgement, `quiz` for quiz): another kind's field is a 422 `mismatch`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CourseModule | Problem]
    """

    kwargs = _get_kwargs(
        course_id=course_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    course_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CourseModuleCreate,
) -> CourseModule | Problem | None:
    """Add a module to a course

     Add a module (vendor roles), last unless `position` says where. On a course published
    before, the next publication is a new `content_version`.

    Args:
        course_id (UUID):
        body (CourseModuleCreate): A module; the fields of its `kind` only (`asset_id` for
            content, `url` for link,
            `text` for acknowledgement, `quiz` for quiz): another kind's field is a 422 `mismatch`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CourseModule | Problem
    """

    return (
        await asyncio_detailed(
            course_id=course_id,
            client=client,
            body=body,
        )
    ).parsed
