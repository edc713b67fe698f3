from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.module_state import ModuleState

T = TypeVar("T", bound="ModuleProgress")


@_attrs_define
class ModuleProgress:
    """
    Attributes:
        module_id (UUID):
        kind (str):
        required (bool):
        status (ModuleState):
        completed_at (datetime.datetime | None):
        score (int | None): Quizzes: the passing (or last failing) score.
        accepted_text_version (int | None): Acknowledgements: the version of the text the user accepted.
    """

    module_id: UUID
    kind: str
    required: bool
    status: ModuleState
    completed_at: datetime.datetime | None
    score: int | None
    accepted_text_version: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        module_id = str(self.module_id)

        kind = self.kind

        required = self.required

        status = self.status.value

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        score: int | None
        score = self.score

        accepted_text_version: int | None
        accepted_text_version = self.accepted_text_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "module_id": module_id,
                "kind": kind,
                "required": required,
                "status": status,
                "completed_at": completed_at,
                "score": score,
                "accepted_text_version": accepted_text_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        module_id = UUID(d.pop("module_id"))

        kind = d.pop("kind")

        required = d.pop("required")

        status = ModuleState(d.pop("status"))

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

        def _parse_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        score = _parse_score(d.pop("score"))

        def _parse_accepted_text_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        accepted_text_version = _parse_accepted_text_version(d.pop("accepted_text_version"))

        module_progress = cls(
            module_id=module_id,
            kind=kind,
            required=required,
            status=status,
            completed_at=completed_at,
            score=score,
            accepted_text_version=accepted_text_version,
        )

        module_progress.additional_properties = d
        return module_progress

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
