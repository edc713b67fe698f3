from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.partner_role import PartnerRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="PartnerUserCreate")


@_attrs_define
class PartnerUserCreate:
    """
    Attributes:
        email (str):
        name (str):
        role (PartnerRole | Unset):
        password (None | str | Unset): Initial password; omit it and send an invitation instead.
    """

    email: str
    name: str
    role: PartnerRole | Unset = UNSET
    password: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        role: str | Unset = UNSET
        if not isinstance(self.role, Unset):
            role = self.role.value

        password: None | str | Unset
        if isinstance(self.password, Unset):
            password = UNSET
        else:
            password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "name": name,
            }
        )
        if role is not UNSET:
            field_dict["role"] = role
        if password is not UNSET:
            field_dict["password"] = password

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        _role = d.pop("role", UNSET)
        role: PartnerRole | Unset
        if isinstance(_role, Unset):
            role = UNSET
        else:
            role = PartnerRole(_role)

        def _parse_password(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        password = _parse_password(d.pop("password", UNSET))

        partner_user_create = cls(
            email=email,
            name=name,
            role=role,
            password=password,
        )

        return partner_user_create
