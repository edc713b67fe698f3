from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.metrics_query import MetricsQuery
from ...models.metrics_result import MetricsResult
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: MetricsQuery,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/metrics/query",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MetricsResult | Problem | None:
    if response.status_code == 200:
        response_200 = MetricsResult.from_dict(response.json())

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
) -> Response[MetricsResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MetricsQuery,
) -> Response[MetricsResult | Problem]:
    """Query metrics by period and dimension

     Metrics over a date range, optionally split into periods (`interval`) and by
    `dimensions`, filtered, and compared with the previous period — the shape analytics APIs
    use: each row is `{period, dimensions, metrics}`; `totals` covers the whole range.

    Money is in the program's base currency; amounts no exchange rate converts are reported
    per currency in `unconverted`, never summed in. Partner tokens see only their own
    partner's figures: a `partner` filter or dimension naming another partner yields only
    the caller's rows, and totals are the caller's. With `Accept: text/csv` the rows come as
    CSV (columns: `period_start`, `period_end`, the dimensions, the metrics, then
    `<metric>_unconverted` and, with `compare`, `previous_<metric>`).

    Args:
        body (MetricsQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MetricsResult | Problem]
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
    body: MetricsQuery,
) -> MetricsResult | Problem | None:
    """Query metrics by period and dimension

     Metrics over a date range, optionally split into periods (`interval`) and by
    `dimensions`, filtered, and compared with the previous period — the shape analytics APIs
    use: each row is `{period, dimensions, metrics}`; `totals` covers the whole range.

    Money is in the program's base currency; amounts no exchange rate converts are reported
    per currency in `unconverted`, never summed in. Partner tokens see only their own
    partner's figures: a `partner` filter or dimension naming another partner yields only
    the caller's rows, and totals are the caller's. With `Accept: text/csv` the rows come as
    CSV (columns: `period_start`, `period_end`, the dimensions, the metrics, then
    `<metric>_unconverted` and, with `compare`, `previous_<metric>`).

    Args:
        body (MetricsQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MetricsResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MetricsQuery,
) -> Response[MetricsResult | Problem]:
    """Query metrics by period and dimension

     Metrics over a date range, optionally split into periods (`interval`) and by
    `dimensions`, filtered, and compared with the previous period — the shape analytics APIs
    use: each row is `{period, dimensions, metrics}`; `totals` covers the whole range.

    Money is in the program's base currency; amounts no exchange rate converts are reported
    per currency in `unconverted`, never summed in. Partner tokens see only their own
    partner's figures: a `partner` filter or dimension naming another partner yields only
    the caller's rows, and totals are the caller's. With `Accept: text/csv` the rows come as
    CSV (columns: `period_start`, `period_end`, the dimensions, the metrics, then
    `<metric>_unconverted` and, with `compare`, `previous_<metric>`).

    Args:
        body (MetricsQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MetricsResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: MetricsQuery,
) -> MetricsResult | Problem | None:
    """Query metrics by period and dimension

     Metrics over a date range, optionally split into periods (`interval`) and by
    `dimensions`, filtered, and compared with the previous period — the shape analytics APIs
    use: each row is `{period, dimensions, metrics}`; `totals` covers the whole range.

    Money is in the program's base currency; amounts no exchange rate converts are reported
    per currency in `unconverted`, never summed in. Partner tokens see only their own
    partner's figures: a `partner` filter or dimension naming another partner yields only
    the caller's rows, and totals are the caller's. With `Accept: text/csv` the rows come as
    CSV (columns: `period_start`, `period_end`, the dimensions, the metrics, then
    `<metric>_unconverted` and, with `compare`, `previous_<metric>`).

    Args:
        body (MetricsQuery):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MetricsResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
