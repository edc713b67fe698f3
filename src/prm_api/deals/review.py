"""An approval covers the terms it approved, never more.

When a change of terms on an approved deal goes beyond what its approval covered, the deal
returns to review: status ``submitted`` (a fresh ``submitted_at``; the decision and the
protection are cleared), recorded as ``deal.returned_to_review`` after the edit's own
``deal.updated``. A vendor then approves or rejects it as any submission.

- **Approved by a rule** (``decision.by`` is ``rule:<id>``): after any change of the terms the
  rules look at (amount and currency), the enabled rules are asked again, as at submit. If
  none accepts the new terms — or the deal has conflicts now, which no rule approves — it
  returns to review. If one does, it stays approved.
- **Approved by a person**: a partner edit that raises the amount or changes the currency
  returns it to review; an equal or lower amount in the same currency stays approved (the
  approver accepted more than that). Vendor staff's own edits keep the approval: the vendor
  sets those terms itself.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.principal import Principal
from prm_api.deals.events import DEAL_RETURNED_TO_REVIEW
from prm_api.deals.schemas import deal_out
from prm_api.events.recording import record_change
from prm_api.kit.time import utcnow
from prm_api.models import Deal, Partner
from prm_api.program import rules

#: The deal fields an approval (by a rule or a person) is given for.
TERMS = frozenset({"amount", "currency"})
#: The columns returning to review changes: its audit row records their differences.
_REVIEW_COLUMNS = (
    "status",
    "submitted_at",
    "decided_by",
    "decided_at",
    "decision_reason",
    "protection_expires_at",
)


def _by_rule(deal: Deal) -> bool:
    return (deal.decided_by or "").startswith("rule:")


async def _covered(
    session: AsyncSession,
    principal: Principal,
    deal: Deal,
    before: dict[str, Any],
) -> bool:
    """Does the deal's approval still cover its terms (``before``: the terms it had)?"""
    if _by_rule(deal):
        if deal.has_conflicts:
            return False
        partner = await session.get(Partner, deal.partner_id)
        return partner is not None and (
            await rules.first_matching_rule(session, deal, partner) is not None
        )
    if principal.is_vendor:
        return True
    return deal.currency == before["currency"] and deal.amount <= before["amount"]


async def recheck_approval(
    session: AsyncSession,
    principal: Principal,
    deal: Deal,
    before: dict[str, Any],
    delta: dict[str, Any],
) -> None:
    """After an edit of an approved deal (``before``: its terms before the edit, ``delta``:
    what the edit changed), return it to review if its approval no longer covers it."""
    if deal.status != "approved" or not TERMS & delta.keys():
        return
    if await _covered(session, principal, deal, before):
        return
    state = {k: getattr(deal, k) for k in _REVIEW_COLUMNS}
    shown_before = deal_out(deal)
    reason = (
        "no rule accepts the new terms"
        if _by_rule(deal)
        else "the new terms exceed what was approved"
    )
    deal.status = "submitted"
    deal.submitted_at = utcnow()
    deal.decided_by = None
    deal.decided_at = None
    deal.decision_reason = None
    deal.protection_expires_at = None
    await session.flush()
    changes = audit.diff(state, {k: getattr(deal, k) for k in _REVIEW_COLUMNS})
    changes["reason"] = reason
    await record_change(
        session,
        principal.actor,
        DEAL_RETURNED_TO_REVIEW,
        deal_out(deal),
        resource_id=deal.id,
        partner_id=deal.partner_id,
        changes=changes,
        before=shown_before,
    )
