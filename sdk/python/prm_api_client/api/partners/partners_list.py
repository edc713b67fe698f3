import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.country_code import CountryCode
from ...models.partner_list import PartnerList
from ...models.partner_status import PartnerStatus
from ...models.partner_type import PartnerType
from ...models.partners_list_sort import PartnersListSort
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: list[PartnerStatus] | None | Unset = UNSET,
    tier: None | str | Unset = UNSET,
    type_: list[PartnerType] | None | Unset = UNSET,
    country: list[CountryCode] | None | Unset = UNSET,
    manager_id: None | Unset | UUID = UNSET,
    tag: list[str] | None | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    sort: PartnersListSort | Unset = UNSET,
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

    json_tier: None | str | Unset
    if isinstance(tier, Unset):
        json_tier = UNSET
    else:
        json_tier = tier
    params["tier"] = json_tier

    json_type_: list[str] | None | Unset
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, list):
        json_type_ = []
        for type_type_0_item_data in type_:
            type_type_0_item = type_type_0_item_data.value
            json_type_.append(type_type_0_item)

    else:
        json_type_ = type_
    params["type"] = json_type_

    json_country: list[str] | None | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    elif isinstance(country, list):
        json_country = []
        for country_type_0_item_data in country:
            country_type_0_item = country_type_0_item_data.value
            json_country.append(country_type_0_item)

    else:
        json_country = country
    params["country"] = json_country

    json_manager_id: None | str | Unset
    if isinstance(manager_id, Unset):
        json_manager_id = UNSET
    elif isinstance(manager_id, UUID):
        json_manager_id = str(manager_id)
    else:
        json_manager_id = manager_id
    params["manager_id"] = json_manager_id

    json_tag: list[str] | None | Unset
    if isinstance(tag, Unset):
        json_tag = UNSET
    elif isinstance(tag, list):
        json_tag = tag

    else:
        json_tag = tag
    params["tag"] = json_tag

    json_external_id: None | str | Unset
    if isinstance(external_id, Unset):
        json_external_id = UNSET
    else:
        json_external_id = external_id
    params["external_id"] = json_external_id

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_created_after: None | str | Unset
    if isinstance(created_after, Unset):
        json_created_after = UNSET
    elif isinstance(created_after, datetime.datetime):
        json_created_after = created_after.isoformat()
    else:
        json_created_after = created_after
    params["created_after"] = json_created_after

    json_created_before: None | str | Unset
    if isinstance(created_before, Unset):
        json_created_before = UNSET
    elif isinstance(created_before, datetime.datetime):
        json_created_before = created_before.isoformat()
    else:
        json_created_before = created_before
    params["created_before"] = json_created_before

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
        "url": "/v1/partners",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PartnerList | Problem | None:
    if response.status_code == 200:
        response_200 = PartnerList.from_dict(response.json())

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
) -> Response[PartnerList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: list[PartnerStatus] | None | Unset = UNSET,
    tier: None | str | Unset = UNSET,
    type_: list[PartnerType] | None | Unset = UNSET,
    country: list[CountryCode] | None | Unset = UNSET,
    manager_id: None | Unset | UUID = UNSET,
    tag: list[str] | None | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    sort: PartnersListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[PartnerList | Problem]:
    """List partners

     List partners. Partner tokens see only their own partner.

    `q` matches names and domains approximately (trigram word similarity), so `nortwind`
    finds *Northwind Systems*. Without `sort`, matches come best first: the name equal to
    `q`, then names starting with it, then names with a word starting with it, then by
    similarity; pages follow that order (the cursor belongs to that `q`).

    Args:
        status (list[PartnerStatus] | None | Unset): Repeat for several.
        tier (None | str | Unset): Tier id or key.
        type_ (list[PartnerType] | None | Unset):
        country (list[CountryCode] | None | Unset):
        manager_id (None | Unset | UUID):
        tag (list[str] | None | Unset): All given tags must be present.
        external_id (None | str | Unset): `system:id`, e.g. `salesforce:001xx`.
        q (None | str | Unset): Fuzzy search over name and domain.
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        sort (PartnersListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-created_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartnerList | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        tier=tier,
        type_=type_,
        country=country,
        manager_id=manager_id,
        tag=tag,
        external_id=external_id,
        q=q,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
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
    status: list[PartnerStatus] | None | Unset = UNSET,
    tier: None | str | Unset = UNSET,
    type_: list[PartnerType] | None | Unset = UNSET,
    country: list[CountryCode] | None | Unset = UNSET,
    manager_id: None | Unset | UUID = UNSET,
    tag: list[str] | None | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    sort: PartnersListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> PartnerList | Problem | None:
    """List partners

     List partners. Partner tokens see only their own partner.

    `q` matches names and domains approximately (trigram word similarity), so `nortwind`
    finds *Northwind Systems*. Without `sort`, matches come best first: the name equal to
    `q`, then names starting with it, then names with a word starting with it, then by
    similarity; pages follow that order (the cursor belongs to that `q`).

    Args:
        status (list[PartnerStatus] | None | Unset): Repeat for several.
        tier (None | str | Unset): Tier id or key.
        type_ (list[PartnerType] | None | Unset):
        country (list[CountryCode] | None | Unset):
        manager_id (None | Unset | UUID):
        tag (list[str] | None | Unset): All given tags must be present.
        external_id (None | str | Unset): `system:id`, e.g. `salesforce:001xx`.
        q (None | str | Unset): Fuzzy search over name and domain.
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        sort (PartnersListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-created_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartnerList | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        tier=tier,
        type_=type_,
        country=country,
        manager_id=manager_id,
        tag=tag,
        external_id=external_id,
        q=q,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: list[PartnerStatus] | None | Unset = UNSET,
    tier: None | str | Unset = UNSET,
    type_: list[PartnerType] | None | Unset = UNSET,
    country: list[CountryCode] | None | Unset = UNSET,
    manager_id: None | Unset | UUID = UNSET,
    tag: list[str] | None | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    sort: PartnersListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[PartnerList | Problem]:
    """List partners

     List partners. Partner tokens see only their own partner.

    `q` matches names and domains approximately (trigram word similarity), so `nortwind`
    finds *Northwind Systems*. Without `sort`, matches come best first: the name equal to
    `q`, then names starting with it, then names with a word starting with it, then by
    similarity; pages follow that order (the cursor belongs to that `q`).

    Args:
        status (list[PartnerStatus] | None | Unset): Repeat for several.
        tier (None | str | Unset): Tier id or key.
        type_ (list[PartnerType] | None | Unset):
        country (list[CountryCode] | None | Unset):
        manager_id (None | Unset | UUID):
        tag (list[str] | None | Unset): All given tags must be present.
        external_id (None | str | Unset): `system:id`, e.g. `salesforce:001xx`.
        q (None | str | Unset): Fuzzy search over name and domain.
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        sort (PartnersListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-created_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartnerList | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        tier=tier,
        type_=type_,
        country=country,
        manager_id=manager_id,
        tag=tag,
        external_id=external_id,
        q=q,
        created_after=created_after,
        created_before=created_before,
        updated_after=updated_after,
        updated_before=updated_before,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: list[PartnerStatus] | None | Unset = UNSET,
    tier: None | str | Unset = UNSET,
    type_: list[PartnerType] | None | Unset = UNSET,
    country: list[CountryCode] | None | Unset = UNSET,
    manager_id: None | Unset | UUID = UNSET,
    tag: list[str] | None | Unset = UNSET,
    external_id: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    sort: PartnersListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> PartnerList | Problem | None:
    """List partners

     List partners. Partner tokens see only their own partner.

    `q` matches names and domains approximately (trigram word similarity), so `nortwind`
    finds *Northwind Systems*. Without `sort`, matches come best first: the name equal to
    `q`, then names starting with it, then names with a word starting with it, then by
    similarity; pages follow that order (the cursor belongs to that `q`).

    Args:
        status (list[PartnerStatus] | None | Unset): Repeat for several.
        tier (None | str | Unset): Tier id or key.
        type_ (list[PartnerType] | None | Unset):
        country (list[CountryCode] | None | Unset):
        manager_id (None | Unset | UUID):
        tag (list[str] | None | Unset): All given tags must be present.
        external_id (None | str | Unset): `system:id`, e.g. `salesforce:001xx`.
        q (None | str | Unset): Fuzzy search over name and domain.
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        sort (PartnersListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-created_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartnerList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            tier=tier,
            type_=type_,
            country=country,
            manager_id=manager_id,
            tag=tag,
            external_id=external_id,
            q=q,
            created_after=created_after,
            created_before=created_before,
            updated_after=updated_after,
            updated_before=updated_before,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
