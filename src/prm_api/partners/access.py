"""Who may see which partner: vendor roles see all, partner tokens only their own (others 404)."""

from __future__ import annotations

import uuid

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.errors import Forbidden, NotFound
from prm_api.models import Partner


def scope_to_principal(stmt: Select, principal: Principal, column=Partner.id) -> Select:
    """Restrict any query on partner-owned rows to the caller's partner, if it has one."""
    if principal.is_partner:
        return stmt.where(column == principal.partner_id)
    return stmt


def can_see(principal: Principal, partner_id: uuid.UUID) -> bool:
    return principal.is_vendor or principal.partner_id == partner_id


async def get_visible_partner(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID, *, for_update: bool = False
) -> Partner:
    if not can_see(principal, partner_id):
        raise NotFound(f"No partner {partner_id}.")
    stmt = select(Partner).where(Partner.id == partner_id)
    if for_update:
        stmt = stmt.with_for_update()
    partner = await session.scalar(stmt)
    if partner is None:
        raise NotFound(f"No partner {partner_id}.")
    return partner


def require_vendor(principal: Principal, what: str) -> None:
    if not principal.is_vendor:
        raise Forbidden(f"Only vendor staff can {what}.", code="vendor_only")
