"""The tier resource as the API reads and writes it."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StringConstraints

from prm_api.kit.render import Shape
from prm_api.kit.schemas import (
    JSON_INTEGER,
    Money,
    Page,
    RequestModel,
    ResponseModel,
    StrictInt,
    Timestamp,
    patch_field,
)

if TYPE_CHECKING:
    from prm_api import models

Rank = Annotated[int, Field(ge=0, le=1000), JSON_INTEGER]
DealCount = Annotated[int, Field(ge=0, le=1_000_000), JSON_INTEGER]
UserCount = Annotated[int, Field(ge=0, le=100_000), JSON_INTEGER]


# A tier as other resources embed it (a partner's ``tier``). No docstring: it would become
# the schema's description in the OpenAPI document.
class TierRef(ResponseModel):
    id: uuid.UUID
    key: str
    name: str
    rank: int


class Tier(ResponseModel):
    id: uuid.UUID
    key: str = Field(examples=["gold"])
    name: str = Field(examples=["Gold"])
    rank: StrictInt = Field(description="Higher rank = higher tier.")
    benefits: str
    min_won_revenue: Money | None = Field(
        description="Minimum won revenue over the last 12 months."
    )
    min_won_deals: int | None
    min_certified_users: int | None
    created_at: Timestamp
    updated_at: Timestamp


TierKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,39}$")]


class TierCreate(RequestModel):
    key: TierKey = Field(examples=["gold"])
    name: str = Field(min_length=1, max_length=100, examples=["Gold"])
    rank: Rank
    benefits: str = Field(default="", max_length=5000)
    min_won_revenue: Money | None = None
    min_won_deals: DealCount | None = None
    min_certified_users: UserCount | None = None


class TierUpdate(RequestModel):
    key: TierKey = patch_field()
    name: str = patch_field(min_length=1, max_length=100)
    rank: Rank = patch_field()
    benefits: str = patch_field(max_length=5000)
    min_won_revenue: Money | None = None
    min_won_deals: DealCount | None = None
    min_certified_users: UserCount | None = None


#: A tier row as the API shows it (its revenue criterion as one ``Money`` value).
TIER = Shape(
    Tier,
    min_won_revenue=Shape(
        Money,
        when=("min_won_revenue", "min_won_revenue_currency"),
        amount="min_won_revenue",
        currency="min_won_revenue_currency",
    ),
)


def tier_out(tier: models.Tier) -> Tier:
    """The API shape of a tier (its revenue criterion as one ``Money`` value)."""
    money = (
        Money(amount=tier.min_won_revenue, currency=tier.min_won_revenue_currency)
        if tier.min_won_revenue is not None and tier.min_won_revenue_currency
        else None
    )
    return Tier.model_validate(
        {
            **{k: getattr(tier, k) for k in Tier.model_fields if k != "min_won_revenue"},
            "min_won_revenue": money,
        }
    )


class TierList(Page[Tier]):
    """A page of tiers."""


# The names server code used before the API named these schemas after the resource (it
# keeps using them where an ORM model of the same name is in scope).
TierOut = Tier
