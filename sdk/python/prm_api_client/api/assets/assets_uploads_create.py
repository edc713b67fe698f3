from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    asset_id: UUID,
    *,
    upload_length: int,
    upload_metadata: None | str | Unset = UNSET,
    tus_resumable: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["Upload-Length"] = str(upload_length)

    if not isinstance(upload_metadata, Unset):
        headers["Upload-Metadata"] = upload_metadata

    headers["Tus-Resumable"] = tus_resumable

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/assets/{asset_id}/uploads".format(
            asset_id=quote(str(asset_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 201:
        response_201 = cast(Any, None)
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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

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
    *,
    client: AuthenticatedClient,
    upload_length: int,
    upload_metadata: None | str | Unset = UNSET,
    tus_resumable: str,
) -> Response[Any | Problem]:
    """Start a resumable upload (tus)

     Create a **tus 1.0.0** upload of a new file version for a file asset (vendor staff).

    Any tus client works (Uppy, tus-js-client, tuspy): point it at this URL with the bearer
    token. Then `PATCH` the bytes to the returned `Location` in chunks (up to
    PRM_TUS_MAX_CHUNK_BYTES each, 64 MiB by default) with `Upload-Offset`; after an
    interruption `HEAD` tells the offset to resume from. When the last byte arrives the file
    becomes the asset's current version (`asset.version_added`); its type is detected from
    the bytes and a refused type (executables by default) is a 422 that keeps nothing.
    Supported: core, `creation`, `expiration` (unfinished uploads expire PRM_TUS_EXPIRY_S
    after their last chunk; then 410), `checksum` (`Upload-Checksum` with sha1, sha256 or
    md5: 460 on a mismatch) and `termination` (`DELETE`). `OPTIONS` answers the server's
    capabilities without a token.

    Args:
        asset_id (UUID):
        upload_length (int): The file's size in bytes (at most `Tus-Max-Size`,
            PRM_ASSET_MAX_BYTES).
        upload_metadata (None | str | Unset): `filename <base64>,filetype <base64>`: the filename
            is kept (sanitized) for the version; the type is ignored (it is detected from the bytes).
        tus_resumable (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        asset_id=asset_id,
        upload_length=upload_length,
        upload_metadata=upload_metadata,
        tus_resumable=tus_resumable,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    asset_id: UUID,
    *,
    client: AuthenticatedClient,
    upload_length: int,
    upload_metadata: None | str | Unset = UNSET,
    tus_resumable: str,
) -> Any | Problem | None:
    """Start a resumable upload (tus)

     Create a **tus 1.0.0** upload of a new file version for a file asset (vendor staff).

    Any tus client works (Uppy, tus-js-client, tuspy): point it at this URL with the bearer
    token. Then `PATCH` the bytes to the returned `Location` in chunks (up to
    PRM_TUS_MAX_CHUNK_BYTES each, 64 MiB by default) with `Upload-Offset`; after an
    interruption `HEAD` tells the offset to resume from. When the last byte arrives the file
    becomes the asset's current version (`asset.version_added`); its type is detected from
    the bytes and a refused type (executables by default) is a 422 that keeps nothing.
    Supported: core, `creation`, `expiration` (unfinished uploads expire PRM_TUS_EXPIRY_S
    after their last chunk; then 410), `checksum` (`Upload-Checksum` with sha1, sha256 or
    md5: 460 on a mismatch) and `termination` (`DELETE`). `OPTIONS` answers the server's
    capabilities without a token.

    Args:
        asset_id (UUID):
        upload_length (int): The file's size in bytes (at most `Tus-Max-Size`,
            PRM_ASSET_MAX_BYTES).
        upload_metadata (None | str | Unset): `filename <base64>,filetype <base64>`: the filename
            is kept (sanitized) for the version; the type is ignored (it is detected from the bytes).
        tus_resumable (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        asset_id=asset_id,
        client=client,
        upload_length=upload_length,
        upload_metadata=upload_metadata,
        tus_resumable=tus_resumable,
    ).parsed


async def asyncio_detailed(
    asset_id: UUID,
    *,
    client: AuthenticatedClient,
    upload_length: int,
    upload_metadata: None | str | Unset = UNSET,
    tus_resumable: str,
) -> Response[Any | Problem]:
    """Start a resumable upload (tus)

     Create a **tus 1.0.0** upload of a new file version for a file asset (vendor staff).

    Any tus client works (Uppy, tus-js-client, tuspy): point it at this URL with the bearer
    token. Then `PATCH` the bytes to the returned `Location` in chunks (up to
    PRM_TUS_MAX_CHUNK_BYTES each, 64 MiB by default) with `Upload-Offset`; after an
    interruption `HEAD` tells the offset to resume from. When the last byte arrives the file
    becomes the asset's current version (`asset.version_added`); its type is detected from
    the bytes and a refused type (executables by default) is a 422 that keeps nothing.
    Supported: core, `creation`, `expiration` (unfinished uploads expire PRM_TUS_EXPIRY_S
    after their last chunk; then 410), `checksum` (`Upload-Checksum` with sha1, sha256 or
    md5: 460 on a mismatch) and `termination` (`DELETE`). `OPTIONS` answers the server's
    capabilities without a token.

    Args:
        asset_id (UUID):
        upload_length (int): The file's size in bytes (at most `Tus-Max-Size`,
            PRM_ASSET_MAX_BYTES).
        upload_metadata (None | str | Unset): `filename <base64>,filetype <base64>`: the filename
            is kept (sanitized) for the version; the type is ignored (it is detected from the bytes).
        tus_resumable (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        asset_id=asset_id,
        upload_length=upload_length,
        upload_metadata=upload_metadata,
        tus_resumable=tus_resumable,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    asset_id: UUID,
    *,
    client: AuthenticatedClient,
    upload_length: int,
    upload_metadata: None | str | Unset = UNSET,
    tus_resumable: str,
) -> Any | Problem | None:
    """Start a resumable upload (tus)

     Create a **tus 1.0.0** upload of a new file version for a file asset (vendor staff).

    Any tus client works (Uppy, tus-js-client, tuspy): point it at this URL with the bearer
    token. Then `PATCH` the bytes to the returned `Location` in chunks (up to
    PRM_TUS_MAX_CHUNK_BYTES each, 64 MiB by default) with `Upload-Offset`; after an
    interruption `HEAD` tells the offset to resume from. When the last byte arrives the file
    becomes the asset's current version (`asset.version_added`); its type is detected from
    the bytes and a refused type (executables by default) is a 422 that keeps nothing.
    Supported: core, `creation`, `expiration` (unfinished uploads expire PRM_TUS_EXPIRY_S
    after their last chunk; then 410), `checksum` (`Upload-Checksum` with sha1, sha256 or
    md5: 460 on a mismatch) and `termination` (`DELETE`). `OPTIONS` answers the server's
    capabilities without a token.

    Args:
        asset_id (UUID):
        upload_length (int): The file's size in bytes (at most `Tus-Max-Size`,
            PRM_ASSET_MAX_BYTES).
        upload_metadata (None | str | Unset): `filename <base64>,filetype <base64>`: the filename
            is kept (sanitized) for the version; the type is ignored (it is detected from the bytes).
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
            client=client,
            upload_length=upload_length,
            upload_metadata=upload_metadata,
            tus_resumable=tus_resumable,
        )
    ).parsed
