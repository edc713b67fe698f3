from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.lifecycle_action import LifecycleAction
from ...models.partner import Partner
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    partner_id: UUID,
    *,
    body: LifecycleAction | None | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/partners/{partner_id}/terminate".format(
            partner_id=quote(str(partner_id), safe=""),
        ),
    }

    if isinstance(body, LifecycleAction):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Partner | Problem | None:
    if response.status_code == 200:
        response_200 = Partner.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Partner | Problem]:
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
    body: LifecycleAction | None | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Response[Partner | Problem]:
    """Terminate a partner

     Terminate a partner

    Allowed from: active, applied, onboarding, suspended → `terminated`. Vendor roles only. Any other
    status → 409 `invalid_transition` listing the allowed actions. Honours `If-Match`.

    Args:
        partner_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (LifecycleAction | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Partner | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    body: LifecycleAction | None | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Partner | Problem | None:
    """Terminate a partner

     Terminate a partner

    Allowed from: active, applied, onboarding, suspended → `terminated`. Vendor roles only. Any other
    status → 409 `invalid_transition` listing the allowed actions. Honours `If-Match`.

    Args:
        partner_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (LifecycleAction | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Partner | Problem
    """

    return sync_detailed(
        partner_id=partner_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    body: LifecycleAction | None | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Response[Partner | Problem]:
    """Terminate a partner

     Terminate a partner

    Allowed from: active, applied, onboarding, suspended → `terminated`. Vendor roles only. Any other
    status → 409 `invalid_transition` listing the allowed actions. Honours `If-Match`.

    Args:
        partner_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (LifecycleAction | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Partner | Problem]
    """

    kwargs = _get_kwargs(
        partner_id=partner_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    partner_id: UUID,
    *,
    client: AuthenticatedClient,
    body: LifecycleAction | None | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
) -> Partner | Problem | None:
    """Terminate a partner

     Terminate a partner

    Allowed from: active, applied, onboarding, suspended → `terminated`. Vendor roles only. Any other
    status → 409 `invalid_transition` listing the allowed actions. Honours `If-Match`.

    Args:
        partner_id (UUID):
        if_match (None | str | Unset): Only apply the change if the resource's current `ETag`
            matches (else 412).
        body (LifecycleAction | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Partner | Problem
    """

    return (
        await asyncio_detailed(
            partner_id=partner_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
