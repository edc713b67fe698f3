"""The onboarding plan's steps and a partner's checklist as the API speaks them."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from prm_api.kit.render import Shape
from prm_api.kit.schemas import (
    JSON_INTEGER,
    Page,
    RequestModel,
    ResponseModel,
    StrictBool,
    Timestamp,
    patch_field,
)


class OnboardingStepKind(StrEnum):
    """What completes a step. `profile_completed`: the named `profile_fields` are filled;
    `agreement_accepted`: a partner user accepted the acknowledgement `module_id`;
    `course_completed`: `min_count` of the partner's users completed `course_id`;
    `users_invited`: `min_count` of the partner's invitations were accepted;
    `first_deal_registered`: the partner's first deal is registered — created, even as a
    draft (a partner in onboarding cannot submit deals: submission requires an active
    partner); `custom`: vendor staff check it. All but `custom` complete by themselves, in
    the transaction of the change that satisfies them."""

    profile_completed = "profile_completed"
    agreement_accepted = "agreement_accepted"
    course_completed = "course_completed"
    users_invited = "users_invited"
    first_deal_registered = "first_deal_registered"
    custom = "custom"


class ProfileField(StrEnum):
    """Partner profile fields a ``profile_completed`` step may require to be filled."""

    legal_name = "legal_name"
    website = "website"
    country = "country"
    region = "region"
    description = "description"
    contact_name = "contact_name"
    contact_email = "contact_email"
    contact_phone = "contact_phone"
    address = "address"


StepPosition = Annotated[int, Field(ge=0, le=100_000), JSON_INTEGER]
MinCount = Annotated[int, Field(ge=1, le=10_000), JSON_INTEGER]


class OnboardingStep(ResponseModel):
    id: uuid.UUID
    position: int = Field(description="Steps are shown in ascending position.")
    kind: OnboardingStepKind
    title: str
    description: str
    required: bool = Field(description="Only required steps gate the end of onboarding.")
    profile_fields: list[ProfileField] = Field(
        description="profile_completed: the profile fields that must be filled."
    )
    module_id: uuid.UUID | None = Field(
        description="agreement_accepted: the acknowledgement module to accept."
    )
    course_id: uuid.UUID | None = Field(description="course_completed: the course to complete.")
    min_count: int | None = Field(
        description="course_completed: users who must complete the course; users_invited: "
        "invitations that must be accepted."
    )
    created_at: Timestamp
    updated_at: Timestamp


class OnboardingStepCreate(RequestModel):
    kind: OnboardingStepKind
    title: str = Field(min_length=1, max_length=200, examples=["Accept the partner agreement"])
    description: str = Field(default="", max_length=5000)
    required: StrictBool = True
    position: StepPosition | None = Field(default=None, description="Default: after the last.")
    profile_fields: list[ProfileField] = Field(default_factory=list, max_length=9)
    module_id: uuid.UUID | None = None
    course_id: uuid.UUID | None = None
    min_count: MinCount | None = Field(
        default=None, description="course_completed and users_invited only; default 1."
    )


class OnboardingStepUpdate(RequestModel):
    """What a step's kind means stays: change the title, order, required flag or thresholds."""

    title: str = patch_field(min_length=1, max_length=200)
    description: str = patch_field(max_length=5000)
    required: StrictBool = patch_field()
    position: StepPosition = patch_field()
    profile_fields: list[ProfileField] = patch_field(max_length=9)
    min_count: MinCount = patch_field()


class OnboardingStepList(Page[OnboardingStep]):
    """A page of onboarding steps, in plan order."""


#: A step row as the API shows it.
STEP = Shape(OnboardingStep)


class ChecklistStepStatus(StrEnum):
    pending = "pending"
    completed = "completed"


class ChecklistStep(ResponseModel):
    step_id: uuid.UUID
    position: int
    kind: OnboardingStepKind
    title: str
    required: bool
    status: ChecklistStepStatus
    completed_at: Timestamp | None
    completed_by: str | None = Field(description="Who made the change that satisfied the step.")


class ChecklistProgress(ResponseModel):
    required_steps: int
    completed_required_steps: int
    percent: int = Field(description="Required steps done, 0–100 (100 when none is required).")


class OnboardingChecklist(ResponseModel):
    partner_id: uuid.UUID
    partner_status: str = Field(examples=["onboarding"])
    completed: bool = Field(description="Every required step is done.")
    progress: ChecklistProgress
    steps: list[ChecklistStep]
    approved_at: Timestamp | None
    activated_at: Timestamp | None
    time_to_onboard_seconds: int | None = Field(
        description="Approval to activation, once the partner is active (for metrics)."
    )


def seconds_between(start: datetime | None, end: datetime | None) -> int | None:
    if start is None or end is None:
        return None
    return max(0, int((end - start).total_seconds()))
