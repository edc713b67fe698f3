from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="XapiActivity")


@_attrs_define
class XapiActivity:
    """
    Attributes:
        id (str): The course's activity IRI.
        object_type (Literal['Activity'] | None | Unset):
    """

    id: str
    object_type: Literal["Activity"] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_type: Literal["Activity"] | None | Unset
        if isinstance(self.object_type, Unset):
            object_type = UNSET
        else:
            object_type = self.object_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if object_type is not UNSET:
            field_dict["objectType"] = object_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_object_type(data: object) -> Literal["Activity"] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            object_type_type_0 = cast(Literal["Activity"], data)
            if object_type_type_0 != "Activity":
                raise ValueError(f"objectType_type_0 must match const 'Activity', got '{object_type_type_0}'")
            return object_type_type_0
            return cast(Literal["Activity"] | None | Unset, data)

        object_type = _parse_object_type(d.pop("objectType", UNSET))

        xapi_activity = cls(
            id=id,
            object_type=object_type,
        )

        xapi_activity.additional_properties = d
        return xapi_activity

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
