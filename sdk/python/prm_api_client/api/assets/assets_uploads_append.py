from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    asset_id: UUID,
    upload_id: UUID,
    *,
    body: File,
    upload_offset: int,
    tus_resumable: str,
    upload_checksum: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Upload-Offset"] = str(upload_offset)

    headers["Tus-Resumable"] = tus_resumable

    if not isinstance(upload_checksum, Unset):
        headers["Upload-Checksum"] = upload_checksum

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/assets/{asset_id}/uploads/{upload_id}".format(
            asset_id=quote(str(asset_id), safe=""),
            upload_id=quote(str(upload_id), safe=""),
        ),
    }

    _kwargs["content"] = body.payload
    headers["Content-Type"] = "application/offset+octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

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

    if response.status_code == 460:
        response_460 = Problem.from_dict(response.json())

        return response_460

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
    body: File,
    upload_offset: int,
    tus_resumable: str,
    upload_checksum: str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Append bytes to a resumable upload (tus)

     Append the body (`Content-Type: application/offset+octet-stream`) at `Upload-Offset`.

    Bytes are kept as they arrive: if the connection drops, what was received counts, and
    `HEAD` tells where to resume. With `Upload-Checksum` the body counts only whole and
    verified. A body past `Upload-Length` or over PRM_TUS_MAX_CHUNK_BYTES is a 413. No
    database session is held while the body streams (commits are short, per part).

    Args:
        asset_id (UUID):
        upload_id (UUID):
        upload_offset (int): Where this body starts: the upload's current offset (else 409).
        tus_resumable (str):
        upload_checksum (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        asset_id=asset_id,
        upload_id=upload_id,
        body=body,
        upload_offset=upload_offset,
        tus_resumable=tus_resumable,
        upload_checksum=upload_checksum,
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
    body: File,
    upload_offset: int,
    tus_resumable: str,
    upload_checksum: str | Unset = UNSET,
) -> Any | Problem | None:
    """Append bytes to a resumable upload (tus)

     Append the body (`Content-Type: application/offset+octet-stream`) at `Upload-Offset`.

    Bytes are kept as they arrive: if the connection drops, what was received counts, and
    `HEAD` tells where to resume. With `Upload-Checksum` the body counts only whole and
    verified. A body past `Upload-Length` or over PRM_TUS_MAX_CHUNK_BYTES is a 413. No
    database session is held while the body streams (commits are short, per part).

    Args:
        asset_id (UUID):
        upload_id (UUID):
        upload_offset (int): Where this body starts: the upload's current offset (else 409).
        tus_resumable (str):
        upload_checksum (str | Unset):
        body (File):

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
        body=body,
        upload_offset=upload_offset,
        tus_resumable=tus_resumable,
        upload_checksum=upload_checksum,
    ).parsed


async def asyncio_detailed(
    asset_id: UUID,
    upload_id: UUID,
    *,
    client: AuthenticatedClient,
    body: File,
    upload_offset: int,
    tus_resumable: str,
    upload_checksum: str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Append bytes to a resumable upload (tus)

     Append the body (`Content-Type: application/offset+octet-stream`) at `Upload-Offset`.

    Bytes are kept as they arrive: if the connection drops, what was received counts, and
    `HEAD` tells where to resume. With `Upload-Checksum` the body counts only whole and
    verified. A body past `Upload-Length` or over PRM_TUS_MAX_CHUNK_BYTES is a 413. No
    database session is held while the body streams (commits are short, per part).

    Args:
        asset_id (UUID):
        upload_id (UUID):
        upload_offset (int): Where this body starts: the upload's current offset (else 409).
        tus_resumable (str):
        upload_checksum (str | Unset):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        asset_id=asset_id,
        upload_id=upload_id,
        body=body,
        upload_offset=upload_offset,
        tus_resumable=tus_resumable,
        upload_checksum=upload_checksum,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    asset_id: UUID,
    upload_id: UUID,
    *,
    client: AuthenticatedClient,
    body: File,
    upload_offset: int,
    tus_resumable: str,
    upload_checksum: str | Unset = UNSET,
) -> Any | Problem | None:
    """Append bytes to a resumable upload (tus)

     Append the body (`Content-Type: application/offset+octet-stream`) at `Upload-Offset`.

    Bytes are kept as they arrive: if the connection drops, what was received counts, and
    `HEAD` tells where to resume. With `Upload-Checksum` the body counts only whole and
    verified. A body past `Upload-Length` or over PRM_TUS_MAX_CHUNK_BYTES is a 413. No
    database session is held while the body streams (commits are short, per part).

    Args:
        asset_id (UUID):
        upload_id (UUID):
        upload_offset (int): Where this body starts: the upload's current offset (else 409).
        tus_resumable (str):
        upload_checksum (str | Unset):
        body (File):

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
            body=body,
            upload_offset=upload_offset,
            tus_resumable=tus_resumable,
            upload_checksum=upload_checksum,
        )
    ).parsed
