"""`/v1/partners/{partner_id}/health`, its history, and the partner's recommendations."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from prm_api.auth.policy import MetricsRead
from prm_api.db import Session
from prm_api.health import recommendations, service
from prm_api.health.schemas import PartnerHealth, PartnerHealthHistory, RecommendationList
from prm_api.kit.openapi import errors
from prm_api.kit.schemas import IsoDate

router = APIRouter(prefix="/v1/partners/{partner_id}", tags=["partner-health"])


@router.get(
    "/health",
    operation_id="partners_health_get",
    summary="Get a partner's health score",
    response_model=PartnerHealth,
    responses=errors(401, 403, 404),
)
async def get_health(
    partner_id: uuid.UUID, session: Session, principal: MetricsRead
) -> PartnerHealth:
    """The partner's health now: a score from 0 to 100, its band (`healthy` from 70,
    `at_risk` from 40, `critical` below) and `explain[]`, one entry per component with what
    was measured (`raw_value`, `unit`, `figures`, a `description` sentence), its `normalized`
    score (0–1), its `weight` and the `points` it gives — the points add up to the score, so
    every point can be traced.

    Components (formula `health-1`, windows ending today, UTC):
    - `deal_recency`: days since the partner's last deal registered, decided or closed —
      today scores 1, 90 days or more 0 (never: 0);
    - `pipeline_trend`: open approved pipeline now against 90 days ago — ×1.2 or more scores
      1, ×0.5 or less 0 (none at either time: 0.5; none then, some now: 1);
    - `win_rate`: won / (won + lost) over the last 12 months (nothing closed: 0.5);
    - `certification_coverage`: users with a current certification / active users (none: 0);
    - `engagement`: sign-ins, downloads and course completions in the last 90 days against
      fixed targets (30, 10, 3), each capped, averaged.

    Weights are the program's (`health_weights` in the program settings; default 25, 15, 20,
    20, 20). Computed live from the current records; `GET …/health/history` gives the daily
    snapshots. A partner token reads its own partner only (another is a 404)."""
    return await service.get_health(session, principal, partner_id)


@router.get(
    "/health/history",
    operation_id="partners_health_history_get",
    summary="Get a partner's daily health history",
    response_model=PartnerHealthHistory,
    responses=errors(400, 401, 403, 404, 422),
)
async def get_health_history(
    partner_id: uuid.UUID,
    session: Session,
    principal: MetricsRead,
    from_: Annotated[
        IsoDate | None,
        Query(alias="from", description="First day, inclusive (default: 89 days before `to`)."),
    ] = None,
    to: Annotated[
        IsoDate | None, Query(description="Last day, inclusive (default: today).")
    ] = None,
) -> PartnerHealthHistory:
    """The daily snapshots the `snapshot-health` job recorded for the partner between `from`
    and `to` (UTC days, both included; at most 400 days per request: 422 `range_too_long`;
    `from` after `to`: 422 `after_to`), oldest first, in one response (no pagination: the
    window bounds it). Each snapshot keeps the explanation and formula version of its day, so
    a change of weights does not rewrite the past. Days without a snapshot (before the
    partner was active, or a day the job did not run) are absent. A partner token reads its
    own partner only (another is a 404)."""
    return await service.get_history(session, principal, partner_id, from_, to)


@router.get(
    "/recommendations",
    operation_id="partners_recommendations_list",
    summary="List a partner's recommended next actions",
    response_model=RecommendationList,
    responses=errors(401, 403, 404),
)
async def list_recommendations(
    partner_id: uuid.UUID, session: Session, principal: MetricsRead
) -> RecommendationList:
    """Next best actions for the partner, most urgent first, each with a `reason` sentence,
    the `figures` behind it and the `target` to act on (id and API path):

    - `earn_certification` — the next tier needs more certified users: the certification
      programs whose courses the partner can take (the courses in `related`);
    - `extend_deal_protection` — approved deals whose protection ends within 14 days;
    - `renew_certification` — certifications of the partner's users expiring within 60
      days (a partner user sees its own only);
    - `take_course`, `use_asset` — what the partners of the same tier and type that win more
      deals used most in the last 90 days and this partner has not (only content the
      partner can see; other partners are never named).

    Deterministic: the same records give the same list. Priorities: `high`, `medium`,
    `low`. Complete in one page (`has_more` is always false). A partner token reads its own
    partner only (another is a 404)."""
    found = await recommendations.recommendations_for(session, principal, partner_id)
    return RecommendationList(data=found, has_more=False, next_cursor=None)
