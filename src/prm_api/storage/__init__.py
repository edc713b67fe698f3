"""File storage shared by the enablement domains (assets now, trainings next; DESIGN §9).

Content-addressed blobs (sha256) on the local filesystem or any S3-compatible store, through
obstore. What callers use::

    from prm_api.storage import get_storage, TypePolicy, content_disposition, sanitize_filename

    storage = get_storage(request.app.state.settings)
    blob = await storage.put_stream(chunks, max_bytes=settings.asset_max_bytes,
                                    filename=name, policy=asset_type_policy(settings))
    async for chunk in storage.iter_range(blob.sha256, start, end): ...

Errors a client causes are AppErrors (:class:`BlobTooLarge` 413, :class:`ContentTypeRefused`
422); :class:`BlobNotFound` is a lookup error the caller maps.
"""

from __future__ import annotations

from prm_api.config import Settings
from prm_api.storage.backends import LocalStorage, S3Storage, get_storage, storage_from_settings
from prm_api.storage.base import BlobInfo, Storage, StoredBlob, blob_key
from prm_api.storage.errors import (
    BlobNotFound,
    BlobTooLarge,
    ContentTypeRefused,
    StorageConfigError,
)
from prm_api.storage.filenames import ascii_fallback, content_disposition, sanitize_filename
from prm_api.storage.sniff import TypePolicy, sniff_content_type


def asset_type_policy(settings: Settings) -> TypePolicy:
    """The type policy ``PRM_ASSET_DENIED_TYPES`` / ``PRM_ASSET_ALLOWED_TYPES`` describe."""
    return TypePolicy.from_settings(settings.asset_denied_types, settings.asset_allowed_types)


__all__ = [
    "BlobInfo",
    "BlobNotFound",
    "BlobTooLarge",
    "ContentTypeRefused",
    "LocalStorage",
    "S3Storage",
    "Storage",
    "StorageConfigError",
    "StoredBlob",
    "TypePolicy",
    "ascii_fallback",
    "asset_type_policy",
    "blob_key",
    "content_disposition",
    "get_storage",
    "sanitize_filename",
    "sniff_content_type",
    "storage_from_settings",
]
