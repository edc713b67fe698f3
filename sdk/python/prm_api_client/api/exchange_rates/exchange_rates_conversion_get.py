import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.currency_code import CurrencyCode
from ...models.exchange_rate_conversion import ExchangeRateConversion
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    amount: str,
    currency: CurrencyCode,
    on: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["amount"] = amount

    json_currency = currency.value
    params["currency"] = json_currency

    json_on: None | str | Unset
    if isinstance(on, Unset):
        json_on = UNSET
    elif isinstance(on, datetime.date):
        json_on = on.isoformat()
    else:
        json_on = on
    params["on"] = json_on

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/exchange-rates/convert",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeRateConversion | Problem | None:
    if response.status_code == 200:
        response_200 = ExchangeRateConversion.from_dict(response.json())

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
) -> Response[ExchangeRateConversion | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    amount: str,
    currency: CurrencyCode,
    on: datetime.date | None | Unset = UNSET,
) -> Response[ExchangeRateConversion | Problem]:
    """Convert an amount into the base currency

     How an amount converts into the program's base currency on a day, with the rate used and its date,
    exactly as the metrics convert a deal's amount (vendor roles).

    A deal closed on day D converts at the newest rate of its currency dated on or before D in the same
    calendar month; a month without such a rate converts nothing (the amount is reported in its own
    currency and flagged). The base currency converts at 1. When nothing converts, `converted` is null
    and `reason` says why.

    Args:
        amount (str):
        currency (CurrencyCode): ISO 4217 currency code (upper case).
        on (datetime.date | None | Unset): The day to convert on (a deal's close date); today.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeRateConversion | Problem]
    """

    kwargs = _get_kwargs(
        amount=amount,
        currency=currency,
        on=on,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    amount: str,
    currency: CurrencyCode,
    on: datetime.date | None | Unset = UNSET,
) -> ExchangeRateConversion | Problem | None:
    """Convert an amount into the base currency

     How an amount converts into the program's base currency on a day, with the rate used and its date,
    exactly as the metrics convert a deal's amount (vendor roles).

    A deal closed on day D converts at the newest rate of its currency dated on or before D in the same
    calendar month; a month without such a rate converts nothing (the amount is reported in its own
    currency and flagged). The base currency converts at 1. When nothing converts, `converted` is null
    and `reason` says why.

    Args:
        amount (str):
        currency (CurrencyCode): ISO 4217 currency code (upper case).
        on (datetime.date | None | Unset): The day to convert on (a deal's close date); today.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeRateConversion | Problem
    """

    return sync_detailed(
        client=client,
        amount=amount,
        currency=currency,
        on=on,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    amount: str,
    currency: CurrencyCode,
    on: datetime.date | None | Unset = UNSET,
) -> Response[ExchangeRateConversion | Problem]:
    """Convert an amount into the base currency

     How an amount converts into the program's base currency on a day, with the rate used and its date,
    exactly as the metrics convert a deal's amount (vendor roles).

    A deal closed on day D converts at the newest rate of its currency dated on or before D in the same
    calendar month; a month without such a rate converts nothing (the amount is reported in its own
    currency and flagged). The base currency converts at 1. When nothing converts, `converted` is null
    and `reason` says why.

    Args:
        amount (str):
        currency (CurrencyCode): ISO 4217 currency code (upper case).
        on (datetime.date | None | Unset): The day to convert on (a deal's close date); today.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeRateConversion | Problem]
    """

    kwargs = _get_kwargs(
        amount=amount,
        currency=currency,
        on=on,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    amount: str,
    currency: CurrencyCode,
    on: datetime.date | None | Unset = UNSET,
) -> ExchangeRateConversion | Problem | None:
    """Convert an amount into the base currency

     How an amount converts into the program's base currency on a day, with the rate used and its date,
    exactly as the metrics convert a deal's amount (vendor roles).

    A deal closed on day D converts at the newest rate of its currency dated on or before D in the same
    calendar month; a month without such a rate converts nothing (the amount is reported in its own
    currency and flagged). The base currency converts at 1. When nothing converts, `converted` is null
    and `reason` says why.

    Args:
        amount (str):
        currency (CurrencyCode): ISO 4217 currency code (upper case).
        on (datetime.date | None | Unset): The day to convert on (a deal's close date); today.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeRateConversion | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            amount=amount,
            currency=currency,
            on=on,
        )
    ).parsed
