"""Time-ordered UUIDv7 identifiers (RFC 9562): index-friendly and sortable by creation."""

import uuid

from uuid6 import uuid7


def new_id() -> uuid.UUID:
    return uuid.UUID(bytes=uuid7().bytes)
