from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.expiring_certification import ExpiringCertification


T = TypeVar("T", bound="ScorecardCertifications")


@_attrs_define
class ScorecardCertifications:
    """
    Attributes:
        certified_users (int): Users holding an active, unexpired certification.
        held (int): Active, unexpired certifications.
        expiring_within_days (int):
        expiring_count (int): Held certifications expiring within that many days.
        expiring (list[ExpiringCertification]): The first 50 of them, soonest first.
    """

    certified_users: int
    held: int
    expiring_within_days: int
    expiring_count: int
    expiring: list[ExpiringCertification]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        certified_users = self.certified_users

        held = self.held

        expiring_within_days = self.expiring_within_days

        expiring_count = self.expiring_count

        expiring = []
        for expiring_item_data in self.expiring:
            expiring_item = expiring_item_data.to_dict()
            expiring.append(expiring_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "certified_users": certified_users,
                "held": held,
                "expiring_within_days": expiring_within_days,
                "expiring_count": expiring_count,
                "expiring": expiring,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.expiring_certification import ExpiringCertification  # noqa: PLC0415

        d = dict(src_dict)
        certified_users = d.pop("certified_users")

        held = d.pop("held")

        expiring_within_days = d.pop("expiring_within_days")

        expiring_count = d.pop("expiring_count")

        expiring = []
        _expiring = d.pop("expiring")
        for expiring_item_data in _expiring:
            expiring_item = ExpiringCertification.from_dict(expiring_item_data)

            expiring.append(expiring_item)

        scorecard_certifications = cls(
            certified_users=certified_users,
            held=held,
            expiring_within_days=expiring_within_days,
            expiring_count=expiring_count,
            expiring=expiring,
        )

        scorecard_certifications.additional_properties = d
        return scorecard_certifications

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
