from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ScorecardOnboarding")


@_attrs_define
class ScorecardOnboarding:
    """
    Attributes:
        completed (bool): Every required onboarding step is done.
        required_steps (int):
        completed_required_steps (int):
        percent (int):
        approved_at (datetime.datetime | None):
        activated_at (datetime.datetime | None):
        time_to_onboard_seconds (int | None): Approval to activation.
    """

    completed: bool
    required_steps: int
    completed_required_steps: int
    percent: int
    approved_at: datetime.datetime | None
    activated_at: datetime.datetime | None
    time_to_onboard_seconds: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completed = self.completed

        required_steps = self.required_steps

        completed_required_steps = self.completed_required_steps

        percent = self.percent

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
                "completed": completed,
                "required_steps": required_steps,
                "completed_required_steps": completed_required_steps,
                "percent": percent,
                "approved_at": approved_at,
                "activated_at": activated_at,
                "time_to_onboard_seconds": time_to_onboard_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        completed = d.pop("completed")

        required_steps = d.pop("required_steps")

        completed_required_steps = d.pop("completed_required_steps")

        percent = d.pop("percent")

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

        scorecard_onboarding = cls(
            completed=completed,
            required_steps=required_steps,
            completed_required_steps=completed_required_steps,
            percent=percent,
            approved_at=approved_at,
            activated_at=activated_at,
            time_to_onboard_seconds=time_to_onboard_seconds,
        )

        scorecard_onboarding.additional_properties = d
        return scorecard_onboarding

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
