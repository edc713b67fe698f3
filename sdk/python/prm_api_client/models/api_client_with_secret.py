from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role

T = TypeVar("T", bound="ApiClientWithSecret")


@_attrs_define
class ApiClientWithSecret:
    """
    Attributes:
        id (UUID):
        client_id (str): Use as the OAuth2 `client_id`.
        name (str):
        role (Role): Every role a user or API client can hold: vendor staff (`admin`, `channel_manager`)
            or a partner's people (`partner_admin`, `partner_user`).
        scopes (list[str]): Scopes this client may request (within its role).
        partner_id (None | UUID):
        active (bool):
        secret_last4 (str): Last four characters of the current secret.
        secret_rotated_at (datetime.datetime | None):
        revoked_at (datetime.datetime | None):
        last_used_at (datetime.datetime | None):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        client_secret (str): Shown once. Store it now; it cannot be read again.
    """

    id: UUID
    client_id: str
    name: str
    role: Role
    scopes: list[str]
    partner_id: None | UUID
    active: bool
    secret_last4: str
    secret_rotated_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    last_used_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    client_secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        client_id = self.client_id

        name = self.name

        role = self.role.value

        scopes = self.scopes

        partner_id: None | str
        if isinstance(self.partner_id, UUID):
            partner_id = str(self.partner_id)
        else:
            partner_id = self.partner_id

        active = self.active

        secret_last4 = self.secret_last4

        secret_rotated_at: None | str
        if isinstance(self.secret_rotated_at, datetime.datetime):
            secret_rotated_at = self.secret_rotated_at.isoformat()
        else:
            secret_rotated_at = self.secret_rotated_at

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        last_used_at: None | str
        if isinstance(self.last_used_at, datetime.datetime):
            last_used_at = self.last_used_at.isoformat()
        else:
            last_used_at = self.last_used_at

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        client_secret = self.client_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "client_id": client_id,
                "name": name,
                "role": role,
                "scopes": scopes,
                "partner_id": partner_id,
                "active": active,
                "secret_last4": secret_last4,
                "secret_rotated_at": secret_rotated_at,
                "revoked_at": revoked_at,
                "last_used_at": last_used_at,
                "created_at": created_at,
                "updated_at": updated_at,
                "client_secret": client_secret,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        client_id = d.pop("client_id")

        name = d.pop("name")

        role = Role(d.pop("role"))

        scopes = cast(list[str], d.pop("scopes"))

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

        active = d.pop("active")

        secret_last4 = d.pop("secret_last4")

        def _parse_secret_rotated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                secret_rotated_at_type_0 = datetime.datetime.fromisoformat(data)

                return secret_rotated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        secret_rotated_at = _parse_secret_rotated_at(d.pop("secret_rotated_at"))

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        def _parse_last_used_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_used_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_used_at = _parse_last_used_at(d.pop("last_used_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        client_secret = d.pop("client_secret")

        api_client_with_secret = cls(
            id=id,
            client_id=client_id,
            name=name,
            role=role,
            scopes=scopes,
            partner_id=partner_id,
            active=active,
            secret_last4=secret_last4,
            secret_rotated_at=secret_rotated_at,
            revoked_at=revoked_at,
            last_used_at=last_used_at,
            created_at=created_at,
            updated_at=updated_at,
            client_secret=client_secret,
        )

        api_client_with_secret.additional_properties = d
        return api_client_with_secret

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
