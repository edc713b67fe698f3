"""Send ``Idempotency-Key`` on a POST, so that retrying it cannot create a second object."""

from __future__ import annotations

import uuid
from typing import TypeVar

from attrs import evolve

C = TypeVar("C")


def idempotent(client: C, key: str | None = None) -> C:
    """A copy of ``client`` that sends ``Idempotency-Key: key`` (a new random key when None).

    Reuse the same key when retrying the same request (after a timeout or a dropped connection): the
    API replays the first response (``Idempotent-Replayed: true``) instead of running the POST twice.

    Why not ``client.with_headers(...)``: once the client has made a request it also adds the header
    to its open ``httpx`` client, so the key would stick to every later request of ``client`` (each
    later POST would be answered with the stored first response, or a 422). The copy returned here
    opens its own connections and leaves ``client`` as it was; use it as a context manager to close
    them (``with idempotent(client, key) as c: ...``). A custom ``httpx`` client set with
    ``set_httpx_client`` is not carried over.
    """
    headers = {**getattr(client, "_headers", {}), "Idempotency-Key": key or str(uuid.uuid4())}
    return evolve(client, headers=headers)  # type: ignore[misc]
