from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.checklist_step_status import ChecklistStepStatus
from ..models.onboarding_step_kind import OnboardingStepKind

T = TypeVar("T", bound="ChecklistStep")


@_attrs_define
class ChecklistStep:
    """
    Attributes:
        step_id (UUID):
        position (int):
        kind (OnboardingStepKind): What completes a step. `profile_completed`: the named `profile_fields` are filled;
            `agreement_accepted`: a partner user accepted the acknowledgement `module_id`;
            `course_completed`: `min_count` of the partner's users completed `course_id`;
            `users_invited`: `min_count` of the partner's invitations were accepted;
            `first_deal_registered`: the partner's first deal is registered — created, even as a
            draft (a partner in onboarding cannot submit deals: submission requires an active
            partner); `custom`: vendor staff check it. All but `custom` complete by themselves, in
            the transaction of the change that satisfies them.
        title (str):
        required (bool):
        status (ChecklistStepStatus):
        completed_at (datetime.datetime | None):
        completed_by (None | str): Who made the change that satisfied the step.
    """

    step_id: UUID
    position: int
    kind: OnboardingStepKind
    title: str
    required: bool
    status: ChecklistStepStatus
    completed_at: datetime.datetime | None
    completed_by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        step_id = str(self.step_id)

        position = self.position

        kind = self.kind.value

        title = self.title

        required = self.required

        status = self.status.value

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        completed_by: None | str
        completed_by = self.completed_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "step_id": step_id,
                "position": position,
                "kind": kind,
                "title": title,
                "required": required,
                "status": status,
                "completed_at": completed_at,
                "completed_by": completed_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        step_id = UUID(d.pop("step_id"))

        position = d.pop("position")

        kind = OnboardingStepKind(d.pop("kind"))

        title = d.pop("title")

        required = d.pop("required")

        status = ChecklistStepStatus(d.pop("status"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_completed_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        completed_by = _parse_completed_by(d.pop("completed_by"))

        checklist_step = cls(
            step_id=step_id,
            position=position,
            kind=kind,
            title=title,
            required=required,
            status=status,
            completed_at=completed_at,
            completed_by=completed_by,
        )

        checklist_step.additional_properties = d
        return checklist_step

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
