from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.certification_credential_credential import CertificationCredentialCredential


T = TypeVar("T", bound="CertificationCredential")


@_attrs_define
class CertificationCredential:
    """The JSON form of a downloaded credential.

    Attributes:
        jwt (str): The VC-JWT (what `application/vc+jwt` returns alone).
        credential (CertificationCredentialCredential): The Open Badges 3.0 `OpenBadgeCredential` the JWT's payload
            holds.
    """

    jwt: str
    credential: CertificationCredentialCredential
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        jwt = self.jwt

        credential = self.credential.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jwt": jwt,
                "credential": credential,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.certification_credential_credential import CertificationCredentialCredential  # noqa: PLC0415

        d = dict(src_dict)
        jwt = d.pop("jwt")

        credential = CertificationCredentialCredential.from_dict(d.pop("credential"))

        certification_credential = cls(
            jwt=jwt,
            credential=credential,
        )

        certification_credential.additional_properties = d
        return certification_credential

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
