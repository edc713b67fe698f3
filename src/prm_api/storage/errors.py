"""What the storage component raises.

The two a client can cause are :class:`~prm_api.errors.AppError`\\ s, so an endpoint that lets
them propagate answers the right problem+json (413, 422) without translating anything.
"""

from __future__ import annotations

from prm_api.errors import AppError


class BlobTooLarge(AppError):
    """The stream went past ``max_bytes``. Raised while streaming; nothing was kept."""

    status, code, title = 413, "payload_too_large", "Payload too large"

    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"The file exceeds the maximum of {max_bytes} bytes.", max_bytes=max_bytes)
        self.max_bytes = max_bytes


class ContentTypeRefused(AppError):
    """The bytes are of a type the configuration refuses (executables by default).

    Raised before anything is written: the type is sniffed from the first bytes.
    """

    status, code, title = 422, "content_type_refused", "File type not allowed"

    def __init__(self, content_type: str) -> None:
        super().__init__(
            f"Files of type {content_type} are not accepted.", content_type=content_type
        )
        self.content_type = content_type


class BlobNotFound(LookupError):
    """No blob under that hash or key. Not an AppError: a version row pointing at a missing
    blob is the server's inconsistency, and a caller that looks up by a client's input decides
    itself whether that is a 404."""


class StorageConfigError(ValueError):
    """``PRM_STORAGE_URL`` (or a setting that goes with it) cannot be used."""
