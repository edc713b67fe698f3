"""The ``snapshot-health`` job: once a day, every active partner's score as a snapshot, and
``partner.health_changed`` for each partner whose band differs from its previous snapshot.

Idempotent and safe with several workers: one run at a time (a transaction-scoped advisory
lock; the next run waits, then sees what the first wrote), and a run only scores the active
partners that have no snapshot for the day yet — so the scheduler may call it every round:
after the day's first run the next ones find nothing to do, and a partner activated later in
the day gets its snapshot at the next round. ``again=True`` recomputes every active partner
and replaces the day's rows.

A band crossing is decided against the partner's newest snapshot (the same day's, when the
run replaces it): each crossing is announced once. A partner's first snapshot only sets its
band.
"""

from __future__ import annotations

import logging
from datetime import date

from pydantic import TypeAdapter
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from prm_api.auth.principal import Actor
from prm_api.events.recording import record_change
from prm_api.health import repository
from prm_api.health.compute import compute_scores, moment_of
from prm_api.health.events import PARTNER_HEALTH_CHANGED
from prm_api.health.formula import FORMULA_VERSION, HealthScore
from prm_api.health.schemas import HealthBand, HealthFactor, PartnerHealthChange
from prm_api.kit.time import utcnow

log = logging.getLogger("prm_api.jobs")
SNAPSHOT_ACTOR = Actor(type="system", id="job:snapshot-health")
_LOCK = text("SELECT pg_advisory_xact_lock(hashtext('prm:snapshot-health'))")
#: Above this many partners the totals are read for all partners and filtered here (one
#: array parameter is fine, but reading everything costs the same and plans better).
_ALL_PARTNERS_FROM = 2000
#: ``explain[]`` as the snapshot stores it (the API's JSON, written in one pass).
_EXPLAIN = TypeAdapter(list[HealthFactor])


async def snapshot_day(session: AsyncSession, day: date, *, again: bool = False) -> int:
    """Snapshot ``day`` in the caller's transaction; returns how many partners were scored."""
    await session.execute(_LOCK)
    todo = await repository.active_partners_to_snapshot(session, day, again=again)
    if not todo:
        return 0
    wanted = set(todo)
    scores = await compute_scores(
        session, day, None if len(todo) >= _ALL_PARTNERS_FROM else todo, at=moment_of(day)
    )
    scored = [s for pid, s in scores.items() if pid in wanted]
    previous = await repository.latest_bands(session, [s.partner_id for s in scored], day)
    await repository.upsert(
        session,
        day,
        FORMULA_VERSION,
        utcnow(),
        [
            repository.SnapshotRow(
                s.partner_id, s.score, s.band.value, _EXPLAIN.dump_json(s.explain).decode()
            )
            for s in scored
        ],
    )
    crossed = [s for s in scored if previous.get(s.partner_id, s.band.value) != s.band.value]
    for s in crossed:
        await _announce(session, s, HealthBand(previous[s.partner_id]), day)
    if crossed:
        log.info("partner health bands changed", extra={"count": len(crossed)})
    return len(scored)


async def _announce(session: AsyncSession, s: HealthScore, before: HealthBand, day: date) -> None:
    change = PartnerHealthChange(
        partner_id=s.partner_id,
        previous_band=before,
        band=s.band,
        score=s.score,
        day=day,
        formula_version=s.formula_version,
        explain=s.explain,
    )
    await record_change(
        session,
        SNAPSHOT_ACTOR,
        PARTNER_HEALTH_CHANGED,
        change,
        resource_id=s.partner_id,
        partner_id=s.partner_id,
        changes={"health_band": {"before": before.value, "after": s.band.value}},
    )


async def snapshot_health(
    sessionmaker: async_sessionmaker[AsyncSession],
    *,
    day: date | None = None,
    again: bool = False,
) -> int:
    """The job (``prm-api jobs run snapshot-health``): snapshot today (UTC) in one
    transaction; returns how many partners were scored."""
    async with sessionmaker() as session, session.begin():
        return await snapshot_day(session, day or utcnow().date(), again=again)
