"""The two kinds of storage, and the one place that picks between them from the settings.

- ``PRM_STORAGE_URL`` unset → :class:`LocalStorage` under ``<PRM_DATA_DIR>/blobs``;
  ``file:///srv/prm/blobs`` → another directory.
- ``PRM_STORAGE_URL=s3://bucket/prefix`` → :class:`S3Storage`: AWS S3, MinIO, Cloudflare R2,
  Ceph… with ``PRM_STORAGE_S3_ENDPOINT`` (unset = AWS), ``PRM_STORAGE_S3_REGION``,
  ``PRM_STORAGE_S3_ACCESS_KEY_ID`` / ``PRM_STORAGE_S3_SECRET_ACCESS_KEY`` (unset = the usual
  ``AWS_*`` variables or the instance's role) and ``PRM_STORAGE_S3_VIRTUAL_HOSTED_STYLE``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import obstore
from obstore.exceptions import AlreadyExistsError
from obstore.store import LocalStore, S3Store

from prm_api.config import Settings, get_settings
from prm_api.storage.base import READ_CHUNK_BYTES, Storage, _key
from prm_api.storage.errors import StorageConfigError

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from obstore import Attributes
    from obstore.store import ClientConfig, S3Config

#: S3's limit for a presigned URL's lifetime (SigV4: seven days).
MAX_PRESIGN = timedelta(days=7)


class LocalStorage(Storage):
    """Blobs as files under a directory. Writes are streamed to disk (obstore writes a
    temporary file beside the target and renames it into place: a reader never sees half a
    file), and a staged upload becomes its blob by a hard link, which fails when the blob
    exists: an existing blob's file is never replaced."""

    kind = "local"
    part_concurrency = 2

    def __init__(self, root: Path) -> None:
        self.root = root
        super().__init__(LocalStore(root, mkdir=True, automatic_cleanup=True))

    async def _read(self, key: str, start: int, end: int) -> AsyncIterator[bytes]:
        # obstore streams a local file in 8 KiB reads (~150 MB/s here); a ranged read per
        # chunk is one blocking read each (>1 GB/s).
        for position in range(start, end, READ_CHUNK_BYTES):
            length = min(READ_CHUNK_BYTES, end - position)
            yield bytes(
                await obstore.get_range_async(self.store, key, start=position, length=length)
            )

    async def _promote(self, staging: str, key: str) -> bool:
        try:
            await obstore.rename_async(self.store, staging, key, overwrite=False)
        except AlreadyExistsError:
            await self._discard(staging)
            return False
        return True


class S3Storage(Storage):
    """Blobs as objects in an S3-compatible bucket, under an optional key prefix.

    Uploads above PART_BYTES go as multipart uploads (aborted by obstore when the stream
    fails). A staged upload becomes its blob by a server-side copy when no object has that
    key yet; S3 has no portable copy-if-absent, so two identical uploads racing may both copy
    — the same bytes, by construction of the key. A blob's object carries its sniffed
    ``Content-Type`` and ``Content-Disposition: attachment``, which is what a presigned
    download answers with. Server-side copy is limited to 5 GiB per object by S3.
    """

    kind = "s3"

    def __init__(
        self,
        bucket: str,
        *,
        prefix: str = "",
        endpoint: str | None = None,
        region: str = "us-east-1",
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        virtual_hosted_style: bool = False,
    ) -> None:
        config: S3Config = {
            "region": region,
            "virtual_hosted_style_request": virtual_hosted_style,
        }
        if endpoint:
            config["endpoint"] = endpoint
        if access_key_id:
            config["access_key_id"] = access_key_id
        if secret_access_key:
            config["secret_access_key"] = secret_access_key
        client: ClientConfig = {
            # An endpoint written with http:// (a MinIO on the local network, moto in tests)
            # is what the operator chose; anything else stays https-only.
            "allow_http": bool(endpoint and endpoint.startswith("http://")),
            "connect_timeout": timedelta(seconds=10),
            # One request's whole life, body included: reads are windowed (READ_WINDOW_BYTES)
            # and parts are PART_BYTES, so this bounds a stalled request, not a large file.
            "timeout": timedelta(minutes=30),
        }
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.s3 = S3Store(bucket, prefix=self.prefix or None, config=config, client_options=client)
        super().__init__(self.s3)

    def _attributes(self, content_type: str) -> Attributes | None:
        return {"Content-Type": content_type, "Content-Disposition": "attachment"}

    async def _promote(self, staging: str, key: str) -> bool:
        try:
            await obstore.head_async(self.store, key)
        except FileNotFoundError:
            await obstore.copy_async(self.store, staging, key)
            await self._discard(staging)
            return True
        await self._discard(staging)
        return False

    async def presigned_get_url(
        self,
        ref: str,
        *,
        expires_in: timedelta,
        filename: str | None = None,
        content_type: str | None = None,
    ) -> str | None:
        """A SigV4 presigned GET, valid ``expires_in`` (at most seven days).

        The download answers with the object's stored ``Content-Type`` (sniffed at upload)
        and ``Content-Disposition: attachment``; ``filename`` and ``content_type`` are not
        signed into the URL (obstore 0.12 signs no extra query parameters), so a browser
        names the file after the hash. Redirect only clients that accept that.
        """
        del filename, content_type  # see the docstring
        expires_in = min(expires_in, MAX_PRESIGN)
        return await obstore.sign_async(self.s3, "GET", _key(ref), expires_in)


def storage_from_settings(settings: Settings) -> Storage:
    """The storage ``settings`` describe (see the module docstring)."""
    url = settings.storage_url
    if not url:
        return LocalStorage(settings.data_dir.resolve() / "blobs")
    parts = urlsplit(url)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost") or not parts.path:
            raise StorageConfigError(f"PRM_STORAGE_URL: use file:///absolute/path (got {url})")
        return LocalStorage(Path(unquote(parts.path)))
    if parts.scheme == "s3":
        if not parts.netloc:
            raise StorageConfigError(f"PRM_STORAGE_URL: no bucket in {url}")
        secret = settings.storage_s3_secret_access_key
        return S3Storage(
            parts.netloc,
            prefix=unquote(parts.path),
            endpoint=settings.storage_s3_endpoint,
            region=settings.storage_s3_region,
            access_key_id=settings.storage_s3_access_key_id,
            secret_access_key=secret.get_secret_value() if secret else None,
            virtual_hosted_style=settings.storage_s3_virtual_hosted_style,
        )
    raise StorageConfigError(f"PRM_STORAGE_URL: unsupported scheme {parts.scheme!r} (file, s3)")


def get_storage(settings: Settings | None = None) -> Storage:
    """The storage for ``settings`` (the app's ``request.app.state.settings``; default
    :func:`get_settings`), built once per distinct configuration and reused: a store client
    pools its connections."""
    settings = settings or get_settings()
    secret = settings.storage_s3_secret_access_key
    return _cached_storage(
        (
            settings.storage_url,
            str(settings.data_dir.resolve()),
            settings.storage_s3_endpoint,
            settings.storage_s3_region,
            settings.storage_s3_access_key_id,
            secret.get_secret_value() if secret else None,
            settings.storage_s3_virtual_hosted_style,
        ),
        settings,
    )


_STORAGES: dict[tuple[object, ...], Storage] = {}


def _cached_storage(config: tuple[object, ...], settings: Settings) -> Storage:
    if config not in _STORAGES:
        _STORAGES[config] = storage_from_settings(settings)
    return _STORAGES[config]
