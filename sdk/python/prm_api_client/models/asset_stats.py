from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.day_downloads import DayDownloads
    from ..models.partner_downloads import PartnerDownloads
    from ..models.version_downloads import VersionDownloads


T = TypeVar("T", bound="AssetStats")


@_attrs_define
class AssetStats:
    """Completed downloads of an asset in a window (a download in several range requests
    counts once).

        Attributes:
            asset_id (UUID):
            from_ (datetime.datetime | None): Inclusive; null: no lower bound.
            to (datetime.datetime | None): Exclusive; null: up to now.
            total (int):
            by_partner (list[PartnerDownloads]): Most downloads first.
            by_day (list[DayDownloads]): Days with downloads, oldest first.
            by_version (list[VersionDownloads]): Newest version first.
    """

    asset_id: UUID
    from_: datetime.datetime | None
    to: datetime.datetime | None
    total: int
    by_partner: list[PartnerDownloads]
    by_day: list[DayDownloads]
    by_version: list[VersionDownloads]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asset_id = str(self.asset_id)

        from_: None | str
        if isinstance(self.from_, datetime.datetime):
            from_ = self.from_.isoformat()
        else:
            from_ = self.from_

        to: None | str
        if isinstance(self.to, datetime.datetime):
            to = self.to.isoformat()
        else:
            to = self.to

        total = self.total

        by_partner = []
        for by_partner_item_data in self.by_partner:
            by_partner_item = by_partner_item_data.to_dict()
            by_partner.append(by_partner_item)

        by_day = []
        for by_day_item_data in self.by_day:
            by_day_item = by_day_item_data.to_dict()
            by_day.append(by_day_item)

        by_version = []
        for by_version_item_data in self.by_version:
            by_version_item = by_version_item_data.to_dict()
            by_version.append(by_version_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_id": asset_id,
                "from": from_,
                "to": to,
                "total": total,
                "by_partner": by_partner,
                "by_day": by_day,
                "by_version": by_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.day_downloads import DayDownloads  # noqa: PLC0415
        from ..models.partner_downloads import PartnerDownloads  # noqa: PLC0415
        from ..models.version_downloads import VersionDownloads  # noqa: PLC0415

        d = dict(src_dict)
        asset_id = UUID(d.pop("asset_id"))

        def _parse_from_(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_type_0 = datetime.datetime.fromisoformat(data)

                return from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        from_ = _parse_from_(d.pop("from"))

        def _parse_to(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                to_type_0 = datetime.datetime.fromisoformat(data)

                return to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        to = _parse_to(d.pop("to"))

        total = d.pop("total")

        by_partner = []
        _by_partner = d.pop("by_partner")
        for by_partner_item_data in _by_partner:
            by_partner_item = PartnerDownloads.from_dict(by_partner_item_data)

            by_partner.append(by_partner_item)

        by_day = []
        _by_day = d.pop("by_day")
        for by_day_item_data in _by_day:
            by_day_item = DayDownloads.from_dict(by_day_item_data)

            by_day.append(by_day_item)

        by_version = []
        _by_version = d.pop("by_version")
        for by_version_item_data in _by_version:
            by_version_item = VersionDownloads.from_dict(by_version_item_data)

            by_version.append(by_version_item)

        asset_stats = cls(
            asset_id=asset_id,
            from_=from_,
            to=to,
            total=total,
            by_partner=by_partner,
            by_day=by_day,
            by_version=by_version,
        )

        asset_stats.additional_properties = d
        return asset_stats

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
