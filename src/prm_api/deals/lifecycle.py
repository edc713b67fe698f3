"""The deal lifecycle.

``draft → submitted`` (submit) · ``submitted → approved | rejected`` (approve/reject, vendor,
``deals:approve``) · ``submitted | approved → withdrawn`` (the partner) · ``approved → won |
lost`` (close, vendor roles and integrations) · ``approved → expired`` (the system, when
protection ends) · extend (vendor, ``deals:approve``): more protection, a limited number of times.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_partner, require_vendor
from prm_api.auth.principal import Actor, Principal
from prm_api.deals import conflicts
from prm_api.deals.events import DEAL
from prm_api.deals.schemas import DealOut, deal_out
from prm_api.deals.service import get_visible_deal, get_visible_deal_and_partner
from prm_api.errors import Conflict, InvalidTransition
from prm_api.events.recording import record_change
from prm_api.events.registry import EventType
from prm_api.kit.etag import check_if_match
from prm_api.kit.time import utcnow
from prm_api.models import Deal
from prm_api.program import rules
from prm_api.program.settings import get_settings


@dataclass(frozen=True)
class Step:
    sources: frozenset[str]
    who: str  # "partner_or_vendor" | "vendor" | "partner"


STEPS: dict[str, Step] = {
    "submit": Step(frozenset({"draft"}), "partner_or_vendor"),
    "approve": Step(frozenset({"submitted"}), "vendor"),
    "reject": Step(frozenset({"submitted"}), "vendor"),
    "withdraw": Step(frozenset({"submitted", "approved"}), "partner"),
    "close": Step(frozenset({"approved"}), "vendor"),
    "extend": Step(frozenset({"approved"}), "vendor"),
}


def allowed_actions(status: str) -> list[str]:
    return [name for name, step in STEPS.items() if status in step.sources]


async def _load(
    session: AsyncSession,
    principal: Principal,
    deal_id: uuid.UUID,
    action: str,
    if_match: str | None,
) -> Deal:
    deal = await get_visible_deal(session, principal, deal_id, for_update=True)
    _check_step(principal, deal, action, if_match)
    return deal


def _check_step(principal: Principal, deal: Deal, action: str, if_match: str | None) -> None:
    """Who may act (403), on which version (412), from which status (409)."""
    who = STEPS[action].who
    if who == "vendor":
        require_vendor(principal, f"{action} deals")
    elif who == "partner":
        require_partner(principal, f"{action} its deal")
    check_if_match(if_match, deal.version)
    if deal.status not in STEPS[action].sources:
        raise InvalidTransition(
            f"Cannot {action} a deal in status {deal.status!r}.",
            current=deal.status,
            allowed=allowed_actions(deal.status),
        )


#: The columns an action changes: its audit row records their differences.
_ACTION_COLUMNS = (
    "status",
    "protection_expires_at",
    "decided_by",
    "decided_at",
    "decision_reason",
    "extensions_used",
    "closed_at",
    "close_reason",
    "has_conflicts",
)


class _Before(NamedTuple):
    """A deal before an action: the audited columns, and the deal as the API showed it."""

    state: dict[str, Any]
    shown: DealOut

    def changes(self, deal: Deal, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """The audit row's field diff (plus ``extra``, e.g. the conflicts found)."""
        changes = audit.diff(self.state, {k: getattr(deal, k) for k in self.state})
        if extra:
            changes.update(extra)
        return changes


def _snapshot(deal: Deal) -> _Before:
    return _Before({k: getattr(deal, k) for k in _ACTION_COLUMNS}, deal_out(deal))


async def _record_step(
    session: AsyncSession,
    actor: Actor,
    event_type: EventType,
    deal: Deal,
    before: _Before,
    *,
    extra: dict[str, Any] | None = None,
) -> None:
    """Write the action's change (every step records the same way: the deal as shown after
    and before, and the audited columns' diff plus ``extra``)."""
    await session.flush()
    await record_change(
        session,
        actor,
        event_type,
        deal_out(deal),
        resource_id=deal.id,
        partner_id=deal.partner_id,
        changes=before.changes(deal, extra),
        before=before.shown,
    )


async def submit(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID, *, if_match: str | None
) -> Deal:
    """Submit for review: conflicts are detected, then the first matching rule may approve."""
    deal, partner = await get_visible_deal_and_partner(session, principal, deal_id)
    _check_step(principal, deal, "submit", if_match)
    if partner.status != "active":
        raise Conflict(
            f"Only active partners may submit deals (this one is {partner.status}).",
            code="partner_not_active",
        )
    settings = await conflicts.lock_for_detection(session)
    before = _snapshot(deal)
    now = utcnow()
    found = await conflicts.detect(session, deal, settings.conflict_threshold)
    deal.status = "submitted"
    deal.submitted_at = now
    deal.has_conflicts = bool(found)
    await _record_step(
        session, principal.actor, DEAL["submitted"], deal, before, extra=conflicts.summary(found)
    )
    conflicts.announce(session, principal.actor, deal, found)
    if not found:
        rule = await rules.first_matching_rule(session, deal, partner)
        if rule is not None:
            before = _snapshot(deal)
            _approve(deal, f"rule:{rule.id}", None, settings.protection_days)
            await _record_step(
                session,
                Actor(type="system", id=f"rule:{rule.id}", request_id=principal.request_id),
                DEAL["approved"],
                deal,
                before,
            )
    return deal


def _approve(deal: Deal, by: str, reason: str | None, protection_days: int) -> None:
    now = utcnow()
    deal.status = "approved"
    deal.decided_by = by
    deal.decided_at = now
    deal.decision_reason = reason
    deal.protection_expires_at = now + timedelta(days=protection_days)


async def approve(
    session: AsyncSession,
    principal: Principal,
    deal_id: uuid.UUID,
    *,
    reason: str | None,
    if_match: str | None,
) -> Deal:
    deal = await _load(session, principal, deal_id, "approve", if_match)
    settings = await get_settings(session)
    before = _snapshot(deal)
    _approve(deal, principal.subject_id, reason, settings.protection_days)
    await _record_step(session, principal.actor, DEAL["approved"], deal, before)
    return deal


async def reject(
    session: AsyncSession,
    principal: Principal,
    deal_id: uuid.UUID,
    *,
    reason: str,
    if_match: str | None,
) -> Deal:
    deal = await _load(session, principal, deal_id, "reject", if_match)
    before = _snapshot(deal)
    deal.status = "rejected"
    deal.decided_by = principal.subject_id
    deal.decided_at = utcnow()
    deal.decision_reason = reason
    await _record_step(session, principal.actor, DEAL["rejected"], deal, before)
    return deal


async def withdraw(
    session: AsyncSession,
    principal: Principal,
    deal_id: uuid.UUID,
    *,
    reason: str | None,
    if_match: str | None,
) -> Deal:
    deal = await _load(session, principal, deal_id, "withdraw", if_match)
    before = _snapshot(deal)
    deal.status = "withdrawn"
    deal.withdrawn_at = utcnow()
    deal.close_reason = reason
    await _record_step(session, principal.actor, DEAL["withdrawn"], deal, before)
    return deal


async def close(
    session: AsyncSession,
    principal: Principal,
    deal_id: uuid.UUID,
    *,
    outcome: str,
    closed_at: date | None,
    reason: str | None,
    if_match: str | None,
) -> Deal:
    deal = await _load(session, principal, deal_id, "close", if_match)
    before = _snapshot(deal)
    deal.status = outcome
    deal.closed_at = closed_at or utcnow().date()
    deal.close_reason = reason
    await _record_step(session, principal.actor, DEAL[outcome], deal, before)
    return deal


async def extend(
    session: AsyncSession,
    principal: Principal,
    deal_id: uuid.UUID,
    *,
    reason: str | None,
    if_match: str | None,
) -> Deal:
    deal = await _load(session, principal, deal_id, "extend", if_match)
    settings = await get_settings(session)
    if deal.extensions_used >= settings.max_extensions:
        raise Conflict(
            f"This deal already used its {settings.max_extensions} extension(s).",
            code="extension_limit_reached",
        )
    before = _snapshot(deal)
    base = max(deal.protection_expires_at or utcnow(), utcnow())
    deal.protection_expires_at = base + timedelta(days=settings.extension_days)
    deal.extensions_used += 1
    await _record_step(
        session,
        principal.actor,
        DEAL["extended"],
        deal,
        before,
        extra={"reason": reason} if reason else None,
    )
    return deal
