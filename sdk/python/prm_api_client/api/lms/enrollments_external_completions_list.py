from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.completion_source import CompletionSource
from ...models.enrollments_external_completions_list_sort import EnrollmentsExternalCompletionsListSort
from ...models.external_completion_list import ExternalCompletionList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    user_id: None | Unset | UUID = UNSET,
    course_id: None | Unset | UUID = UNSET,
    source: CompletionSource | None | Unset = UNSET,
    sort: EnrollmentsExternalCompletionsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_user_id: None | str | Unset
    if isinstance(user_id, Unset):
        json_user_id = UNSET
    elif isinstance(user_id, UUID):
        json_user_id = str(user_id)
    else:
        json_user_id = user_id
    params["user_id"] = json_user_id

    json_course_id: None | str | Unset
    if isinstance(course_id, Unset):
        json_course_id = UNSET
    elif isinstance(course_id, UUID):
        json_course_id = str(course_id)
    else:
        json_course_id = course_id
    params["course_id"] = json_course_id

    json_source: None | str | Unset
    if isinstance(source, Unset):
        json_source = UNSET
    elif isinstance(source, CompletionSource):
        json_source = source.value
    else:
        json_source = source
    params["source"] = json_source

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/enrollments/external-completions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExternalCompletionList | Problem | None:
    if response.status_code == 200:
        response_200 = ExternalCompletionList.from_dict(response.json())

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
) -> Response[ExternalCompletionList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    user_id: None | Unset | UUID = UNSET,
    course_id: None | Unset | UUID = UNSET,
    source: CompletionSource | None | Unset = UNSET,
    sort: EnrollmentsExternalCompletionsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[ExternalCompletionList | Problem]:
    """List completions from an external LMS

     The results received from other LMSs (this endpoint's and xAPI statements), newest
    first, with the enrollment each completed: every one for vendor staff, a partner admin's
    partner's, a partner user's own.

    Args:
        user_id (None | Unset | UUID):
        course_id (None | Unset | UUID):
        source (CompletionSource | None | Unset):
        sort (EnrollmentsExternalCompletionsListSort | Unset): Sort order: a field, `-` in front
            for descending. Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExternalCompletionList | Problem]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        course_id=course_id,
        source=source,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    user_id: None | Unset | UUID = UNSET,
    course_id: None | Unset | UUID = UNSET,
    source: CompletionSource | None | Unset = UNSET,
    sort: EnrollmentsExternalCompletionsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> ExternalCompletionList | Problem | None:
    """List completions from an external LMS

     The results received from other LMSs (this endpoint's and xAPI statements), newest
    first, with the enrollment each completed: every one for vendor staff, a partner admin's
    partner's, a partner user's own.

    Args:
        user_id (None | Unset | UUID):
        course_id (None | Unset | UUID):
        source (CompletionSource | None | Unset):
        sort (EnrollmentsExternalCompletionsListSort | Unset): Sort order: a field, `-` in front
            for descending. Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExternalCompletionList | Problem
    """

    return sync_detailed(
        client=client,
        user_id=user_id,
        course_id=course_id,
        source=source,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    user_id: None | Unset | UUID = UNSET,
    course_id: None | Unset | UUID = UNSET,
    source: CompletionSource | None | Unset = UNSET,
    sort: EnrollmentsExternalCompletionsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[ExternalCompletionList | Problem]:
    """List completions from an external LMS

     The results received from other LMSs (this endpoint's and xAPI statements), newest
    first, with the enrollment each completed: every one for vendor staff, a partner admin's
    partner's, a partner user's own.

    Args:
        user_id (None | Unset | UUID):
        course_id (None | Unset | UUID):
        source (CompletionSource | None | Unset):
        sort (EnrollmentsExternalCompletionsListSort | Unset): Sort order: a field, `-` in front
            for descending. Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExternalCompletionList | Problem]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        course_id=course_id,
        source=source,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    user_id: None | Unset | UUID = UNSET,
    course_id: None | Unset | UUID = UNSET,
    source: CompletionSource | None | Unset = UNSET,
    sort: EnrollmentsExternalCompletionsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> ExternalCompletionList | Problem | None:
    """List completions from an external LMS

     The results received from other LMSs (this endpoint's and xAPI statements), newest
    first, with the enrollment each completed: every one for vendor staff, a partner admin's
    partner's, a partner user's own.

    Args:
        user_id (None | Unset | UUID):
        course_id (None | Unset | UUID):
        source (CompletionSource | None | Unset):
        sort (EnrollmentsExternalCompletionsListSort | Unset): Sort order: a field, `-` in front
            for descending. Default `-created_at`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExternalCompletionList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            user_id=user_id,
            course_id=course_id,
            source=source,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
