from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.course_level import CourseLevel
from ...models.course_list import CourseList
from ...models.course_status import CourseStatus
from ...models.courses_list_sort import CoursesListSort
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: list[CourseStatus] | None | Unset = UNSET,
    level: list[CourseLevel] | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: CoursesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = []
        for status_type_0_item_data in status:
            status_type_0_item = status_type_0_item_data.value
            json_status.append(status_type_0_item)

    else:
        json_status = status
    params["status"] = json_status

    json_level: list[str] | None | Unset
    if isinstance(level, Unset):
        json_level = UNSET
    elif isinstance(level, list):
        json_level = []
        for level_type_0_item_data in level:
            level_type_0_item = level_type_0_item_data.value
            json_level.append(level_type_0_item)

    else:
        json_level = level
    params["level"] = json_level

    json_language: None | str | Unset
    if isinstance(language, Unset):
        json_language = UNSET
    else:
        json_language = language
    params["language"] = json_language

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

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
        "url": "/v1/courses",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CourseList | Problem | None:
    if response.status_code == 200:
        response_200 = CourseList.from_dict(response.json())

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
) -> Response[CourseList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: list[CourseStatus] | None | Unset = UNSET,
    level: list[CourseLevel] | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: CoursesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[CourseList | Problem]:
    """List courses

     List courses, most recently updated first, each with its modules. Partner tokens see
    published courses whose audience admits their partner, and no quiz's correct options.

    Args:
        status (list[CourseStatus] | None | Unset): Vendor roles only; partner tokens see
            published courses only.
        level (list[CourseLevel] | None | Unset): Repeat for several.
        language (None | str | Unset): BCP 47 tag; `de` also finds `de-AT`…
        q (None | str | Unset): Search title and description: accents and case do not matter,
            typos still match.
        sort (CoursesListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-updated_at`. With `q` and no `sort`, best matches first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CourseList | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        level=level,
        language=language,
        q=q,
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
    status: list[CourseStatus] | None | Unset = UNSET,
    level: list[CourseLevel] | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: CoursesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> CourseList | Problem | None:
    """List courses

     List courses, most recently updated first, each with its modules. Partner tokens see
    published courses whose audience admits their partner, and no quiz's correct options.

    Args:
        status (list[CourseStatus] | None | Unset): Vendor roles only; partner tokens see
            published courses only.
        level (list[CourseLevel] | None | Unset): Repeat for several.
        language (None | str | Unset): BCP 47 tag; `de` also finds `de-AT`…
        q (None | str | Unset): Search title and description: accents and case do not matter,
            typos still match.
        sort (CoursesListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-updated_at`. With `q` and no `sort`, best matches first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CourseList | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        level=level,
        language=language,
        q=q,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: list[CourseStatus] | None | Unset = UNSET,
    level: list[CourseLevel] | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: CoursesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[CourseList | Problem]:
    """List courses

     List courses, most recently updated first, each with its modules. Partner tokens see
    published courses whose audience admits their partner, and no quiz's correct options.

    Args:
        status (list[CourseStatus] | None | Unset): Vendor roles only; partner tokens see
            published courses only.
        level (list[CourseLevel] | None | Unset): Repeat for several.
        language (None | str | Unset): BCP 47 tag; `de` also finds `de-AT`…
        q (None | str | Unset): Search title and description: accents and case do not matter,
            typos still match.
        sort (CoursesListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-updated_at`. With `q` and no `sort`, best matches first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CourseList | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        level=level,
        language=language,
        q=q,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: list[CourseStatus] | None | Unset = UNSET,
    level: list[CourseLevel] | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: CoursesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> CourseList | Problem | None:
    """List courses

     List courses, most recently updated first, each with its modules. Partner tokens see
    published courses whose audience admits their partner, and no quiz's correct options.

    Args:
        status (list[CourseStatus] | None | Unset): Vendor roles only; partner tokens see
            published courses only.
        level (list[CourseLevel] | None | Unset): Repeat for several.
        language (None | str | Unset): BCP 47 tag; `de` also finds `de-AT`…
        q (None | str | Unset): Search title and description: accents and case do not matter,
            typos still match.
        sort (CoursesListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-updated_at`. With `q` and no `sort`, best matches first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CourseList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            level=level,
            language=language,
            q=q,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
