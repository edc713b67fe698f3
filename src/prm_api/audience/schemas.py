"""The audience as the API reads and writes it, and the explanation of one decision."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from prm_api.audience.columns import COLUMNS
from prm_api.kit.fields import PartnerType
from prm_api.kit.render import Shape
from prm_api.kit.schemas import CountryCode, RequestModel, ResponseModel, StrictBool

Region = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=r"^[^\x00]+$")]
MAX_ITEMS = 500


def _ids(description: str) -> Any:
    return Field(default_factory=list, max_length=MAX_ITEMS, description=description)


# Used as request body part and in responses alike (one schema in the document): unknown
# fields are refused (RequestModel), every field has a default, so `{}` is "vendor only".
class Audience(RequestModel):
    """Who among the partners sees the item. Rules, in order:

    1. a partner in `excluded_partner_ids` never sees it;
    2. a partner in `partner_ids` always sees it (named partners);
    3. with `everyone`, every partner sees it;
    4. otherwise a partner sees it when it satisfies **every dimension that is given**
       (`tier_ids`, `partner_types`, `countries`, `regions`): any value within a dimension,
       all dimensions together — e.g. tiers Gold or Platinum, type reseller, countries DE, AT
       or CH is "Gold or Platinum resellers in the DACH countries";
    5. an audience with no rule at all (and not `everyone`) is seen by vendor staff only.

    A partner's current tier, type, country and region decide: a tier change changes what
    it sees at once."""

    everyone: StrictBool = Field(default=False, description="Every partner of the program.")
    tier_ids: list[uuid.UUID] = _ids("Partners in any of these tiers.")
    partner_types: list[PartnerType] = Field(
        default_factory=list, max_length=20, description="Partners of any of these types."
    )
    countries: list[CountryCode] = _ids(
        "Partners whose `country` (ISO 3166-1 alpha-2) is one of these."
    )
    regions: list[Region] = Field(
        default_factory=list,
        max_length=100,
        description="Partners whose `region` is one of these, exactly as the partner's "
        "`region` is written.",
    )
    partner_ids: list[uuid.UUID] = _ids("Named partners: they see the item whatever else says.")
    excluded_partner_ids: list[uuid.UUID] = _ids(
        "Partners who never see the item (an exclusion beats every other rule)."
    )

    def normalized(self) -> Audience:
        """Each list without repeats, in first-seen order (repeats say nothing more)."""
        values: dict[str, Any] = {"everyone": self.everyone}
        for name in COLUMNS:
            if name != "everyone":
                values[name] = list(dict.fromkeys(getattr(self, name)))
        return Audience.model_construct(**values)


#: An audience read from its columns (``AUDIENCE`` nests it in a resource's Shape).
AUDIENCE = Shape(Audience, **COLUMNS)


class AudienceDecision(StrEnum):
    excluded = "excluded"
    named_partner = "named_partner"
    everyone = "everyone"
    criteria = "criteria"
    no_matching_rule = "no_matching_rule"
    vendor_only = "vendor_only"


class AudienceDimension(StrEnum):
    tier = "tier"
    partner_type = "partner_type"
    country = "country"
    region = "region"


class AudienceDimensionCheck(ResponseModel):
    dimension: AudienceDimension
    required: list[str] = Field(description="The values the audience admits in this dimension.")
    partner_value: str | None = Field(description="The partner's current value (null: none).")
    matched: bool


class AudienceExplanation(ResponseModel):
    partner_id: uuid.UUID
    visible: bool = Field(
        description="The audience admits the partner. (A partner also sees only published "
        "items within their dates; this answers the audience alone.)"
    )
    decided_by: AudienceDecision = Field(
        description="The rule that decides: `excluded`, `named_partner`, `everyone`, "
        "`criteria` (every given dimension matched), `no_matching_rule` (some given dimension "
        "did not) or `vendor_only` (the audience has no rule)."
    )
    dimensions: list[AudienceDimensionCheck] = Field(
        description="Each dimension the audience gives, checked against the partner."
    )
