"""The retry policy of webhook deliveries: when the next attempt is due, if any.

Only a 2xx is a success. The schedule (``PRM_WEBHOOK_RETRY_SCHEDULE_S``: immediately, 5 s,
5 min, … 24 h) is jittered so the retries of one outage do not arrive together, and a
receiver's ``Retry-After`` is honoured (capped at a day). A 410 ends the retries at once
(the worker disables the endpoint).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from prm_api.config import Settings

#: The longest ``Retry-After`` honoured: a receiver cannot park a delivery for ever.
MAX_RETRY_AFTER_S = 24 * 3600.0


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def next_delay(settings: Settings, attempts_made: int, retry_after_s: float | None) -> float | None:
    """Seconds until the next attempt after ``attempts_made`` attempts, or None when the
    schedule is used up. Jitter ±10 %; never sooner than the receiver's ``Retry-After``."""
    schedule = settings.webhook_retry_schedule_s
    if attempts_made >= len(schedule):
        return None
    delay = schedule[attempts_made] * random.uniform(0.9, 1.1)
    if retry_after_s is not None:
        delay = max(delay, min(retry_after_s, MAX_RETRY_AFTER_S))
    return delay
