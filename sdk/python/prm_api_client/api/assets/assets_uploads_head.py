from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    asset_id: UUID,
    upload_id: UUID,
    *,
    tus_resumable: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Tus-Resumable"] = tus_resumable

    _kwargs: dict[str, Any] = {
        "method": "head",
        "url": "/v1/assets/{asset_id}/uploads/{upload_id}".format(
            asset_id=quote(str(asset_id), safe=""),
            upload_id=quote(str(upload_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    asset_id: UUID,
    upload_id: UUID,
    *,
    client: AuthenticatedClient,
    tus_resumable: str,
) -> Response[Any | Problem]:
    """Get a resumable upload's offset (tus)

     How much of the upload arrived (resume a `PATCH` from `Upload-Offset`). A finished
    upload answers `Upload-Offset` = `Upload-Length` until it expires.

    Args:
        asset_id (UUID):
        upload_id (UUID):
        tus_resumable (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        asset_id=asset_id,
        upload_id=upload_id,
        tus_resumable=tus_resumable,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    asset_id: UUID,
    upload_id: UUID,
    *,
    client: AuthenticatedClient,
    tus_resumable: str,
) -> Any | Problem | None:
    """Get a resumable upload's offset (tus)

     How much of the upload arrived (resume a `PATCH` from `Upload-Offset`). A finished
    upload answers `Upload-Offset` = `Upload-Length` until it expires.

    Args:
        asset_id (UUID):
        upload_id (UUID):
        tus_resumable (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        asset_id=asset_id,
        upload_id=upload_id,
        client=client,
        tus_resumable=tus_resumable,
    ).parsed


async def asyncio_detailed(
    asset_id: UUID,
    upload_id: UUID,
    *,
    client: AuthenticatedClient,
    tus_resumable: str,
) -> Response[Any | Problem]:
    """Get a resumable upload's offset (tus)

     How much of the upload arrived (resume a `PATCH` from `Upload-Offset`). A finished
    upload answers `Upload-Offset` = `Upload-Length` until it expires.

    Args:
        asset_id (UUID):
        upload_id (UUID):
        tus_resumable (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        asset_id=asset_id,
        upload_id=upload_id,
        tus_resumable=tus_resumable,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    asset_id: UUID,
    upload_id: UUID,
    *,
    client: AuthenticatedClient,
    tus_resumable: str,
) -> Any | Problem | None:
    """Get a resumable upload's offset (tus)

     How much of the upload arrived (resume a `PATCH` from `Upload-Offset`). A finished
    upload answers `Upload-Offset` = `Upload-Length` until it expires.

    Args:
        asset_id (UUID):
        upload_id (UUID):
        tus_resumable (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            asset_id=asset_id,
            upload_id=upload_id,
            client=client,
            tus_resumable=tus_resumable,
        )
    ).parsed
