"""Reading a partner's health: the live score and the daily history.

Who sees what (DESIGN §4): vendor roles any partner's, a partner token its own partner's;
another partner's (or one that does not exist) is a 404.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from prm_api.auth.principal import Principal
from prm_api.errors import NotFound, ValidationFailed, field_error
from prm_api.health import repository
from prm_api.health.compute import compute_scores
from prm_api.health.formula import HealthScore
from prm_api.health.schemas import (
    HealthFactor,
    HealthSnapshot,
    PartnerHealth,
    PartnerHealthHistory,
)
from prm_api.kit.time import utcnow
from prm_api.partners.repository import ensure_visible_partner

#: The longest history one request returns (days, both ends included).
MAX_HISTORY_DAYS = 400
#: The history returned when ``from`` is not given: this many days up to ``to``.
DEFAULT_HISTORY_DAYS = 90


def health_out(s: HealthScore) -> PartnerHealth:
    return PartnerHealth(
        partner_id=s.partner_id,
        score=s.score,
        band=s.band,
        formula_version=s.formula_version,
        as_of=s.as_of,
        computed_at=utcnow(),
        explain=s.explain,
    )


async def current_health(session: AsyncSession, partner_id: uuid.UUID) -> PartnerHealth | None:
    """The partner's health now (computed live, with today's figures and the program's
    current weights); None when there is no such partner. No authorization here: the caller
    decides who may see it (the scorecard embeds it)."""
    now = utcnow()
    scores = await compute_scores(session, now.date(), [partner_id], at=now)
    s = scores.get(partner_id)
    return None if s is None else health_out(s)


async def get_health(
    session: AsyncSession, principal: Principal, partner_id: uuid.UUID
) -> PartnerHealth:
    await ensure_visible_partner(session, principal, partner_id)
    health = await current_health(session, partner_id)
    if health is None:  # deleted since the check
        raise NotFound(f"No partner {partner_id}.")
    return health


def history_window(start: date | None, end: date | None) -> tuple[date, date]:
    """``[from, to]`` with the defaults filled in (``to`` today, ``from`` 89 days before
    ``to``); 422 when ``from`` is after ``to`` or the window is over
    :data:`MAX_HISTORY_DAYS` days."""
    end = end or utcnow().date()
    if start is None:  # (ordinals: a ``to`` early in year 1 has fewer days before it)
        start = date.fromordinal(max(1, end.toordinal() - (DEFAULT_HISTORY_DAYS - 1)))
    if start > end:
        raise ValidationFailed(
            "`from` is after `to`.",
            errors=[field_error("from", "after_to", "Must not be after `to`.", "query")],
        )
    if (end - start).days + 1 > MAX_HISTORY_DAYS:
        raise ValidationFailed(
            f"At most {MAX_HISTORY_DAYS} days of history per request.",
            errors=[
                field_error(
                    "from",
                    "range_too_long",
                    f"`from`–`to` spans more than {MAX_HISTORY_DAYS} days.",
                    "query",
                )
            ],
        )
    return start, end


async def get_history(
    session: AsyncSession,
    principal: Principal,
    partner_id: uuid.UUID,
    start: date | None,
    end: date | None,
) -> PartnerHealthHistory:
    await ensure_visible_partner(session, principal, partner_id)
    start, end = history_window(start, end)
    rows = await repository.history(session, partner_id, start, end)
    return PartnerHealthHistory.model_validate(
        {
            "partner_id": partner_id,
            "from": start,
            "to": end,
            "data": [
                HealthSnapshot(
                    day=row.day,
                    score=row.score,
                    band=row.band,
                    formula_version=row.formula_version,
                    computed_at=row.computed_at,
                    explain=[HealthFactor.model_validate(c) for c in row.components],
                )
                for row in rows
            ],
        }
    )
