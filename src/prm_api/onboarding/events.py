"""Event types of the onboarding plan and checklists."""

from __future__ import annotations

from prm_api.events.registry import define, define_verbs
from prm_api.onboarding.schemas import OnboardingChecklist, OnboardingStep

STEP = define_verbs(
    "onboarding_step",
    OnboardingStep,
    {
        "created": "A step was added to the onboarding plan.",
        "updated": "An onboarding step changed.",
        "deleted": "An onboarding step was removed from the plan.",
    },
)
STEP_COMPLETED = define(
    "partner.onboarding_step_completed",
    "A partner completed an onboarding step (the payload is its checklist).",
    OnboardingChecklist,
)
ONBOARDING_COMPLETED = define(
    "partner.onboarding_completed",
    "A partner completed every required onboarding step. With the program setting "
    "onboarding_auto_activate off, a channel manager activates it "
    "(POST /v1/partners/{id}/activate); with it on, the partner was activated in the same "
    "transaction (partner.activated). Emitted when the checklist becomes complete: a "
    "required step added later that the partner already meets does not emit it again; one "
    "it does not meet opens the checklist again, and completing that emits it again.",
    OnboardingChecklist,
)
