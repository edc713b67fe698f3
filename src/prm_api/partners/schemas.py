"""The partner resource as the API reads and writes it."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from pydantic import EmailStr, Field, StringConstraints

from prm_api.kit.fields import (
    DomainName,
    ExternalIds,
    PartnerType,
    UpsertExternalIds,
    Website,
)
from prm_api.kit.render import Computed, Shape, json_object
from prm_api.kit.schemas import (
    CountryCode,
    Page,
    RequestModel,
    ResponseModel,
    Timestamp,
    patch_field,
)
from prm_api.models.partner import invitation_status
from prm_api.tiers.schemas import TierRef

if TYPE_CHECKING:
    from prm_api import models
    from prm_api.models import Tier


class PartnerStatus(StrEnum):
    applied = "applied"
    onboarding = "onboarding"
    active = "active"
    suspended = "suspended"
    declined = "declined"
    terminated = "terminated"


Tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.:-]{0,63}$")]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()./-]{3,40}$")]


class Contact(ResponseModel):
    """The partner's primary contact."""

    name: str | None = Field(default=None, max_length=200)
    email: EmailStr | None = Field(default=None, max_length=320)
    phone: Phone | None = None


class ContactIn(RequestModel):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    email: EmailStr | None = Field(default=None, max_length=320)
    phone: Phone | None = None


class Address(RequestModel):
    line1: str | None = Field(default=None, max_length=200)
    line2: str | None = Field(default=None, max_length=200)
    city: str | None = Field(default=None, max_length=100)
    postal_code: str | None = Field(default=None, max_length=20)
    state: str | None = Field(default=None, max_length=100)
    country: CountryCode | None = None


class Partner(ResponseModel):
    id: uuid.UUID
    name: str = Field(examples=["Northwind Systems"])
    legal_name: str | None
    website: str | None
    domain: str | None = Field(description="Normalized primary domain (lowercase, punycode).")
    type: PartnerType
    status: PartnerStatus
    status_reason: str | None = Field(description="Reason given with the last lifecycle action.")
    tier: TierRef | None
    country: str | None = Field(description="ISO 3166-1 alpha-2.")
    region: str | None
    description: str | None
    contact: Contact
    address: Address | None
    manager_id: uuid.UUID | None = Field(description="Assigned channel manager (a vendor user).")
    tags: list[str]
    external_ids: dict[str, str] = Field(examples=[{"salesforce": "0015g00000XyZabAAB"}])
    source: str = Field(description="`application`, `vendor` or `crm`: how the partner arrived.")
    applied_at: Timestamp | None
    approved_at: Timestamp | None
    activated_at: Timestamp | None
    suspended_at: Timestamp | None
    declined_at: Timestamp | None
    terminated_at: Timestamp | None
    created_at: Timestamp
    updated_at: Timestamp


class PartnerCreate(RequestModel):
    name: str = Field(min_length=1, max_length=200, examples=["Northwind Systems"])
    legal_name: str | None = Field(default=None, min_length=1, max_length=300)
    website: Website | None = Field(default=None, examples=["https://northwind.example"])
    domain: DomainName | None = Field(
        default=None, description="Primary domain; derived from `website` when omitted."
    )
    type: PartnerType
    country: CountryCode | None = None
    region: str | None = Field(default=None, max_length=100)
    description: str | None = Field(default=None, max_length=5000)
    contact: ContactIn | None = None
    address: Address | None = None
    manager_id: uuid.UUID | None = None
    tags: list[Tag] = Field(default_factory=list, max_length=50)
    external_ids: ExternalIds = Field(default_factory=dict)


class PartnerUpsert(PartnerCreate):
    """CRM sync body of `PUT /v1/partners/external/{system}/{external_id}`."""

    external_ids: UpsertExternalIds = Field(default_factory=dict)


class PartnerUpdate(RequestModel):
    """All fields optional; only the ones sent change. Partner tokens may send only
    `description`, `website`, `contact` and `address`."""

    name: str = patch_field(min_length=1, max_length=200)
    legal_name: str | None = Field(default=None, min_length=1, max_length=300)
    website: Website | None = None
    domain: DomainName | None = None
    type: PartnerType = patch_field()
    country: CountryCode | None = None
    region: str | None = Field(default=None, max_length=100)
    description: str | None = Field(default=None, max_length=5000)
    contact: ContactIn | None = None
    address: Address | None = None
    manager_id: uuid.UUID | None = None
    tags: list[Tag] | None = Field(default=None, max_length=50)
    external_ids: ExternalIds | None = None


PARTNER_EDITABLE_BY_PARTNER = frozenset({"description", "website", "contact", "address"})


class ApplicationContact(RequestModel):
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr = Field(max_length=320)
    phone: Phone | None = None


class PartnerApplicationCreate(RequestModel):
    """A company applying to join the partner program."""

    name: str = Field(min_length=1, max_length=200, examples=["Northwind Systems"])
    legal_name: str | None = Field(default=None, min_length=1, max_length=300)
    website: Website = Field(examples=["https://northwind.example"])
    type: PartnerType
    country: CountryCode
    region: str | None = Field(default=None, max_length=100)
    description: str | None = Field(default=None, max_length=5000)
    contact: ApplicationContact
    address: Address | None = None


class PartnerApplication(ResponseModel):
    """Receipt for an application: enough to follow up, nothing more."""

    id: uuid.UUID
    name: str
    domain: str | None
    status: PartnerStatus
    applied_at: Timestamp | None


class LifecycleAction(RequestModel):
    reason: str | None = Field(default=None, max_length=2000, description="Why; kept and audited.")


class TierAssignment(RequestModel):
    tier_id: uuid.UUID | None = Field(description="The tier to assign; null removes the tier.")
    reason: str = Field(min_length=1, max_length=2000, description="Why; kept and audited.")


# --- partner users and invitations --------------------------------------------------------


class PartnerRole(StrEnum):
    partner_admin = "partner_admin"
    partner_user = "partner_user"


class PartnerUserCreate(RequestModel):
    email: EmailStr = Field(max_length=320)
    name: str = Field(min_length=1, max_length=200)
    role: PartnerRole = PartnerRole.partner_user
    password: str | None = Field(
        default=None,
        min_length=12,
        max_length=1024,
        description="Initial password; omit it and send an invitation instead.",
    )


class PartnerUserUpdate(RequestModel):
    name: str = patch_field(min_length=1, max_length=200)
    role: PartnerRole = patch_field()


class InvitationCreate(RequestModel):
    email: EmailStr = Field(max_length=320)
    name: str | None = Field(default=None, min_length=1, max_length=200)
    role: PartnerRole = PartnerRole.partner_user


class Invitation(ResponseModel):
    id: uuid.UUID
    partner_id: uuid.UUID
    email: str
    name: str | None
    role: PartnerRole
    status: str = Field(description="`pending`, `accepted`, `expired` or `revoked`.")
    expires_at: Timestamp
    accepted_at: Timestamp | None
    revoked_at: Timestamp | None
    created_at: Timestamp


class InvitationWithToken(Invitation):
    token: str = Field(
        description="One-time token for `POST /v1/invitations/accept`. Shown only now."
    )


class InvitationAccept(RequestModel):
    token: str = Field(
        min_length=10,
        max_length=200,
        # Documented only: any other token stays the 400 `invalid_invitation` it was.
        json_schema_extra={"pattern": "^inv_[A-Za-z0-9_-]+$"},
        description="The `inv_…` token from the invitation.",
    )
    password: str = Field(min_length=12, max_length=1024)
    name: str | None = Field(default=None, min_length=1, max_length=200)


# --- presenters ---------------------------------------------------------------------------


#: A partner row joined with its tier's ``tier_key``, ``tier_name`` and ``tier_rank``
#: (``repository.partners_query``) as the API shows it.
PARTNER = Shape(
    Partner,
    tier=Shape(
        TierRef, when="tier_id", id="tier_id", key="tier_key", name="tier_name", rank="tier_rank"
    ),
    contact=Shape(Contact, name="contact_name", email="contact_email", phone="contact_phone"),
    address=Computed(json_object(Address), "address"),
)
#: An invitation row as the API shows it (never its token).
INVITATION = Shape(
    Invitation,
    status=Computed(invitation_status, "accepted_at", "revoked_at", "expires_at"),
)


def partner_out(partner: models.Partner, tier: Tier | None) -> Partner:
    """The API shape of a partner (``tier`` is the loaded Tier row or None)."""
    data = {k: getattr(partner, k) for k in Partner.model_fields if hasattr(partner, k)}
    data["tier"] = TierRef.model_validate(tier) if tier is not None else None
    data["contact"] = Contact(
        name=partner.contact_name, email=partner.contact_email, phone=partner.contact_phone
    )
    return Partner.model_validate(data)


def invitation_out(inv: models.Invitation, *, token: str | None = None) -> Invitation:
    """The API shape of an invitation; ``token`` only in the response that created it."""
    data = {k: getattr(inv, k) for k in Invitation.model_fields}
    if token is not None:
        return InvitationWithToken.model_validate({**data, "token": token})
    return Invitation.model_validate(data)


class PartnerList(Page[Partner]):
    """A page of partners."""


class InvitationList(Page[Invitation]):
    """A page of invitations."""


# The names server code used before the API named these schemas after the resource (it
# keeps using them where an ORM model of the same name is in scope).
PartnerOut = Partner
InvitationOut = Invitation
