from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.evaluation_mode import EvaluationMode
from ..models.evaluation_status import EvaluationStatus
from ..models.evaluation_trigger import EvaluationTrigger

if TYPE_CHECKING:
    from ..models.evaluation_counts import EvaluationCounts


T = TypeVar("T", bound="TierEvaluation")


@_attrs_define
class TierEvaluation:
    """
    Attributes:
        id (UUID):
        mode (EvaluationMode):
        status (EvaluationStatus):
        trigger (EvaluationTrigger):
        triggered_by (str):
        window_start (datetime.date): First day of the rolling window.
        window_end (datetime.date): Last day of the rolling window (the run's day).
        base_currency (str):
        counts (EvaluationCounts):
        started_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    mode: EvaluationMode
    status: EvaluationStatus
    trigger: EvaluationTrigger
    triggered_by: str
    window_start: datetime.date
    window_end: datetime.date
    base_currency: str
    counts: EvaluationCounts
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        mode = self.mode.value

        status = self.status.value

        trigger = self.trigger.value

        triggered_by = self.triggered_by

        window_start = self.window_start.isoformat()

        window_end = self.window_end.isoformat()

        base_currency = self.base_currency

        counts = self.counts.to_dict()

        started_at = self.started_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "mode": mode,
                "status": status,
                "trigger": trigger,
                "triggered_by": triggered_by,
                "window_start": window_start,
                "window_end": window_end,
                "base_currency": base_currency,
                "counts": counts,
                "started_at": started_at,
                "finished_at": finished_at,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evaluation_counts import EvaluationCounts  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        mode = EvaluationMode(d.pop("mode"))

        status = EvaluationStatus(d.pop("status"))

        trigger = EvaluationTrigger(d.pop("trigger"))

        triggered_by = d.pop("triggered_by")

        window_start = datetime.date.fromisoformat(d.pop("window_start"))

        window_end = datetime.date.fromisoformat(d.pop("window_end"))

        base_currency = d.pop("base_currency")

        counts = EvaluationCounts.from_dict(d.pop("counts"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        tier_evaluation = cls(
            id=id,
            mode=mode,
            status=status,
            trigger=trigger,
            triggered_by=triggered_by,
            window_start=window_start,
            window_end=window_end,
            base_currency=base_currency,
            counts=counts,
            started_at=started_at,
            finished_at=finished_at,
            created_at=created_at,
            updated_at=updated_at,
        )

        tier_evaluation.additional_properties = d
        return tier_evaluation

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
