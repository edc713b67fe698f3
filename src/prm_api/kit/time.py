from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time, timezone-aware UTC, at the microsecond precision PostgreSQL keeps."""
    return datetime.now(UTC)
