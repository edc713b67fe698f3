"""Partner records: create, edit, CRM upsert, list queries, tier assignment."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.principal import Actor, Principal
from prm_api.auth.roles import VENDOR_ROLES
from prm_api.errors import Conflict, ValidationFailed
from prm_api.events import service as events
from prm_api.kit.domains import InvalidDomain, normalize_domain
from prm_api.kit.etag import check_if_match
from prm_api.kit.filters import escape_like
from prm_api.models import Partner, Tier, User
from prm_api.partners.access import get_visible_partner, require_vendor, scope_to_principal
from prm_api.partners.schemas import PARTNER_EDITABLE_BY_PARTNER, PartnerOut, partner_out

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


def field_error(field: str, code: str, message: str) -> dict[str, str]:
    return {"field": field, "in": "body", "code": code, "message": message}


def resolve_domain(website: str | None, domain: str | None) -> str | None:
    """The normalized primary domain: the explicit ``domain``, else the website's host."""
    source, field = (domain, "domain") if domain else (website, "website")
    if not source:
        return None
    try:
        return normalize_domain(source)
    except InvalidDomain as exc:
        raise ValidationFailed(
            f"{field} is not a usable domain.",
            errors=[field_error(field, "invalid_domain", str(exc))],
        ) from None


def check_website(website: str | None) -> None:
    """A website is an http(s) URL or a bare host, even when an explicit ``domain`` is given
    (portals render it as a link: no ``javascript:`` or other schemes)."""
    if website is None:
        return
    scheme = website.partition("://")[0].lower() if "://" in website else None
    if scheme not in (None, "http", "https"):
        raise ValidationFailed(
            "website must be an http(s) URL.",
            errors=[field_error("website", "invalid_url", "Use http:// or https://.")],
        )
    resolve_domain(website, None)


def _flatten(data: dict[str, Any]) -> dict[str, Any]:
    """API shape → column values (``contact`` → ``contact_*``)."""
    out = dict(data)
    if "website" in out:
        check_website(out["website"])
    if "contact" in out:
        contact = out.pop("contact") or {}
        for key in ("name", "email", "phone"):
            out[f"contact_{key}"] = contact.get(key)
    return out


async def _check_manager(session: AsyncSession, manager_id: uuid.UUID | None) -> None:
    if manager_id is None:
        return
    role = await session.scalar(select(User.role).where(User.id == manager_id, User.active))
    if role not in VENDOR_ROLES:
        raise ValidationFailed(
            "manager_id must be an active vendor user.",
            errors=[field_error("manager_id", "invalid_manager", "Not an active vendor user.")],
        )


async def ensure_domain_free(
    session: AsyncSession, domain: str | None, *, exclude: uuid.UUID | None = None
) -> None:
    if domain is None:
        return
    stmt = select(Partner.id).where(
        Partner.domain == domain, Partner.status.not_in(("declined", "terminated"))
    )
    if exclude is not None:
        stmt = stmt.where(Partner.id != exclude)
    if await session.scalar(stmt.limit(1)):
        raise duplicate_partner(domain)


async def ensure_external_ids_free(
    session: AsyncSession, external_ids: dict[str, str] | None, *, exclude: uuid.UUID | None = None
) -> None:
    """An external id names one partner: the CRM upsert and the filter rely on it."""
    for system, ext in sorted((external_ids or {}).items()):
        stmt = select(Partner.id).where(Partner.external_ids.contains({system: ext}))
        if exclude is not None:
            stmt = stmt.where(Partner.id != exclude)
        if await session.scalar(stmt.limit(1)):
            raise Conflict(
                f"Another partner already has the external id {system}:{ext}.",
                code="external_id_taken",
                errors=[
                    field_error(f"external_ids.{system}", "taken", "Belongs to another partner.")
                ],
            )


def duplicate_partner(domain: str) -> Conflict:
    return Conflict(
        f"A partner or open application already exists for the domain {domain}.",
        code="duplicate_partner",
        domain=domain,
    )


async def flush_guarding_domain(session: AsyncSession, partner: Partner) -> None:
    """Flush; a concurrent insert of the same live domain loses with 409, not 500."""
    try:
        async with session.begin_nested():
            session.add(partner)
            await session.flush()
    except IntegrityError as exc:
        if "uq_partners_live_domain" in str(exc.orig):
            raise duplicate_partner(partner.domain or "") from None
        raise


def snapshot(partner: Partner) -> dict[str, Any]:
    return audit.snapshot(partner, AUDITED)


async def tier_of(session: AsyncSession, partner: Partner) -> Tier | None:
    """The partner's tier; from the session's identity map when this request loaded it."""
    if partner.tier_id is None:
        return None
    return await session.get(Tier, partner.tier_id)


async def present(session: AsyncSession, partner: Partner) -> PartnerOut:
    """The partner as the API returns it (what ``GET /v1/partners/{id}`` shows)."""
    return partner_out(partner, await tier_of(session, partner))


async def emit_changed(
    session: AsyncSession,
    actor: Actor,
    type: str,
    partner: Partner,
    shown_before: PartnerOut | None,
) -> PartnerOut:
    """Record ``type`` for ``partner``. ``shown_before`` was presented before the change
    without its tier (the tier does not change here, so it is filled in from the new view)."""
    shown = await present(session, partner)
    before = shown_before.model_copy(update={"tier": shown.tier}) if shown_before else None
    await events.emit(
        session, actor, type, shown, resource_id=partner.id, partner_id=partner.id, before=before
    )
    return shown


async def create_partner(
    session: AsyncSession,
    actor: Actor,
    data: dict[str, Any],
    *,
    status: str = "onboarding",
    source: str = "vendor",
) -> Partner:
    from prm_api.kit.time import utcnow

    values = _flatten(data)
    values["domain"] = resolve_domain(values.get("website"), values.get("domain"))
    await ensure_domain_free(session, values["domain"])
    await ensure_external_ids_free(session, values.get("external_ids"))
    await _check_manager(session, values.get("manager_id"))
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
    await emit_changed(
        session,
        actor,
        "partner.created" if status != "applied" else "partner.applied",
        partner,
        None,
    )
    await audit.record(
        session,
        actor,
        "partner.created" if status != "applied" else "partner.applied",
        "partner",
        partner.id,
        changes=audit.diff({}, snapshot(partner)),
        partner_id=partner.id,
    )
    return partner


async def update_partner(
    session: AsyncSession,
    principal: Principal | None,
    partner: Partner,
    data: dict[str, Any],
    *,
    if_match: str | None,
    actor: Actor | None = None,
) -> tuple[Partner, dict[str, Any]]:
    """Apply the fields sent. Returns the partner and the audited diff (empty: no change)."""
    actor = actor or (principal.actor if principal else None)
    assert actor is not None
    check_if_match(if_match, partner.version)
    if principal is not None and principal.is_partner:
        forbidden = sorted(set(data) - PARTNER_EDITABLE_BY_PARTNER)
        if forbidden:
            raise ValidationFailed(
                "Partner users may only change description, website, contact and address.",
                errors=[
                    field_error(f, "not_writable", "This field cannot be set by a partner.")
                    for f in forbidden
                ],
            )
    values = _flatten(data)
    if "website" in values or "domain" in values:
        website = values.get("website", partner.website)
        explicit = values.get("domain") if "domain" in values else None
        if principal is not None and principal.is_partner:
            explicit = partner.domain if "domain" not in values else explicit
        new_domain = resolve_domain(website, explicit) if (website or explicit) else None
        if new_domain != partner.domain:
            if principal is not None and principal.is_partner:
                # The domain identifies the partner for de-duplication and deal conflicts.
                new_domain = partner.domain
            else:
                await ensure_domain_free(session, new_domain, exclude=partner.id)
        values["domain"] = new_domain
    if "manager_id" in values:
        await _check_manager(session, values["manager_id"])
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
    before = snapshot(partner)
    shown_before = partner_out(partner, None)
    for key, value in values.items():
        setattr(partner, key, value)
    delta = audit.diff(before, snapshot(partner))
    if not delta:
        # Equal values emit no UPDATE: the version stays and no audit row or event is written.
        return partner, {}
    await flush_guarding_domain(session, partner)
    await emit_changed(session, actor, "partner.updated", partner, shown_before)
    await audit.record(
        session,
        actor,
        "partner.updated",
        "partner",
        partner.id,
        changes=delta,
        partner_id=partner.id,
    )
    return partner, delta


async def get_partner_for_update(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID
) -> Partner:
    return await get_visible_partner(session, principal, partner_id, for_update=True)


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
    key = int.from_bytes(
        hashlib.sha256(f"{system}:{external_id}".encode()).digest()[:8], "big", signed=True
    )
    await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
    existing = await session.scalar(
        select(Partner)
        .where(Partner.external_ids.contains({system: external_id}))
        .with_for_update()
        .limit(1)
    )
    ids = dict(data.get("external_ids") or {})
    if ids.get(system, external_id) != external_id:
        raise ValidationFailed(
            "external_ids must agree with the path's system and id.",
            errors=[field_error(f"external_ids.{system}", "mismatch", "Differs from the path.")],
        )
    if existing is None:
        ids[system] = external_id
        partner = await create_partner(
            session, principal.actor, {**data, "external_ids": ids}, source="crm"
        )
        return partner, True
    merged = {**existing.external_ids, **ids, system: external_id}
    partner, _ = await update_partner(
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
) -> Partner:
    partner = await get_visible_partner(session, principal, partner_id, for_update=True)
    require_vendor(principal, "assign tiers")
    check_if_match(if_match, partner.version)
    # KEY SHARE: a concurrent delete of the tier waits for us, or we see it gone (422).
    # Loading the row (not just its id) lets the event below present it without a query.
    tier_exists = select(Tier).where(Tier.id == tier_id).with_for_update(key_share=True)
    if tier_id is not None and await session.scalar(tier_exists) is None:
        raise ValidationFailed(
            "No such tier.", errors=[field_error("tier_id", "not_found", "No such tier.")]
        )
    if partner.tier_id == tier_id:
        return partner
    before = partner.tier_id
    shown_before = partner_out(partner, await tier_of(session, partner))
    partner.tier_id = tier_id
    await session.flush()
    await events.emit(
        session,
        principal.actor,
        "partner.tier_changed",
        await present(session, partner),
        resource_id=partner.id,
        partner_id=partner.id,
        before=shown_before,
    )
    await audit.record(
        session,
        principal.actor,
        "partner.tier_changed",
        "partner",
        partner.id,
        changes={
            "tier_id": {
                "before": str(before) if before else None,
                "after": str(tier_id) if tier_id else None,
            },
            "reason": reason,
        },
        partner_id=partner.id,
    )
    return partner


def list_query(
    principal: Principal,
    *,
    status: list[str] | None = None,
    tier: str | None = None,
    type_: list[str] | None = None,
    country: list[str] | None = None,
    manager_id: uuid.UUID | None = None,
    tag: list[str] | None = None,
    external_id: tuple[str, str] | None = None,
    q: str | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    updated_after: datetime | None = None,
    updated_before: datetime | None = None,
) -> Select[tuple[Partner]]:
    stmt = scope_to_principal(select(Partner), principal)
    if status:
        stmt = stmt.where(Partner.status.in_(status))
    if tier:
        try:
            stmt = stmt.where(Partner.tier_id == uuid.UUID(tier))
        except ValueError:
            stmt = stmt.where(
                Partner.tier_id == select(Tier.id).where(Tier.key == tier).scalar_subquery()
            )
    if type_:
        stmt = stmt.where(Partner.type.in_(type_))
    if country:
        stmt = stmt.where(Partner.country.in_(country))
    if manager_id:
        stmt = stmt.where(Partner.manager_id == manager_id)
    if tag:
        stmt = stmt.where(Partner.tags.contains(tag))
    if external_id:
        stmt = stmt.where(Partner.external_ids.contains({external_id[0]: external_id[1]}))
    if q:
        like = f"%{escape_like(q)}%"
        stmt = stmt.where(
            or_(
                Partner.name.op("%>")(q),  # word similarity (pg_trgm), uses the GIN index
                Partner.domain.op("%>")(q),
                Partner.name.ilike(like, escape="\\"),
                Partner.domain.ilike(like, escape="\\"),
            )
        )
    if created_after:
        stmt = stmt.where(Partner.created_at >= created_after)
    if created_before:
        stmt = stmt.where(Partner.created_at < created_before)
    if updated_after:
        stmt = stmt.where(Partner.updated_at >= updated_after)
    if updated_before:
        stmt = stmt.where(Partner.updated_at < updated_before)
    return stmt


async def set_search_threshold(session: AsyncSession, threshold: float) -> None:
    """Word-similarity cut-off for ``q`` (pg_trgm's default 0.6 misses one-letter typos)."""
    await session.execute(
        text("SELECT set_config('pg_trgm.word_similarity_threshold', :t, true)"),
        {"t": str(threshold)},
    )


async def tiers_by_id(session: AsyncSession, ids: set[uuid.UUID]) -> dict[uuid.UUID, Tier]:
    if not ids:
        return {}
    rows = (await session.scalars(select(Tier).where(Tier.id.in_(ids)))).all()
    return {t.id: t for t in rows}


async def count_partners(session: AsyncSession, stmt: Select[tuple[Partner]]) -> int:
    return int(await session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
