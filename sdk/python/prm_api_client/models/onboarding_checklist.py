from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.checklist_progress import ChecklistProgress
    from ..models.checklist_step import ChecklistStep


T = TypeVar("T", bound="OnboardingChecklist")


@_attrs_define
class OnboardingChecklist:
    """
    Attributes:
        partner_id (UUID):
        partner_status (str):
        completed (bool): Every required step is done.
        progress (ChecklistProgress):
        steps (list[ChecklistStep]):
        approved_at (datetime.datetime | None):
        activated_at (datetime.datetime | None):
        time_to_onboard_seconds (int | None): Approval to activation, once the partner is active (for metrics).
    """

    partner_id: UUID
    partner_status: str
    completed: bool
    progress: ChecklistProgress
    steps: list[ChecklistStep]
    approved_at: datetime.datetime | None
    activated_at: datetime.datetime | None
    time_to_onboard_seconds: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        partner_id = str(self.partner_id)

        partner_status = self.partner_status

        completed = self.completed

        progress = self.progress.to_dict()

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        activated_at: None | str
        if isinstance(self.activated_at, datetime.datetime):
            activated_at = self.activated_at.isoformat()
        else:
            activated_at = self.activated_at

        time_to_onboard_seconds: int | None
        time_to_onboard_seconds = self.time_to_onboard_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "partner_id": partner_id,
                "partner_status": partner_status,
                "completed": completed,
                "progress": progress,
                "steps": steps,
                "approved_at": approved_at,
                "activated_at": activated_at,
                "time_to_onboard_seconds": time_to_onboard_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.checklist_progress import ChecklistProgress  # noqa: PLC0415
        from ..models.checklist_step import ChecklistStep  # noqa: PLC0415

        d = dict(src_dict)
        partner_id = UUID(d.pop("partner_id"))

        partner_status = d.pop("partner_status")

        completed = d.pop("completed")

        progress = ChecklistProgress.from_dict(d.pop("progress"))

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = ChecklistStep.from_dict(steps_item_data)

            steps.append(steps_item)

        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)

                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))

        def _parse_activated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                activated_at_type_0 = datetime.datetime.fromisoformat(data)

                return activated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        activated_at = _parse_activated_at(d.pop("activated_at"))

        def _parse_time_to_onboard_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        time_to_onboard_seconds = _parse_time_to_onboard_seconds(d.pop("time_to_onboard_seconds"))

        onboarding_checklist = cls(
            partner_id=partner_id,
            partner_status=partner_status,
            completed=completed,
            progress=progress,
            steps=steps,
            approved_at=approved_at,
            activated_at=activated_at,
            time_to_onboard_seconds=time_to_onboard_seconds,
        )

        onboarding_checklist.additional_properties = d
        return onboarding_checklist

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
