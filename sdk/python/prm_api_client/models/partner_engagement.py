from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.asset_downloads import AssetDownloads
    from ..models.month_downloads import MonthDownloads


T = TypeVar("T", bound="PartnerEngagement")


@_attrs_define
class PartnerEngagement:
    """A partner's completed asset downloads in a window.

    Attributes:
        partner_id (UUID):
        from_ (datetime.datetime | None): Inclusive; null: no lower bound.
        to (datetime.datetime | None): Exclusive; null: up to now.
        total (int):
        by_asset (list[AssetDownloads]): Most downloaded first.
        by_month (list[MonthDownloads]): Months with downloads, oldest first.
    """

    partner_id: UUID
    from_: datetime.datetime | None
    to: datetime.datetime | None
    total: int
    by_asset: list[AssetDownloads]
    by_month: list[MonthDownloads]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        partner_id = str(self.partner_id)

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

        by_asset = []
        for by_asset_item_data in self.by_asset:
            by_asset_item = by_asset_item_data.to_dict()
            by_asset.append(by_asset_item)

        by_month = []
        for by_month_item_data in self.by_month:
            by_month_item = by_month_item_data.to_dict()
            by_month.append(by_month_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "partner_id": partner_id,
                "from": from_,
                "to": to,
                "total": total,
                "by_asset": by_asset,
                "by_month": by_month,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.asset_downloads import AssetDownloads  # noqa: PLC0415
        from ..models.month_downloads import MonthDownloads  # noqa: PLC0415

        d = dict(src_dict)
        partner_id = UUID(d.pop("partner_id"))

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

        by_asset = []
        _by_asset = d.pop("by_asset")
        for by_asset_item_data in _by_asset:
            by_asset_item = AssetDownloads.from_dict(by_asset_item_data)

            by_asset.append(by_asset_item)

        by_month = []
        _by_month = d.pop("by_month")
        for by_month_item_data in _by_month:
            by_month_item = MonthDownloads.from_dict(by_month_item_data)

            by_month.append(by_month_item)

        partner_engagement = cls(
            partner_id=partner_id,
            from_=from_,
            to=to,
            total=total,
            by_asset=by_asset,
            by_month=by_month,
        )

        partner_engagement.additional_properties = d
        return partner_engagement

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
