"""Partner records: create, edit, CRM upsert and tier assignment."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Actor, Principal
from prm_api.errors import ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit.etag import check_if_match
from prm_api.kit.time import utcnow
from prm_api.kit.upsert import with_path_id
from prm_api.models import Partner, Tier
from prm_api.onboarding import rules as onboarding
from prm_api.partners import repository
from prm_api.partners.events import (
    PARTNER_APPLIED,
    PARTNER_CREATED,
    PARTNER_TIER_CHANGED,
    PARTNER_UPDATED,
)
from prm_api.partners.schemas import PARTNER_EDITABLE_BY_PARTNER, PartnerOut, partner_out
from prm_api.partners.validation import (
    check_manager,
    ensure_domain_free,
    ensure_external_ids_free,
    flush_guarding_domain,
    resolve_domain,
    to_columns,
)
from prm_api.tiers import repository as tiers

#: Columns compared for audit/change detection (``contact``/``address`` flattened below).
AUDITED = (
    "name",
    "legal_name",
    "website",
    "domain",
    "type",
    "country",
    "region",
    "description",
    "contact_name",
    "contact_email",
    "contact_phone",
    "address",
    "manager_id",
    "tags",
    "external_ids",
    "tier_id",
    "status",
)


async def tier_of(session: AsyncSession, partner: Partner) -> Tier | None:
    """The partner's tier; from the session's identity map when this request loaded it."""
    if partner.tier_id is None:
        return None
    return await session.get(Tier, partner.tier_id)


async def present(session: AsyncSession, partner: Partner) -> PartnerOut:
    """The partner as the API returns it (what ``GET /v1/partners/{id}`` shows)."""
    return partner_out(partner, await tier_of(session, partner))


async def create_partner(
    session: AsyncSession,
    actor: Actor,
    data: dict[str, Any],
    *,
    status: str = "onboarding",
    source: str = "vendor",
) -> Partner:
    """A new partner: vendor staff or an integration (``onboarding``), or an application
    (``applied``, anonymous)."""
    require_vendor(actor, "create partners")
    values = to_columns(data)
    values["domain"] = resolve_domain(values.get("website"), values.get("domain"))
    await ensure_domain_free(session, values["domain"])
    await ensure_external_ids_free(session, values.get("external_ids"))
    await check_manager(session, values.get("manager_id"))
    now = utcnow()
    partner = Partner(
        **values,
        status=status,
        source=source,
        applied_at=now if status == "applied" else None,
        approved_at=now if status == "onboarding" else None,
        status_changed_at=now,
        status_changed_by=actor.id,
    )
    partner.tags = sorted(set(values.get("tags") or []))
    partner.external_ids = values.get("external_ids") or {}
    await flush_guarding_domain(session, partner)
    await record_change(
        session,
        actor,
        PARTNER_APPLIED if status == "applied" else PARTNER_CREATED,
        await present(session, partner),
        resource_id=partner.id,
        partner_id=partner.id,
        changes=audit.diff({}, audit.snapshot(partner, AUDITED)),
    )
    return partner


def _refuse_fields_of_the_vendor(data: dict[str, Any]) -> None:
    forbidden = sorted(set(data) - PARTNER_EDITABLE_BY_PARTNER)
    if forbidden:
        raise ValidationFailed(
            "Partner users may only change description, website, contact and address.",
            errors=[
                field_error(f, "not_writable", "This field cannot be set by a partner.")
                for f in forbidden
            ],
        )


async def update_partner(
    session: AsyncSession,
    principal: Principal,
    partner: Partner,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> Partner:
    """Apply the fields sent; equal values change nothing and record nothing."""
    check_if_match(if_match, partner.version)
    if principal.is_partner:
        _refuse_fields_of_the_vendor(data)
    values = to_columns(data)
    if "website" in values or "domain" in values:
        website = values.get("website", partner.website)
        explicit = values.get("domain") if "domain" in values else None
        if principal.is_partner:
            explicit = partner.domain if "domain" not in values else explicit
        new_domain = resolve_domain(website, explicit) if (website or explicit) else None
        if new_domain != partner.domain:
            if principal.is_partner:
                # The domain identifies the partner for de-duplication and deal conflicts.
                new_domain = partner.domain
            else:
                await ensure_domain_free(session, new_domain, exclude=partner.id)
        values["domain"] = new_domain
    if "manager_id" in values:
        await check_manager(session, values["manager_id"])
    if "tags" in values and values["tags"] is not None:
        values["tags"] = sorted(set(values["tags"]))
    if "external_ids" in values and values["external_ids"] is None:
        values["external_ids"] = {}
    if values.get("external_ids"):
        await ensure_external_ids_free(session, values["external_ids"], exclude=partner.id)
    if "tags" in values and values["tags"] is None:
        values["tags"] = []
    for key in ("name", "type"):
        if key in values and values[key] is None:
            raise ValidationFailed(
                f"{key} cannot be null.", errors=[field_error(key, "null", "Cannot be null.")]
            )
    tier = await tier_of(session, partner)  # a profile edit never changes the tier
    shown_before = partner_out(partner, tier)
    delta = audit.apply_and_diff(partner, values, AUDITED)
    if not delta:
        # Equal values emit no UPDATE: the version stays and no audit row or event is written.
        return partner
    await flush_guarding_domain(session, partner)
    await record_change(
        session,
        principal.actor,
        PARTNER_UPDATED,
        partner_out(partner, tier),
        resource_id=partner.id,
        partner_id=partner.id,
        changes=delta,
        before=shown_before,
    )
    await onboarding.recheck(session, principal.actor, partner.id, kinds=("profile_completed",))
    return partner


async def upsert_by_external_id(
    session: AsyncSession,
    principal: Principal,
    system: str,
    external_id: str,
    data: dict[str, Any],
) -> tuple[Partner, bool]:
    """Create or update the partner whose ``external_ids[system] == external_id``.

    Serialized per (system, id) with an advisory lock, so concurrent syncs cannot create twins.
    Returns ``(partner, created)``.
    """
    require_vendor(principal, "sync partners from a CRM")
    await repository.lock_external_id(session, system, external_id)
    existing = await repository.partner_by_external_id(session, system, external_id)
    ids = with_path_id(data.get("external_ids"), system, external_id)
    if existing is None:
        partner = await create_partner(
            session, principal.actor, {**data, "external_ids": ids}, source="crm"
        )
        return partner, True
    merged = {**existing.external_ids, **ids}
    partner = await update_partner(
        session, principal, existing, {**data, "external_ids": merged}, if_match=None
    )
    return partner, False


async def assign_tier(
    session: AsyncSession,
    principal: Principal,
    partner_id: uuid.UUID,
    tier_id: uuid.UUID | None,
    *,
    reason: str,
    if_match: str | None,
    detail: dict[str, Any] | None = None,
) -> Partner:
    """Move the partner to ``tier_id`` (None: no tier) and record ``partner.tier_changed``.

    ``detail``: what decided the change when it was not a person (a tier evaluation's
    ``tier_change``: evaluation, reason, criteria values), added to the event's object.
    """
    partner = await repository.get_visible_partner(session, principal, partner_id, for_update=True)
    require_vendor(principal, "assign tiers")
    check_if_match(if_match, partner.version)
    # KEY SHARE: a concurrent delete of the tier waits for us, or we see it gone (422).
    # Loading the row (not just its id) lets the event below present it without a query.
    if tier_id is not None and await tiers.key_share_lock(session, tier_id) is None:
        raise ValidationFailed(
            "No such tier.", errors=[field_error("tier_id", "not_found", "No such tier.")]
        )
    if partner.tier_id == tier_id:
        return partner
    before = partner.tier_id
    shown_before = partner_out(partner, await tier_of(session, partner))
    partner.tier_id = tier_id
    await session.flush()
    presented = await present(session, partner)
    shown: PartnerOut | dict[str, Any] = (
        presented
        if detail is None
        else {**presented.model_dump(mode="json", by_alias=True), "tier_change": detail}
    )
    await record_change(
        session,
        principal.actor,
        PARTNER_TIER_CHANGED,
        shown,
        resource_id=partner.id,
        partner_id=partner.id,
        changes={
            "tier_id": {
                "before": str(before) if before else None,
                "after": str(tier_id) if tier_id else None,
            },
            "reason": reason,
        },
        before=shown_before,
    )
    return partner
