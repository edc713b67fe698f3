"""The deal resource and its conflicts as the API speaks them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, cast

from pydantic import EmailStr, Field, StringConstraints

from prm_api.kit.fields import DomainName, ExternalIds, UpsertExternalIds
from prm_api.kit.render import Shape
from prm_api.kit.schemas import (
    CountryCode,
    IsoDate,
    Money,
    Page,
    RequestModel,
    ResponseModel,
    Timestamp,
    patch_field,
)

if TYPE_CHECKING:
    from prm_api import models


class DealStage(StrEnum):
    qualification = "qualification"
    proposal = "proposal"
    negotiation = "negotiation"
    commit = "commit"


class DealStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    rejected = "rejected"
    withdrawn = "withdrawn"
    won = "won"
    lost = "lost"
    expired = "expired"


Product = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^\x00]+$")]


class Customer(ResponseModel):
    name: str
    domain: str | None = Field(description="Normalized (lowercase, no `www.`, punycode).")
    country: str | None
    contact_name: str | None
    contact_email: str | None


class CustomerIn(RequestModel):
    name: str = Field(min_length=1, max_length=200, examples=["Acme Sp. z o.o."])
    domain: DomainName | None = Field(default=None, examples=["acme.example"])
    country: CountryCode | None = None
    contact_name: str | None = Field(default=None, min_length=1, max_length=200)
    contact_email: EmailStr | None = Field(default=None, max_length=320)


class CustomerPatch(RequestModel):
    name: str = patch_field(min_length=1, max_length=200)
    domain: DomainName | None = None
    country: CountryCode | None = None
    contact_name: str | None = Field(default=None, min_length=1, max_length=200)
    contact_email: EmailStr | None = Field(default=None, max_length=320)


class Decision(ResponseModel):
    by: str | None = Field(description="User or client id, or `rule:<id>` for automatic approval.")
    at: Timestamp | None
    reason: str | None


class Deal(ResponseModel):
    id: uuid.UUID
    partner_id: uuid.UUID
    registered_by: str | None = Field(description="The user or client that created the deal.")
    customer: Customer
    title: str
    description: str | None
    products: list[str]
    notes: str | None
    amount: Money
    expected_close_date: date | None
    stage: DealStage
    status: DealStatus
    submitted_at: Timestamp | None
    protection_expires_at: Timestamp | None = Field(
        description="End of the partner's protection (approved deals)."
    )
    decision: Decision
    extensions_used: int
    closed_at: date | None = Field(description="Close date of a won or lost deal.")
    close_reason: str | None
    has_conflicts: bool = Field(description="Another open registration claims this customer.")
    external_ids: dict[str, str]
    created_at: Timestamp
    updated_at: Timestamp


class DealCreate(RequestModel):
    partner_id: uuid.UUID | None = Field(
        default=None,
        description="Vendor roles: the partner registering. Partner tokens must omit it.",
    )
    customer: CustomerIn
    title: str = Field(min_length=1, max_length=200, examples=["Acme HQ network refresh"])
    description: str | None = Field(default=None, max_length=10000)
    products: list[Product] = Field(default_factory=list, max_length=50)
    notes: str | None = Field(default=None, max_length=10000)
    amount: Money
    expected_close_date: IsoDate | None = None
    stage: DealStage = DealStage.qualification
    external_ids: ExternalIds = Field(default_factory=dict)


class DealUpdate(RequestModel):
    """Only the fields sent change. Partner tokens edit drafts and submitted deals; on an
    approved deal only `stage` and `amount`."""

    customer: CustomerPatch | None = None
    title: str = patch_field(min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=10000)
    products: list[Product] | None = Field(default=None, max_length=50)
    notes: str | None = Field(default=None, max_length=10000)
    amount: Money = patch_field()
    expected_close_date: IsoDate | None = None
    stage: DealStage = patch_field()
    external_ids: ExternalIds | None = None


class DealUpsert(DealCreate):
    """CRM sync body: `partner_id` is required when the deal does not exist yet."""

    external_ids: UpsertExternalIds = Field(default_factory=dict)


class ActionReason(RequestModel):
    reason: str | None = Field(default=None, max_length=2000)


class DealRejection(RequestModel):
    reason: str = Field(min_length=1, max_length=2000, description="Shown to the partner.")


class DealClose(RequestModel):
    outcome: str = Field(pattern=r"^(won|lost)$", description="`won` or `lost`.")
    closed_at: IsoDate | None = Field(default=None, description="Close date (default: today).")
    reason: str | None = Field(default=None, max_length=2000)


class DealExtension(RequestModel):
    reason: str | None = Field(default=None, max_length=2000)


class DealConflict(ResponseModel):
    """A conflict as vendor roles see it: the other registration in full."""

    deal_id: uuid.UUID = Field(description="The deal this conflict belongs to.")
    reason: str = Field(description="`domain` (same customer domain) or `name` (similar name).")
    score: float = Field(description="1.0 for a domain match; name similarity otherwise.")
    detected_at: Timestamp
    other_deal_id: uuid.UUID | None = Field(default=None, description="Vendor roles only.")
    other_partner_id: uuid.UUID | None = Field(default=None, description="Vendor roles only.")
    other_customer_name: str | None = Field(default=None, description="Vendor roles only.")
    other_status: DealStatus | None = Field(default=None, description="Vendor roles only.")


class DealConflictList(ResponseModel):
    data: list[DealConflict]


@dataclass(frozen=True)
class DealFilters:
    """The filters of ``GET /v1/deals`` (its query parameters, already parsed)."""

    status: list[str] | None = None
    partner_id: uuid.UUID | None = None
    stage: list[str] | None = None
    currency: str | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    expected_close_after: date | None = None
    expected_close_before: date | None = None
    customer_domain: str | None = None
    q: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    updated_after: datetime | None = None
    updated_before: datetime | None = None


# --- presenters ----------------------------------------------------------------------------

#: A deal row (or ORM object) as the API shows it: the customer, money and decision columns
#: nest; every other field is its column.
DEAL = Shape(
    Deal,
    customer=Shape(
        Customer,
        name="customer_name",
        domain="customer_domain",
        country="customer_country",
        contact_name="customer_contact_name",
        contact_email="customer_contact_email",
    ),
    amount=Shape(Money, amount="amount", currency="currency"),
    decision=Shape(Decision, by="decided_by", at="decided_at", reason="decision_reason"),
)


def deal_out(deal: Any) -> Deal:
    """A deal (ORM object or result row) as a validated ``Deal`` (event payloads, write
    responses); reads render through :data:`DEAL` without building models."""
    return cast(Deal, DEAL.validated(deal))


def conflict_out(
    deal_id: uuid.UUID,
    conflict: models.DealConflict,
    *,
    other_deal_id: uuid.UUID | None = None,
    other_partner_id: uuid.UUID | None = None,
    other_customer_name: str | None = None,
    other_status: str | None = None,
) -> DealConflict:
    """A conflict of ``deal_id`` (a ``DealConflict`` row, either direction). Pass the other
    deal's identity only for vendor audiences: partners never learn who or which deal."""
    return DealConflict(
        deal_id=deal_id,
        reason=conflict.reason,
        score=conflict.score,
        detected_at=conflict.detected_at,
        other_deal_id=other_deal_id,
        other_partner_id=other_partner_id,
        other_customer_name=other_customer_name,
        other_status=other_status,
    )


class DealList(Page[Deal]):
    """A page of deals."""


# The names server code used before the API named these schemas after the resource (it
# keeps using them where an ORM model of the same name is in scope).
DealOut = Deal
ConflictOut = DealConflict
