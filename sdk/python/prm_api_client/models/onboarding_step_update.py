from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.profile_field import ProfileField
from ..types import UNSET, Unset

T = TypeVar("T", bound="OnboardingStepUpdate")


@_attrs_define
class OnboardingStepUpdate:
    """What a step's kind means stays: change the title, order, required flag or thresholds.

    Attributes:
        title (str | Unset):
        description (str | Unset):
        required (bool | Unset):
        position (int | Unset):
        profile_fields (list[ProfileField] | Unset):
        min_count (int | Unset):
    """

    title: str | Unset = UNSET
    description: str | Unset = UNSET
    required: bool | Unset = UNSET
    position: int | Unset = UNSET
    profile_fields: list[ProfileField] | Unset = UNSET
    min_count: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        title = self.title

        description = self.description

        required = self.required

        position = self.position

        profile_fields: list[str] | Unset = UNSET
        if not isinstance(self.profile_fields, Unset):
            profile_fields = []
            for profile_fields_item_data in self.profile_fields:
                profile_fields_item = profile_fields_item_data.value
                profile_fields.append(profile_fields_item)

        min_count = self.min_count

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if required is not UNSET:
            field_dict["required"] = required
        if position is not UNSET:
            field_dict["position"] = position
        if profile_fields is not UNSET:
            field_dict["profile_fields"] = profile_fields
        if min_count is not UNSET:
            field_dict["min_count"] = min_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        required = d.pop("required", UNSET)

        position = d.pop("position", UNSET)

        _profile_fields = d.pop("profile_fields", UNSET)
        profile_fields: list[ProfileField] | Unset = UNSET
        if _profile_fields is not UNSET:
            profile_fields = []
            for profile_fields_item_data in _profile_fields:
                profile_fields_item = ProfileField(profile_fields_item_data)

                profile_fields.append(profile_fields_item)

        min_count = d.pop("min_count", UNSET)

        onboarding_step_update = cls(
            title=title,
            description=description,
            required=required,
            position=position,
            profile_fields=profile_fields,
            min_count=min_count,
        )

        return onboarding_step_update
