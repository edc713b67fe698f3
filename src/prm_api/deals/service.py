"""Deal records: create, edit, CRM upsert and list queries. Lifecycle lives in lifecycle.py."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, bindparam, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.principal import Principal
from prm_api.deals import conflicts
from prm_api.deals.names import name_key
from prm_api.deals.schemas import deal_out
from prm_api.errors import Conflict, Forbidden, NotFound, ValidationFailed, field_error
from prm_api.events import service as events
from prm_api.kit.domains import InvalidDomain, normalize_domain
from prm_api.kit.etag import check_if_match
from prm_api.kit.filters import escape_like
from prm_api.models import Deal, Partner
from prm_api.models.deal import OPEN_DEAL_STATUSES
from prm_api.models.partner import ACCESS_STATUSES

AUDITED = (
    "customer_name",
    "customer_domain",
    "customer_country",
    "customer_contact_name",
    "customer_contact_email",
    "title",
    "description",
    "products",
    "notes",
    "amount",
    "currency",
    "expected_close_date",
    "stage",
    "status",
    "external_ids",
)
#: What a partner may still change once its deal is approved.
APPROVED_EDITABLE = frozenset({"stage", "amount"})
PARTNER_EDITABLE_STATUSES = frozenset({"draft", "submitted"})
#: What conflict detection matches on: changing either on an open deal checks it again.
CUSTOMER_IDENTITY = frozenset({"customer_name", "customer_domain"})


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    """API shape → columns (``customer`` and ``amount`` flattened)."""
    out = dict(data)
    customer = out.pop("customer", None)
    if customer is not None:
        for key, value in customer.items():
            out[f"customer_{key}"] = value
        if "name" in customer and customer["name"] is not None:
            out["customer_name_key"] = name_key(customer["name"])
        if customer.get("domain"):
            try:
                out["customer_domain"] = normalize_domain(customer["domain"])
            except InvalidDomain as exc:
                raise ValidationFailed(
                    "customer.domain is not a usable domain.",
                    errors=[field_error("customer.domain", "invalid_domain", str(exc))],
                ) from None
    money = out.pop("amount", None)
    if money is not None:
        out["amount"] = money["amount"]
        out["currency"] = money["currency"]
    if "products" in out and out["products"] is None:
        out["products"] = []
    if "external_ids" in out and out["external_ids"] is None:
        out["external_ids"] = {}
    return out


def _visible(stmt: Select, *, partner_scoped: bool, for_update: bool) -> Select:
    stmt = stmt.where(Deal.id == bindparam("deal_id"))
    if partner_scoped:
        stmt = stmt.where(Deal.partner_id == bindparam("partner_id"))
    return stmt.with_for_update(of=Deal) if for_update else stmt


# Built once per shape: building and caching a statement cost more than running these, which
# run on every deal read and action.
_DEAL_BY_ID = {
    (scoped, lock): _visible(select(Deal), partner_scoped=scoped, for_update=lock)
    for scoped in (False, True)
    for lock in (False, True)
}
_DEAL_AND_PARTNER_BY_ID = {
    scoped: _visible(
        select(Deal, Partner).join(Partner, Partner.id == Deal.partner_id),
        partner_scoped=scoped,
        for_update=True,
    )
    for scoped in (False, True)
}


def _visibility_params(principal: Principal, deal_id: uuid.UUID) -> dict[str, Any]:
    if principal.is_partner:
        return {"deal_id": deal_id, "partner_id": principal.partner_id}
    return {"deal_id": deal_id}


async def get_visible_deal(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID, *, for_update: bool = False
) -> Deal:
    """The deal, if the principal may see it (404 otherwise: other partners' deals too)."""
    stmt = _DEAL_BY_ID[principal.is_partner, for_update]
    deal = await session.scalar(stmt, _visibility_params(principal, deal_id))
    if deal is None:
        raise NotFound(f"No deal {deal_id}.")
    return deal


async def get_visible_deal_and_partner(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID
) -> tuple[Deal, Partner]:
    """The deal, locked for update, and its partner (not locked) in one round trip."""
    stmt = _DEAL_AND_PARTNER_BY_ID[principal.is_partner]
    row = (await session.execute(stmt, _visibility_params(principal, deal_id))).first()
    if row is None:
        raise NotFound(f"No deal {deal_id}.")
    return row[0], row[1]


async def _partner_for_new_deal(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID | None
) -> Partner:
    if principal.is_partner:
        if partner_id is not None:
            raise ValidationFailed(
                "partner_id is set from your token; omit it.",
                errors=[
                    field_error(
                        "partner_id", "not_writable", "Partner tokens cannot set partner_id."
                    )
                ],
            )
        partner_id = principal.partner_id
    elif partner_id is None:
        raise ValidationFailed(
            "Vendor roles must say which partner registers the deal.",
            errors=[field_error("partner_id", "partner_required", "Required for vendors.")],
        )
    partner = await session.get(Partner, partner_id)
    if partner is None:
        raise ValidationFailed(
            "No such partner.", errors=[field_error("partner_id", "not_found", "No such partner.")]
        )
    if partner.status not in ACCESS_STATUSES:
        raise Conflict(f"The partner is {partner.status}.", code="partner_not_active")
    return partner


async def _ensure_external_ids_free(
    session: AsyncSession, ids: dict[str, str], exclude: uuid.UUID | None = None
) -> None:
    for system, ext in ids.items():
        stmt = select(Deal.id).where(Deal.external_ids.contains({system: ext}))
        if exclude is not None:
            stmt = stmt.where(Deal.id != exclude)
        if await session.scalar(stmt.limit(1)):
            raise Conflict(f"Another deal already has {system} id {ext}.", code="external_id_taken")


def _refuse_partner_external_ids(principal: Principal, data: dict[str, Any]) -> None:
    """External ids are the vendor's CRM keys, unique across all partners: a partner token
    setting one would learn from ``external_id_taken`` that another partner's deal has it."""
    if principal.is_partner and data.get("external_ids"):
        raise ValidationFailed(
            "external_ids are set by vendor roles and integrations.",
            errors=[field_error("external_ids", "not_writable", "Partner tokens cannot set it.")],
        )


async def create_deal(session: AsyncSession, principal: Principal, data: dict[str, Any]) -> Deal:
    _refuse_partner_external_ids(principal, data)
    partner = await _partner_for_new_deal(session, principal, data.pop("partner_id", None))
    data.setdefault("stage", "qualification")
    values = _columns(data)
    await _ensure_external_ids_free(session, values.get("external_ids") or {})
    deal = Deal(partner_id=partner.id, registered_by=principal.subject_id, status="draft", **values)
    session.add(deal)
    await session.flush()
    await events.emit(
        session,
        principal.actor,
        "deal.created",
        deal_out(deal),
        resource_id=deal.id,
        partner_id=partner.id,
    )
    await audit.record(
        session,
        principal.actor,
        "deal.created",
        "deal",
        deal.id,
        changes=audit.diff({}, audit.snapshot(deal, AUDITED)),
        partner_id=partner.id,
    )
    return deal


async def update_deal(
    session: AsyncSession,
    principal: Principal,
    deal: Deal,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> Deal:
    check_if_match(if_match, deal.version)
    if principal.is_partner:
        _refuse_partner_external_ids(principal, data)
        if deal.status == "approved":
            locked = sorted(set(data) - APPROVED_EDITABLE)
            if locked:
                raise ValidationFailed(
                    "On an approved deal only stage and amount can change.",
                    errors=[
                        field_error(f, "not_writable", "Locked once approved.") for f in locked
                    ],
                )
        elif deal.status not in PARTNER_EDITABLE_STATUSES:
            raise Conflict(f"A {deal.status} deal can no longer be edited.", code="deal_locked")
    for key in ("title", "stage", "amount"):
        if key in data and data[key] is None:
            raise ValidationFailed(
                f"{key} cannot be null.", errors=[field_error(key, "null", "Cannot be null.")]
            )
    values = _columns(data)
    if "customer_name" in values and values["customer_name"] is None:
        raise ValidationFailed(
            "customer.name cannot be null.",
            errors=[field_error("customer.name", "null", "Cannot be null.")],
        )
    if values.get("external_ids"):
        await _ensure_external_ids_free(session, values["external_ids"], exclude=deal.id)
    before = audit.snapshot(deal, AUDITED)
    shown_before = deal_out(deal)
    for key, value in values.items():
        setattr(deal, key, value)
    delta = audit.diff(before, audit.snapshot(deal, AUDITED))
    if not delta:
        return deal
    found = await _recheck_conflicts(session, deal, delta)
    await session.flush()
    await events.emit(
        session,
        principal.actor,
        "deal.updated",
        deal_out(deal),
        resource_id=deal.id,
        partner_id=deal.partner_id,
        before=shown_before,
    )
    await audit.record(
        session,
        principal.actor,
        "deal.updated",
        "deal",
        deal.id,
        changes={**delta, **(conflicts.summary(found) or {})},
        partner_id=deal.partner_id,
    )
    await conflicts.announce(session, principal.actor, deal, found)
    return deal


async def _recheck_conflicts(
    session: AsyncSession, deal: Deal, delta: dict[str, Any]
) -> list[conflicts.Detected]:
    """A registration under review or protection that changes its customer is checked again,
    as at submit: otherwise a deal submitted under a harmless name and renamed afterwards
    would claim a contested customer unflagged. Conflicts found earlier stay on record."""
    if deal.status not in OPEN_DEAL_STATUSES or not CUSTOMER_IDENTITY & delta.keys():
        return []
    settings = await conflicts.lock_for_detection(session)
    known = await conflicts.recorded_with(session, deal)
    found = await conflicts.detect(session, deal, settings.conflict_threshold, known=known)
    if found:
        deal.has_conflicts = True
    return found


async def upsert_by_external_id(
    session: AsyncSession,
    principal: Principal,
    system: str,
    external_id: str,
    data: dict[str, Any],
) -> tuple[Deal, bool]:
    if not principal.is_vendor:
        raise Forbidden("Only vendor roles and integrations sync deals.", code="vendor_only")
    key = int.from_bytes(
        hashlib.sha256(f"deal:{system}:{external_id}".encode()).digest()[:8], "big", signed=True
    )
    await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
    ids = dict(data.get("external_ids") or {})
    if ids.get(system, external_id) != external_id:
        raise ValidationFailed(
            "external_ids must agree with the path's system and id.",
            errors=[field_error(f"external_ids.{system}", "mismatch", "Differs from the path.")],
        )
    ids[system] = external_id
    existing = await session.scalar(
        select(Deal).where(Deal.external_ids.contains({system: external_id})).with_for_update()
    )
    if existing is None:
        deal = await create_deal(session, principal, {**data, "external_ids": ids})
        return deal, True
    partner_id = data.pop("partner_id", None)
    if partner_id is not None and partner_id != existing.partner_id:
        raise ValidationFailed(
            "A deal cannot move to another partner.",
            errors=[
                field_error("partner_id", "not_writable", "The deal belongs to another partner.")
            ],
        )
    data["external_ids"] = {**existing.external_ids, **ids}
    return await update_deal(session, principal, existing, data, if_match=None), False


def list_query(
    principal: Principal,
    *,
    status: list[str] | None = None,
    partner_id: uuid.UUID | None = None,
    stage: list[str] | None = None,
    currency: str | None = None,
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    expected_close_after: date | None = None,
    expected_close_before: date | None = None,
    customer_domain: str | None = None,
    q: str | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    updated_after: datetime | None = None,
    updated_before: datetime | None = None,
) -> Select:
    """The deals a list shows, as plain rows (every column, no ORM objects): a page is
    read-only, and loading 50 ORM objects cost more than the query."""
    stmt = select(*Deal.__table__.columns)
    if principal.is_partner:
        stmt = stmt.where(Deal.partner_id == principal.partner_id)
    if partner_id is not None:
        stmt = stmt.where(Deal.partner_id == partner_id)
    if status:
        stmt = stmt.where(Deal.status.in_(status))
    if stage:
        stmt = stmt.where(Deal.stage.in_(stage))
    if currency:
        stmt = stmt.where(Deal.currency == currency)
    if amount_min is not None:
        stmt = stmt.where(Deal.amount >= amount_min)
    if amount_max is not None:
        stmt = stmt.where(Deal.amount <= amount_max)
    if expected_close_after:
        stmt = stmt.where(Deal.expected_close_date >= expected_close_after)
    if expected_close_before:
        stmt = stmt.where(Deal.expected_close_date <= expected_close_before)
    if customer_domain:
        try:
            stmt = stmt.where(Deal.customer_domain == normalize_domain(customer_domain))
        except InvalidDomain:
            stmt = stmt.where(Deal.customer_domain == customer_domain.lower())
    if q:
        like = f"%{escape_like(q)}%"
        stmt = stmt.where(
            or_(
                Deal.customer_name.op("%>")(q),
                Deal.title.op("%>")(q),
                Deal.customer_name.ilike(like, escape="\\"),
                Deal.title.ilike(like, escape="\\"),
            )
        )
    if created_after:
        stmt = stmt.where(Deal.created_at >= created_after)
    if created_before:
        stmt = stmt.where(Deal.created_at < created_before)
    if updated_after:
        stmt = stmt.where(Deal.updated_at >= updated_after)
    if updated_before:
        stmt = stmt.where(Deal.updated_at < updated_before)
    return stmt
