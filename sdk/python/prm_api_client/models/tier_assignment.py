from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="TierAssignment")


@_attrs_define
class TierAssignment:
    """
    Attributes:
        tier_id (None | UUID): The tier to assign; null removes the tier.
        reason (str): Why; kept and audited.
    """

    tier_id: None | UUID
    reason: str

    def to_dict(self) -> dict[str, Any]:
        tier_id: None | str
        if isinstance(self.tier_id, UUID):
            tier_id = str(self.tier_id)
        else:
            tier_id = self.tier_id

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tier_id": tier_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_tier_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tier_id_type_0 = UUID(data)

                return tier_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        tier_id = _parse_tier_id(d.pop("tier_id"))

        reason = d.pop("reason")

        tier_assignment = cls(
            tier_id=tier_id,
            reason=reason,
        )

        return tier_assignment
