import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset_kind import AssetKind
from ...models.asset_list import AssetList
from ...models.asset_status import AssetStatus
from ...models.assets_list_sort import AssetsListSort
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: list[AssetKind] | None | Unset = UNSET,
    category_id: None | Unset | UUID = UNSET,
    tag: list[str] | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    status: list[AssetStatus] | None | Unset = UNSET,
    featured: bool | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: AssetsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: list[str] | None | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, list):
        json_kind = []
        for kind_type_0_item_data in kind:
            kind_type_0_item = kind_type_0_item_data.value
            json_kind.append(kind_type_0_item)

    else:
        json_kind = kind
    params["kind"] = json_kind

    json_category_id: None | str | Unset
    if isinstance(category_id, Unset):
        json_category_id = UNSET
    elif isinstance(category_id, UUID):
        json_category_id = str(category_id)
    else:
        json_category_id = category_id
    params["category_id"] = json_category_id

    json_tag: list[str] | None | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    elif isinstance(tag, list):
        json_tag = tag

    else:
        json_tag = tag
    params["tag"] = json_tag

    json_language: None | str | Unset
    if isinstance(language, Unset):
        json_language = UNSET
    else:
        json_language = language
    params["language"] = json_language

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

    json_featured: bool | None | Unset
    if isinstance(featured, Unset):
        json_featured = UNSET
    else:
        json_featured = featured
    params["featured"] = json_featured

    json_updated_after: None | str | Unset
    if isinstance(updated_after, Unset):
        json_updated_after = UNSET
    elif isinstance(updated_after, datetime.datetime):
        json_updated_after = updated_after.isoformat()
    else:
        json_updated_after = updated_after
    params["updated_after"] = json_updated_after

    json_updated_before: None | str | Unset
    if isinstance(updated_before, Unset):
        json_updated_before = UNSET
    elif isinstance(updated_before, datetime.datetime):
        json_updated_before = updated_before.isoformat()
    else:
        json_updated_before = updated_before
    params["updated_before"] = json_updated_before

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
        "url": "/v1/assets",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AssetList | Problem | None:
    if response.status_code == 200:
        response_200 = AssetList.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AssetList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    kind: list[AssetKind] | None | Unset = UNSET,
    category_id: None | Unset | UUID = UNSET,
    tag: list[str] | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    status: list[AssetStatus] | None | Unset = UNSET,
    featured: bool | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: AssetsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[AssetList | Problem]:
    """List assets

     List assets, most recently updated first. Partner tokens see only published assets
    within their dates (`publish_at`, `expires_at`) whose audience admits their partner.

    Args:
        kind (list[AssetKind] | None | Unset): Repeat for several.
        category_id (None | Unset | UUID): This category and every category under it.
        tag (list[str] | None | Unset): Assets carrying every tag given.
        language (None | str | Unset): BCP 47 tag; `de` also finds `de-AT`, `de-CH`…
        status (list[AssetStatus] | None | Unset): Vendor roles only (repeat for several); partner
            tokens see published assets only.
        featured (bool | None | Unset):
        updated_after (datetime.datetime | None | Unset): Inclusive.
        updated_before (datetime.datetime | None | Unset): Exclusive.
        q (None | str | Unset): Search title, description, tags and file name: accents and case do
            not matter, typos and run-together words still match.
        sort (AssetsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-updated_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetList | Problem]
    """

    kwargs = _get_kwargs(
        kind=kind,
        category_id=category_id,
        tag=tag,
        language=language,
        status=status,
        featured=featured,
        updated_after=updated_after,
        updated_before=updated_before,
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
    kind: list[AssetKind] | None | Unset = UNSET,
    category_id: None | Unset | UUID = UNSET,
    tag: list[str] | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    status: list[AssetStatus] | None | Unset = UNSET,
    featured: bool | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: AssetsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> AssetList | Problem | None:
    """List assets

     List assets, most recently updated first. Partner tokens see only published assets
    within their dates (`publish_at`, `expires_at`) whose audience admits their partner.

    Args:
        kind (list[AssetKind] | None | Unset): Repeat for several.
        category_id (None | Unset | UUID): This category and every category under it.
        tag (list[str] | None | Unset): Assets carrying every tag given.
        language (None | str | Unset): BCP 47 tag; `de` also finds `de-AT`, `de-CH`…
        status (list[AssetStatus] | None | Unset): Vendor roles only (repeat for several); partner
            tokens see published assets only.
        featured (bool | None | Unset):
        updated_after (datetime.datetime | None | Unset): Inclusive.
        updated_before (datetime.datetime | None | Unset): Exclusive.
        q (None | str | Unset): Search title, description, tags and file name: accents and case do
            not matter, typos and run-together words still match.
        sort (AssetsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-updated_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetList | Problem
    """

    return sync_detailed(
        client=client,
        kind=kind,
        category_id=category_id,
        tag=tag,
        language=language,
        status=status,
        featured=featured,
        updated_after=updated_after,
        updated_before=updated_before,
        q=q,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    kind: list[AssetKind] | None | Unset = UNSET,
    category_id: None | Unset | UUID = UNSET,
    tag: list[str] | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    status: list[AssetStatus] | None | Unset = UNSET,
    featured: bool | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: AssetsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[AssetList | Problem]:
    """List assets

     List assets, most recently updated first. Partner tokens see only published assets
    within their dates (`publish_at`, `expires_at`) whose audience admits their partner.

    Args:
        kind (list[AssetKind] | None | Unset): Repeat for several.
        category_id (None | Unset | UUID): This category and every category under it.
        tag (list[str] | None | Unset): Assets carrying every tag given.
        language (None | str | Unset): BCP 47 tag; `de` also finds `de-AT`, `de-CH`…
        status (list[AssetStatus] | None | Unset): Vendor roles only (repeat for several); partner
            tokens see published assets only.
        featured (bool | None | Unset):
        updated_after (datetime.datetime | None | Unset): Inclusive.
        updated_before (datetime.datetime | None | Unset): Exclusive.
        q (None | str | Unset): Search title, description, tags and file name: accents and case do
            not matter, typos and run-together words still match.
        sort (AssetsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-updated_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetList | Problem]
    """

    kwargs = _get_kwargs(
        kind=kind,
        category_id=category_id,
        tag=tag,
        language=language,
        status=status,
        featured=featured,
        updated_after=updated_after,
        updated_before=updated_before,
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
    kind: list[AssetKind] | None | Unset = UNSET,
    category_id: None | Unset | UUID = UNSET,
    tag: list[str] | None | Unset = UNSET,
    language: None | str | Unset = UNSET,
    status: list[AssetStatus] | None | Unset = UNSET,
    featured: bool | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: AssetsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> AssetList | Problem | None:
    """List assets

     List assets, most recently updated first. Partner tokens see only published assets
    within their dates (`publish_at`, `expires_at`) whose audience admits their partner.

    Args:
        kind (list[AssetKind] | None | Unset): Repeat for several.
        category_id (None | Unset | UUID): This category and every category under it.
        tag (list[str] | None | Unset): Assets carrying every tag given.
        language (None | str | Unset): BCP 47 tag; `de` also finds `de-AT`, `de-CH`…
        status (list[AssetStatus] | None | Unset): Vendor roles only (repeat for several); partner
            tokens see published assets only.
        featured (bool | None | Unset):
        updated_after (datetime.datetime | None | Unset): Inclusive.
        updated_before (datetime.datetime | None | Unset): Exclusive.
        q (None | str | Unset): Search title, description, tags and file name: accents and case do
            not matter, typos and run-together words still match.
        sort (AssetsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-updated_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            category_id=category_id,
            tag=tag,
            language=language,
            status=status,
            featured=featured,
            updated_after=updated_after,
            updated_before=updated_before,
            q=q,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
