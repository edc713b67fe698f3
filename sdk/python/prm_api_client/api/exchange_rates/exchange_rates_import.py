from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exchange_rate_import_result import ExchangeRateImportResult
from ...models.exchange_rates_import_json_exchange_rate_import import ExchangeRatesImportJsonExchangeRateImport
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    body: ExchangeRatesImportJsonExchangeRateImport | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/exchange-rates/import",
    }

    if isinstance(body, ExchangeRatesImportJsonExchangeRateImport):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, str):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/csv"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExchangeRateImportResult | Problem | None:
    if response.status_code == 200:
        response_200 = ExchangeRateImportResult.from_dict(response.json())

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
) -> Response[ExchangeRateImportResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ExchangeRatesImportJsonExchangeRateImport | str | Unset = UNSET,
) -> Response[ExchangeRateImportResult | Problem]:
    """Import exchange rates in bulk

     Create or update up to 1,000 rates in one request (vendor roles), all or
    nothing: the rates are matched by currency and day; a new pair is created, an existing
    one whose rate or source differs is updated, one stored exactly as sent is left alone.
    The answer counts each kind and lists the rates created or updated.

    Send JSON (`{"rates": [{"currency": "EUR", "rate_date": "2026-01-31", "rate":
    "1.0825"}, …]}`) or CSV (`Content-Type: text/csv`, UTF-8):

        currency,rate_date,rate,source
        EUR,2026-01-31,1.0825,ECB
        GBP,2026-01-31,1.2710,

    (`source` is optional as a column and per row; quote one that contains a comma.) One
    invalid row and nothing is stored: the `422` lists every bad row as `errors[]` (`field`
    `rates.<index>.<field>`, index 0-based over the rates, CSV messages name the line) and
    their indexes in `invalid_rows`. Invalid rows include a rate for the base currency and
    a currency and day given twice (both `code: mismatch`). A malformed body (JSON syntax,
    CSV quoting, not UTF-8) is a `400`.

    One `exchange_rates.imported` event records an import that changed something (not one
    event per rate).

    Args:
        body (ExchangeRatesImportJsonExchangeRateImport): Rates to create or update in one all-or-
            nothing request.
        body (str): UTF-8: the header row `currency,rate_date,rate,source`, then one rate per line
            (an empty source is none). Also accepted: the header without `source`, and a quoted source
            (`"…"`, quotes doubled) that holds a comma or a quote.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeRateImportResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ExchangeRatesImportJsonExchangeRateImport | str | Unset = UNSET,
) -> ExchangeRateImportResult | Problem | None:
    """Import exchange rates in bulk

     Create or update up to 1,000 rates in one request (vendor roles), all or
    nothing: the rates are matched by currency and day; a new pair is created, an existing
    one whose rate or source differs is updated, one stored exactly as sent is left alone.
    The answer counts each kind and lists the rates created or updated.

    Send JSON (`{"rates": [{"currency": "EUR", "rate_date": "2026-01-31", "rate":
    "1.0825"}, …]}`) or CSV (`Content-Type: text/csv`, UTF-8):

        currency,rate_date,rate,source
        EUR,2026-01-31,1.0825,ECB
        GBP,2026-01-31,1.2710,

    (`source` is optional as a column and per row; quote one that contains a comma.) One
    invalid row and nothing is stored: the `422` lists every bad row as `errors[]` (`field`
    `rates.<index>.<field>`, index 0-based over the rates, CSV messages name the line) and
    their indexes in `invalid_rows`. Invalid rows include a rate for the base currency and
    a currency and day given twice (both `code: mismatch`). A malformed body (JSON syntax,
    CSV quoting, not UTF-8) is a `400`.

    One `exchange_rates.imported` event records an import that changed something (not one
    event per rate).

    Args:
        body (ExchangeRatesImportJsonExchangeRateImport): Rates to create or update in one all-or-
            nothing request.
        body (str): UTF-8: the header row `currency,rate_date,rate,source`, then one rate per line
            (an empty source is none). Also accepted: the header without `source`, and a quoted source
            (`"…"`, quotes doubled) that holds a comma or a quote.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeRateImportResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ExchangeRatesImportJsonExchangeRateImport | str | Unset = UNSET,
) -> Response[ExchangeRateImportResult | Problem]:
    """Import exchange rates in bulk

     Create or update up to 1,000 rates in one request (vendor roles), all or
    nothing: the rates are matched by currency and day; a new pair is created, an existing
    one whose rate or source differs is updated, one stored exactly as sent is left alone.
    The answer counts each kind and lists the rates created or updated.

    Send JSON (`{"rates": [{"currency": "EUR", "rate_date": "2026-01-31", "rate":
    "1.0825"}, …]}`) or CSV (`Content-Type: text/csv`, UTF-8):

        currency,rate_date,rate,source
        EUR,2026-01-31,1.0825,ECB
        GBP,2026-01-31,1.2710,

    (`source` is optional as a column and per row; quote one that contains a comma.) One
    invalid row and nothing is stored: the `422` lists every bad row as `errors[]` (`field`
    `rates.<index>.<field>`, index 0-based over the rates, CSV messages name the line) and
    their indexes in `invalid_rows`. Invalid rows include a rate for the base currency and
    a currency and day given twice (both `code: mismatch`). A malformed body (JSON syntax,
    CSV quoting, not UTF-8) is a `400`.

    One `exchange_rates.imported` event records an import that changed something (not one
    event per rate).

    Args:
        body (ExchangeRatesImportJsonExchangeRateImport): Rates to create or update in one all-or-
            nothing request.
        body (str): UTF-8: the header row `currency,rate_date,rate,source`, then one rate per line
            (an empty source is none). Also accepted: the header without `source`, and a quoted source
            (`"…"`, quotes doubled) that holds a comma or a quote.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExchangeRateImportResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ExchangeRatesImportJsonExchangeRateImport | str | Unset = UNSET,
) -> ExchangeRateImportResult | Problem | None:
    """Import exchange rates in bulk

     Create or update up to 1,000 rates in one request (vendor roles), all or
    nothing: the rates are matched by currency and day; a new pair is created, an existing
    one whose rate or source differs is updated, one stored exactly as sent is left alone.
    The answer counts each kind and lists the rates created or updated.

    Send JSON (`{"rates": [{"currency": "EUR", "rate_date": "2026-01-31", "rate":
    "1.0825"}, …]}`) or CSV (`Content-Type: text/csv`, UTF-8):

        currency,rate_date,rate,source
        EUR,2026-01-31,1.0825,ECB
        GBP,2026-01-31,1.2710,

    (`source` is optional as a column and per row; quote one that contains a comma.) One
    invalid row and nothing is stored: the `422` lists every bad row as `errors[]` (`field`
    `rates.<index>.<field>`, index 0-based over the rates, CSV messages name the line) and
    their indexes in `invalid_rows`. Invalid rows include a rate for the base currency and
    a currency and day given twice (both `code: mismatch`). A malformed body (JSON syntax,
    CSV quoting, not UTF-8) is a `400`.

    One `exchange_rates.imported` event records an import that changed something (not one
    event per rate).

    Args:
        body (ExchangeRatesImportJsonExchangeRateImport): Rates to create or update in one all-or-
            nothing request.
        body (str): UTF-8: the header row `currency,rate_date,rate,source`, then one rate per line
            (an empty source is none). Also accepted: the header without `source`, and a quoted source
            (`"…"`, quotes doubled) that holds a comma or a quote.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExchangeRateImportResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
