import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.partner_health_history import PartnerHealthHistory
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    partner_id: UUID,
    *,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/partners/{partner_id}/health/history".format(
            partner_id=quote(str(partner_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PartnerHealthHistory | Problem | None:
    if response.status_code == 200:
        response_200 = PartnerHealthHistory.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[PartnerHealthHistory | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Response[PartnerHealthHistory | Problem]:
    """Get a partner's daily health history

     The daily snapshots the `snapshot-health` job recorded for the partner between `from`
    and `to` (UTC days, both included; at most 400 days per request: 422 `range_too_long`;
    `from` after `to`: 422 `after_to`), oldest first, in one response (no pagination: the
    window bounds it). Each snapshot keeps the explanation and formula version of its day, so
    a change of weights does not rewrite the past. Days without a snapshot (before the
    partner was active, or a day the job did not run) are absent. A partner token reads its
    own partner only (another is a 404).

    Args:
        partner_id (UUID):
        from_ (datetime.date | None | Unset): First day, inclusive (default: 89 days before `to`).
        to (datetime.date | None | Unset): Last day, inclusive (default: today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartnerHealthHistory | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        from_=from_,
        to=to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> PartnerHealthHistory | Problem | None:
    """Get a partner's daily health history

     The daily snapshots the `snapshot-health` job recorded for the partner between `from`
    and `to` (UTC days, both included; at most 400 days per request: 422 `range_too_long`;
    `from` after `to`: 422 `after_to`), oldest first, in one response (no pagination: the
    window bounds it). Each snapshot keeps the explanation and formula version of its day, so
    a change of weights does not rewrite the past. Days without a snapshot (before the
    partner was active, or a day the job did not run) are absent. A partner token reads its
    own partner only (another is a 404).

    Args:
        partner_id (UUID):
        from_ (datetime.date | None | Unset): First day, inclusive (default: 89 days before `to`).
        to (datetime.date | None | Unset): Last day, inclusive (default: today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartnerHealthHistory | Problem
    """

    return sync_detailed(
        partner_id=partner_id,
        client=client,
        from_=from_,
        to=to,
    ).parsed


async def asyncio_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> Response[PartnerHealthHistory | Problem]:
    """Get a partner's daily health history

     The daily snapshots the `snapshot-health` job recorded for the partner between `from`
    and `to` (UTC days, both included; at most 400 days per request: 422 `range_too_long`;
    `from` after `to`: 422 `after_to`), oldest first, in one response (no pagination: the
    window bounds it). Each snapshot keeps the explanation and formula version of its day, so
    a change of weights does not rewrite the past. Days without a snapshot (before the
    partner was active, or a day the job did not run) are absent. A partner token reads its
    own partner only (another is a 404).

    Args:
        partner_id (UUID):
        from_ (datetime.date | None | Unset): First day, inclusive (default: 89 days before `to`).
        to (datetime.date | None | Unset): Last day, inclusive (default: today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartnerHealthHistory | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        from_=from_,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
) -> PartnerHealthHistory | Problem | None:
    """Get a partner's daily health history

     The daily snapshots the `snapshot-health` job recorded for the partner between `from`
    and `to` (UTC days, both included; at most 400 days per request: 422 `range_too_long`;
    `from` after `to`: 422 `after_to`), oldest first, in one response (no pagination: the
    window bounds it). Each snapshot keeps the explanation and formula version of its day, so
    a change of weights does not rewrite the past. Days without a snapshot (before the
    partner was active, or a day the job did not run) are absent. A partner token reads its
    own partner only (another is a 404).

    Args:
        partner_id (UUID):
        from_ (datetime.date | None | Unset): First day, inclusive (default: 89 days before `to`).
        to (datetime.date | None | Unset): Last day, inclusive (default: today).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartnerHealthHistory | Problem
    """

    return (
        await asyncio_detailed(
            partner_id=partner_id,
            client=client,
            from_=from_,
            to=to,
        )
    ).parsed
