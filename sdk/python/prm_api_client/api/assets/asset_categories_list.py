from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset_categories_list_sort import AssetCategoriesListSort
from ...models.asset_category_list import AssetCategoryList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    parent_id: None | Unset | UUID = UNSET,
    top_level: bool | Unset = False,
    sort: AssetCategoriesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_parent_id: None | str | Unset
    if isinstance(parent_id, Unset):
        json_parent_id = UNSET
    elif isinstance(parent_id, UUID):
        json_parent_id = str(parent_id)
    else:
        json_parent_id = parent_id
    params["parent_id"] = json_parent_id

    params["top_level"] = top_level

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
        "url": "/v1/asset-categories",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssetCategoryList | Problem | None:
    if response.status_code == 200:
        response_200 = AssetCategoryList.from_dict(response.json())

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
) -> Response[AssetCategoryList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    parent_id: None | Unset | UUID = UNSET,
    top_level: bool | Unset = False,
    sort: AssetCategoriesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[AssetCategoryList | Problem]:
    """List asset categories

     The category tree as a flat list (each with its `parent_id`), by `position`. Partner
    tokens see every category: categories are program-wide, the assets in them are not.

    Args:
        parent_id (None | Unset | UUID): Only this category's direct children.
        top_level (bool | Unset): Only top-level categories (ignored with `parent_id`). Default:
            False.
        sort (AssetCategoriesListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `position`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetCategoryList | Problem]
    """

    kwargs = _get_kwargs(
        parent_id=parent_id,
        top_level=top_level,
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
    parent_id: None | Unset | UUID = UNSET,
    top_level: bool | Unset = False,
    sort: AssetCategoriesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> AssetCategoryList | Problem | None:
    """List asset categories

     The category tree as a flat list (each with its `parent_id`), by `position`. Partner
    tokens see every category: categories are program-wide, the assets in them are not.

    Args:
        parent_id (None | Unset | UUID): Only this category's direct children.
        top_level (bool | Unset): Only top-level categories (ignored with `parent_id`). Default:
            False.
        sort (AssetCategoriesListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `position`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetCategoryList | Problem
    """

    return sync_detailed(
        client=client,
        parent_id=parent_id,
        top_level=top_level,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    parent_id: None | Unset | UUID = UNSET,
    top_level: bool | Unset = False,
    sort: AssetCategoriesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[AssetCategoryList | Problem]:
    """List asset categories

     The category tree as a flat list (each with its `parent_id`), by `position`. Partner
    tokens see every category: categories are program-wide, the assets in them are not.

    Args:
        parent_id (None | Unset | UUID): Only this category's direct children.
        top_level (bool | Unset): Only top-level categories (ignored with `parent_id`). Default:
            False.
        sort (AssetCategoriesListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `position`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetCategoryList | Problem]
    """

    kwargs = _get_kwargs(
        parent_id=parent_id,
        top_level=top_level,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    parent_id: None | Unset | UUID = UNSET,
    top_level: bool | Unset = False,
    sort: AssetCategoriesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> AssetCategoryList | Problem | None:
    """List asset categories

     The category tree as a flat list (each with its `parent_id`), by `position`. Partner
    tokens see every category: categories are program-wide, the assets in them are not.

    Args:
        parent_id (None | Unset | UUID): Only this category's direct children.
        top_level (bool | Unset): Only top-level categories (ignored with `parent_id`). Default:
            False.
        sort (AssetCategoriesListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `position`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetCategoryList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            parent_id=parent_id,
            top_level=top_level,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
