from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.enrollment import Enrollment
from ...models.module_completion import ModuleCompletion
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    enrollment_id: UUID,
    module_id: UUID,
    *,
    body: ModuleCompletion | None | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/enrollments/{enrollment_id}/modules/{module_id}/complete".format(
            enrollment_id=quote(str(enrollment_id), safe=""),
            module_id=quote(str(module_id), safe=""),
        ),
    }

    if isinstance(body, ModuleCompletion):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Enrollment | Problem | None:
    if response.status_code == 200:
        response_200 = Enrollment.from_dict(response.json())

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
) -> Response[Enrollment | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    enrollment_id: UUID,
    module_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ModuleCompletion | None | Unset = UNSET,
) -> Response[Enrollment | Problem]:
    """Complete a module

     The enrolled user marks a module done: a `link` by saying so, an `acknowledgement` with
    `{"accepted": true}` (the text's version, who and when are recorded), a `content` module
    once its asset was downloaded through the API (else 409 `content_not_opened`; a download
    completes it by itself). A quiz is done by passing it (409 `quiz_needs_attempt`). Others
    who can see the enrollment get 403 `not_enrollee`.

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        body (ModuleCompletion | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Enrollment | Problem]
    """

    kwargs = _get_kwargs(
        enrollment_id=enrollment_id,
        module_id=module_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    enrollment_id: UUID,
    module_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ModuleCompletion | None | Unset = UNSET,
) -> Enrollment | Problem | None:
    """Complete a module

     The enrolled user marks a module done: a `link` by saying so, an `acknowledgement` with
    `{"accepted": true}` (the text's version, who and when are recorded), a `content` module
    once its asset was downloaded through the API (else 409 `content_not_opened`; a download
    completes it by itself). A quiz is done by passing it (409 `quiz_needs_attempt`). Others
    who can see the enrollment get 403 `not_enrollee`.

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        body (ModuleCompletion | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Enrollment | Problem
    """

    return sync_detailed(
        enrollment_id=enrollment_id,
        module_id=module_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    enrollment_id: UUID,
    module_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ModuleCompletion | None | Unset = UNSET,
) -> Response[Enrollment | Problem]:
    """Complete a module

     The enrolled user marks a module done: a `link` by saying so, an `acknowledgement` with
    `{"accepted": true}` (the text's version, who and when are recorded), a `content` module
    once its asset was downloaded through the API (else 409 `content_not_opened`; a download
    completes it by itself). A quiz is done by passing it (409 `quiz_needs_attempt`). Others
    who can see the enrollment get 403 `not_enrollee`.

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        body (ModuleCompletion | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Enrollment | Problem]
    """

    kwargs = _get_kwargs(
        enrollment_id=enrollment_id,
        module_id=module_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    enrollment_id: UUID,
    module_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ModuleCompletion | None | Unset = UNSET,
) -> Enrollment | Problem | None:
    """Complete a module

     The enrolled user marks a module done: a `link` by saying so, an `acknowledgement` with
    `{"accepted": true}` (the text's version, who and when are recorded), a `content` module
    once its asset was downloaded through the API (else 409 `content_not_opened`; a download
    completes it by itself). A quiz is done by passing it (409 `quiz_needs_attempt`). Others
    who can see the enrollment get 403 `not_enrollee`.

    Args:
        enrollment_id (UUID):
        module_id (UUID):
        body (ModuleCompletion | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Enrollment | Problem
    """

    return (
        await asyncio_detailed(
            enrollment_id=enrollment_id,
            module_id=module_id,
            client=client,
            body=body,
        )
    ).parsed
