from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.xapi_activity import XapiActivity
    from ..models.xapi_actor import XapiActor
    from ..models.xapi_result import XapiResult
    from ..models.xapi_verb import XapiVerb


T = TypeVar("T", bound="XapiStatement")


@_attrs_define
class XapiStatement:
    """
    Attributes:
        actor (XapiActor): The user: `mbox` (`mailto:` their email) or `account` (`homePage` the service's
            issuer URL, `name` their user id or email) — exactly one (else 422 `mismatch`).
        verb (XapiVerb):
        object_ (XapiActivity):
        id (None | Unset | UUID): Idempotency: the same id twice records one result.
        result (None | Unset | XapiResult):
        timestamp (datetime.datetime | None | Unset): When it happened (default: when it is stored).
    """

    actor: XapiActor
    verb: XapiVerb
    object_: XapiActivity
    id: None | Unset | UUID = UNSET
    result: None | Unset | XapiResult = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.xapi_result import XapiResult  # noqa: PLC0415

        actor = self.actor.to_dict()

        verb = self.verb.to_dict()

        object_ = self.object_.to_dict()

        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        elif isinstance(self.id, UUID):
            id = str(self.id)
        else:
            id = self.id

        result: dict[str, Any] | None | Unset
        if isinstance(self.result, Unset):
            result = UNSET
        elif isinstance(self.result, XapiResult):
            result = self.result.to_dict()
        else:
            result = self.result

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor": actor,
                "verb": verb,
                "object": object_,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if result is not UNSET:
            field_dict["result"] = result
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.xapi_activity import XapiActivity  # noqa: PLC0415
        from ..models.xapi_actor import XapiActor  # noqa: PLC0415
        from ..models.xapi_result import XapiResult  # noqa: PLC0415
        from ..models.xapi_verb import XapiVerb  # noqa: PLC0415

        d = dict(src_dict)
        actor = XapiActor.from_dict(d.pop("actor"))

        verb = XapiVerb.from_dict(d.pop("verb"))

        object_ = XapiActivity.from_dict(d.pop("object"))

        def _parse_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                id_type_0 = UUID(data)

                return id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_result(data: object) -> None | Unset | XapiResult:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = XapiResult.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | XapiResult, data)

        result = _parse_result(d.pop("result", UNSET))

        def _parse_timestamp(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                timestamp_type_0 = datetime.datetime.fromisoformat(data)

                return timestamp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        timestamp = _parse_timestamp(d.pop("timestamp", UNSET))

        xapi_statement = cls(
            actor=actor,
            verb=verb,
            object_=object_,
            id=id,
            result=result,
            timestamp=timestamp,
        )

        xapi_statement.additional_properties = d
        return xapi_statement

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
