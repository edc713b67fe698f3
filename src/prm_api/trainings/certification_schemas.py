"""Certification programs, certifications and their public verification, as the API shows
them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from prm_api.kit.fields import ExternalIds
from prm_api.kit.render import Computed, Shape
from prm_api.kit.schemas import (
    JSON_INTEGER,
    Page,
    RequestModel,
    ResponseModel,
    Timestamp,
    patch_field,
)

VERIFY_PATH = "/v1/certifications/verify/"


class CertificationProgramStatus(StrEnum):
    active = "active"
    archived = "archived"


class CertificationStatus(StrEnum):
    active = "active"
    expiring = "expiring"
    expired = "expired"
    revoked = "revoked"


class VerificationStatus(StrEnum):
    valid = "valid"
    expired = "expired"
    revoked = "revoked"


Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Months = Annotated[int, Field(ge=1, le=120), JSON_INTEGER]
Days = Annotated[int, Field(ge=0, le=365), JSON_INTEGER]
CourseIds = Annotated[list[uuid.UUID], Field(min_length=1, max_length=20)]


class CertificationProgram(ResponseModel):
    id: uuid.UUID
    name: str = Field(examples=["Certified Sales Engineer"])
    description: str
    course_ids: list[uuid.UUID] = Field(
        description="Every one of these courses must be completed (in any order)."
    )
    validity_months: int = Field(description="How long a certification is valid.")
    renewal_window_days: int = Field(
        description="Days before expiry when the holder is re-enrolled in the courses; "
        "completing them again issues a new certification (the old one stays valid until "
        "it expires)."
    )
    expiring_notice_days: int = Field(
        description="Days before expiry when the certification becomes `expiring` "
        "(`certification.expiring`)."
    )
    status: CertificationProgramStatus = Field(
        description="`archived`: issues nothing new; certifications already issued live on."
    )
    external_ids: dict[str, str]
    created_at: Timestamp
    updated_at: Timestamp


class CertificationProgramCreate(RequestModel):
    name: Name = Field(examples=["Certified Sales Engineer"])
    description: str = Field(default="", max_length=10_000)
    course_ids: CourseIds
    validity_months: Months = 12
    renewal_window_days: Days = 60
    expiring_notice_days: Days = 30
    external_ids: ExternalIds = Field(default_factory=dict)


class CertificationProgramUpdate(RequestModel):
    """Only the fields sent change; new rules apply to what is issued from now on."""

    name: Name = patch_field()
    description: str = patch_field(max_length=10_000)
    course_ids: CourseIds = patch_field()
    validity_months: Months = patch_field()
    renewal_window_days: Days = patch_field()
    expiring_notice_days: Days = patch_field()
    status: CertificationProgramStatus = patch_field()
    external_ids: ExternalIds | None = None


class CertificationProgramList(Page[CertificationProgram]):
    """A page of certification programs."""


class Certification(ResponseModel):
    id: uuid.UUID
    number: str = Field(examples=["CERT-2026-000042"], description="Human-readable, unique.")
    program_id: uuid.UUID
    user_id: uuid.UUID
    partner_id: uuid.UUID
    status: CertificationStatus
    issued_at: Timestamp
    expires_at: Timestamp
    revoked_at: Timestamp | None
    revoked_reason: str | None
    verification_code: str = Field(
        description="Shared by the holder: anyone checks it at `verify_path`, without a token."
    )
    verify_path: str = Field(examples=["/v1/certifications/verify/3q2…"])
    renews_id: uuid.UUID | None = Field(description="The certification this one renews.")
    renewed_by_id: uuid.UUID | None = Field(description="The certification that renewed it.")
    created_at: Timestamp
    updated_at: Timestamp


class CertificationList(Page[Certification]):
    """A page of certifications."""


class CertificationRevoke(RequestModel):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=1000)] = Field(
        description="Why (kept with the certification; the public verification does not show it)."
    )


class CertificationVerification(ResponseModel):
    """What anyone holding a verification code may learn: nothing about the partner."""

    status: VerificationStatus
    valid: bool
    holder_name: str
    certification_name: str
    issued_at: Timestamp
    expires_at: Timestamp
    revoked_at: Timestamp | None


PROGRAM = Shape(CertificationProgram)
CERTIFICATION = Shape(
    Certification, verify_path=Computed(lambda code: VERIFY_PATH + code, "verification_code")
)


@dataclass(frozen=True)
class CertificationFilters:
    program_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    partner_id: uuid.UUID | None = None
    status: list[str] | None = None


class CertificationCredential(ResponseModel):
    """The JSON form of a downloaded credential."""

    jwt: str = Field(description="The VC-JWT (what `application/vc+jwt` returns alone).")
    credential: dict[str, Any] = Field(
        description="The Open Badges 3.0 `OpenBadgeCredential` the JWT's payload holds."
    )
