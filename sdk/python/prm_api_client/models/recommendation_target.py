from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.recommendation_target_type import RecommendationTargetType

T = TypeVar("T", bound="RecommendationTarget")


@_attrs_define
class RecommendationTarget:
    """The thing to act on, and where the API serves it.

    Attributes:
        type_ (RecommendationTargetType): The kind of thing to act on.
        id (UUID):
        name (str):
        href (str):
    """

    type_: RecommendationTargetType
    id: UUID
    name: str
    href: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        id = str(self.id)

        name = self.name

        href = self.href

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "id": id,
                "name": name,
                "href": href,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = RecommendationTargetType(d.pop("type"))

        id = UUID(d.pop("id"))

        name = d.pop("name")

        href = d.pop("href")

        recommendation_target = cls(
            type_=type_,
            id=id,
            name=name,
            href=href,
        )

        recommendation_target.additional_properties = d
        return recommendation_target

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
