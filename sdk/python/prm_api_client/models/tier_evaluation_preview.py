from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.evaluation_mode import EvaluationMode

if TYPE_CHECKING:
    from ..models.planned_cancellation import PlannedCancellation
    from ..models.planned_change import PlannedChange


T = TypeVar("T", bound="TierEvaluationPreview")


@_attrs_define
class TierEvaluationPreview:
    """
    Attributes:
        mode (EvaluationMode):
        window_start (datetime.date):
        window_end (datetime.date):
        base_currency (str):
        partners_evaluated (int):
        changes (list[PlannedChange]): Every change a run would record now.
        cancellations (list[PlannedCancellation]): Open changes of earlier runs a run would cancel.
        kept (int): Downgrades already in their grace period that a run would leave as they are (same tiers: the grace
            period keeps running).
    """

    mode: EvaluationMode
    window_start: datetime.date
    window_end: datetime.date
    base_currency: str
    partners_evaluated: int
    changes: list[PlannedChange]
    cancellations: list[PlannedCancellation]
    kept: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode.value

        window_start = self.window_start.isoformat()

        window_end = self.window_end.isoformat()

        base_currency = self.base_currency

        partners_evaluated = self.partners_evaluated

        changes = []
        for changes_item_data in self.changes:
            changes_item = changes_item_data.to_dict()
            changes.append(changes_item)

        cancellations = []
        for cancellations_item_data in self.cancellations:
            cancellations_item = cancellations_item_data.to_dict()
            cancellations.append(cancellations_item)

        kept = self.kept

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mode": mode,
                "window_start": window_start,
                "window_end": window_end,
                "base_currency": base_currency,
                "partners_evaluated": partners_evaluated,
                "changes": changes,
                "cancellations": cancellations,
                "kept": kept,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.planned_cancellation import PlannedCancellation  # noqa: PLC0415
        from ..models.planned_change import PlannedChange  # noqa: PLC0415

        d = dict(src_dict)
        mode = EvaluationMode(d.pop("mode"))

        window_start = datetime.date.fromisoformat(d.pop("window_start"))

        window_end = datetime.date.fromisoformat(d.pop("window_end"))

        base_currency = d.pop("base_currency")

        partners_evaluated = d.pop("partners_evaluated")

        changes = []
        _changes = d.pop("changes")
        for changes_item_data in _changes:
            changes_item = PlannedChange.from_dict(changes_item_data)

            changes.append(changes_item)

        cancellations = []
        _cancellations = d.pop("cancellations")
        for cancellations_item_data in _cancellations:
            cancellations_item = PlannedCancellation.from_dict(cancellations_item_data)

            cancellations.append(cancellations_item)

        kept = d.pop("kept")

        tier_evaluation_preview = cls(
            mode=mode,
            window_start=window_start,
            window_end=window_end,
            base_currency=base_currency,
            partners_evaluated=partners_evaluated,
            changes=changes,
            cancellations=cancellations,
            kept=kept,
        )

        tier_evaluation_preview.additional_properties = d
        return tier_evaluation_preview

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
