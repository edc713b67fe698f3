from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.me_subject_type import MeSubjectType
from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """The caller: who the access token belongs to and what it may do.

    Attributes:
        subject_type (MeSubjectType):
        id (str): User id, or the API client's `client_id`.
        client_id (str):
        role (Role): Every role a user or API client can hold: vendor staff (`admin`, `channel_manager`)
            or a partner's people (`partner_admin`, `partner_user`).
        partner_id (None | UUID):
        scopes (list[str]):
        email (None | str | Unset):
        name (None | str | Unset):
    """

    subject_type: MeSubjectType
    id: str
    client_id: str
    role: Role
    partner_id: None | UUID
    scopes: list[str]
    email: None | str | Unset = UNSET
    name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        subject_type = self.subject_type.value

        id = self.id

        client_id = self.client_id

        role = self.role.value

        partner_id: None | str
        if isinstance(self.partner_id, UUID):
            partner_id = str(self.partner_id)
        else:
            partner_id = self.partner_id

        scopes = self.scopes

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "subject_type": subject_type,
                "id": id,
                "client_id": client_id,
                "role": role,
                "partner_id": partner_id,
                "scopes": scopes,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        subject_type = MeSubjectType(d.pop("subject_type"))

        id = d.pop("id")

        client_id = d.pop("client_id")

        role = Role(d.pop("role"))

        def _parse_partner_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                partner_id_type_0 = UUID(data)

                return partner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        partner_id = _parse_partner_id(d.pop("partner_id"))

        scopes = cast(list[str], d.pop("scopes"))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        me = cls(
            subject_type=subject_type,
            id=id,
            client_id=client_id,
            role=role,
            partner_id=partner_id,
            scopes=scopes,
            email=email,
            name=name,
        )

        me.additional_properties = d
        return me

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
