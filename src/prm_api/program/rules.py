"""Auto-approval rules: an ordered list; on submit the first enabled rule that matches approves.

A deal with a conflict is never auto-approved, whatever the rules say. Rules are vendor
staff's business: partner tokens are refused even with ``deals:approve``.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.errors import NotFound, ValidationFailed
from prm_api.events.recording import record_change
from prm_api.kit.etag import check_if_match
from prm_api.kit.pagination import PageParams, PageResult, paginate
from prm_api.models import Deal, DealRule, Partner
from prm_api.program import repository
from prm_api.program.events import DEAL_RULE_CREATED, DEAL_RULE_DELETED, DEAL_RULE_UPDATED
from prm_api.program.schemas import rule_out

AUDITED = (
    "name",
    "position",
    "enabled",
    "max_amount",
    "max_amount_currency",
    "partner_tier_ids",
    "partner_types",
)
READ = "read deal rules"
MANAGE = "manage deal rules"


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    if "max_amount" in out:
        money = out.pop("max_amount")
        out["max_amount"] = money["amount"] if money else None
        out["max_amount_currency"] = money["currency"] if money else None
    if "partner_types" in out and out["partner_types"] is not None:
        out["partner_types"] = sorted({str(t) for t in out["partner_types"]})
    for key in ("partner_tier_ids", "partner_types"):
        if key in out and out[key] is None:
            out[key] = []
    return out


async def _check_tiers(session: AsyncSession, tier_ids: list[uuid.UUID] | None) -> None:
    if not tier_ids:
        return
    found = await repository.existing_tier_ids(session, tier_ids)
    missing = [str(t) for t in tier_ids if t not in found]
    if missing:
        raise ValidationFailed(
            "Unknown tier ids.",
            errors=[
                {
                    "field": "partner_tier_ids",
                    "in": "body",
                    "code": "not_found",
                    "message": f"No tier {t}.",
                }
                for t in missing
            ],
        )


async def list_rules(
    session: AsyncSession, principal: Principal, page: PageParams
) -> PageResult[Any]:
    """The rules in the order they are tried, as plain rows."""
    require_vendor(principal, READ)
    return await paginate(session, repository.rules_query(), repository.RULE_SORTS, None, page)


async def _load(session: AsyncSession, rule_id: uuid.UUID, *, for_update: bool = False) -> DealRule:
    rule = await repository.get_rule(session, rule_id, for_update=for_update)
    if rule is None:
        raise NotFound(f"No deal rule {rule_id}.")
    return rule


async def get_rule(session: AsyncSession, principal: Principal, rule_id: uuid.UUID) -> DealRule:
    require_vendor(principal, READ)
    return await _load(session, rule_id)


async def create_rule(
    session: AsyncSession, principal: Principal, data: dict[str, Any]
) -> DealRule:
    require_vendor(principal, MANAGE)
    values = _columns(data)
    await _check_tiers(session, values.get("partner_tier_ids"))
    if values.get("position") is None:
        values["position"] = (await repository.last_position(session) or 0) + 10
    rule = DealRule(**values)
    session.add(rule)
    await session.flush()
    await record_change(
        session,
        principal.actor,
        DEAL_RULE_CREATED,
        rule_out(rule),
        resource_id=rule.id,
        changes=audit.diff({}, audit.snapshot(rule, AUDITED)),
    )
    return rule


async def update_rule(
    session: AsyncSession,
    principal: Principal,
    rule_id: uuid.UUID,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> DealRule:
    require_vendor(principal, MANAGE)
    rule = await _load(session, rule_id, for_update=True)
    check_if_match(if_match, rule.version)
    values = _columns(data)
    for key in ("name", "position", "enabled"):
        if key in values and values[key] is None:
            raise ValidationFailed(
                f"{key} cannot be null.",
                errors=[{"field": key, "in": "body", "code": "null", "message": "Cannot be null."}],
            )
    await _check_tiers(session, values.get("partner_tier_ids"))
    shown_before = rule_out(rule)
    delta = audit.apply_and_diff(rule, values, AUDITED)
    if delta:
        await session.flush()
        await record_change(
            session,
            principal.actor,
            DEAL_RULE_UPDATED,
            rule_out(rule),
            resource_id=rule.id,
            changes=delta,
            before=shown_before,
        )
    return rule


async def delete_rule(
    session: AsyncSession, principal: Principal, rule_id: uuid.UUID, *, if_match: str | None
) -> None:
    require_vendor(principal, MANAGE)
    rule = await _load(session, rule_id, for_update=True)
    check_if_match(if_match, rule.version)
    await record_change(
        session,
        principal.actor,
        DEAL_RULE_DELETED,
        rule_out(rule),
        resource_id=rule.id,
        changes=audit.diff(audit.snapshot(rule, AUDITED), {}),
    )
    await session.delete(rule)
    await session.flush()


def rule_matches(rule: DealRule, deal: Deal, partner: Partner) -> bool:
    if not rule.enabled or rule.action != "auto_approve":
        return False
    if rule.max_amount is not None and (
        deal.currency != rule.max_amount_currency or deal.amount > rule.max_amount
    ):
        return False
    if rule.partner_tier_ids and partner.tier_id not in rule.partner_tier_ids:
        return False
    return not (rule.partner_types and partner.type not in rule.partner_types)


async def first_matching_rule(
    session: AsyncSession, deal: Deal, partner: Partner
) -> DealRule | None:
    rules = await repository.enabled_rules(session)
    return next((r for r in rules if rule_matches(r, deal, partner)), None)
