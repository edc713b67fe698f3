from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.partner_status import PartnerStatus

if TYPE_CHECKING:
    from ..models.partner_health import PartnerHealth
    from ..models.scorecard_certifications import ScorecardCertifications
    from ..models.scorecard_figures import ScorecardFigures
    from ..models.scorecard_onboarding import ScorecardOnboarding
    from ..models.tier_progress import TierProgress
    from ..models.tier_ref import TierRef


T = TypeVar("T", bound="Scorecard")


@_attrs_define
class Scorecard:
    """
    Attributes:
        partner_id (UUID):
        partner_name (str):
        partner_status (PartnerStatus):
        as_of (datetime.date): The UTC day the figures run to.
        base_currency (str):
        current (ScorecardFigures):
        previous (ScorecardFigures):
        tier (None | TierRef):
        next_tier (None | TierRef): The tier above the partner's; null at the top.
        progress (None | TierProgress): Null only when a tier cannot be evaluated (see `notes`).
        certifications (ScorecardCertifications):
        onboarding (ScorecardOnboarding):
        health (None | PartnerHealth): The partner's health score now, with its explanation (`GET
            /v1/partners/{id}/health`).
        notes (list[str]): What could not be computed and why (e.g. a missing exchange rate).
    """

    partner_id: UUID
    partner_name: str
    partner_status: PartnerStatus
    as_of: datetime.date
    base_currency: str
    current: ScorecardFigures
    previous: ScorecardFigures
    tier: None | TierRef
    next_tier: None | TierRef
    progress: None | TierProgress
    certifications: ScorecardCertifications
    onboarding: ScorecardOnboarding
    health: None | PartnerHealth
    notes: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.partner_health import PartnerHealth  # noqa: PLC0415
        from ..models.tier_progress import TierProgress  # noqa: PLC0415
        from ..models.tier_ref import TierRef  # noqa: PLC0415

        partner_id = str(self.partner_id)

        partner_name = self.partner_name

        partner_status = self.partner_status.value

        as_of = self.as_of.isoformat()

        base_currency = self.base_currency

        current = self.current.to_dict()

        previous = self.previous.to_dict()

        tier: dict[str, Any] | None
        if isinstance(self.tier, TierRef):
            tier = self.tier.to_dict()
        else:
            tier = self.tier

        next_tier: dict[str, Any] | None
        if isinstance(self.next_tier, TierRef):
            next_tier = self.next_tier.to_dict()
        else:
            next_tier = self.next_tier

        progress: dict[str, Any] | None
        if isinstance(self.progress, TierProgress):
            progress = self.progress.to_dict()
        else:
            progress = self.progress

        certifications = self.certifications.to_dict()

        onboarding = self.onboarding.to_dict()

        health: dict[str, Any] | None
        if isinstance(self.health, PartnerHealth):
            health = self.health.to_dict()
        else:
            health = self.health

        notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "partner_id": partner_id,
                "partner_name": partner_name,
                "partner_status": partner_status,
                "as_of": as_of,
                "base_currency": base_currency,
                "current": current,
                "previous": previous,
                "tier": tier,
                "next_tier": next_tier,
                "progress": progress,
                "certifications": certifications,
                "onboarding": onboarding,
                "health": health,
                "notes": notes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.partner_health import PartnerHealth  # noqa: PLC0415
        from ..models.scorecard_certifications import ScorecardCertifications  # noqa: PLC0415
        from ..models.scorecard_figures import ScorecardFigures  # noqa: PLC0415
        from ..models.scorecard_onboarding import ScorecardOnboarding  # noqa: PLC0415
        from ..models.tier_progress import TierProgress  # noqa: PLC0415
        from ..models.tier_ref import TierRef  # noqa: PLC0415

        d = dict(src_dict)
        partner_id = UUID(d.pop("partner_id"))

        partner_name = d.pop("partner_name")

        partner_status = PartnerStatus(d.pop("partner_status"))

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        base_currency = d.pop("base_currency")

        current = ScorecardFigures.from_dict(d.pop("current"))

        previous = ScorecardFigures.from_dict(d.pop("previous"))

        def _parse_tier(data: object) -> None | TierRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tier_type_0 = TierRef.from_dict(data)

                return tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierRef, data)

        tier = _parse_tier(d.pop("tier"))

        def _parse_next_tier(data: object) -> None | TierRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_tier_type_0 = TierRef.from_dict(data)

                return next_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierRef, data)

        next_tier = _parse_next_tier(d.pop("next_tier"))

        def _parse_progress(data: object) -> None | TierProgress:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                progress_type_0 = TierProgress.from_dict(data)

                return progress_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierProgress, data)

        progress = _parse_progress(d.pop("progress"))

        certifications = ScorecardCertifications.from_dict(d.pop("certifications"))

        onboarding = ScorecardOnboarding.from_dict(d.pop("onboarding"))

        def _parse_health(data: object) -> None | PartnerHealth:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                health_type_0 = PartnerHealth.from_dict(data)

                return health_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PartnerHealth, data)

        health = _parse_health(d.pop("health"))

        notes = cast(list[str], d.pop("notes"))

        scorecard = cls(
            partner_id=partner_id,
            partner_name=partner_name,
            partner_status=partner_status,
            as_of=as_of,
            base_currency=base_currency,
            current=current,
            previous=previous,
            tier=tier,
            next_tier=next_tier,
            progress=progress,
            certifications=certifications,
            onboarding=onboarding,
            health=health,
            notes=notes,
        )

        scorecard.additional_properties = d
        return scorecard

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
