from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.asset_version import AssetVersion
from ...models.assets_versions_create_asset_version_upload import AssetsVersionsCreateAssetVersionUpload
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    asset_id: UUID,
    *,
    body: AssetsVersionsCreateAssetVersionUpload,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/assets/{asset_id}/versions".format(
            asset_id=quote(str(asset_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AssetVersion | Problem | None:
    if response.status_code == 201:
        response_201 = AssetVersion.from_dict(response.json())

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
) -> Response[AssetVersion | Problem]:
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
    body: AssetsVersionsCreateAssetVersionUpload,
) -> Response[AssetVersion | Problem]:
    """Upload a new version of an asset's file

     Upload a file as the asset's new current version (vendor roles), as
    `multipart/form-data` with the field `file` and optionally `note`.

    The body is streamed to storage as it arrives, so files up to `PRM_ASSET_MAX_BYTES`
    (default 2 GiB; more: `413`, nothing kept) are accepted whatever the API's usual 1 MiB
    body limit. The content type is detected from the bytes, whatever the upload claims;
    executables, installers and scripts are refused (`422 content_type_refused`), as is an
    empty file (`422`). Identical bytes are stored once. A `link` asset takes no files
    (`409 asset_is_link`). `Idempotency-Key` is honoured as on every `POST`: a retry of the
    same upload (same file bytes, filename and note; the multipart boundary may differ) is
    answered with the first response and makes no second version; another upload under the
    same key is a `422 idempotency_key_reused`, and one while the first still streams a
    `409 idempotency_in_flight`. An upload refused while streaming (`413`) keeps no key.

    Args:
        asset_id (UUID):
        body (AssetsVersionsCreateAssetVersionUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetVersion | Problem]
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
    body: AssetsVersionsCreateAssetVersionUpload,
) -> AssetVersion | Problem | None:
    """Upload a new version of an asset's file

     Upload a file as the asset's new current version (vendor roles), as
    `multipart/form-data` with the field `file` and optionally `note`.

    The body is streamed to storage as it arrives, so files up to `PRM_ASSET_MAX_BYTES`
    (default 2 GiB; more: `413`, nothing kept) are accepted whatever the API's usual 1 MiB
    body limit. The content type is detected from the bytes, whatever the upload claims;
    executables, installers and scripts are refused (`422 content_type_refused`), as is an
    empty file (`422`). Identical bytes are stored once. A `link` asset takes no files
    (`409 asset_is_link`). `Idempotency-Key` is honoured as on every `POST`: a retry of the
    same upload (same file bytes, filename and note; the multipart boundary may differ) is
    answered with the first response and makes no second version; another upload under the
    same key is a `422 idempotency_key_reused`, and one while the first still streams a
    `409 idempotency_in_flight`. An upload refused while streaming (`413`) keeps no key.

    Args:
        asset_id (UUID):
        body (AssetsVersionsCreateAssetVersionUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetVersion | Problem
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
    body: AssetsVersionsCreateAssetVersionUpload,
) -> Response[AssetVersion | Problem]:
    """Upload a new version of an asset's file

     Upload a file as the asset's new current version (vendor roles), as
    `multipart/form-data` with the field `file` and optionally `note`.

    The body is streamed to storage as it arrives, so files up to `PRM_ASSET_MAX_BYTES`
    (default 2 GiB; more: `413`, nothing kept) are accepted whatever the API's usual 1 MiB
    body limit. The content type is detected from the bytes, whatever the upload claims;
    executables, installers and scripts are refused (`422 content_type_refused`), as is an
    empty file (`422`). Identical bytes are stored once. A `link` asset takes no files
    (`409 asset_is_link`). `Idempotency-Key` is honoured as on every `POST`: a retry of the
    same upload (same file bytes, filename and note; the multipart boundary may differ) is
    answered with the first response and makes no second version; another upload under the
    same key is a `422 idempotency_key_reused`, and one while the first still streams a
    `409 idempotency_in_flight`. An upload refused while streaming (`413`) keeps no key.

    Args:
        asset_id (UUID):
        body (AssetsVersionsCreateAssetVersionUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssetVersion | Problem]
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
    body: AssetsVersionsCreateAssetVersionUpload,
) -> AssetVersion | Problem | None:
    """Upload a new version of an asset's file

     Upload a file as the asset's new current version (vendor roles), as
    `multipart/form-data` with the field `file` and optionally `note`.

    The body is streamed to storage as it arrives, so files up to `PRM_ASSET_MAX_BYTES`
    (default 2 GiB; more: `413`, nothing kept) are accepted whatever the API's usual 1 MiB
    body limit. The content type is detected from the bytes, whatever the upload claims;
    executables, installers and scripts are refused (`422 content_type_refused`), as is an
    empty file (`422`). Identical bytes are stored once. A `link` asset takes no files
    (`409 asset_is_link`). `Idempotency-Key` is honoured as on every `POST`: a retry of the
    same upload (same file bytes, filename and note; the multipart boundary may differ) is
    answered with the first response and makes no second version; another upload under the
    same key is a `422 idempotency_key_reused`, and one while the first still streams a
    `409 idempotency_in_flight`. An upload refused while streaming (`413`) keeps no key.

    Args:
        asset_id (UUID):
        body (AssetsVersionsCreateAssetVersionUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssetVersion | Problem
    """

    return (
        await asyncio_detailed(
            asset_id=asset_id,
            client=client,
            body=body,
        )
    ).parsed
