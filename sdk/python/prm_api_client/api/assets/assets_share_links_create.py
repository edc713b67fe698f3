from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset_share_link_create import AssetShareLinkCreate
from ...models.asset_share_link_created import AssetShareLinkCreated
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    asset_id: UUID,
    *,
    body: AssetShareLinkCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/assets/{asset_id}/share-links".format(
            asset_id=quote(str(asset_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AssetShareLinkCreated | Problem | None:
    if response.status_code == 201:
        response_201 = AssetShareLinkCreated.from_dict(response.json())

        return response_201

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
) -> Response[AssetShareLinkCreated | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    asset_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AssetShareLinkCreate,
) -> Response[AssetShareLinkCreated | Problem]:
    """Create a share link

     A URL that downloads the asset's current file without a bearer token, until it
    expires (default 7 days, at most 90) or is revoked. Partner tokens may share what they
    see; downloads through the link count for their partner, and stop (404) once the partner
    no longer sees the asset. The `token` is shown only in this response.

    Args:
        asset_id (UUID):
        body (AssetShareLinkCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetShareLinkCreated | Problem]
    """

    kwargs = _get_kwargs(
        asset_id=asset_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    asset_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AssetShareLinkCreate,
) -> AssetShareLinkCreated | Problem | None:
    """Create a share link

     A URL that downloads the asset's current file without a bearer token, until it
    expires (default 7 days, at most 90) or is revoked. Partner tokens may share what they
    see; downloads through the link count for their partner, and stop (404) once the partner
    no longer sees the asset. The `token` is shown only in this response.

    Args:
        asset_id (UUID):
        body (AssetShareLinkCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetShareLinkCreated | Problem
    """

    return sync_detailed(
        asset_id=asset_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    asset_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AssetShareLinkCreate,
) -> Response[AssetShareLinkCreated | Problem]:
    """Create a share link

     A URL that downloads the asset's current file without a bearer token, until it
    expires (default 7 days, at most 90) or is revoked. Partner tokens may share what they
    see; downloads through the link count for their partner, and stop (404) once the partner
    no longer sees the asset. The `token` is shown only in this response.

    Args:
        asset_id (UUID):
        body (AssetShareLinkCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetShareLinkCreated | Problem]
    """

    kwargs = _get_kwargs(
        asset_id=asset_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    asset_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AssetShareLinkCreate,
) -> AssetShareLinkCreated | Problem | None:
    """Create a share link

     A URL that downloads the asset's current file without a bearer token, until it
    expires (default 7 days, at most 90) or is revoked. Partner tokens may share what they
    see; downloads through the link count for their partner, and stop (404) once the partner
    no longer sees the asset. The `token` is shown only in this response.

    Args:
        asset_id (UUID):
        body (AssetShareLinkCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetShareLinkCreated | Problem
    """

    return (
        await asyncio_detailed(
            asset_id=asset_id,
            client=client,
            body=body,
        )
    ).parsed
