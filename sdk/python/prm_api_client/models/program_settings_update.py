from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProgramSettingsUpdate")


@_attrs_define
class ProgramSettingsUpdate:
    """
    Attributes:
        protection_days (int | None | Unset):
        extension_days (int | None | Unset):
        max_extensions (int | None | Unset):
        conflict_threshold (float | None | Unset):
    """

    protection_days: int | None | Unset = UNSET
    extension_days: int | None | Unset = UNSET
    max_extensions: int | None | Unset = UNSET
    conflict_threshold: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        protection_days: int | None | Unset
        if isinstance(self.protection_days, Unset):
            protection_days = UNSET
        else:
            protection_days = self.protection_days

        extension_days: int | None | Unset
        if isinstance(self.extension_days, Unset):
            extension_days = UNSET
        else:
            extension_days = self.extension_days

        max_extensions: int | None | Unset
        if isinstance(self.max_extensions, Unset):
            max_extensions = UNSET
        else:
            max_extensions = self.max_extensions

        conflict_threshold: float | None | Unset
        if isinstance(self.conflict_threshold, Unset):
            conflict_threshold = UNSET
        else:
            conflict_threshold = self.conflict_threshold

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_protection_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        protection_days = _parse_protection_days(d.pop("protection_days", UNSET))

        def _parse_extension_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        extension_days = _parse_extension_days(d.pop("extension_days", UNSET))

        def _parse_max_extensions(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_extensions = _parse_max_extensions(d.pop("max_extensions", UNSET))

        def _parse_conflict_threshold(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        conflict_threshold = _parse_conflict_threshold(d.pop("conflict_threshold", UNSET))

        program_settings_update = cls(
            protection_days=protection_days,
            extension_days=extension_days,
            max_extensions=max_extensions,
            conflict_threshold=conflict_threshold,
        )

        return program_settings_update
