from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProgramSettingsUpdate")


@_attrs_define
class ProgramSettingsUpdate:
    """
    Attributes:
        protection_days (int | Unset):
        extension_days (int | Unset):
        max_extensions (int | Unset):
        conflict_threshold (float | Unset):
        onboarding_auto_activate (bool | Unset):
    """

    protection_days: int | Unset = UNSET
    extension_days: int | Unset = UNSET
    max_extensions: int | Unset = UNSET
    conflict_threshold: float | Unset = UNSET
    onboarding_auto_activate: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        protection_days = self.protection_days

        extension_days = self.extension_days

        max_extensions = self.max_extensions

        conflict_threshold = self.conflict_threshold

        onboarding_auto_activate = self.onboarding_auto_activate

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if protection_days is not UNSET:
            field_dict["protection_days"] = protection_days
        if extension_days is not UNSET:
            field_dict["extension_days"] = extension_days
        if max_extensions is not UNSET:
            field_dict["max_extensions"] = max_extensions
        if conflict_threshold is not UNSET:
            field_dict["conflict_threshold"] = conflict_threshold
        if onboarding_auto_activate is not UNSET:
            field_dict["onboarding_auto_activate"] = onboarding_auto_activate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        protection_days = d.pop("protection_days", UNSET)

        extension_days = d.pop("extension_days", UNSET)

        max_extensions = d.pop("max_extensions", UNSET)

        conflict_threshold = d.pop("conflict_threshold", UNSET)

        onboarding_auto_activate = d.pop("onboarding_auto_activate", UNSET)

        program_settings_update = cls(
            protection_days=protection_days,
            extension_days=extension_days,
            max_extensions=max_extensions,
            conflict_threshold=conflict_threshold,
            onboarding_auto_activate=onboarding_auto_activate,
        )

        return program_settings_update
