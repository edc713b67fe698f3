from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IntrospectionResponse")


@_attrs_define
class IntrospectionResponse:
    """
    Attributes:
        active (bool):
        token_type (None | str | Unset):
        iss (None | str | Unset):
        sub (None | str | Unset):
        aud (None | str | Unset):
        exp (int | None | Unset):
        iat (int | None | Unset):
        nbf (int | None | Unset):
        jti (None | str | Unset):
        client_id (None | str | Unset):
        scope (None | str | Unset):
        role (None | str | Unset):
        partner_id (None | str | Unset):
    """

    active: bool
    token_type: None | str | Unset = UNSET
    iss: None | str | Unset = UNSET
    sub: None | str | Unset = UNSET
    aud: None | str | Unset = UNSET
    exp: int | None | Unset = UNSET
    iat: int | None | Unset = UNSET
    nbf: int | None | Unset = UNSET
    jti: None | str | Unset = UNSET
    client_id: None | str | Unset = UNSET
    scope: None | str | Unset = UNSET
    role: None | str | Unset = UNSET
    partner_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        token_type: None | str | Unset
        if isinstance(self.token_type, Unset):
            token_type = UNSET
        else:
            token_type = self.token_type

        iss: None | str | Unset
        if isinstance(self.iss, Unset):
            iss = UNSET
        else:
            iss = self.iss

        sub: None | str | Unset
        if isinstance(self.sub, Unset):
            sub = UNSET
        else:
            sub = self.sub

        aud: None | str | Unset
        if isinstance(self.aud, Unset):
            aud = UNSET
        else:
            aud = self.aud

        exp: int | None | Unset
        if isinstance(self.exp, Unset):
            exp = UNSET
        else:
            exp = self.exp

        iat: int | None | Unset
        if isinstance(self.iat, Unset):
            iat = UNSET
        else:
            iat = self.iat

        nbf: int | None | Unset
        if isinstance(self.nbf, Unset):
            nbf = UNSET
        else:
            nbf = self.nbf

        jti: None | str | Unset
        if isinstance(self.jti, Unset):
            jti = UNSET
        else:
            jti = self.jti

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        else:
            client_id = self.client_id

        scope: None | str | Unset
        if isinstance(self.scope, Unset):
            scope = UNSET
        else:
            scope = self.scope

        role: None | str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        else:
            role = self.role

        partner_id: None | str | Unset
        if isinstance(self.partner_id, Unset):
            partner_id = UNSET
        else:
            partner_id = self.partner_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
            }
        )
        if token_type is not UNSET:
            field_dict["token_type"] = token_type
        if iss is not UNSET:
            field_dict["iss"] = iss
        if sub is not UNSET:
            field_dict["sub"] = sub
        if aud is not UNSET:
            field_dict["aud"] = aud
        if exp is not UNSET:
            field_dict["exp"] = exp
        if iat is not UNSET:
            field_dict["iat"] = iat
        if nbf is not UNSET:
            field_dict["nbf"] = nbf
        if jti is not UNSET:
            field_dict["jti"] = jti
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if scope is not UNSET:
            field_dict["scope"] = scope
        if role is not UNSET:
            field_dict["role"] = role
        if partner_id is not UNSET:
            field_dict["partner_id"] = partner_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        def _parse_token_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        token_type = _parse_token_type(d.pop("token_type", UNSET))

        def _parse_iss(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        iss = _parse_iss(d.pop("iss", UNSET))

        def _parse_sub(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sub = _parse_sub(d.pop("sub", UNSET))

        def _parse_aud(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        aud = _parse_aud(d.pop("aud", UNSET))

        def _parse_exp(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        exp = _parse_exp(d.pop("exp", UNSET))

        def _parse_iat(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        iat = _parse_iat(d.pop("iat", UNSET))

        def _parse_nbf(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        nbf = _parse_nbf(d.pop("nbf", UNSET))

        def _parse_jti(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jti = _parse_jti(d.pop("jti", UNSET))

        def _parse_client_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))

        def _parse_scope(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scope = _parse_scope(d.pop("scope", UNSET))

        def _parse_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        role = _parse_role(d.pop("role", UNSET))

        def _parse_partner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        partner_id = _parse_partner_id(d.pop("partner_id", UNSET))

        introspection_response = cls(
            active=active,
            token_type=token_type,
            iss=iss,
            sub=sub,
            aud=aud,
            exp=exp,
            iat=iat,
            nbf=nbf,
            jti=jti,
            client_id=client_id,
            scope=scope,
            role=role,
            partner_id=partner_id,
        )

        introspection_response.additional_properties = d
        return introspection_response

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
