from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProgramSettings")


@_attrs_define
class ProgramSettings:
    """
    Attributes:
        protection_days (int): Protection granted on approval.
        extension_days (int): Days one extension adds.
        max_extensions (int):
        conflict_threshold (float): Name similarity (0–1) that counts as conflict.
        onboarding_auto_activate (bool): Activate a partner as soon as every required onboarding step is done (false:
            partner.onboarding_completed is emitted for a channel manager to activate).
        updated_at (datetime.datetime):
    """

    protection_days: int
    extension_days: int
    max_extensions: int
    conflict_threshold: float
    onboarding_auto_activate: bool
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        protection_days = self.protection_days

        extension_days = self.extension_days

        max_extensions = self.max_extensions

        conflict_threshold = self.conflict_threshold

        onboarding_auto_activate = self.onboarding_auto_activate

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "protection_days": protection_days,
                "extension_days": extension_days,
                "max_extensions": max_extensions,
                "conflict_threshold": conflict_threshold,
                "onboarding_auto_activate": onboarding_auto_activate,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        protection_days = d.pop("protection_days")

        extension_days = d.pop("extension_days")

        max_extensions = d.pop("max_extensions")

        conflict_threshold = d.pop("conflict_threshold")

        onboarding_auto_activate = d.pop("onboarding_auto_activate")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        program_settings = cls(
            protection_days=protection_days,
            extension_days=extension_days,
            max_extensions=max_extensions,
            conflict_threshold=conflict_threshold,
            onboarding_auto_activate=onboarding_auto_activate,
            updated_at=updated_at,
        )

        program_settings.additional_properties = d
        return program_settings

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
