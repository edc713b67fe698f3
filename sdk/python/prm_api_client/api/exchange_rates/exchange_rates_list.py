import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.currency_code import CurrencyCode
from ...models.exchange_rate_list import ExchangeRateList
from ...models.exchange_rates_list_sort import ExchangeRatesListSort
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    currency: CurrencyCode | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    sort: ExchangeRatesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_currency: None | str | Unset
    if isinstance(currency, Unset):
        json_currency = UNSET
    elif isinstance(currency, CurrencyCode):
        json_currency = currency.value
    else:
        json_currency = currency
    params["currency"] = json_currency

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

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
        "url": "/v1/exchange-rates",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeRateList | Problem | None:
    if response.status_code == 200:
        response_200 = ExchangeRateList.from_dict(response.json())

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
) -> Response[ExchangeRateList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    currency: CurrencyCode | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    sort: ExchangeRatesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[ExchangeRateList | Problem]:
    """List exchange rates

     The program's exchange rates, newest `rate_date` first (vendor roles; partner tokens get `403
    vendor_only`). Each converts one unit of `currency` into the program's base currency on `rate_date`.

    A deal closed on day D converts at the newest rate of its currency dated on or before D in the same
    calendar month; a month without such a rate converts nothing (the amount is reported in its own
    currency and flagged). The base currency converts at 1.

    Args:
        currency (CurrencyCode | None | Unset): Only this currency.
        from_ (datetime.date | None | Unset): Rates dated on or after this day.
        to (datetime.date | None | Unset): Rates dated on or before this day.
        sort (ExchangeRatesListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-rate_date`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeRateList | Problem]
    """

    kwargs = _get_kwargs(
        currency=currency,
        from_=from_,
        to=to,
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
    currency: CurrencyCode | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    sort: ExchangeRatesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> ExchangeRateList | Problem | None:
    """List exchange rates

     The program's exchange rates, newest `rate_date` first (vendor roles; partner tokens get `403
    vendor_only`). Each converts one unit of `currency` into the program's base currency on `rate_date`.

    A deal closed on day D converts at the newest rate of its currency dated on or before D in the same
    calendar month; a month without such a rate converts nothing (the amount is reported in its own
    currency and flagged). The base currency converts at 1.

    Args:
        currency (CurrencyCode | None | Unset): Only this currency.
        from_ (datetime.date | None | Unset): Rates dated on or after this day.
        to (datetime.date | None | Unset): Rates dated on or before this day.
        sort (ExchangeRatesListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-rate_date`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeRateList | Problem
    """

    return sync_detailed(
        client=client,
        currency=currency,
        from_=from_,
        to=to,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    currency: CurrencyCode | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    sort: ExchangeRatesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> Response[ExchangeRateList | Problem]:
    """List exchange rates

     The program's exchange rates, newest `rate_date` first (vendor roles; partner tokens get `403
    vendor_only`). Each converts one unit of `currency` into the program's base currency on `rate_date`.

    A deal closed on day D converts at the newest rate of its currency dated on or before D in the same
    calendar month; a month without such a rate converts nothing (the amount is reported in its own
    currency and flagged). The base currency converts at 1.

    Args:
        currency (CurrencyCode | None | Unset): Only this currency.
        from_ (datetime.date | None | Unset): Rates dated on or after this day.
        to (datetime.date | None | Unset): Rates dated on or before this day.
        sort (ExchangeRatesListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-rate_date`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeRateList | Problem]
    """

    kwargs = _get_kwargs(
        currency=currency,
        from_=from_,
        to=to,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    currency: CurrencyCode | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    sort: ExchangeRatesListSort | Unset = UNSET,
    limit: int | Unset = 25,
    cursor: None | str | Unset = UNSET,
) -> ExchangeRateList | Problem | None:
    """List exchange rates

     The program's exchange rates, newest `rate_date` first (vendor roles; partner tokens get `403
    vendor_only`). Each converts one unit of `currency` into the program's base currency on `rate_date`.

    A deal closed on day D converts at the newest rate of its currency dated on or before D in the same
    calendar month; a month without such a rate converts nothing (the amount is reported in its own
    currency and flagged). The base currency converts at 1.

    Args:
        currency (CurrencyCode | None | Unset): Only this currency.
        from_ (datetime.date | None | Unset): Rates dated on or after this day.
        to (datetime.date | None | Unset): Rates dated on or before this day.
        sort (ExchangeRatesListSort | Unset): Sort order: a field, `-` in front for descending.
            Default `-rate_date`.
        limit (int | Unset): Page size, 1–100 (default 25). Default: 25.
        cursor (None | str | Unset): Opaque cursor from a previous page's `next_cursor`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeRateList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            currency=currency,
            from_=from_,
            to=to,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
