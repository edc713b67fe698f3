from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.vendor_role import VendorRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="UserUpdate")


@_attrs_define
class UserUpdate:
    """Send only the fields to change. Omitted means unchanged; `null` is refused (422).

    Attributes:
        name (str | Unset):
        role (VendorRole | Unset): A vendor staff role: what users created under `/v1/users` and API clients hold.
        password (str | Unset):
    """

    name: str | Unset = UNSET
    role: VendorRole | Unset = UNSET
    password: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if role is not UNSET:
            field_dict["role"] = role
        if password is not UNSET:
            field_dict["password"] = password

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        _role = d.pop("role", UNSET)
        role: VendorRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = VendorRole(_role)

        password = d.pop("password", UNSET)

        user_update = cls(
            name=name,
            role=role,
            password=password,
        )

        return user_update
