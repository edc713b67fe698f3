from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.currency_code import CurrencyCode

if TYPE_CHECKING:
    from ..models.leaderboard_entry import LeaderboardEntry
    from ..models.metrics_period import MetricsPeriod
    from ..models.partner_standing import PartnerStanding


T = TypeVar("T", bound="Leaderboard")


@_attrs_define
class Leaderboard:
    """
    Attributes:
        metric (str):
        date_range (MetricsPeriod):
        base_currency (CurrencyCode): ISO 4217 currency code (upper case).
        ranked (int): How many partners are ranked (every active partner).
        entries (list[LeaderboardEntry]): The top of the ranking (vendor roles); empty for partner tokens.
        you (None | PartnerStanding): The caller's own partner's standing (partner tokens); null for vendors.
    """

    metric: str
    date_range: MetricsPeriod
    base_currency: CurrencyCode
    ranked: int
    entries: list[LeaderboardEntry]
    you: None | PartnerStanding
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.partner_standing import PartnerStanding  # noqa: PLC0415

        metric = self.metric

        date_range = self.date_range.to_dict()

        base_currency = self.base_currency.value

        ranked = self.ranked

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        you: dict[str, Any] | None
        if isinstance(self.you, PartnerStanding):
            you = self.you.to_dict()
        else:
            you = self.you

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "metric": metric,
                "date_range": date_range,
                "base_currency": base_currency,
                "ranked": ranked,
                "entries": entries,
                "you": you,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.leaderboard_entry import LeaderboardEntry  # noqa: PLC0415
        from ..models.metrics_period import MetricsPeriod  # noqa: PLC0415
        from ..models.partner_standing import PartnerStanding  # noqa: PLC0415

        d = dict(src_dict)
        metric = d.pop("metric")

        date_range = MetricsPeriod.from_dict(d.pop("date_range"))

        base_currency = CurrencyCode(d.pop("base_currency"))

        ranked = d.pop("ranked")

        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = LeaderboardEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        def _parse_you(data: object) -> None | PartnerStanding:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                you_type_0 = PartnerStanding.from_dict(data)

                return you_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PartnerStanding, data)

        you = _parse_you(d.pop("you"))

        leaderboard = cls(
            metric=metric,
            date_range=date_range,
            base_currency=base_currency,
            ranked=ranked,
            entries=entries,
            you=you,
        )

        leaderboard.additional_properties = d
        return leaderboard

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
