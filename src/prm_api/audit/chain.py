"""The hash chain: ``hash = sha256(prev_hash || canonical(row))``.

Personal values never enter an audit row: callers pass them through :func:`redact` so the row
keeps only a digest, and erasing a person later does not break the chain.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime
from typing import Any

GENESIS_HASH = "0" * 64

#: Fields treated as personal data wherever they appear in ``changes``.
PERSONAL_FIELDS = frozenset(
    {
        "email",
        "name",
        "first_name",
        "last_name",
        "phone",
        "contact_name",
        "contact_email",
        "contact_phone",
        "customer_contact_name",
        "customer_contact_email",
        "password",
    }
)

CHAINED_FIELDS = (
    "id",
    "occurred_at",
    "actor_type",
    "actor_id",
    "actor_role",
    "actor_partner_id",
    "client_id",
    "action",
    "resource_type",
    "resource_id",
    "partner_id",
    "changes",
    "request_id",
    "ip",
)


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(value)


def canonical(row: dict[str, Any]) -> bytes:
    data = {k: row.get(k) for k in CHAINED_FIELDS}
    if isinstance(data["occurred_at"], datetime):
        data["occurred_at"] = data["occurred_at"].isoformat(timespec="microseconds")
    if data["ip"] is not None:
        data["ip"] = str(data["ip"])
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), default=_default, ensure_ascii=False
    ).encode()


def link_hash(prev_hash: str, row: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode() + canonical(row)).hexdigest()


def digest_personal(value: Any) -> str | None:
    if value is None:
        return None
    return "sha256:" + hashlib.sha256(str(value).encode()).hexdigest()


def redact(changes: dict[str, Any]) -> dict[str, Any]:
    """Replace personal values in a ``{field: {"before": x, "after": y}}`` map by digests."""
    out: dict[str, Any] = {}
    for name, change in changes.items():
        if name in PERSONAL_FIELDS:
            if isinstance(change, dict) and set(change) <= {"before", "after"}:
                out[name] = {k: digest_personal(v) for k, v in change.items()}
            else:
                out[name] = digest_personal(change)
        else:
            out[name] = change
    return out
