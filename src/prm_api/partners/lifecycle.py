"""The partner lifecycle state machine.

``applied → onboarding | declined``, ``onboarding → active``, ``active ⇄ suspended``, and any
non-terminal status → ``terminated``. ``declined`` and ``terminated`` are terminal.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import InvalidTransition
from prm_api.events.recording import record_change
from prm_api.events.registry import EventType
from prm_api.kit.etag import check_if_match
from prm_api.kit.time import utcnow
from prm_api.models import ApiClient, Partner, RefreshToken, User
from prm_api.models.partner import ACCESS_STATUSES
from prm_api.onboarding import rules as onboarding_rules
from prm_api.partners.events import PARTNER
from prm_api.partners.repository import get_visible_partner
from prm_api.partners.schemas import partner_out
from prm_api.partners.service import tier_of


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    stamp: str | None  # timestamp column set by the action
    verb: str  # past tense: the event type (and audit action) is partner.<verb>
    #: Looked up as the table below is built, so a verb without an event type fails at import.
    event_type: EventType = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "event_type", PARTNER[self.verb])


TRANSITIONS: dict[str, Transition] = {
    "approve": Transition(frozenset({"applied"}), "onboarding", "approved_at", "approved"),
    "decline": Transition(frozenset({"applied"}), "declined", "declined_at", "declined"),
    "activate": Transition(frozenset({"onboarding"}), "active", "activated_at", "activated"),
    "suspend": Transition(frozenset({"active"}), "suspended", "suspended_at", "suspended"),
    "reinstate": Transition(frozenset({"suspended"}), "active", None, "reinstated"),
    "terminate": Transition(
        frozenset({"applied", "onboarding", "active", "suspended"}),
        "terminated",
        "terminated_at",
        "terminated",
    ),
}


def allowed_actions(status: str) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if status in t.sources]


async def transition(
    session: AsyncSession,
    principal: Principal,
    partner_id: uuid.UUID,
    action: str,
    *,
    reason: str | None,
    if_match: str | None,
) -> Partner:
    """Apply a lifecycle action. The row lock makes concurrent actions on one partner queue up,
    so of two simultaneous approvals exactly one succeeds and the other sees the new status."""
    partner = await get_visible_partner(session, principal, partner_id, for_update=True)
    require_vendor(principal, f"{action} partners")
    check_if_match(if_match, partner.version)
    step = TRANSITIONS[action]
    if partner.status not in step.sources:
        raise InvalidTransition(
            f"Cannot {action} a partner in status {partner.status!r}.",
            current=partner.status,
            allowed=allowed_actions(partner.status),
        )
    now = utcnow()
    before = {"status": partner.status, "status_reason": partner.status_reason}
    tier = await tier_of(session, partner)  # a status change never changes the tier
    shown_before = partner_out(partner, tier)
    partner.status = step.target
    partner.status_reason = reason
    partner.status_changed_at = now
    partner.status_changed_by = principal.subject_id
    if step.stamp:
        setattr(partner, step.stamp, now)
    if action == "reinstate":
        partner.suspended_at = None
    await session.flush()
    if step.target not in ACCESS_STATUSES:
        await close_partner_access(session, partner.id)
    await record_change(
        session,
        principal.actor,
        step.event_type,
        partner_out(partner, tier),
        resource_id=partner.id,
        partner_id=partner.id,
        changes=audit.diff(before, {"status": partner.status, "status_reason": reason}),
        before=shown_before,
    )
    if partner.status == "onboarding":
        # Steps the partner already meets (a complete profile, a first deal…) are done from
        # the moment it is approved, not from the next change that happens to recheck them.
        await onboarding_rules.recheck(
            session, principal.actor, partner.id, kinds=onboarding_rules.CHECKED_KINDS
        )
    return partner


async def close_partner_access(session: AsyncSession, partner_id: uuid.UUID) -> None:
    """Suspension or termination ends every session of the partner's people and clients.

    Liveness checks already refuse tokens of a closed partner; bumping the token versions as
    well keeps old tokens dead after a later reinstatement, and refresh tokens are revoked.
    """
    now = utcnow()
    await session.execute(
        update(User)
        .where(User.partner_id == partner_id)
        .values(token_version=User.token_version + 1)
    )
    await session.execute(
        update(ApiClient)
        .where(ApiClient.partner_id == partner_id)
        .values(token_version=ApiClient.token_version + 1)
    )
    await session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.user_id.in_(select(User.id).where(User.partner_id == partner_id)),
            RefreshToken.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )
