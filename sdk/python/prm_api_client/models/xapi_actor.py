from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.xapi_account import XapiAccount


T = TypeVar("T", bound="XapiActor")


@_attrs_define
class XapiActor:
    """The user: `mbox` (`mailto:` their email) or `account` (`homePage` the service's
    issuer URL, `name` their user id or email) — exactly one (else 422 `mismatch`).

        Attributes:
            object_type (Literal['Agent'] | None | Unset):
            mbox (None | str | Unset):
            account (None | Unset | XapiAccount):
    """

    object_type: Literal["Agent"] | None | Unset = UNSET
    mbox: None | str | Unset = UNSET
    account: None | Unset | XapiAccount = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.xapi_account import XapiAccount  # noqa: PLC0415

        object_type: Literal["Agent"] | None | Unset
        if isinstance(self.object_type, Unset):
            object_type = UNSET
        else:
            object_type = self.object_type

        mbox: None | str | Unset
        if isinstance(self.mbox, Unset):
            mbox = UNSET
        else:
            mbox = self.mbox

        account: dict[str, Any] | None | Unset
        if isinstance(self.account, Unset):
            account = UNSET
        elif isinstance(self.account, XapiAccount):
            account = self.account.to_dict()
        else:
            account = self.account

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if object_type is not UNSET:
            field_dict["objectType"] = object_type
        if mbox is not UNSET:
            field_dict["mbox"] = mbox
        if account is not UNSET:
            field_dict["account"] = account

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.xapi_account import XapiAccount  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_object_type(data: object) -> Literal["Agent"] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            object_type_type_0 = cast(Literal["Agent"], data)
            if object_type_type_0 != "Agent":
                raise ValueError(f"objectType_type_0 must match const 'Agent', got '{object_type_type_0}'")
            return object_type_type_0
            return cast(Literal["Agent"] | None | Unset, data)

        object_type = _parse_object_type(d.pop("objectType", UNSET))

        def _parse_mbox(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mbox = _parse_mbox(d.pop("mbox", UNSET))

        def _parse_account(data: object) -> None | Unset | XapiAccount:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                account_type_0 = XapiAccount.from_dict(data)

                return account_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | XapiAccount, data)

        account = _parse_account(d.pop("account", UNSET))

        xapi_actor = cls(
            object_type=object_type,
            mbox=mbox,
            account=account,
        )

        xapi_actor.additional_properties = d
        return xapi_actor

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
