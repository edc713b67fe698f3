import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.partner_engagement import PartnerEngagement
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    partner_id: UUID,
    *,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/partners/{partner_id}/engagement".format(
            partner_id=quote(str(partner_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PartnerEngagement | Problem | None:
    if response.status_code == 200:
        response_200 = PartnerEngagement.from_dict(response.json())

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
) -> Response[PartnerEngagement | Problem]:
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
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
) -> Response[PartnerEngagement | Problem]:
    """A partner's asset downloads

     The partner's completed asset downloads in `[from, to)`, by asset and by UTC month.
    Partner tokens: their own partner only (another is a 404), and only assets they can see
    now: downloads of an asset since archived, expired or moved out of their audience are
    neither listed nor counted.

    Args:
        partner_id (UUID):
        from_ (datetime.datetime | None | Unset): Inclusive.
        to (datetime.datetime | None | Unset): Exclusive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartnerEngagement | Problem]
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
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
) -> PartnerEngagement | Problem | None:
    """A partner's asset downloads

     The partner's completed asset downloads in `[from, to)`, by asset and by UTC month.
    Partner tokens: their own partner only (another is a 404), and only assets they can see
    now: downloads of an asset since archived, expired or moved out of their audience are
    neither listed nor counted.

    Args:
        partner_id (UUID):
        from_ (datetime.datetime | None | Unset): Inclusive.
        to (datetime.datetime | None | Unset): Exclusive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartnerEngagement | Problem
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
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
) -> Response[PartnerEngagement | Problem]:
    """A partner's asset downloads

     The partner's completed asset downloads in `[from, to)`, by asset and by UTC month.
    Partner tokens: their own partner only (another is a 404), and only assets they can see
    now: downloads of an asset since archived, expired or moved out of their audience are
    neither listed nor counted.

    Args:
        partner_id (UUID):
        from_ (datetime.datetime | None | Unset): Inclusive.
        to (datetime.datetime | None | Unset): Exclusive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PartnerEngagement | Problem]
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
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
) -> PartnerEngagement | Problem | None:
    """A partner's asset downloads

     The partner's completed asset downloads in `[from, to)`, by asset and by UTC month.
    Partner tokens: their own partner only (another is a 404), and only assets they can see
    now: downloads of an asset since archived, expired or moved out of their audience are
    neither listed nor counted.

    Args:
        partner_id (UUID):
        from_ (datetime.datetime | None | Unset): Inclusive.
        to (datetime.datetime | None | Unset): Exclusive.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PartnerEngagement | Problem
    """

    return (
        await asyncio_detailed(
            partner_id=partner_id,
            client=client,
            from_=from_,
            to=to,
        )
    ).parsed
