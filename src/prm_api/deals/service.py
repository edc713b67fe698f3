"""Deal records: reads (one deal, a page, its conflicts), create, edit and CRM upsert.

The lifecycle (submit, decisions, close, extend) lives in lifecycle.py.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.audit import service as audit
from prm_api.auth.policy import require_vendor
from prm_api.auth.principal import Principal
from prm_api.db import flush_unique
from prm_api.deals import conflicts, repository, review
from prm_api.deals.events import DEAL_CREATED, DEAL_UPDATED
from prm_api.deals.names import name_key
from prm_api.deals.schemas import ConflictOut, DealFilters, conflict_out, deal_out
from prm_api.errors import Conflict, NotFound, ValidationFailed, field_error
from prm_api.events.recording import record_change
from prm_api.kit import search
from prm_api.kit.domains import InvalidDomain, normalize_domain
from prm_api.kit.etag import check_if_match
from prm_api.kit.pagination import PageParams, PageResult
from prm_api.kit.search import set_search_threshold
from prm_api.kit.upsert import with_path_id
from prm_api.models import Deal, Partner
from prm_api.models.deal import OPEN_DEAL_STATUSES
from prm_api.models.partner import ACCESS_STATUSES
from prm_api.onboarding import rules as onboarding

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


async def get_visible_deal(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID, *, for_update: bool = False
) -> Deal:
    """The deal, if the principal may see it (404 otherwise: other partners' deals too)."""
    deal = await repository.visible_deal(session, principal, deal_id, for_update=for_update)
    if deal is None:
        raise NotFound(f"No deal {deal_id}.")
    return deal


async def get_visible_deal_row(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID
) -> Any:
    """The deal as a plain row (for reads: no ORM object), if the principal may see it."""
    row = await repository.visible_deal_row(session, principal, deal_id)
    if row is None:
        raise NotFound(f"No deal {deal_id}.")
    return row


async def get_visible_deal_and_partner(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID
) -> tuple[Deal, Partner]:
    """The deal, locked for update, and its partner (not locked) in one round trip."""
    found = await repository.visible_deal_and_partner(session, principal, deal_id)
    if found is None:
        raise NotFound(f"No deal {deal_id}.")
    return found


async def list_deals(
    session: AsyncSession,
    principal: Principal,
    filters: DealFilters,
    *,
    sort: str | None,
    page: PageParams,
    search_threshold: float,
) -> PageResult[Any]:
    """A page of the deals the principal may see, as plain result rows."""
    stmt, values = repository.list_query(principal, filters)
    if filters.q:
        await set_search_threshold(session, search_threshold)
    # Ranked by relevance to ``q`` unless a sort is asked for (kit.search).
    return await search.paginate(
        session, stmt, repository.SORTS, sort, page, q=filters.q, values=values
    )


async def list_conflicts(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID
) -> list[ConflictOut]:
    """The deal's conflicts. Only vendor roles learn the other deal, partner and status."""
    deal = await get_visible_deal(session, principal, deal_id)
    rows = await repository.conflicts_of(session, deal.id)
    if not principal.is_vendor:
        return [conflict_out(deal.id, row[0]) for row in rows]
    return [
        conflict_out(
            deal.id,
            conflict,
            other_deal_id=oid,
            other_partner_id=opartner,
            other_customer_name=oname,
            other_status=ostatus,
        )
        for conflict, oid, opartner, oname, ostatus in rows
    ]


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
        if await repository.external_id_taken(session, system, ext, exclude=exclude):
            raise Conflict(f"Another deal already has {system} id {ext}.", code="external_id_taken")


async def _flush(session: AsyncSession, deal: Deal, external_ids_written: bool) -> None:
    """Flush. Writing external ids, a concurrent writer of the same id may have won the
    database's key on it (``deal_external_ids``, kept by a trigger; the check before the
    write cannot see an uncommitted row): that is a 409, not a 500."""
    if not external_ids_written:
        session.add(deal)
        await session.flush()
        return
    await flush_unique(
        session,
        deal,
        {
            "pk_deal_external_ids": Conflict(
                "Another deal already has one of these external ids.", code="external_id_taken"
            )
        },
    )


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
    await _flush(session, deal, "external_ids" in values)
    await record_change(
        session,
        principal.actor,
        DEAL_CREATED,
        deal_out(deal),
        resource_id=deal.id,
        partner_id=partner.id,
        changes=audit.diff({}, audit.snapshot(deal, AUDITED)),
    )
    await onboarding.recheck(session, principal.actor, partner.id, kinds=("first_deal_registered",))
    return deal


async def update_deal(
    session: AsyncSession,
    principal: Principal,
    deal_id: uuid.UUID,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> Deal:
    """Edit a visible deal (locked for the change); see the rules in :func:`_edit`."""
    await _lock_detection_first(session, data)
    deal = await get_visible_deal(session, principal, deal_id, for_update=True)
    return await _edit(session, principal, deal, data, if_match=if_match)


async def _lock_detection_first(session: AsyncSession, data: dict[str, Any]) -> None:
    """An edit that may run conflict detection takes its lock before the deal's row lock:
    detection flags other deals (both sides of a pair), so a detector waiting for this deal's
    row while this edit waited for the detection lock would deadlock."""
    if "customer" in data:
        await conflicts.lock_for_detection(session)


async def _edit(
    session: AsyncSession,
    principal: Principal,
    deal: Deal,
    data: dict[str, Any],
    *,
    if_match: str | None,
) -> Deal:
    """Partners edit drafts and submitted deals, and only stage and amount once approved;
    vendor roles edit any deal. A new customer on an open deal is checked for conflicts.
    An approved deal whose new terms its approval does not cover returns to review
    (:mod:`prm_api.deals.review`)."""
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
    shown_before = deal_out(deal)
    terms_before = {k: getattr(deal, k) for k in review.TERMS}
    delta = audit.apply_and_diff(deal, values, AUDITED)
    if not delta:
        return deal
    found = await _recheck_conflicts(session, deal, delta)
    await _flush(session, deal, "external_ids" in delta)
    await record_change(
        session,
        principal.actor,
        DEAL_UPDATED,
        deal_out(deal),
        resource_id=deal.id,
        partner_id=deal.partner_id,
        changes={**delta, **(conflicts.summary(found) or {})},
        before=shown_before,
    )
    conflicts.announce(session, principal.actor, deal, found)
    await review.recheck_approval(session, principal, deal, terms_before, delta)
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
    known = await repository.recorded_with(session, deal.id)
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
    require_vendor(principal, "sync deals")
    await _lock_detection_first(session, data)
    await repository.lock_external_id(session, system, external_id)
    ids = with_path_id(data.get("external_ids"), system, external_id)
    existing = await repository.deal_with_external_id(session, system, external_id)
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
    return await _edit(session, principal, existing, data, if_match=None), False
