from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.onboarding_step_kind import OnboardingStepKind
from ..models.profile_field import ProfileField

T = TypeVar("T", bound="OnboardingStep")


@_attrs_define
class OnboardingStep:
    """
    Attributes:
        id (UUID):
        position (int): Steps are shown in ascending position.
        kind (OnboardingStepKind): What completes a step. `profile_completed`: the named `profile_fields` are filled;
            `agreement_accepted`: a partner user accepted the acknowledgement `module_id`;
            `course_completed`: `min_count` of the partner's users completed `course_id`;
            `users_invited`: `min_count` of the partner's invitations were accepted;
            `first_deal_registered`: the partner's first deal is registered — created, even as a
            draft (a partner in onboarding cannot submit deals: submission requires an active
            partner); `custom`: vendor staff check it. All but `custom` complete by themselves, in
            the transaction of the change that satisfies them.
        title (str):
        description (str):
        required (bool): Only required steps gate the end of onboarding.
        profile_fields (list[ProfileField]): profile_completed: the profile fields that must be filled.
        module_id (None | UUID): agreement_accepted: the acknowledgement module to accept.
        course_id (None | UUID): course_completed: the course to complete.
        min_count (int | None): course_completed: users who must complete the course; users_invited: invitations that
            must be accepted.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    position: int
    kind: OnboardingStepKind
    title: str
    description: str
    required: bool
    profile_fields: list[ProfileField]
    module_id: None | UUID
    course_id: None | UUID
    min_count: int | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        position = self.position

        kind = self.kind.value

        title = self.title

        description = self.description

        required = self.required

        profile_fields = []
        for profile_fields_item_data in self.profile_fields:
            profile_fields_item = profile_fields_item_data.value
            profile_fields.append(profile_fields_item)

        module_id: None | str
        if isinstance(self.module_id, UUID):
            module_id = str(self.module_id)
        else:
            module_id = self.module_id

        course_id: None | str
        if isinstance(self.course_id, UUID):
            course_id = str(self.course_id)
        else:
            course_id = self.course_id

        min_count: int | None
        min_count = self.min_count

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "position": position,
                "kind": kind,
                "title": title,
                "description": description,
                "required": required,
                "profile_fields": profile_fields,
                "module_id": module_id,
                "course_id": course_id,
                "min_count": min_count,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        position = d.pop("position")

        kind = OnboardingStepKind(d.pop("kind"))

        title = d.pop("title")

        description = d.pop("description")

        required = d.pop("required")

        profile_fields = []
        _profile_fields = d.pop("profile_fields")
        for profile_fields_item_data in _profile_fields:
            profile_fields_item = ProfileField(profile_fields_item_data)

            profile_fields.append(profile_fields_item)

        def _parse_module_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                module_id_type_0 = UUID(data)

                return module_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        module_id = _parse_module_id(d.pop("module_id"))

        def _parse_course_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                course_id_type_0 = UUID(data)

                return course_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        course_id = _parse_course_id(d.pop("course_id"))

        def _parse_min_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        min_count = _parse_min_count(d.pop("min_count"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        onboarding_step = cls(
            id=id,
            position=position,
            kind=kind,
            title=title,
            description=description,
            required=required,
            profile_fields=profile_fields,
            module_id=module_id,
            course_id=course_id,
            min_count=min_count,
            created_at=created_at,
            updated_at=updated_at,
        )

        onboarding_step.additional_properties = d
        return onboarding_step

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
