"""The catalog of metrics: what each one counts, in words, and how the query engine reads it.

Every figure the metrics endpoints return is one of these, computed from the daily rollups
(or, for the partner and certification metrics, the small partner and certification tables)
exactly as described here — ``GET /v1/metrics/definitions`` serves this catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    MONEY = "money"  # base currency, 2 decimals; unconverted amounts reported beside it
    COUNT = "count"
    RATIO = "ratio"  # 0–1
    HOURS = "hours"
    DAYS = "days"


class Family(StrEnum):
    """Which records a metric is read from; metrics of one family share one query."""

    deal_flows = "deal_flows"
    pipeline = "pipeline"
    approval_time = "approval_time"
    deal_partners = "deal_partners"
    engagement = "engagement"
    active_users = "active_users"
    partners = "partners"
    certifications = "certifications"


#: Dimensions every metric can be split by; ``currency`` only where the records have one.
PARTNER_DIMENSIONS = ("partner", "tier", "partner_type", "country")
DEAL_DIMENSIONS = (*PARTNER_DIMENSIONS, "currency")


@dataclass(frozen=True)
class Metric:
    key: str
    name: str
    formula: str
    unit: Unit
    records: str
    filters: str
    family: Family
    #: A level read at the end of each period (pipeline, certified users) rather than a sum
    #: of what happened during it.
    level: bool = False
    dimensions: tuple[str, ...] = PARTNER_DIMENSIONS


_WON = "deals in status `won`, by close date (`closed_at`)"
_CONVERSION = (
    "Amounts in another currency than the program's base currency convert at the newest "
    "exchange rate of that currency dated on or before the deal's close date in the same "
    "calendar month; an amount with no such rate is not converted and is reported beside "
    "the figure, by currency, in `unconverted` — never summed silently."
)

METRICS: tuple[Metric, ...] = (
    Metric(
        "won_revenue",
        "Won revenue",
        "Sum of the amounts of partner-registered deals won in the period. " + _CONVERSION,
        Unit.MONEY,
        _WON,
        "status = won; closed_at in the period",
        Family.deal_flows,
        dimensions=DEAL_DIMENSIONS,
    ),
    Metric(
        "won_deals",
        "Won deals",
        "Number of deals closed as won in the period.",
        Unit.COUNT,
        _WON,
        "status = won; closed_at in the period",
        Family.deal_flows,
        dimensions=DEAL_DIMENSIONS,
    ),
    Metric(
        "pipeline",
        "Pipeline",
        "Sum of the amounts of approved deals still open (approved, neither won, lost, "
        "withdrawn nor expired) at the end of the period — a level, not a flow. Converted at "
        "the rate of the period's last day (same-month rule as won revenue).",
        Unit.MONEY,
        "deals approved on or before the period's end and not closed, withdrawn or expired by it",
        "decided_at ≤ end of period; exit date (closed_at, withdrawn_at, expired_at; a close "
        "back-dated before the approval counts on the approval day) after it",
        Family.pipeline,
        level=True,
        dimensions=DEAL_DIMENSIONS,
    ),
    Metric(
        "avg_deal_value",
        "Average deal value",
        "Won revenue divided by the number of won deals whose amount converted (deals "
        "without a rate are left out of both). Null when no deal was won.",
        Unit.MONEY,
        _WON,
        "status = won; closed_at in the period",
        Family.deal_flows,
        dimensions=DEAL_DIMENSIONS,
    ),
    Metric(
        "win_rate",
        "Win rate",
        "won / (won + lost), deals closed in the period. Null when none closed.",
        Unit.RATIO,
        "deals in status `won` or `lost`, by close date",
        "status in (won, lost); closed_at in the period",
        Family.deal_flows,
        dimensions=DEAL_DIMENSIONS,
    ),
    Metric(
        "deals_registered",
        "Deals registered",
        "Number of deal registrations submitted in the period (drafts never submitted do "
        "not count).",
        Unit.COUNT,
        "deals with a submission date",
        "submitted_at in the period",
        Family.deal_flows,
        dimensions=DEAL_DIMENSIONS,
    ),
    Metric(
        "approval_rate",
        "Approval rate",
        "approved / (approved + rejected), decisions taken in the period (by a person or a "
        "rule). A registration returned to review counts again when decided again. Null when "
        "nothing was decided.",
        Unit.RATIO,
        "deals with a decision date: approved (then maybe won, lost, withdrawn, expired) "
        "or rejected",
        "decided_at in the period",
        Family.deal_flows,
        dimensions=DEAL_DIMENSIONS,
    ),
    Metric(
        "median_time_to_approval",
        "Median time to approval",
        "Median of (decided_at − submitted_at) in whole hours, over deals approved in the "
        "period. Null when none was approved.",
        Unit.HOURS,
        "approved deals, by decision date",
        "decided_at in the period; approved",
        Family.approval_time,
    ),
    Metric(
        "conflict_rate",
        "Conflict rate",
        "Share of the deals submitted in the period that are flagged as conflicting with "
        "another open registration (`has_conflicts`). Null when none was submitted.",
        Unit.RATIO,
        "deals with a submission date",
        "submitted_at in the period",
        Family.deal_flows,
        dimensions=DEAL_DIMENSIONS,
    ),
    Metric(
        "active_partners",
        "Active partners",
        "Number of distinct partners that submitted or won at least one deal in the period.",
        Unit.COUNT,
        "deals, by submission and close date",
        "submitted_at or closed_at (won) in the period",
        Family.deal_partners,
    ),
    Metric(
        "new_partners",
        "New partners",
        "Number of partners approved into the program in the period.",
        Unit.COUNT,
        "partners, by approval date (`approved_at`)",
        "approved_at in the period",
        Family.partners,
    ),
    Metric(
        "median_time_to_onboard",
        "Median time to onboard",
        "Median of (activated_at − approved_at) in days (one decimal), over partners "
        "activated in the period. Null when none was activated.",
        Unit.DAYS,
        "partners, by activation date (`activated_at`)",
        "activated_at in the period; approved_at set",
        Family.partners,
    ),
    Metric(
        "active_users",
        "Active users",
        "Number of distinct partner users who signed in (or renewed their session) in the period.",
        Unit.COUNT,
        "user activity days (one per partner user and day with a sign-in or session renewal)",
        "day in the period",
        Family.active_users,
    ),
    Metric(
        "asset_downloads",
        "Asset downloads",
        "Number of completed asset downloads by partner users and partner API clients.",
        Unit.COUNT,
        "asset downloads attributed to a partner",
        "downloaded in the period",
        Family.engagement,
    ),
    Metric(
        "course_completions",
        "Course completions",
        "Number of enrollments completed in the period (in the platform or reported by an "
        "external LMS).",
        Unit.COUNT,
        "enrollments in status `completed`, by completion date",
        "completed_at in the period",
        Family.engagement,
    ),
    Metric(
        "certified_users",
        "Certified users",
        "Number of distinct partner users holding a certification valid at the end of the "
        "period (issued on or before it, expiring after it, not revoked by then) — a level.",
        Unit.COUNT,
        "certifications",
        "issued_at ≤ end < expires_at; not revoked on or before the end",
        Family.certifications,
        level=True,
    ),
)

BY_KEY: dict[str, Metric] = {metric.key: metric for metric in METRICS}
METRIC_KEYS: tuple[str, ...] = tuple(BY_KEY)
