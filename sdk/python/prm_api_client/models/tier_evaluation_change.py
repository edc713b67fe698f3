from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.change_direction import ChangeDirection
from ..models.change_status import ChangeStatus

if TYPE_CHECKING:
    from ..models.change_criteria import ChangeCriteria
    from ..models.tier_ref import TierRef


T = TypeVar("T", bound="TierEvaluationChange")


@_attrs_define
class TierEvaluationChange:
    """
    Attributes:
        id (UUID):
        evaluation_id (UUID):
        partner_id (UUID):
        partner_name (str):
        from_tier (None | TierRef): The partner's tier at the evaluation.
        to_tier (None | TierRef): The tier the change moves it to.
        direction (ChangeDirection):
        status (ChangeStatus):
        criteria (ChangeCriteria):
        reason (None | str): The decision's reason, or why it was cancelled.
        decided_by (None | str):
        decided_at (datetime.datetime | None):
        effective_at (datetime.datetime | None): A downgrade in its grace period applies at this time.
        applied_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    evaluation_id: UUID
    partner_id: UUID
    partner_name: str
    from_tier: None | TierRef
    to_tier: None | TierRef
    direction: ChangeDirection
    status: ChangeStatus
    criteria: ChangeCriteria
    reason: None | str
    decided_by: None | str
    decided_at: datetime.datetime | None
    effective_at: datetime.datetime | None
    applied_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tier_ref import TierRef  # noqa: PLC0415

        id = str(self.id)

        evaluation_id = str(self.evaluation_id)

        partner_id = str(self.partner_id)

        partner_name = self.partner_name

        from_tier: dict[str, Any] | None
        if isinstance(self.from_tier, TierRef):
            from_tier = self.from_tier.to_dict()
        else:
            from_tier = self.from_tier

        to_tier: dict[str, Any] | None
        if isinstance(self.to_tier, TierRef):
            to_tier = self.to_tier.to_dict()
        else:
            to_tier = self.to_tier

        direction = self.direction.value

        status = self.status.value

        criteria = self.criteria.to_dict()

        reason: None | str
        reason = self.reason

        decided_by: None | str
        decided_by = self.decided_by

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        effective_at: None | str
        if isinstance(self.effective_at, datetime.datetime):
            effective_at = self.effective_at.isoformat()
        else:
            effective_at = self.effective_at

        applied_at: None | str
        if isinstance(self.applied_at, datetime.datetime):
            applied_at = self.applied_at.isoformat()
        else:
            applied_at = self.applied_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "evaluation_id": evaluation_id,
                "partner_id": partner_id,
                "partner_name": partner_name,
                "from_tier": from_tier,
                "to_tier": to_tier,
                "direction": direction,
                "status": status,
                "criteria": criteria,
                "reason": reason,
                "decided_by": decided_by,
                "decided_at": decided_at,
                "effective_at": effective_at,
                "applied_at": applied_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_criteria import ChangeCriteria  # noqa: PLC0415
        from ..models.tier_ref import TierRef  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        evaluation_id = UUID(d.pop("evaluation_id"))

        partner_id = UUID(d.pop("partner_id"))

        partner_name = d.pop("partner_name")

        def _parse_from_tier(data: object) -> None | TierRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                from_tier_type_0 = TierRef.from_dict(data)

                return from_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierRef, data)

        from_tier = _parse_from_tier(d.pop("from_tier"))

        def _parse_to_tier(data: object) -> None | TierRef:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                to_tier_type_0 = TierRef.from_dict(data)

                return to_tier_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TierRef, data)

        to_tier = _parse_to_tier(d.pop("to_tier"))

        direction = ChangeDirection(d.pop("direction"))

        status = ChangeStatus(d.pop("status"))

        criteria = ChangeCriteria.from_dict(d.pop("criteria"))

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_decided_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        def _parse_effective_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_at_type_0 = datetime.datetime.fromisoformat(data)

                return effective_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        effective_at = _parse_effective_at(d.pop("effective_at"))

        def _parse_applied_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                applied_at_type_0 = datetime.datetime.fromisoformat(data)

                return applied_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        applied_at = _parse_applied_at(d.pop("applied_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        tier_evaluation_change = cls(
            id=id,
            evaluation_id=evaluation_id,
            partner_id=partner_id,
            partner_name=partner_name,
            from_tier=from_tier,
            to_tier=to_tier,
            direction=direction,
            status=status,
            criteria=criteria,
            reason=reason,
            decided_by=decided_by,
            decided_at=decided_at,
            effective_at=effective_at,
            applied_at=applied_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        tier_evaluation_change.additional_properties = d
        return tier_evaluation_change

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
