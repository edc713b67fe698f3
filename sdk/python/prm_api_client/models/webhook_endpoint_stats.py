from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEndpointStats")


@_attrs_define
class WebhookEndpointStats:
    """
    Attributes:
        success_rate (float | None): Share of attempts in the last 24 h that got a 2xx; null without attempts.
        attempts_24h (int):
        last_success_at (datetime.datetime | None):
        last_failure_at (datetime.datetime | None):
        consecutive_failures (int): Failed attempts since the last success.
        failing_since (datetime.datetime | None): Start of the current run of failures; the endpoint is disabled after
            it lasts 5 days.
        pending_deliveries (int):
    """

    success_rate: float | None
    attempts_24h: int
    last_success_at: datetime.datetime | None
    last_failure_at: datetime.datetime | None
    consecutive_failures: int
    failing_since: datetime.datetime | None
    pending_deliveries: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success_rate: float | None
        success_rate = self.success_rate

        attempts_24h = self.attempts_24h

        last_success_at: None | str
        if isinstance(self.last_success_at, datetime.datetime):
            last_success_at = self.last_success_at.isoformat()
        else:
            last_success_at = self.last_success_at

        last_failure_at: None | str
        if isinstance(self.last_failure_at, datetime.datetime):
            last_failure_at = self.last_failure_at.isoformat()
        else:
            last_failure_at = self.last_failure_at

        consecutive_failures = self.consecutive_failures

        failing_since: None | str
        if isinstance(self.failing_since, datetime.datetime):
            failing_since = self.failing_since.isoformat()
        else:
            failing_since = self.failing_since

        pending_deliveries = self.pending_deliveries

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success_rate": success_rate,
                "attempts_24h": attempts_24h,
                "last_success_at": last_success_at,
                "last_failure_at": last_failure_at,
                "consecutive_failures": consecutive_failures,
                "failing_since": failing_since,
                "pending_deliveries": pending_deliveries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_success_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        success_rate = _parse_success_rate(d.pop("success_rate"))

        attempts_24h = d.pop("attempts_24h")

        def _parse_last_success_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_success_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_success_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_success_at = _parse_last_success_at(d.pop("last_success_at"))

        def _parse_last_failure_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_failure_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_failure_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_failure_at = _parse_last_failure_at(d.pop("last_failure_at"))

        consecutive_failures = d.pop("consecutive_failures")

        def _parse_failing_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failing_since_type_0 = datetime.datetime.fromisoformat(data)

                return failing_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        failing_since = _parse_failing_since(d.pop("failing_since"))

        pending_deliveries = d.pop("pending_deliveries")

        webhook_endpoint_stats = cls(
            success_rate=success_rate,
            attempts_24h=attempts_24h,
            last_success_at=last_success_at,
            last_failure_at=last_failure_at,
            consecutive_failures=consecutive_failures,
            failing_since=failing_since,
            pending_deliveries=pending_deliveries,
        )

        webhook_endpoint_stats.additional_properties = d
        return webhook_endpoint_stats

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
