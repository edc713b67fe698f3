from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.completion_outcome import CompletionOutcome
from ..models.completion_source import CompletionSource

T = TypeVar("T", bound="ExternalCompletion")


@_attrs_define
class ExternalCompletion:
    """
    Attributes:
        id (UUID):
        source (CompletionSource):
        external_id (str):
        sent_by (str): The API client that sent it.
        user_id (UUID):
        course_id (UUID):
        partner_id (UUID):
        enrollment_id (UUID): The enrollment it completed (or failed).
        outcome (CompletionOutcome):
        completed_at (datetime.datetime):
        score (int | None):
        passed (bool | None):
        created_at (datetime.datetime):
    """

    id: UUID
    source: CompletionSource
    external_id: str
    sent_by: str
    user_id: UUID
    course_id: UUID
    partner_id: UUID
    enrollment_id: UUID
    outcome: CompletionOutcome
    completed_at: datetime.datetime
    score: int | None
    passed: bool | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        source = self.source.value

        external_id = self.external_id

        sent_by = self.sent_by

        user_id = str(self.user_id)

        course_id = str(self.course_id)

        partner_id = str(self.partner_id)

        enrollment_id = str(self.enrollment_id)

        outcome = self.outcome.value

        completed_at = self.completed_at.isoformat()

        score: int | None
        score = self.score

        passed: bool | None
        passed = self.passed

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "source": source,
                "external_id": external_id,
                "sent_by": sent_by,
                "user_id": user_id,
                "course_id": course_id,
                "partner_id": partner_id,
                "enrollment_id": enrollment_id,
                "outcome": outcome,
                "completed_at": completed_at,
                "score": score,
                "passed": passed,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        source = CompletionSource(d.pop("source"))

        external_id = d.pop("external_id")

        sent_by = d.pop("sent_by")

        user_id = UUID(d.pop("user_id"))

        course_id = UUID(d.pop("course_id"))

        partner_id = UUID(d.pop("partner_id"))

        enrollment_id = UUID(d.pop("enrollment_id"))

        outcome = CompletionOutcome(d.pop("outcome"))

        completed_at = datetime.datetime.fromisoformat(d.pop("completed_at"))

        def _parse_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        score = _parse_score(d.pop("score"))

        def _parse_passed(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        passed = _parse_passed(d.pop("passed"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        external_completion = cls(
            id=id,
            source=source,
            external_id=external_id,
            sent_by=sent_by,
            user_id=user_id,
            course_id=course_id,
            partner_id=partner_id,
            enrollment_id=enrollment_id,
            outcome=outcome,
            completed_at=completed_at,
            score=score,
            passed=passed,
            created_at=created_at,
        )

        external_completion.additional_properties = d
        return external_completion

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
