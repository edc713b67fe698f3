from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.onboarding_step_kind import OnboardingStepKind
from ..models.profile_field import ProfileField
from ..types import UNSET, Unset

T = TypeVar("T", bound="OnboardingStepCreate")


@_attrs_define
class OnboardingStepCreate:
    """
    Attributes:
        kind (OnboardingStepKind): What completes a step. `profile_completed`: the named `profile_fields` are filled;
            `agreement_accepted`: a partner user accepted the acknowledgement `module_id`;
            `course_completed`: `min_count` of the partner's users completed `course_id`;
            `users_invited`: `min_count` of the partner's invitations were accepted;
            `first_deal_registered`: the partner's first deal is registered — created, even as a
            draft (a partner in onboarding cannot submit deals: submission requires an active
            partner); `custom`: vendor staff check it. All but `custom` complete by themselves, in
            the transaction of the change that satisfies them.
        title (str):
        description (str | Unset):  Default: ''.
        required (bool | Unset):  Default: True.
        position (int | None | Unset): Default: after the last.
        profile_fields (list[ProfileField] | Unset):
        module_id (None | Unset | UUID):
        course_id (None | Unset | UUID):
        min_count (int | None | Unset): course_completed and users_invited only; default 1.
    """

    kind: OnboardingStepKind
    title: str
    description: str | Unset = ""
    required: bool | Unset = True
    position: int | None | Unset = UNSET
    profile_fields: list[ProfileField] | Unset = UNSET
    module_id: None | Unset | UUID = UNSET
    course_id: None | Unset | UUID = UNSET
    min_count: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        title = self.title

        description = self.description

        required = self.required

        position: int | None | Unset
        if isinstance(self.position, Unset):
            position = UNSET
        else:
            position = self.position

        profile_fields: list[str] | Unset = UNSET
        if not isinstance(self.profile_fields, Unset):
            profile_fields = []
            for profile_fields_item_data in self.profile_fields:
                profile_fields_item = profile_fields_item_data.value
                profile_fields.append(profile_fields_item)

        module_id: None | str | Unset
        if isinstance(self.module_id, Unset):
            module_id = UNSET
        elif isinstance(self.module_id, UUID):
            module_id = str(self.module_id)
        else:
            module_id = self.module_id

        course_id: None | str | Unset
        if isinstance(self.course_id, Unset):
            course_id = UNSET
        elif isinstance(self.course_id, UUID):
            course_id = str(self.course_id)
        else:
            course_id = self.course_id

        min_count: int | None | Unset
        if isinstance(self.min_count, Unset):
            min_count = UNSET
        else:
            min_count = self.min_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if required is not UNSET:
            field_dict["required"] = required
        if position is not UNSET:
            field_dict["position"] = position
        if profile_fields is not UNSET:
            field_dict["profile_fields"] = profile_fields
        if module_id is not UNSET:
            field_dict["module_id"] = module_id
        if course_id is not UNSET:
            field_dict["course_id"] = course_id
        if min_count is not UNSET:
            field_dict["min_count"] = min_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = OnboardingStepKind(d.pop("kind"))

        title = d.pop("title")

        description = d.pop("description", UNSET)

        required = d.pop("required", UNSET)

        def _parse_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        position = _parse_position(d.pop("position", UNSET))

        _profile_fields = d.pop("profile_fields", UNSET)
        profile_fields: list[ProfileField] | Unset = UNSET
        if _profile_fields is not UNSET:
            profile_fields = []
            for profile_fields_item_data in _profile_fields:
                profile_fields_item = ProfileField(profile_fields_item_data)

                profile_fields.append(profile_fields_item)

        def _parse_module_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                module_id_type_0 = UUID(data)

                return module_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        module_id = _parse_module_id(d.pop("module_id", UNSET))

        def _parse_course_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                course_id_type_0 = UUID(data)

                return course_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        course_id = _parse_course_id(d.pop("course_id", UNSET))

        def _parse_min_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_count = _parse_min_count(d.pop("min_count", UNSET))

        onboarding_step_create = cls(
            kind=kind,
            title=title,
            description=description,
            required=required,
            position=position,
            profile_fields=profile_fields,
            module_id=module_id,
            course_id=course_id,
            min_count=min_count,
        )

        return onboarding_step_create
