from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.recommendation_kind import RecommendationKind
from ..models.recommendation_priority import RecommendationPriority

if TYPE_CHECKING:
    from ..models.recommendation_figures import RecommendationFigures
    from ..models.recommendation_target import RecommendationTarget


T = TypeVar("T", bound="Recommendation")


@_attrs_define
class Recommendation:
    """A next best action for the partner, with why and the numbers behind it.

    Attributes:
        kind (RecommendationKind): What a recommendation asks for.
        priority (RecommendationPriority): `high` first: deadlines within days, or what the next tier lacks.
        title (str):
        reason (str):
        figures (RecommendationFigures): The numbers behind it, by name (money amounts as decimal strings).
        target (RecommendationTarget): The thing to act on, and where the API serves it.
        related (list[RecommendationTarget]): Further things involved (the courses a certification program requires).
    """

    kind: RecommendationKind
    priority: RecommendationPriority
    title: str
    reason: str
    figures: RecommendationFigures
    target: RecommendationTarget
    related: list[RecommendationTarget]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        priority = self.priority.value

        title = self.title

        reason = self.reason

        figures = self.figures.to_dict()

        target = self.target.to_dict()

        related = []
        for related_item_data in self.related:
            related_item = related_item_data.to_dict()
            related.append(related_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "priority": priority,
                "title": title,
                "reason": reason,
                "figures": figures,
                "target": target,
                "related": related,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.recommendation_figures import RecommendationFigures  # noqa: PLC0415
        from ..models.recommendation_target import RecommendationTarget  # noqa: PLC0415

        d = dict(src_dict)
        kind = RecommendationKind(d.pop("kind"))

        priority = RecommendationPriority(d.pop("priority"))

        title = d.pop("title")

        reason = d.pop("reason")

        figures = RecommendationFigures.from_dict(d.pop("figures"))

        target = RecommendationTarget.from_dict(d.pop("target"))

        related = []
        _related = d.pop("related")
        for related_item_data in _related:
            related_item = RecommendationTarget.from_dict(related_item_data)

            related.append(related_item)

        recommendation = cls(
            kind=kind,
            priority=priority,
            title=title,
            reason=reason,
            figures=figures,
            target=target,
            related=related,
        )

        recommendation.additional_properties = d
        return recommendation

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
