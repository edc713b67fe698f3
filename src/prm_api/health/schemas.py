"""Partner health and recommendations as the API shows them (and as events carry them)."""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from prm_api.kit.schemas import Page, ResponseModel, Timestamp

#: A number or text behind a component or a recommendation (money as a decimal string).
Figure = int | float | str | None
Figures = Annotated[
    dict[str, Figure],
    Field(description="The numbers behind it, by name (money amounts as decimal strings)."),
]


class HealthComponent(StrEnum):
    """A component of the health score (`GET /v1/partners/{id}/health`, `explain[]`)."""

    deal_recency = "deal_recency"
    pipeline_trend = "pipeline_trend"
    win_rate = "win_rate"
    certification_coverage = "certification_coverage"
    engagement = "engagement"


class HealthBand(StrEnum):
    """`healthy` (score ≥ 70), `at_risk` (40–69) or `critical` (< 40)."""

    healthy = "healthy"
    at_risk = "at_risk"
    critical = "critical"


class HealthFactor(ResponseModel):
    """One component of a health score: what was measured, how it scored and how many of the
    score's points it gave. The points of every component add up to the score."""

    component: HealthComponent
    raw_value: float | None = Field(
        description="What was measured, in `unit`; null when there was nothing to measure "
        "(`description` says which value applied instead).",
        examples=[12],
    )
    unit: str = Field(
        description="`days`, `ratio` (0–1 or a growth factor) or `activities`.",
        examples=["days"],
    )
    description: str = Field(
        description="The measurement and its scoring in one sentence.",
        examples=["Last deal activity 12 days ago (2026-11-21); 0 days scores 1, 90 or more 0."],
    )
    figures: Figures
    normalized: float = Field(ge=0, le=1, description="The component's score, 0–1.")
    weight: int = Field(ge=0, description="The component's weight in the program's settings.")
    points: int = Field(
        ge=0,
        le=100,
        description="The component's share of the score: weight × normalized / Σ weights × 100, "
        "rounded so that the points of all components add up to the score exactly (largest "
        "remainder).",
    )


class PartnerHealth(ResponseModel):
    """A partner's health score now, with the explanation of every point."""

    partner_id: uuid.UUID
    score: int = Field(ge=0, le=100, examples=[72])
    band: HealthBand
    formula_version: str = Field(
        description="Changes whenever the formula does (components, scaling, defaults).",
        examples=["health-1"],
    )
    as_of: date = Field(description="The UTC day the measurement windows end on (today).")
    computed_at: Timestamp
    explain: list[HealthFactor] = Field(description="One entry per component, in a fixed order.")


class HealthSnapshot(ResponseModel):
    """The score the daily job recorded for one day, explained as it was computed then."""

    day: date
    score: int = Field(ge=0, le=100)
    band: HealthBand
    formula_version: str
    computed_at: Timestamp
    explain: list[HealthFactor]


class PartnerHealthHistory(ResponseModel):
    """A partner's daily health snapshots between two days (both included), oldest first."""

    partner_id: uuid.UUID
    from_: date = Field(alias="from", description="First day (inclusive).")
    to: date = Field(description="Last day (inclusive).")
    data: list[HealthSnapshot] = Field(
        description="Days with a snapshot, oldest first (a day the job did not run, or before "
        "the partner was active, has none)."
    )


class PartnerHealthChange(ResponseModel):
    """A partner's health moved to another band (`partner.health_changed`)."""

    partner_id: uuid.UUID
    previous_band: HealthBand
    band: HealthBand
    score: int = Field(ge=0, le=100)
    day: date = Field(description="The day of the snapshot that crossed the band.")
    formula_version: str
    explain: list[HealthFactor]


# --- recommendations ---------------------------------------------------------------------------


class RecommendationKind(StrEnum):
    """What a recommendation asks for."""

    earn_certification = "earn_certification"
    renew_certification = "renew_certification"
    extend_deal_protection = "extend_deal_protection"
    use_asset = "use_asset"
    take_course = "take_course"


class RecommendationPriority(StrEnum):
    """`high` first: deadlines within days, or what the next tier lacks."""

    high = "high"
    medium = "medium"
    low = "low"


class RecommendationTargetType(StrEnum):
    """The kind of thing to act on."""

    certification_program = "certification_program"
    certification = "certification"
    deal = "deal"
    asset = "asset"
    course = "course"


class RecommendationTarget(ResponseModel):
    """The thing to act on, and where the API serves it."""

    type: RecommendationTargetType
    id: uuid.UUID
    name: str
    href: str = Field(examples=["/v1/deals/0191f7b6-5a8e-7c1d-9d3c-2f6a1e0b4c55"])


class Recommendation(ResponseModel):
    """A next best action for the partner, with why and the numbers behind it."""

    kind: RecommendationKind
    priority: RecommendationPriority
    title: str = Field(examples=["Renew Cloud Architect for Ada Lovelace"])
    reason: str = Field(
        examples=["The certification of Ada Lovelace expires in 12 days (2026-12-15)."]
    )
    figures: Figures
    target: RecommendationTarget
    related: list[RecommendationTarget] = Field(
        description="Further things involved (the courses a certification program requires)."
    )


class RecommendationList(Page[Recommendation]):
    """The partner's recommendations, most urgent first. Always complete in one page
    (`has_more` is false): each kind is bounded."""


HealthOut = PartnerHealth
