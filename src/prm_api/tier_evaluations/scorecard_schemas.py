"""A partner's scorecard as the API returns it."""

from __future__ import annotations

import uuid

from pydantic import Field

from prm_api.health.schemas import PartnerHealth
from prm_api.kit.schemas import IsoDate, Money, ResponseModel, Timestamp
from prm_api.partners.schemas import PartnerStatus
from prm_api.tier_evaluations.schemas import PartnerFigures, TierCheck
from prm_api.tiers.schemas import TierRef


class ScorecardPeriod(ResponseModel):
    start: IsoDate
    end: IsoDate = Field(description="Included.")
    days: int


class ScorecardKpis(ResponseModel):
    won_revenue: Money = Field(
        description="Won deals by close date, converted to the base currency at their close "
        "month's rate."
    )
    won_revenue_unconverted: list[Money] = Field(
        description="Won amounts with no exchange rate for their close month, per currency: "
        "not in `won_revenue` (never summed silently)."
    )
    won_deals: int
    lost_deals: int
    win_rate: float | None = Field(description="won / (won + lost); null when nothing closed.")
    avg_deal_value: Money | None = Field(
        description="`won_revenue` / `won_deals`; null when nothing was won, or when some won "
        "amounts have no exchange rate (the average of part of the deals would mislead)."
    )
    pipeline: Money = Field(description="Approved open deals at the period's end (base currency).")
    pipeline_deals: int
    pipeline_unconverted: list[Money]
    deals_registered: int = Field(description="Deals submitted in the period.")
    deals_approved: int
    deals_rejected: int
    approval_rate: float | None = Field(
        description="approved / (approved + rejected) of the period's decisions; null when none."
    )
    asset_downloads: int
    course_completions: int
    active_users: int = Field(description="Distinct partner users who signed in.")
    sign_ins: int


class ScorecardFigures(ResponseModel):
    period: ScorecardPeriod
    kpis: ScorecardKpis


class TierProgress(ResponseModel):
    window_start: IsoDate = Field(description="The tier window (program `tier_window_months`).")
    window_end: IsoDate
    figures: PartnerFigures = Field(description="The figures tiers are evaluated on.")
    current_tier: TierCheck | None = Field(
        description="The partner's tier checked against its own criteria (a tier it no longer "
        "meets is what an evaluation would downgrade); null without a tier."
    )
    qualified_tier: TierRef | None = Field(
        description="The tier an evaluation run now would give it (null: none)."
    )
    next_tier: TierCheck | None = Field(
        description="The tier above its current one, criterion by criterion: what is missing "
        "(`missing`, `summary`). Null at the top tier."
    )
    summary: str = Field(
        examples=["To reach Gold: 2 more certified users, 40,000.00 USD more won revenue."]
    )


class ExpiringCertification(ResponseModel):
    certification_id: uuid.UUID
    user_id: uuid.UUID
    user_name: str
    program_id: uuid.UUID
    program_name: str
    expires_at: Timestamp


class ScorecardCertifications(ResponseModel):
    certified_users: int = Field(description="Users holding an active, unexpired certification.")
    held: int = Field(description="Active, unexpired certifications.")
    expiring_within_days: int = Field(examples=[60])
    expiring_count: int = Field(description="Held certifications expiring within that many days.")
    expiring: list[ExpiringCertification] = Field(
        description="The first 50 of them, soonest first."
    )


class ScorecardOnboarding(ResponseModel):
    completed: bool = Field(description="Every required onboarding step is done.")
    required_steps: int
    completed_required_steps: int
    percent: int
    approved_at: Timestamp | None
    activated_at: Timestamp | None
    time_to_onboard_seconds: int | None = Field(description="Approval to activation.")


class Scorecard(ResponseModel):
    partner_id: uuid.UUID
    partner_name: str
    partner_status: PartnerStatus
    as_of: IsoDate = Field(description="The UTC day the figures run to.")
    base_currency: str = Field(examples=["USD"])
    current: ScorecardFigures
    previous: ScorecardFigures = Field(description="The period just before, of the same length.")
    tier: TierRef | None
    next_tier: TierRef | None = Field(description="The tier above the partner's; null at the top.")
    progress: TierProgress | None = Field(
        description="Null only when a tier cannot be evaluated (see `notes`)."
    )
    certifications: ScorecardCertifications
    onboarding: ScorecardOnboarding
    health: PartnerHealth | None = Field(
        description="The partner's health score now, with its explanation "
        "(`GET /v1/partners/{id}/health`)."
    )
    notes: list[str] = Field(
        description="What could not be computed and why (e.g. a missing exchange rate)."
    )
