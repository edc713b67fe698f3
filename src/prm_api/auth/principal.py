"""Who is calling: the authenticated principal every service receives."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from prm_api.auth.roles import VENDOR_ROLES


@dataclass(frozen=True)
class Actor:
    """Who caused a change, as recorded in audit rows and events."""

    type: str  # user | client | system | anonymous
    id: str | None = None
    role: str | None = None
    partner_id: uuid.UUID | None = None
    client_id: str | None = None
    request_id: str | None = None
    ip: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "id": self.id,
            "role": self.role,
            "partner_id": str(self.partner_id) if self.partner_id else None,
            "client_id": self.client_id,
        }


SYSTEM = Actor(type="system", id="system")


@dataclass(frozen=True)
class Principal:
    subject_type: str  # user | client
    subject_id: str
    client_id: str
    role: str
    scopes: frozenset[str]
    partner_id: uuid.UUID | None = None
    token_jti: str | None = None
    request_id: str | None = None
    ip: str | None = None
    #: A user's email and name, read with the token's liveness (``None`` for API clients).
    email: str | None = field(default=None)
    name: str | None = field(default=None)

    @property
    def is_vendor(self) -> bool:
        return self.role in VENDOR_ROLES

    @property
    def is_partner(self) -> bool:
        return not self.is_vendor

    def has(self, scope: str) -> bool:
        return scope in self.scopes

    @property
    def actor(self) -> Actor:
        return Actor(
            type=self.subject_type,
            id=self.subject_id,
            role=self.role,
            partner_id=self.partner_id,
            client_id=self.client_id,
            request_id=self.request_id,
            ip=self.ip,
        )
