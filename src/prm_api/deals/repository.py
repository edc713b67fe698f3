"""The deal queries: one visible deal, the list, CRM keys, conflict candidates, due expiries.

Hot statements are built once at import (``bindparam`` for their values): building and
caching a statement cost more than running these, which run on every deal read, action and
submit. A get's two forms (any partner's deal, the caller's own) are both prebuilt
(:class:`~prm_api.auth.policy.PartnerScoped`); for the others a partner token's restriction is
added per call by :func:`scope_to_partner` (~35 µs).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Row,
    Select,
    String,
    Text,
    bindparam,
    cast,
    func,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.policy import PartnerScoped, scope_to_partner
from prm_api.auth.principal import Principal
from prm_api.deals.schemas import DealFilters
from prm_api.kit.domains import InvalidDomain, normalize_domain
from prm_api.kit.pagination import SortKeys
from prm_api.kit.search import fuzzy_match, ranked
from prm_api.kit.statements import FilteredList, any_of, window
from prm_api.kit.time import utcnow
from prm_api.models import Deal, DealConflict, Partner, ProgramSettings
from prm_api.models.deal import OPEN_DEAL_STATUSES
from prm_api.reads import fetch_row


def lock_key(value: str) -> int:
    """A transaction-scoped advisory lock's key for ``value``."""
    return int.from_bytes(hashlib.sha256(value.encode()).digest()[:8], "big", signed=True)


# --- one deal ------------------------------------------------------------------------------

_BY_ID = select(Deal).where(Deal.id == bindparam("deal_id"))
_DEAL_BY_ID = {False: _BY_ID, True: _BY_ID.with_for_update(of=Deal)}
# Annotated as a select of any columns: the policy's scope_to_partner takes any Select.
_DEAL_AND_PARTNER_BY_ID: Select[*tuple[Any, ...]] = (
    select(Deal, Partner)
    .join(Partner, Partner.id == Deal.partner_id)
    .where(Deal.id == bindparam("deal_id"))
    .with_for_update(of=Deal)
)


async def visible_deal(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID, *, for_update: bool = False
) -> Deal | None:
    """The deal if the principal may see it (another partner's deal is not found)."""
    stmt = scope_to_partner(_DEAL_BY_ID[for_update], principal, Deal.partner_id)
    return await session.scalar(stmt, {"deal_id": deal_id})


_DEAL_ROW_BY_ID = PartnerScoped(
    select(*Deal.__table__.columns).where(Deal.id == bindparam("deal_id")), Deal.partner_id
)


async def visible_deal_row(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID
) -> Any | None:
    """The deal as a plain row (``reads.fetch_row``) if the principal may see it: a get
    builds no ORM object."""
    stmt, params = _DEAL_ROW_BY_ID.bind(principal, deal_id=deal_id)
    return await fetch_row(session, stmt, params)


async def visible_deal_and_partner(
    session: AsyncSession, principal: Principal, deal_id: uuid.UUID
) -> tuple[Deal, Partner] | None:
    """The deal, locked for update, and its partner (not locked), in one round trip."""
    stmt = scope_to_partner(_DEAL_AND_PARTNER_BY_ID, principal, Deal.partner_id)
    row = (await session.execute(stmt, {"deal_id": deal_id})).first()
    return None if row is None else (row[0], row[1])


async def lock_external_id(session: AsyncSession, system: str, external_id: str) -> None:
    """Serialize CRM syncs of one opportunity until the transaction ends."""
    await session.execute(
        select(
            func.pg_advisory_xact_lock(
                literal(lock_key(f"deal:{system}:{external_id}"), BigInteger)
            )
        )
    )


async def deal_with_external_id(
    session: AsyncSession, system: str, external_id: str
) -> Deal | None:
    """The deal carrying the CRM key, locked for update."""
    return await session.scalar(
        select(Deal).where(Deal.external_ids.contains({system: external_id})).with_for_update()
    )


async def external_id_taken(
    session: AsyncSession, system: str, external_id: str, *, exclude: uuid.UUID | None = None
) -> bool:
    stmt = select(Deal.id).where(Deal.external_ids.contains({system: external_id}))
    if exclude is not None:
        stmt = stmt.where(Deal.id != exclude)
    return await session.scalar(stmt.limit(1)) is not None


# --- the list ------------------------------------------------------------------------------

#: The list's sort keys and their columns.
SORTS = SortKeys(
    {
        "created_at": Deal.created_at,
        "updated_at": Deal.updated_at,
        "amount": Deal.amount,
        "expected_close_date": Deal.expected_close_date,
    },
    "-created_at",
    Deal.id,
)


#: Every column, as plain rows: built once (a select coerces each of its columns, on every
#: request otherwise). Selecting the table, not its 33 columns one by one, is the same SQL
#: with a cache key made of one element instead of 33.
_DEAL_COLUMNS = select(Deal.__table__)

#: The list's filters (kit.statements): conditions on bound parameters named after them, in
#: the order they join the statement; one statement per combination a request uses.
_LIST = FilteredList(
    _DEAL_COLUMNS,
    {
        "partner_id": Deal.partner_id == bindparam("partner_id"),
        "status": any_of("status", Deal.status),
        "stage": any_of("stage", Deal.stage),
        "currency": Deal.currency == bindparam("currency"),
        "amount_min": Deal.amount >= bindparam("amount_min"),
        "amount_max": Deal.amount <= bindparam("amount_max"),
        "expected_close_after": Deal.expected_close_date >= bindparam("expected_close_after"),
        "expected_close_before": Deal.expected_close_date <= bindparam("expected_close_before"),
        "customer_domain": Deal.customer_domain == bindparam("customer_domain"),
        **window("created", Deal.created_at),
        **window("updated", Deal.updated_at),
    },
    Deal.partner_id,
)


def _filter_values(f: DealFilters) -> dict[str, Any]:
    values = {name: getattr(f, name) for name in _LIST.filters if name != "customer_domain"}
    if f.customer_domain:
        try:
            values["customer_domain"] = normalize_domain(f.customer_domain)
        except InvalidDomain:
            values["customer_domain"] = f.customer_domain.lower()
    return values


def list_query(principal: Principal, f: DealFilters) -> tuple[Select[Any], dict[str, Any] | None]:
    """The deals a list shows, as plain rows (every column, no ORM objects: a page is
    read-only, and loading 50 ORM objects cost more than the query), and the values of its
    bound parameters for ``paginate``.

    Without ``q`` the statement is prebuilt for the filters used (``kit.statements``). A
    search adds conditions and a score written with ``q``: that statement is made for the
    request, with its values set in it (``None`` is returned for them)."""
    stmt, values = _LIST.bind(principal, _filter_values(f))
    if not f.q:
        return stmt, values
    searched = ranked(
        stmt.where(fuzzy_match(f.q, Deal.customer_name, Deal.title)),
        f.q,
        Deal.customer_name,
        Deal.title,
    )
    return searched.params(values), None


# --- conflicts -----------------------------------------------------------------------------

_DETECTION_LOCK = lock_key("deal-conflict-detection")

# The open statuses are written into the SQL, not bound: the candidate indexes are partial
# (``WHERE status IN ('submitted', 'approved')``) and a cached plan can use them only if the
# statement itself implies that predicate. With bound values PostgreSQL re-planned the query
# on every submit (about 1 ms) to check it against the values of the moment.
_IS_OPEN = Deal.status.in_(
    bindparam("open_statuses", list(OPEN_DEAL_STATUSES), expanding=True, literal_execute=True)
)

#: Take the detection lock, set this transaction's trigram threshold from the program
#: settings, and read those settings — one round trip. (No settings row yet: no row, and no
#: lock either.)
_LOCK_AND_SETTINGS = select(
    ProgramSettings,
    func.pg_advisory_xact_lock(literal(_DETECTION_LOCK, BigInteger)),
    func.set_config(
        "pg_trgm.similarity_threshold", cast(ProgramSettings.conflict_threshold, Text), True
    ),
).where(ProgramSettings.id == 1)


async def lock_for_detection(session: AsyncSession) -> ProgramSettings | None:
    """Take the program-wide detection lock and return the settings (``None``, and no lock,
    while the settings row does not exist yet)."""
    row = (await session.execute(_LOCK_AND_SETTINGS)).first()
    return None if row is None else row[0]


#: A candidate: id, customer_domain, name similarity, partner_id, customer_name, status.
_Candidate = tuple[uuid.UUID, str | None, float, uuid.UUID, str, str]


def _candidates(with_domain: bool) -> Select[*_Candidate]:
    """Other open registrations matching by domain or by name; built once per shape."""
    name_key = bindparam("name_key", type_=String)
    name_match = Deal.customer_name_key.op("%")(name_key)
    condition = (
        or_(Deal.customer_domain == bindparam("domain", type_=String), name_match)
        if with_domain
        else name_match
    )
    return (
        select(
            Deal.id,
            Deal.customer_domain,
            func.similarity(Deal.customer_name_key, name_key).label("score"),
            Deal.partner_id,
            Deal.customer_name,
            Deal.status,
        )
        .where(_IS_OPEN, Deal.id != bindparam("deal_id"), condition)
        .limit(100)
    )


_CANDIDATES = {with_domain: _candidates(with_domain) for with_domain in (True, False)}


async def conflict_candidates(
    session: AsyncSession, deal: Deal, *, by_domain: bool
) -> Sequence[Row[*_Candidate]]:
    """Other open deals whose customer name key is trigram-similar (the threshold set by
    :func:`lock_for_detection`) or, ``by_domain``, whose domain is the same: rows of
    ``(id, customer_domain, score, partner_id, customer_name, status)``."""
    params: dict[str, Any] = {"name_key": deal.customer_name_key, "deal_id": deal.id}
    if by_domain:
        params["domain"] = deal.customer_domain
    return (await session.execute(_CANDIDATES[by_domain], params)).all()


async def recorded_with(session: AsyncSession, deal_id: uuid.UUID) -> frozenset[uuid.UUID]:
    """The other deals already recorded as conflicting with this one, in either direction
    (found when this deal was checked, or when the other one was)."""
    found_here = select(DealConflict.other_deal_id).where(DealConflict.deal_id == deal_id)
    found_there = select(DealConflict.deal_id).where(DealConflict.other_deal_id == deal_id)
    rows = await session.scalars(found_here.union(found_there))
    return frozenset(rows.all())


async def flag_conflicting(session: AsyncSession, deal_ids: list[uuid.UUID]) -> None:
    """Set ``has_conflicts`` on the other side of newly recorded conflicts: a deal's flag
    agrees with its ``/conflicts`` list, which shows a pair from both sides. Its version
    moves (the representation changed, so must the ETag)."""
    await session.execute(
        update(Deal)
        .where(Deal.id.in_(deal_ids), Deal.has_conflicts.is_(False))
        .values(has_conflicts=True, version=Deal.version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )


async def conflicts_of(
    session: AsyncSession, deal_id: uuid.UUID
) -> Sequence[Row[DealConflict, uuid.UUID, uuid.UUID, str, str]]:
    """The deal's conflicts, oldest first, each with the other deal's identity: rows of
    ``(DealConflict, other id, other partner_id, other customer_name, other status)``."""
    other = Deal.__table__.alias("other")
    stmt = (
        select(DealConflict, other.c.id, other.c.partner_id, other.c.customer_name, other.c.status)
        .join(
            other,
            or_(
                (DealConflict.deal_id == deal_id) & (other.c.id == DealConflict.other_deal_id),
                (DealConflict.other_deal_id == deal_id) & (other.c.id == DealConflict.deal_id),
            ),
        )
        .order_by(DealConflict.detected_at)
    )
    return (await session.execute(stmt)).all()


# --- expiry --------------------------------------------------------------------------------


async def claim_due_for_expiry(session: AsyncSession, now: datetime, limit: int) -> Sequence[Deal]:
    """Approved deals whose protection ended, locked; rows another worker holds are skipped."""
    return (
        await session.scalars(
            select(Deal)
            .where(Deal.status == "approved", Deal.protection_expires_at <= now)
            .order_by(Deal.protection_expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
