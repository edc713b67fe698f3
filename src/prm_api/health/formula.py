"""The health formula, version ``health-1``: pure functions from one partner's figures to
its score, band and ``explain[]``. No I/O here: :mod:`prm_api.health.compute` gathers the
figures for many partners at once and calls :func:`score`.

Every component is normalized to 0–1 (4 decimals, half up) as follows:

``deal_recency``
    Days from the last day any of the partner's deals was registered, decided or closed to
    ``as_of``: 0 days → 1, falling linearly to 0 at :data:`RECENCY_HORIZON_DAYS`. Never any
    deal activity → 0.
``pipeline_trend``
    Open approved pipeline (base currency) at the end of ``as_of`` divided by the pipeline
    :data:`PIPELINE_LOOKBACK_DAYS` earlier: a ratio ≥ 1.2 → 1, ≤ 0.5 → 0, linear between.
    No pipeline at either time → 0.5 (neutral: nothing to compare); none then but some now →
    1 (it grew from nothing). Amounts in a currency without an exchange rate are not counted
    (they are listed in ``figures``).
``win_rate``
    Won / (won + lost) over the last :data:`WIN_RATE_DAYS` days, as is. Nothing closed → 0.5
    (neutral: no evidence either way).
``certification_coverage``
    Users holding a current certification (``active``/``expiring``, not past expiry: what a
    tier's ``min_certified_users`` counts) / the partner's active users, capped at 1. No
    active user → 0.
``engagement``
    Over the last :data:`ENGAGEMENT_WINDOW_DAYS` days: sign-ins (a user's first sign-in of a
    day), asset downloads and course completions, each as a share of its fixed target in
    :data:`ENGAGEMENT_TARGETS` (capped at 1), averaged. Fixed targets, not the program's
    median: a partner's score depends only on its own records, so the live score of one
    partner and the daily job over all partners agree, and a score does not move because
    other partners did.

Weights come from ``ProgramSettings.health_weights`` (missing or invalid keys take
:data:`DEFAULT_WEIGHTS`; all zero → the defaults). The score is Σ weightᵢ × normalizedᵢ /
Σ weights × 100, rounded half up; each component's points are its exact share, rounded by
largest remainder so that they add up to the score exactly.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from prm_api.health.schemas import Figure, HealthBand, HealthComponent, HealthFactor

FORMULA_VERSION = "health-1"

#: Components in the order ``explain[]`` lists them.
COMPONENTS: tuple[HealthComponent, ...] = tuple(HealthComponent)
DEFAULT_WEIGHTS: dict[str, int] = {
    "deal_recency": 25,
    "pipeline_trend": 15,
    "win_rate": 20,
    "certification_coverage": 20,
    "engagement": 20,
}

#: Band thresholds: ``healthy`` from 70, ``at_risk`` from 40, ``critical`` below.
HEALTHY_MIN = 70
AT_RISK_MIN = 40

RECENCY_HORIZON_DAYS = 90
PIPELINE_LOOKBACK_DAYS = 90
PIPELINE_RATIO_FULL = Decimal("1.2")
PIPELINE_RATIO_ZERO = Decimal("0.5")
WIN_RATE_DAYS = 365
ENGAGEMENT_WINDOW_DAYS = 90
#: What a well-engaged partner does in :data:`ENGAGEMENT_WINDOW_DAYS` days.
ENGAGEMENT_TARGETS: dict[str, int] = {"sign_ins": 30, "downloads": 10, "course_completions": 3}
#: A component without evidence either way.
NEUTRAL = Decimal("0.5")

_PLACES = Decimal("0.0001")
ONE, ZERO = Decimal(1), Decimal(0)


@dataclass(frozen=True)
class HealthInputs:
    """One partner's figures on ``as_of``, as :mod:`.compute` reads them."""

    partner_id: uuid.UUID
    as_of: date
    currency: str
    last_deal_activity: date | None = None
    pipeline_now: Decimal = ZERO
    pipeline_before: Decimal = ZERO
    pipeline_unconverted: Mapping[str, Decimal] = field(default_factory=dict)
    won_deals: int = 0
    lost_deals: int = 0
    certified_users: int = 0
    active_users: int = 0
    sign_ins: int = 0
    downloads: int = 0
    course_completions: int = 0


@dataclass(frozen=True)
class Measured:
    raw_value: float | None
    unit: str
    description: str
    figures: dict[str, Figure]
    normalized: Decimal


@dataclass(frozen=True)
class HealthScore:
    partner_id: uuid.UUID
    as_of: date
    score: int
    band: HealthBand
    explain: list[HealthFactor]
    formula_version: str = FORMULA_VERSION


def _clamp01(value: Decimal) -> Decimal:
    return min(ONE, max(ZERO, value)).quantize(_PLACES, ROUND_HALF_UP)


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):.2f}"


def _percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def deal_recency(x: HealthInputs) -> Measured:
    last = x.last_deal_activity
    if last is None:
        return Measured(
            None,
            "days",
            "No deal was ever registered, decided or closed.",
            {"last_deal_activity": None},
            ZERO,
        )
    days = max(0, (x.as_of - last).days)
    normalized = _clamp01(ONE - Decimal(days) / RECENCY_HORIZON_DAYS)
    return Measured(
        days,
        "days",
        f"Last deal activity {days} days ago ({last.isoformat()}); 0 days scores 1, "
        f"{RECENCY_HORIZON_DAYS} or more 0.",
        {"last_deal_activity": last.isoformat(), "days_since": days},
        normalized,
    )


def pipeline_trend(x: HealthInputs) -> Measured:
    now, before = x.pipeline_now, x.pipeline_before
    figures: dict[str, Figure] = {
        "pipeline_now": _money(now),
        f"pipeline_{PIPELINE_LOOKBACK_DAYS}_days_ago": _money(before),
        "currency": x.currency,
    }
    for currency, amount in sorted(x.pipeline_unconverted.items()):
        figures[f"unconverted_{currency}"] = _money(amount)
    if before <= 0:
        if now <= 0:
            text = f"No open pipeline now nor {PIPELINE_LOOKBACK_DAYS} days ago: neutral 0.5."
            return Measured(None, "ratio", text, figures, NEUTRAL)
        text = (
            f"Open pipeline grew from nothing {PIPELINE_LOOKBACK_DAYS} days ago to "
            f"{_money(now)} {x.currency}: scores 1."
        )
        return Measured(None, "ratio", text, figures, ONE)
    ratio = now / before
    normalized = _clamp01(
        (ratio - PIPELINE_RATIO_ZERO) / (PIPELINE_RATIO_FULL - PIPELINE_RATIO_ZERO)
    )
    shown = ratio.quantize(_PLACES, ROUND_HALF_UP)
    text = (
        f"Open pipeline {_money(now)} {x.currency} against {_money(before)} "
        f"{PIPELINE_LOOKBACK_DAYS} days ago (× {shown}); × {PIPELINE_RATIO_FULL} or more "
        f"scores 1, × {PIPELINE_RATIO_ZERO} or less 0."
    )
    return Measured(float(shown), "ratio", text, figures, normalized)


def win_rate(x: HealthInputs) -> Measured:
    closed = x.won_deals + x.lost_deals
    figures: dict[str, Figure] = {"won_deals": x.won_deals, "lost_deals": x.lost_deals}
    if closed == 0:
        text = "No deal won or lost in the last 12 months: neutral 0.5."
        return Measured(None, "ratio", text, figures, NEUTRAL)
    rate = _clamp01(Decimal(x.won_deals) / closed)
    text = (
        f"{x.won_deals} won of {closed} closed in the last 12 months "
        f"({_percent(Decimal(x.won_deals) / closed)})."
    )
    return Measured(float(rate), "ratio", text, figures, rate)


def certification_coverage(x: HealthInputs) -> Measured:
    figures: dict[str, Figure] = {
        "certified_users": x.certified_users,
        "active_users": x.active_users,
    }
    if x.active_users <= 0:
        return Measured(None, "ratio", "The partner has no active user.", figures, ZERO)
    share = _clamp01(Decimal(x.certified_users) / x.active_users)
    text = f"{x.certified_users} of {x.active_users} active users hold a current certification" + (
        " (capped at 1)." if x.certified_users > x.active_users else "."
    )
    return Measured(float(share), "ratio", text, figures, share)


def engagement(x: HealthInputs) -> Measured:
    values = {
        "sign_ins": x.sign_ins,
        "downloads": x.downloads,
        "course_completions": x.course_completions,
    }
    shares = [
        min(ONE, Decimal(values[name]) / target) for name, target in ENGAGEMENT_TARGETS.items()
    ]
    normalized = _clamp01(sum(shares, ZERO) / len(shares))
    figures: dict[str, Figure] = {**values}
    figures.update({f"{name}_target": t for name, t in ENGAGEMENT_TARGETS.items()})
    t = ENGAGEMENT_TARGETS
    text = (
        f"In the last {ENGAGEMENT_WINDOW_DAYS} days: {x.sign_ins} sign-ins (target "
        f"{t['sign_ins']}), {x.downloads} downloads (target {t['downloads']}), "
        f"{x.course_completions} course completions (target {t['course_completions']}); "
        "each capped at its target, averaged."
    )
    return Measured(sum(values.values()), "activities", text, figures, normalized)


MEASURES = {
    HealthComponent.deal_recency: deal_recency,
    HealthComponent.pipeline_trend: pipeline_trend,
    HealthComponent.win_rate: win_rate,
    HealthComponent.certification_coverage: certification_coverage,
    HealthComponent.engagement: engagement,
}


def _weight(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value < 0 or value != int(value):
        return None
    return int(value)


def resolve_weights(stored: Mapping[str, Any] | None) -> dict[str, int]:
    """The weights in force: the stored value of each component where it is a whole number
    ≥ 0, the default otherwise; all zero (nothing to divide by) → the defaults."""
    weights = dict(DEFAULT_WEIGHTS)
    for name in weights:
        value = _weight((stored or {}).get(name))
        if value is not None:
            weights[name] = value
    return weights if sum(weights.values()) > 0 else dict(DEFAULT_WEIGHTS)


def band_of(score: int) -> HealthBand:
    if score >= HEALTHY_MIN:
        return HealthBand.healthy
    if score >= AT_RISK_MIN:
        return HealthBand.at_risk
    return HealthBand.critical


def largest_remainder(shares: list[Decimal], total: int) -> list[int]:
    """Whole numbers, one per share, each its share rounded down or up, adding up to
    ``total`` (which must be within the rounding of the shares' sum): the largest
    remainders get the extra units, ties to the earlier share."""
    floors = [int(s.to_integral_value(ROUND_FLOOR)) for s in shares]
    missing = total - sum(floors)
    order = sorted(range(len(shares)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in order[: max(0, missing)]:
        floors[i] += 1
    return floors


def score(inputs: HealthInputs, weights: Mapping[str, int]) -> HealthScore:
    """The partner's score, band and explanation (``weights`` as :func:`resolve_weights`
    returns them)."""
    measured = [(c, MEASURES[c](inputs)) for c in COMPONENTS]
    total_weight = sum(weights[c.value] for c in COMPONENTS)
    exact = [Decimal(weights[c.value]) * m.normalized * 100 / total_weight for c, m in measured]
    total = int(sum(exact, ZERO).to_integral_value(ROUND_HALF_UP))
    points = largest_remainder(exact, total)
    explain = [
        HealthFactor(
            component=c,
            raw_value=m.raw_value,
            unit=m.unit,
            description=m.description,
            figures=m.figures,
            normalized=float(m.normalized),
            weight=weights[c.value],
            points=p,
        )
        for (c, m), p in zip(measured, points, strict=True)
    ]
    return HealthScore(inputs.partner_id, inputs.as_of, total, band_of(total), explain)
