from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.api_client_create_role import ApiClientCreateRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiClientCreate")


@_attrs_define
class ApiClientCreate:
    """
    Attributes:
        name (str):
        role (ApiClientCreateRole): Role whose scope ceiling caps this client.
        scopes (list[str] | None | Unset): Scopes to allow; default is everything the role allows.
    """

    name: str
    role: ApiClientCreateRole
    scopes: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role = self.role.value

        scopes: list[str] | None | Unset
        if isinstance(self.scopes, Unset):
            scopes = UNSET
        elif isinstance(self.scopes, list):
            scopes = self.scopes

        else:
            scopes = self.scopes

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "role": role,
            }
        )
        if scopes is not UNSET:
            field_dict["scopes"] = scopes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        role = ApiClientCreateRole(d.pop("role"))

        def _parse_scopes(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                scopes_type_0 = cast(list[str], data)

                return scopes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        scopes = _parse_scopes(d.pop("scopes", UNSET))

        api_client_create = cls(
            name=name,
            role=role,
            scopes=scopes,
        )

        return api_client_create
