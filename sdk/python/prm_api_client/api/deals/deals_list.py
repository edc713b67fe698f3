import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.currency_code import CurrencyCode
from ...models.deal_list import DealList
from ...models.deal_stage import DealStage
from ...models.deal_status import DealStatus
from ...models.deals_list_sort import DealsListSort
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: list[DealStatus] | None | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    stage: list[DealStage] | None | Unset = UNSET,
    currency: CurrencyCode | None | Unset = UNSET,
    amount_min: None | str | Unset = UNSET,
    amount_max: None | str | Unset = UNSET,
    expected_close_after: datetime.date | None | Unset = UNSET,
    expected_close_before: datetime.date | None | Unset = UNSET,
    customer_domain: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    sort: DealsListSort | Unset = UNSET,
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

    json_partner_id: None | str | Unset
    if isinstance(partner_id, Unset):
        json_partner_id = UNSET
    elif isinstance(partner_id, UUID):
        json_partner_id = str(partner_id)
    else:
        json_partner_id = partner_id
    params["partner_id"] = json_partner_id

    json_stage: list[str] | None | Unset
    if isinstance(stage, Unset):
        json_stage = UNSET
    elif isinstance(stage, list):
        json_stage = []
        for stage_type_0_item_data in stage:
            stage_type_0_item = stage_type_0_item_data.value
            json_stage.append(stage_type_0_item)

    else:
        json_stage = stage
    params["stage"] = json_stage

    json_currency: None | str | Unset
    if isinstance(currency, Unset):
        json_currency = UNSET
    elif isinstance(currency, CurrencyCode):
        json_currency = currency.value
    else:
        json_currency = currency
    params["currency"] = json_currency

    json_amount_min: None | str | Unset
    if isinstance(amount_min, Unset):
        json_amount_min = UNSET
    else:
        json_amount_min = amount_min
    params["amount_min"] = json_amount_min

    json_amount_max: None | str | Unset
    if isinstance(amount_max, Unset):
        json_amount_max = UNSET
    else:
        json_amount_max = amount_max
    params["amount_max"] = json_amount_max

    json_expected_close_after: None | str | Unset
    if isinstance(expected_close_after, Unset):
        json_expected_close_after = UNSET
    elif isinstance(expected_close_after, datetime.date):
        json_expected_close_after = expected_close_after.isoformat()
    else:
        json_expected_close_after = expected_close_after
    params["expected_close_after"] = json_expected_close_after

    json_expected_close_before: None | str | Unset
    if isinstance(expected_close_before, Unset):
        json_expected_close_before = UNSET
    elif isinstance(expected_close_before, datetime.date):
        json_expected_close_before = expected_close_before.isoformat()
    else:
        json_expected_close_before = expected_close_before
    params["expected_close_before"] = json_expected_close_before

    json_customer_domain: None | str | Unset
    if isinstance(customer_domain, Unset):
        json_customer_domain = UNSET
    else:
        json_customer_domain = customer_domain
    params["customer_domain"] = json_customer_domain

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
        "url": "/v1/deals",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DealList | Problem | None:
    if response.status_code == 200:
        response_200 = DealList.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DealList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: list[DealStatus] | None | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    stage: list[DealStage] | None | Unset = UNSET,
    currency: CurrencyCode | None | Unset = UNSET,
    amount_min: None | str | Unset = UNSET,
    amount_max: None | str | Unset = UNSET,
    expected_close_after: datetime.date | None | Unset = UNSET,
    expected_close_before: datetime.date | None | Unset = UNSET,
    customer_domain: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    sort: DealsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[DealList | Problem]:
    """List deals

     List deals, newest first. Partner tokens see only their own partner's deals.

    Args:
        status (list[DealStatus] | None | Unset): Repeat for several.
        partner_id (None | Unset | UUID): Vendor roles only.
        stage (list[DealStage] | None | Unset):
        currency (CurrencyCode | None | Unset):
        amount_min (None | str | Unset): Decimal string, e.g. "1000.00".
        amount_max (None | str | Unset): Decimal string, e.g. "1000.00".
        expected_close_after (datetime.date | None | Unset): Inclusive.
        expected_close_before (datetime.date | None | Unset): Inclusive.
        customer_domain (None | str | Unset):
        q (None | str | Unset): Fuzzy search: customer name, title.
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        sort (DealsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-created_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DealList | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        partner_id=partner_id,
        stage=stage,
        currency=currency,
        amount_min=amount_min,
        amount_max=amount_max,
        expected_close_after=expected_close_after,
        expected_close_before=expected_close_before,
        customer_domain=customer_domain,
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
    status: list[DealStatus] | None | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    stage: list[DealStage] | None | Unset = UNSET,
    currency: CurrencyCode | None | Unset = UNSET,
    amount_min: None | str | Unset = UNSET,
    amount_max: None | str | Unset = UNSET,
    expected_close_after: datetime.date | None | Unset = UNSET,
    expected_close_before: datetime.date | None | Unset = UNSET,
    customer_domain: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    sort: DealsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> DealList | Problem | None:
    """List deals

     List deals, newest first. Partner tokens see only their own partner's deals.

    Args:
        status (list[DealStatus] | None | Unset): Repeat for several.
        partner_id (None | Unset | UUID): Vendor roles only.
        stage (list[DealStage] | None | Unset):
        currency (CurrencyCode | None | Unset):
        amount_min (None | str | Unset): Decimal string, e.g. "1000.00".
        amount_max (None | str | Unset): Decimal string, e.g. "1000.00".
        expected_close_after (datetime.date | None | Unset): Inclusive.
        expected_close_before (datetime.date | None | Unset): Inclusive.
        customer_domain (None | str | Unset):
        q (None | str | Unset): Fuzzy search: customer name, title.
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        sort (DealsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-created_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DealList | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        partner_id=partner_id,
        stage=stage,
        currency=currency,
        amount_min=amount_min,
        amount_max=amount_max,
        expected_close_after=expected_close_after,
        expected_close_before=expected_close_before,
        customer_domain=customer_domain,
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
    status: list[DealStatus] | None | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    stage: list[DealStage] | None | Unset = UNSET,
    currency: CurrencyCode | None | Unset = UNSET,
    amount_min: None | str | Unset = UNSET,
    amount_max: None | str | Unset = UNSET,
    expected_close_after: datetime.date | None | Unset = UNSET,
    expected_close_before: datetime.date | None | Unset = UNSET,
    customer_domain: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    sort: DealsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[DealList | Problem]:
    """List deals

     List deals, newest first. Partner tokens see only their own partner's deals.

    Args:
        status (list[DealStatus] | None | Unset): Repeat for several.
        partner_id (None | Unset | UUID): Vendor roles only.
        stage (list[DealStage] | None | Unset):
        currency (CurrencyCode | None | Unset):
        amount_min (None | str | Unset): Decimal string, e.g. "1000.00".
        amount_max (None | str | Unset): Decimal string, e.g. "1000.00".
        expected_close_after (datetime.date | None | Unset): Inclusive.
        expected_close_before (datetime.date | None | Unset): Inclusive.
        customer_domain (None | str | Unset):
        q (None | str | Unset): Fuzzy search: customer name, title.
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        sort (DealsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-created_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DealList | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        partner_id=partner_id,
        stage=stage,
        currency=currency,
        amount_min=amount_min,
        amount_max=amount_max,
        expected_close_after=expected_close_after,
        expected_close_before=expected_close_before,
        customer_domain=customer_domain,
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
    status: list[DealStatus] | None | Unset = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    stage: list[DealStage] | None | Unset = UNSET,
    currency: CurrencyCode | None | Unset = UNSET,
    amount_min: None | str | Unset = UNSET,
    amount_max: None | str | Unset = UNSET,
    expected_close_after: datetime.date | None | Unset = UNSET,
    expected_close_before: datetime.date | None | Unset = UNSET,
    customer_domain: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    created_after: datetime.datetime | None | Unset = UNSET,
    created_before: datetime.datetime | None | Unset = UNSET,
    updated_after: datetime.datetime | None | Unset = UNSET,
    updated_before: datetime.datetime | None | Unset = UNSET,
    sort: DealsListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> DealList | Problem | None:
    """List deals

     List deals, newest first. Partner tokens see only their own partner's deals.

    Args:
        status (list[DealStatus] | None | Unset): Repeat for several.
        partner_id (None | Unset | UUID): Vendor roles only.
        stage (list[DealStage] | None | Unset):
        currency (CurrencyCode | None | Unset):
        amount_min (None | str | Unset): Decimal string, e.g. "1000.00".
        amount_max (None | str | Unset): Decimal string, e.g. "1000.00".
        expected_close_after (datetime.date | None | Unset): Inclusive.
        expected_close_before (datetime.date | None | Unset): Inclusive.
        customer_domain (None | str | Unset):
        q (None | str | Unset): Fuzzy search: customer name, title.
        created_after (datetime.datetime | None | Unset):
        created_before (datetime.datetime | None | Unset):
        updated_after (datetime.datetime | None | Unset):
        updated_before (datetime.datetime | None | Unset):
        sort (DealsListSort | Unset): Sort order: a field, `-` in front for descending. Default
            `-created_at`. With `q` and no `sort`, best matches come first.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DealList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            partner_id=partner_id,
            stage=stage,
            currency=currency,
            amount_min=amount_min,
            amount_max=amount_max,
            expected_close_after=expected_close_after,
            expected_close_before=expected_close_before,
            customer_domain=customer_domain,
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
