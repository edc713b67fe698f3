from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    token: str,
    *,
    redirect: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["redirect"] = redirect

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/shared/{token}".format(
            token=quote(str(token), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | File | Problem | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 206:
        response_206 = File(payload=BytesIO(response.content))

        return response_206

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 416:
        response_416 = Problem.from_dict(response.json())

        return response_416

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
) -> Response[Any | File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    redirect: bool | Unset = False,
) -> Response[Any | File | Problem]:
    """Download through a share link

     The shared asset's current file, without a bearer token. An unknown, expired or revoked token, or an
    asset the link's partner no longer sees, is a 404. Limited per client address like the other public
    operations.

    Responses carry `ETag` (the SHA-256 of the bytes), `Accept-Ranges: bytes`, `Content-Disposition:
    attachment` with the file's name (RFC 6266 `filename*`), `X-Content-Type-Options: nosniff` and a
    sandboxing `Content-Security-Policy`. Send `If-None-Match` for a `304`, `Range: bytes=a-b` (or `a-`,
    `-n`) for a `206` (several ranges: the whole file; past the end: `416` with `Content-Range: bytes
    */size`), `If-Range` to get the whole file when it changed. `HEAD` answers the same headers. A
    download counts (stats, `download_count`, `asset.downloaded`) once completed: a whole-file answer,
    or a range ending at the last byte.

    Args:
        token (str):
        redirect (bool | Unset): With object storage (S3), answer `302` to a short-lived presigned
            URL of the bytes instead of streaming them through the API (the stored object's name is
            its hash; `Content-Disposition` still says attachment). Ignored with local storage.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | Problem]
    """

    kwargs = _get_kwargs(
        token=token,
        redirect=redirect,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    redirect: bool | Unset = False,
) -> Any | File | Problem | None:
    """Download through a share link

     The shared asset's current file, without a bearer token. An unknown, expired or revoked token, or an
    asset the link's partner no longer sees, is a 404. Limited per client address like the other public
    operations.

    Responses carry `ETag` (the SHA-256 of the bytes), `Accept-Ranges: bytes`, `Content-Disposition:
    attachment` with the file's name (RFC 6266 `filename*`), `X-Content-Type-Options: nosniff` and a
    sandboxing `Content-Security-Policy`. Send `If-None-Match` for a `304`, `Range: bytes=a-b` (or `a-`,
    `-n`) for a `206` (several ranges: the whole file; past the end: `416` with `Content-Range: bytes
    */size`), `If-Range` to get the whole file when it changed. `HEAD` answers the same headers. A
    download counts (stats, `download_count`, `asset.downloaded`) once completed: a whole-file answer,
    or a range ending at the last byte.

    Args:
        token (str):
        redirect (bool | Unset): With object storage (S3), answer `302` to a short-lived presigned
            URL of the bytes instead of streaming them through the API (the stored object's name is
            its hash; `Content-Disposition` still says attachment). Ignored with local storage.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | Problem
    """

    return sync_detailed(
        token=token,
        client=client,
        redirect=redirect,
    ).parsed


async def asyncio_detailed(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    redirect: bool | Unset = False,
) -> Response[Any | File | Problem]:
    """Download through a share link

     The shared asset's current file, without a bearer token. An unknown, expired or revoked token, or an
    asset the link's partner no longer sees, is a 404. Limited per client address like the other public
    operations.

    Responses carry `ETag` (the SHA-256 of the bytes), `Accept-Ranges: bytes`, `Content-Disposition:
    attachment` with the file's name (RFC 6266 `filename*`), `X-Content-Type-Options: nosniff` and a
    sandboxing `Content-Security-Policy`. Send `If-None-Match` for a `304`, `Range: bytes=a-b` (or `a-`,
    `-n`) for a `206` (several ranges: the whole file; past the end: `416` with `Content-Range: bytes
    */size`), `If-Range` to get the whole file when it changed. `HEAD` answers the same headers. A
    download counts (stats, `download_count`, `asset.downloaded`) once completed: a whole-file answer,
    or a range ending at the last byte.

    Args:
        token (str):
        redirect (bool | Unset): With object storage (S3), answer `302` to a short-lived presigned
            URL of the bytes instead of streaming them through the API (the stored object's name is
            its hash; `Content-Disposition` still says attachment). Ignored with local storage.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | Problem]
    """

    kwargs = _get_kwargs(
        token=token,
        redirect=redirect,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    token: str,
    *,
    client: AuthenticatedClient | Client,
    redirect: bool | Unset = False,
) -> Any | File | Problem | None:
    """Download through a share link

     The shared asset's current file, without a bearer token. An unknown, expired or revoked token, or an
    asset the link's partner no longer sees, is a 404. Limited per client address like the other public
    operations.

    Responses carry `ETag` (the SHA-256 of the bytes), `Accept-Ranges: bytes`, `Content-Disposition:
    attachment` with the file's name (RFC 6266 `filename*`), `X-Content-Type-Options: nosniff` and a
    sandboxing `Content-Security-Policy`. Send `If-None-Match` for a `304`, `Range: bytes=a-b` (or `a-`,
    `-n`) for a `206` (several ranges: the whole file; past the end: `416` with `Content-Range: bytes
    */size`), `If-Range` to get the whole file when it changed. `HEAD` answers the same headers. A
    download counts (stats, `download_count`, `asset.downloaded`) once completed: a whole-file answer,
    or a range ending at the last byte.

    Args:
        token (str):
        redirect (bool | Unset): With object storage (S3), answer `302` to a short-lived presigned
            URL of the bytes instead of streaming them through the API (the stored object's name is
            its hash; `Content-Disposition` still says attachment). Ignored with local storage.
            Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | Problem
    """

    return (
        await asyncio_detailed(
            token=token,
            client=client,
            redirect=redirect,
        )
    ).parsed
